"""Settings for the governance records portal.

Everything that differs between a laptop and production is read from the environment:
DATABASE_URL (default: the embedded SQLite file), SECRET_KEY, DEBUG, ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY doit être défini dans l'environnement lorsque DEBUG est désactivé."
        )
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# French page for a form that fails the CSRF check (expired page, cookies off).
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"
# Under DEBUG (bin/run), 404 and 400 answer with the French pages too (portal/errors.py).
FRENCH_ERROR_PAGES_IN_DEBUG = env_bool("FRENCH_ERROR_PAGES_IN_DEBUG", True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "portal",
    "deliberations",
    "pma_reports",
    "territory_project",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A database down or restarting answers a French 503 page (portal/resilience.py).
    "portal.resilience.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if not DEBUG:
    # Production serves its collected static files itself; runserver does it in development.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A kept connection is tested before a request reuses it: after a database restart
        # the portal reconnects by itself instead of failing once per worker.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # An unreachable server fails within seconds (French 503 page) instead of hanging a
    # worker for the system's TCP timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security: secure by default; plain HTTP only for local development (DEBUG).
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# X-Forwarded-Proto says "this request came over https" only when a reverse proxy in front
# overwrites it; without one, a client sending it over plain HTTP would skip the redirect.
TRUSTED_PROXY = env_bool("TRUSTED_PROXY", False)
if TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API des délibérations",
    "DESCRIPTION": "API publique en lecture seule : délibérations publiées, séances, élus.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The libraries' generated descriptions in French (portal/api_schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api_schema.french_descriptions",
    ],
    # Two models have a "status" field with different choices: name both enums explicitly.
    "ENUM_NAME_OVERRIDES": {
        "SessionStatusEnum": "deliberations.models.Session.Status",
        "AttendanceStatusEnum": "deliberations.models.Attendance.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# ---------------------------------------------------------------------------
# Domain configuration (../shared/DOMAIN.md). Rules marked "to confirm" there are settings.
# ---------------------------------------------------------------------------
# Public name of the site and the accessibility status shown on every page (RGAA 4.1).
PORTAL_NAME = os.environ.get("PORTAL_NAME", "Registre des délibérations")
ACCESSIBILITY_STATUS = os.environ.get("ACCESSIBILITY_STATUS", "partiellement conforme")
ACCESSIBILITY_CONTACT = os.environ.get("ACCESSIBILITY_CONTACT", "accessibilite@example.org")

# The Covid-19 derogations (quorum of one third, two proxies) are dated configuration in
# deliberations/rules.py (EXCEPTIONAL_REGIMES), each window with its legal source.
# L2121-12: clear days between the convocation and the session (at least 1 in urgency).
CONVOCATION_CLEAR_DAYS = 5
CONVOCATION_CLEAR_DAYS_URGENT = 1

# Where the real documents are read by load_seed_records.
SEEDS_DIR = Path(os.environ.get("SEEDS_DIR", BASE_DIR.parent / "shared" / "seeds"))

# Certified extracts: optional PAdES signature with a PKCS#12 file.
EXTRACT_SIGNING_P12 = os.environ.get("EXTRACT_SIGNING_P12", "")
EXTRACT_SIGNING_P12_PASSPHRASE = os.environ.get("EXTRACT_SIGNING_P12_PASSPHRASE", "")
# Absolute base URL printed in the extracts (QR code + verification link).
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# Convocations (L2121-10) are sent through Django's email backend: printed on the console by
# default, sent by SMTP once EMAIL_HOST is set (or any backend named by EMAIL_BACKEND).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "assemblees@example.org")

# The clerk's calendar: targets where the law sets no deadline (L2131-1, L2131-2: an act is
# executory only once transmitted and published), in days after the session / the receipt.
TRANSMISSION_TARGET_DAYS = int(os.environ.get("TRANSMISSION_TARGET_DAYS", "15"))
PUBLICATION_TARGET_DAYS = int(os.environ.get("PUBLICATION_TARGET_DAYS", "7"))
