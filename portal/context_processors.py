from django.conf import settings


def site(request):
    """Values every public page shows: the site name and the accessibility status (RGAA)."""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "ACCESSIBILITY_STATUS": settings.ACCESSIBILITY_STATUS,
    }
