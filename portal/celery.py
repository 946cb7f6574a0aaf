"""The Celery application: extract issuing and batch exports run in a worker when
CELERY_BROKER_URL is set (Redis), in the calling process otherwise (CELERY_TASK_ALWAYS_EAGER).

    celery -A portal.celery worker --concurrency 2

The tasks are listed by settings.CELERY_IMPORTS (the apps' `tasks` modules); this module
imports none of them.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
# Every CELERY_* setting of portal/settings.py (broker, eager mode, imports).
app.config_from_object("django.conf:settings", namespace="CELERY")
