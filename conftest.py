"""Test-wide environment: development-like settings (no HTTPS redirect, plain static storage).
Django's test runner still runs the tests with DEBUG off."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
