"""System checks of the portal's own settings (run by `manage.py check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

from portal.kernel.admin_inlines import check_tabular_inlines
from portal.kernel.scope import check_admin_scope

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 -- names, not a bind

E001 = Error(
    "PUBLIC_BASE_URL doit être l'adresse publique https du portail : elle est imprimée dans "
    "les extraits certifiés (QR code, lien de vérification).",
    hint="Définissez PUBLIC_BASE_URL dans l'environnement, par exemple "
         "https://deliberations.example.org.",
    id="portal.E001",
)


def public_base_url_is_public(value: str) -> bool:
    """An https URL whose host is neither absent nor local (localhost, loopback)."""
    try:
        parts = urlsplit(value or "")
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return False
    return (
        parts.scheme == "https"
        and bool(host)
        and host not in LOCAL_HOSTS
        and not host.endswith(".localhost")
        and not host.startswith("127.")
    )


@register(Tags.security, deploy=True)
def check_public_base_url(app_configs=None, **kwargs):
    """portal.E001: the verification URL printed on every certified extract (and encoded in
    its QR code) must be the portal's public https address, not the development default."""
    if public_base_url_is_public(getattr(settings, "PUBLIC_BASE_URL", "")):
        return []
    return [E001]


# portal.E002-E004: every admin screen is limited to the account's organisations (or to
# superusers); run at start-up and by `manage.py check`.
register(Tags.admin)(check_admin_scope)
# portal.E005: every tabular inline names its fields in the HTML (no JavaScript needed).
register(Tags.admin)(check_tabular_inlines)
