"""Certified extracts: render, issue and verify; their views, admin actions, URLs, signature."""
