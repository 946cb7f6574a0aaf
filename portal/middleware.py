"""Small response middleware shared by every page."""

from django.conf import settings


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
