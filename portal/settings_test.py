"""Settings for the test suite: the development defaults (no HTTPS redirect, plain static
storage, a throw-away secret key). Django's test runner still runs the tests with DEBUG off."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

from portal.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
# Neither throttled nor locked out unless a test turns it on (tests/portal/test_hardening.py).
RATELIMIT_ENABLED = False
AXES_ENABLED = False
