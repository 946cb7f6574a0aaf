"""French error pages (400, 403, CSRF failure, 404), also under DEBUG.

Under DEBUG, Django answers a 404 and a 400 with its English technical pages, and bin/run
serves with DEBUG=1: clerks and citizens trying the portal that way would read English. With
FRENCH_ERROR_PAGES_IN_DEBUG (default on), `install()` routes those two cases to the same
French pages as in production; the technical 500 page (a programming error) is kept.
"""

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpResponseBadRequest, HttpResponseForbidden
from django.template import loader


def bad_request(request, exception=None):
    return HttpResponseBadRequest(loader.render_to_string("400.html", request=request))


def permission_denied(request, exception=None):
    return HttpResponseForbidden(loader.render_to_string("403.html", request=request))


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
            from portal.views import page_not_found

            return page_not_found(request, exc)
        if isinstance(exc, (BadRequest, SuspiciousOperation)) and not isinstance(
                exc, PermissionDenied):
            return bad_request(request, exc)
        return original(request, exc)

    response_for_exception.french_pages = True
    handling.response_for_exception = response_for_exception
