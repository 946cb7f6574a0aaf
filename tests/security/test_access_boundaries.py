"""/admin/r/ redirecting any staff account to another organisation's
draft, 500 on /verifier/?code=a/b, the PDF url fetcher's "..", and a trusted
X-Forwarded-Proto."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client, override_settings

from deliberations.models import Deliberation, Session
from portal.kernel import pdf
from tests.factories import DeliberationFactory, SessionFactory

pytestmark = pytest.mark.django_db

UNKNOWN = "Code inconnu"


def shortcut(obj):
    return f"/admin/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


@pytest.fixture
def cabbalr_draft(council):
    session = SessionFactory(body=council, status=Session.Status.DRAFT)
    return DeliberationFactory(session=session, title="PROJET : FERMETURE DE LA PISCINE",
                               slug="projet-fermeture-de-la-piscine")


@pytest.mark.parametrize("who", ["clerk_pma", "agent_pma"])
def test_admin_shortcut_refuses_another_organisations_draft(
        client, cabbalr_draft, who, request, pma):
    if who == "agent_pma":
        from tests.security.conftest import staff

        user = staff("agent-pma", "Agents", pma)
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    for obj in (cabbalr_draft, cabbalr_draft.session):
        response = client.get(shortcut(obj))
        assert response.status_code == 404
        assert "Location" not in response
    # Enumerating ids tells nothing either: an id that does not exist answers the same.
    ct = ContentType.objects.get_for_model(Deliberation).pk
    assert client.get(f"/admin/r/{ct}/999999/").status_code == 404
    assert client.get(f"/admin/r/{ct}/abc/").status_code == 404


def test_admin_shortcut_still_works_for_own_objects_and_superusers(
        client, cabbalr_draft, clerk_cabbalr, agent_cabbalr, superuser):
    for user in (clerk_cabbalr, agent_cabbalr, superuser):
        client.force_login(user)
        response = client.get(shortcut(cabbalr_draft))
        assert response.status_code == 302
        assert response["Location"].endswith(cabbalr_draft.get_absolute_url())


def test_admin_shortcut_refuses_models_outside_the_accounts_admin(
        client, clerk_cabbalr, superuser):
    permission_ct = ContentType.objects.get(app_label="auth", model="user")
    client.force_login(clerk_cabbalr)
    assert client.get(f"/admin/r/{permission_ct.pk}/{superuser.pk}/").status_code == 403
    assert client.get("/admin/r/999999/1/").status_code == 404


@pytest.mark.parametrize("query", [
    "a/b", "//evil.com", "https://evil.com/", "../../admin/", "%00", "", "é" * 10,
    "A" * 2000, "ABCDEFGHJK/x",
])
def test_verify_code_of_the_wrong_form_is_a_french_404(client, query):
    response = client.get("/verifier/", {"code": query})
    assert response.status_code == 404
    assert "Location" not in response
    assert UNKNOWN in response.content.decode()


@pytest.mark.parametrize("path", ["/verifier/a-b", "/verifier/%E2%80%A8", "/verifier/-"])
def test_verify_path_of_the_wrong_form_is_a_french_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert UNKNOWN in response.content.decode()


def test_verify_path_with_a_slash_is_the_french_404_page(client):
    response = client.get("/verifier/..%2F..%2Fadmin")  # no code route: the site's 404
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_well_formed_unknown_code_redirects_then_404(client):
    response = client.get("/verifier/", {"code": "abcd-efgh-jk"})
    assert response.status_code == 302
    assert response["Location"] == "/verifier/ABCDEFGHJK"
    assert client.get("/verifier/ABCDEFGHJK").status_code == 404


def test_pdf_fetcher_resolves_dot_dot_before_the_allow_list(tmp_path, monkeypatch):
    fonts = pdf.FONTS_DIR.as_uri()
    for url in (f"{fonts}/../../../../../../etc/hostname",
                f"{fonts}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/hostname",
                "file:///etc/hostname", "file://evil.example/share/x", "https://evil.example/"):
        with pytest.raises(ValueError, match="Ressource refusée"):
            pdf.url_fetcher(url)
    font = next(name for name in os.listdir(pdf.FONTS_DIR) if name.endswith(".ttf"))
    fetched = pdf.url_fetcher(f"{fonts}/{font}")
    assert fetched["file_obj"].read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    fetched["file_obj"].close()
    # A symbolic link inside the allowed folder that leads out of it is refused too.
    monkeypatch.setattr(pdf, "FONTS_DIR", tmp_path)
    (tmp_path / "lien.ttf").symlink_to("/etc/hostname")
    with pytest.raises(ValueError, match="Ressource refusée"):
        pdf.url_fetcher((tmp_path / "lien.ttf").as_uri())


def proxy_header(trusted: str | None):
    env = {key: value for key, value in os.environ.items() if key != "TRUSTED_PROXY"}
    env.update(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="deliberations.example.org")
    if trusted is not None:
        env["TRUSTED_PROXY"] = trusted
    code = ("from portal import settings; "
            "print(getattr(settings, 'SECURE_PROXY_SSL_HEADER', None))")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, check=True, cwd=settings.BASE_DIR)
    return result.stdout.strip()


def test_forwarded_proto_is_trusted_only_with_trusted_proxy():
    assert proxy_header(None) == "None"
    assert proxy_header("0") == "None"
    assert proxy_header("1") == "('HTTP_X_FORWARDED_PROTO', 'https')"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_with_a_forged_header_is_redirected():
    assert settings.SECURE_PROXY_SSL_HEADER is None
    response = Client().get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
