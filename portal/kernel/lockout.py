"""The page of a locked-out login (django-axes, AXES_LOCKOUT_CALLABLE): in French, with how
long to wait, and a Retry-After header."""

from django.conf import settings
from django.http import HttpResponse
from django.template import loader

LOCKED_OUT = (
    "Connexion bloquée : trop de tentatives de connexion ont échoué pour cet identifiant "
    "depuis votre adresse."
)


def lockout_response(request, original_response=None, credentials=None):
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    minutes = max(1, round(seconds / 60))
    response = HttpResponse(
        loader.render_to_string(
            "admin/locked_out.html",
            {"message": LOCKED_OUT, "minutes": minutes,
             "failure_limit": settings.AXES_FAILURE_LIMIT},
            request=request,
        ),
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
