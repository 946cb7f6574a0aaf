"""French error pages (400, 403, CSRF failure, 404, 500), the 404 and 400 also under DEBUG.

Under DEBUG, Django answers a 404 and a 400 with its English technical pages, and bin/run
serves with DEBUG=1: clerks and citizens trying the portal that way would read English. With
FRENCH_ERROR_PAGES_IN_DEBUG (default on), `install()` routes those two cases to the same
French pages as in production; the technical 500 page (a programming error) is kept.
"""

import sys

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader

from portal.kernel import resilience


def bad_request(request, exception=None):
    return HttpResponseBadRequest(loader.render_to_string("400.html", request=request))


def permission_denied(request, exception=None):
    return HttpResponseForbidden(loader.render_to_string("403.html", request=request))


def page_not_found(request, exception):
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def server_error(request):
    # Called while the exception is handled: a database that is down, met outside a view
    # (a middleware), gets the same French 503 page as in a view (portal/kernel/resilience.py).
    if resilience.is_database_unavailable(sys.exc_info()[1]):
        return resilience.unavailable_response()
    # No request context: a failing database or context processor must not fail this page.
    context = {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "ACCESSIBILITY_STATUS": settings.ACCESSIBILITY_STATUS,
    }
    return HttpResponseServerError(loader.render_to_string("500.html", context))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent from an expired page or without cookies."""
    return HttpResponseForbidden(loader.render_to_string(
        "403.html", {"csrf_failure": True}, request=request))


def install() -> None:
    """Under DEBUG, answer Http404 and bad requests with the French pages (see above)."""
    if not (settings.DEBUG and getattr(settings, "FRENCH_ERROR_PAGES_IN_DEBUG", True)):
        return
    from django.core.handlers import exception as handling

    original = handling.response_for_exception
    if getattr(original, "french_pages", False):
        return

    def response_for_exception(request, exc):
        # Django has no setting for this: its exception handler is wrapped, not replaced.
        if isinstance(exc, Http404):
            return page_not_found(request, exc)
        if isinstance(exc, (BadRequest, SuspiciousOperation)) and not isinstance(
                exc, PermissionDenied):
            return bad_request(request, exc)
        return original(request, exc)

    response_for_exception.french_pages = True
    handling.response_for_exception = response_for_exception
