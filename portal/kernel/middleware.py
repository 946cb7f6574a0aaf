"""Small middleware shared by every page: response headers and request checks."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.middleware.http import ConditionalGetMiddleware


def permissions_policy(get_response):
    """Permissions-Policy (settings.PERMISSIONS_POLICY): the browser features the portal
    never uses (camera, microphone, geolocation...) are refused to it and to anything it
    might embed. Django has a setting for the other security headers, not this one."""

    def middleware(request):
        response = get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response

    return middleware


def reject_nul_bytes(get_response):
    """A NUL character in the address or the query string is a bad request (400).

    PostgreSQL refuses NUL in text: a filter, a search or a lookup by slug or code receiving
    one would otherwise fail with a server error. Forms already refuse NUL in their text
    fields (Django's ProhibitNullCharactersValidator); the query string is checked here once
    for every view, the HTML pages, the feeds and the API alike."""

    def middleware(request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("Caractère nul dans l'adresse.")
        return get_response(request)

    return middleware


class SuccessfulConditionalGetMiddleware(ConditionalGetMiddleware):
    """Django's ETag and 304 (the API's JSON pages, every whole answer), on successful
    answers only: an error page (a refused filter, a 404) carries no validator a client
    would revalidate."""

    def needs_etag(self, response):
        return response.status_code == 200 and super().needs_etag(response)
