"""Template tags of the sessions and deliberations pages."""
