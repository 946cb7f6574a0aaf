"""portal.E001: the verification URL printed on certified extracts must be public (https)."""

import pytest
from django.core import checks

from portal.checks import check_public_base_url


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000",
    "http://deliberations.example.org",
    "https://localhost",
    "https://127.0.0.1:8443/",
    "https://[::1]:8000",
    "https://LOCALHOST.",
    "https://portail.localhost",
    "https://",
    "deliberations.example.org",
    "",
])
def test_a_local_or_plain_http_public_base_url_is_an_error(settings, url):
    settings.PUBLIC_BASE_URL = url
    [error] = check_public_base_url()
    assert error.id == "portal.E001" and error.level == checks.ERROR
    assert error.msg == (
        "PUBLIC_BASE_URL doit être l'adresse publique https du portail : elle est imprimée "
        "dans les extraits certifiés (QR code, lien de vérification)."
    )


@pytest.mark.parametrize("url", [
    "https://deliberations.example.org", "https://deliberations.example.org/portail/",
])
def test_a_public_https_base_url_passes(settings, url):
    settings.PUBLIC_BASE_URL = url
    assert check_public_base_url() == []


def test_the_check_runs_with_check_deploy_only(settings):
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    deploy = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    assert "portal.E001" in {message.id for message in deploy}
    plain = checks.run_checks(tags=[checks.Tags.security])
    assert "portal.E001" not in {message.id for message in plain}
