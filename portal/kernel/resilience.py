"""A database that is down or restarting answers a French 503 page, not a 500 nor a hang.

`DatabaseUnavailableMiddleware` turns the errors Django raises when it cannot reach the
database (OperationalError: refused, closed or lost connection; InterfaceError: a connection
already closed) into « Service momentanément indisponible » with a Retry-After header; the
500 handler (portal.kernel.errors.server_error) does the same for such an error raised outside a
view. The settings bound the wait (PostgreSQL connect_timeout) and test a kept connection
before reusing it (CONN_HEALTH_CHECKS), so the portal recovers by itself once the database is
back: nothing here retries or caches a failure.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def unavailable_response() -> HttpResponse:
    """The French 503 page, rendered without the request context: context processors and
    the session may need the database that is missing."""
    context = {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "ACCESSIBILITY_STATUS": settings.ACCESSIBILITY_STATUS,
        "retry_after": RETRY_AFTER_SECONDS,
    }
    response = HttpResponse(loader.render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def is_database_unavailable(exception) -> bool:
    return isinstance(exception, DATABASE_UNAVAILABLE)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        logger.error("Base de données injoignable (%s %s) : %s", request.method,
                     request.path, exception)
        return unavailable_response()
