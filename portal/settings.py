"""Settings for the governance records portal.

Everything that differs between a laptop and production is read from the environment:
DATABASE_URL (default: the embedded SQLite file), SECRET_KEY, DEBUG, ALLOWED_HOSTS.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
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
CSRF_FAILURE_VIEW = "portal.kernel.errors.csrf_failure"
# Under DEBUG (bin/run), 404 and 400 answer with the French pages too (portal/kernel/errors.py).
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
    "simple_history",
    "axes",
    "portal",
    "deliberations",
    "pma_reports",
    "territory_project",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # ETag on every whole (non-streamed) answer and 304 to a client holding it: the API's
    # JSON pages among them (the CSV and iCalendar exports, streamed, set their own).
    "portal.kernel.middleware.SuccessfulConditionalGetMiddleware",
    # Content-Security-Policy (CONTENT_SECURITY_POLICY below) and Permissions-Policy.
    "csp.middleware.CSPMiddleware",
    "portal.kernel.middleware.permissions_policy",
    # Before the views it protects, after nothing that costs much (portal/kernel/ratelimit.py).
    "portal.kernel.ratelimit.RateLimitMiddleware",
    # NUL in the address or the query string: 400 before any view queries PostgreSQL.
    "portal.kernel.middleware.reject_nul_bytes",
    # A database down or restarting answers a French 503 page (portal/kernel/resilience.py).
    "portal.kernel.resilience.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The audit trail records the account of the request (simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its French page.
    "axes.middleware.AxesMiddleware",
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

# Past one machine (README, « Déploiement à grande échelle »): the public read-only views read
# from a replica when DATABASE_REPLICA_URL is set (portal/kernel/db_routers.py); writes and every
# other read stay on the primary.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
DATABASE_READ_REPLICA = "replica" if DATABASE_REPLICA_URL else ""
DATABASE_ROUTERS = ["portal.kernel.db_routers.ReplicaRouter"]

# Local memory by default (one cache per process); Redis, shared by every process and
# machine, when CACHE_URL is set (redis://127.0.0.1:6379/0).
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL else
        # The row cache writes one entry per list row (50 an API page): Django's default of 300
        # entries would cull it on every other page. About 2 kB an entry, 40 MB at most.
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal",
         "OPTIONS": {"MAX_ENTRIES": 20000}}
    )
}
# Public pages and facets are cached this long at most (0: no cache); any write to a model of
# these apps invalidates them at once (portal/kernel/cache.py).
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "300"))
PUBLIC_CACHE_APPS = ["portal", "deliberations", "pma_reports", "territory_project"]

# Extract issuing and batch exports run in a Celery worker when CELERY_BROKER_URL is set
# (redis://127.0.0.1:6379/1); without it they run in the request, as before.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL) or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_IMPORTS = ["deliberations.extracts.tasks", "deliberations.alerts.tasks"]
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Paris"
# celery -A portal.celery beat: the e-mail alerts' digests each morning (publications up to the
# day before) and the deletion of unconfirmed subscriptions (deliberations/alerts/tasks.py).
CELERY_BEAT_SCHEDULE = {
    "alerts-digests": {"task": "alerts.send_digests",
                       "schedule": crontab(hour=6, minute=30)},
    "alerts-purge-unconfirmed": {"task": "alerts.purge_unconfirmed",
                                 "schedule": crontab(hour=3, minute=15)},
}

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


def extracts_storage(environ) -> dict:
    """Where issued extracts and batch exports are stored: MEDIA_ROOT by default; an
    S3-compatible bucket (django-storages, boto3) with EXTRACTS_STORAGE=s3 and the AWS_*
    variables; or any Django storage class named by EXTRACTS_STORAGE_BACKEND."""
    kind = environ.get("EXTRACTS_STORAGE", "filesystem").strip().lower()
    if environ.get("EXTRACTS_STORAGE_BACKEND"):
        return {"BACKEND": environ["EXTRACTS_STORAGE_BACKEND"]}
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(
            f"EXTRACTS_STORAGE={kind!r} : valeurs possibles « filesystem » ou « s3 »."
        )
    if not environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured(
            "EXTRACTS_STORAGE=s3 demande AWS_STORAGE_BUCKET_NAME (et les identifiants "
            "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, éventuellement AWS_S3_ENDPOINT_URL)."
        )
    options = {
        "bucket_name": environ["AWS_STORAGE_BUCKET_NAME"],
        "location": environ.get("AWS_LOCATION", "extraits"),
        # Extracts are public documents served by the portal's own view: no public ACL.
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    for option, name in (("endpoint_url", "AWS_S3_ENDPOINT_URL"),
                         ("region_name", "AWS_S3_REGION_NAME"),
                         ("access_key", "AWS_ACCESS_KEY_ID"),
                         ("secret_key", "AWS_SECRET_ACCESS_KEY")):
        if environ.get(name):
            options[option] = environ[name]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "extracts": extracts_storage(os.environ),
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

# Content-Security-Policy (django-csp): everything from this site, no inline script or style
# (neither <script>/<style> bodies nor style="" attributes: tests/portal/test_hardening.py
# scans the templates and the rendered pages), no plugin, no framing, forms posted here only.
# The admin's own scripts set styles through the DOM (element.style), which CSP allows.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Permissions-Policy (portal/kernel/middleware.py): the portal uses none of these browser features.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Admin login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one
# account from one address, that pair is locked out for AXES_COOLOFF_TIME (French page with
# Retry-After, portal/kernel/lockout.py). A successful login clears the count.
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: it refuses a locked-out login before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.kernel.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "portal.kernel.ratelimit.client_ip"
AXES_VERBOSE = False
AXES_COOLOFF_MESSAGE = "Connexion bloquée : trop de tentatives. Réessayez plus tard."
AXES_PERMALOCK_MESSAGE = ("Connexion bloquée : trop de tentatives. Demandez à "
                          "l'administrateur du registre de débloquer le compte.")

# Rate limits on the costly public endpoints (portal/kernel/ratelimit.py): "requests/seconds" per
# client address; over it, a French 429 page with Retry-After. RATELIMIT_ENABLED=0 turns
# them off (the load benchmark does). The counters live in Django's cache (CACHES); with
# the default per-process memory cache, each server process counts on its own.
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
RATELIMITS = {
    "search": os.environ.get("RATELIMIT_SEARCH", "60/60"),
    "api": os.environ.get("RATELIMIT_API", "120/60"),
    "verification": os.environ.get("RATELIMIT_VERIFICATION", "10/60"),
    # The e-mail alerts' forms: each accepted request sends a mail to the address typed.
    "alerts": os.environ.get("RATELIMIT_ALERTS", "10/3600"),
}

# Audit trail (django-simple-history): the history is read in the admin, never reverted
# from it (a published act changes only by a rectification).
SIMPLE_HISTORY_REVERT_DISABLED = True

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # The public API is read-only and anonymous: the site's own session at most (a staff
    # member browsing it), never an HTTP Basic password sent with every request and open to
    # guessing outside the login lock-out (DRF's default adds BasicAuthentication).
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Counts stop at 10 000 (no COUNT(*) of a whole table on every page).
    "DEFAULT_PAGINATION_CLASS": "portal.kernel.pagination.CappedPageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API des délibérations",
    "DESCRIPTION": "API publique en lecture seule : délibérations publiées, séances, élus.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The libraries' generated descriptions in French (portal/kernel/api_schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.kernel.api_schema.french_descriptions",
        "portal.kernel.api_schema.local_times",
    ],
    # Two models have a "status" field with different choices: name both enums explicitly.
    "ENUM_NAME_OVERRIDES": {
        "SessionStatusEnum": "deliberations.models.Session.Status",
        "AttendanceStatusEnum": "deliberations.models.Attendance.Status",
        "VoteResultEnum": "deliberations.models.Deliberation.Result",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Without a broker, tasks run in the calling process: kombu's "No hostname was
        # supplied" and Celery's "Task … succeeded" would be English noise on every console.
        **({"kombu": {"level": "ERROR"}, "celery": {"level": "WARNING"}}
           if CELERY_TASK_ALWAYS_EAGER else {}),
    },
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

# Where the real documents are read by load_seeds.
# The HMAC key signing archive manifests (portal/kernel/archive.py): export_archive and
# import_archive refuse to run without it; the same key on the server that restores.
ARCHIVE_SIGNING_KEY = os.environ.get("ARCHIVE_SIGNING_KEY", "")
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
# E-mail alerts (deliberations/alerts/): a subscription never confirmed is deleted after these
# days; the digest run reads and sends this many subscriptions per batch (one SMTP connection).
ALERTS_UNCONFIRMED_DAYS = int(os.environ.get("ALERTS_UNCONFIRMED_DAYS", "7"))
ALERTS_BATCH_SIZE = int(os.environ.get("ALERTS_BATCH_SIZE", "500"))
# A digest lists at most this many acts, newest first, then links to the list for the rest.
ALERTS_DIGEST_MAX_ACTS = int(os.environ.get("ALERTS_DIGEST_MAX_ACTS", "50"))

# The clerk's calendar: targets where the law sets no deadline (L2131-1, L2131-2: an act is
# executory only once transmitted and published), in days after the session / the receipt.
TRANSMISSION_TARGET_DAYS = int(os.environ.get("TRANSMISSION_TARGET_DAYS", "15"))
PUBLICATION_TARGET_DAYS = int(os.environ.get("PUBLICATION_TARGET_DAYS", "7"))
