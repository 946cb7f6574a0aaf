"""Settings for the test suite: the development defaults (no HTTPS redirect, plain static
storage, a throw-away secret key). Django's test runner still runs the tests with DEBUG off."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

from portal.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests

# The page cache is switched on by the tests that are about it (tests/portal/test_cache.py):
# elsewhere a test that changes rows inside its rolled-back transaction would otherwise read a
# page cached by an earlier test.
PUBLIC_CACHE_SECONDS = 0
# A second alias on the same test database, for the read replica router's tests
# (tests/portal/test_db_routers.py); DATABASE_READ_REPLICA stays empty elsewhere.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
# Neither throttled nor locked out unless a test turns it on (tests/portal/test_hardening.py).
RATELIMIT_ENABLED = False
AXES_ENABLED = False
