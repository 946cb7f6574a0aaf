"""Hardening: admin login throttled (django-axes), Content-Security-Policy without
'unsafe-inline' and no inline script or style left, Permissions-Policy, rate limits with a
French 429 page and Retry-After, the verification upload refusing what is not a PDF."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.template import engines
from django.urls import reverse

from portal.kernel import ratelimit
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


# -- Admin login throttling --------------------------------------------------------------------
@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    return settings


def _login(client, username, password):
    return client.post(reverse("admin:login"), {
        "username": username, "password": password, "next": "/admin/",
    })


def test_admin_login_is_locked_after_repeated_failures_with_a_french_page(client, axes_on):
    User.objects.create_user("greffe", password="mot-de-passe-solide-42", is_staff=True)
    for _ in range(2):
        response = _login(client, "greffe", "mauvais")
        assert response.status_code == 200  # the login form again, with its error
        assert "Veuillez compléter correctement les champs" in response.content.decode()
    response = _login(client, "greffe", "mauvais")
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    page = response.content.decode()
    assert "Connexion bloquée" in page
    assert ("Après 3 échecs, la connexion est suspendue pendant 15 minutes." in page)

    # Locked out: even the right password is refused, and nothing logs in.
    response = _login(client, "greffe", "mot-de-passe-solide-42")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not locked (lock-out per account and address).
    User.objects.create_user("agent", password="autre-mot-de-passe-77", is_staff=True)
    assert _login(client, "agent", "autre-mot-de-passe-77").status_code == 302


def test_a_successful_login_resets_the_failure_count(client, axes_on):
    User.objects.create_user("greffe", password="mot-de-passe-solide-42", is_staff=True)
    for _ in range(2):
        _login(client, "greffe", "mauvais")
    assert _login(client, "greffe", "mot-de-passe-solide-42").status_code == 302
    client.logout()
    for _ in range(2):
        assert _login(client, "greffe", "mauvais").status_code == 200


# -- Security headers ------------------------------------------------------------------------
@pytest.fixture
def published(organisation):
    session = SessionFactory(body=BodyFactory(organisation=organisation))
    member = MandateFactory(body=session.body).member
    AttendanceFactory(session=session, member=member)
    return DeliberationFactory(session=session, published=True)


def _public_urls(deliberation):
    session = deliberation.session
    return [
        "/", reverse("deliberations:deliberation_list"), deliberation.get_absolute_url(),
        reverse("deliberations:session_list"), session.get_absolute_url(),
        reverse("portal:organisation_list"), session.body.organisation.get_absolute_url(),
        session.body.get_absolute_url(), reverse("portal:member_list"),
        session.attendances.get().member.get_absolute_url(),
        reverse("portal:site_search") + "?q=objet", reverse("extracts:verify_index"),
        reverse("portal:accessibility"), reverse("portal:legal_notice"),
        reverse("pma_reports:report_list"), reverse("territory_project:project_list"),
        "/page-qui-n-existe-pas/",
    ]


def _admin_urls(deliberation):
    session = deliberation.session
    return [
        reverse("admin:index"), reverse("admin:deliberations_deliberation_changelist"),
        reverse("admin:deliberations_deliberation_change", args=[deliberation.pk]),
        reverse("admin:deliberations_deliberation_history", args=[deliberation.pk]),
        reverse("admin:deliberations_session_change", args=[session.pk]),
        reverse("admin:deliberations_session_attendance", args=[session.pk]),
        reverse("admin:deliberations_session_history", args=[session.pk]),
        reverse("admin:deliberations_session_add"), reverse("admin:portal_member_add"),
        reverse("deadline_calendar"),
    ]


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip()
    )


def test_csp_and_permissions_policy_on_public_and_admin_pages(client, clerk, published):
    public = client.get("/")
    client.force_login(clerk)
    admin = client.get(reverse("admin:deliberations_session_change",
                               args=[published.session.pk]))
    for response in (public, admin):
        assert response.status_code == 200
        header = response["Content-Security-Policy"]
        assert "unsafe-inline" not in header and "unsafe-eval" not in header
        policy = _csp(response)
        assert (policy["default-src"], policy["script-src"], policy["style-src"],
                policy["object-src"], policy["frame-ancestors"]) == (
            "'self'", "'self'", "'self'", "'none'", "'none'")
        assert "style-src-attr" not in policy and "script-src-attr" not in policy
        permissions = response["Permissions-Policy"]
        assert "camera=()" in permissions and "geolocation=()" in permissions
        assert "microphone=()" in permissions


# What CSP without 'unsafe-inline' would block: a style attribute, a <style> element, an
# inline event handler, a <script> with a body. A <script type="application/json"> holds data
# (json_script), not code: CSP does not apply to it.
INLINE = [
    (re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.S), "style attribute"),
    (re.compile(r"<style[\s>]", re.I), "<style> element"),
    (re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S), "inline event handler"),
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I),
     "inline <script>"),
]


def inline_code(markup: str) -> list[str]:
    found = []
    for pattern, what in INLINE:
        for match in pattern.finditer(markup):
            found.append(f"{what}: {match.group(0)[:80]}")
    return found


def test_inline_finder_finds_what_csp_blocks():
    assert inline_code('<p style="color: red">') == ['style attribute: <p style=']
    assert inline_code("<style>p{}</style>") == ["<style> element: <style>"]
    assert inline_code('<a href="#" onclick="go()">') == [
        'inline event handler: <a href="#" onclick=']
    assert inline_code("<script>alert(1)</script>") == ["inline <script>: <script>"]
    assert inline_code('<script src="/static/a.js" defer></script>'
                       '<script type="application/json" id="d">{}</script>'
                       '<p data-style="x">style=</p>') == []


def test_no_template_of_the_project_has_inline_script_or_style():
    root = Path(django_settings.BASE_DIR)
    directories = [Path(directory) for directory in engines["django"].engine.dirs]
    directories += [path for path in root.glob("*/templates") if path.is_dir()]
    templates = [path for directory in directories for path in directory.rglob("*.html")]
    assert len(templates) > 50
    found = {str(path.relative_to(root)): inline_code(path.read_text(encoding="utf-8"))
             for path in templates}
    assert {path: what for path, what in found.items() if what} == {}


def test_rendered_public_and_admin_pages_have_no_inline_script_or_style(
        client, clerk, published):
    pages = {}
    for url in _public_urls(published):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        pages[url] = response.content.decode()
    client.force_login(clerk)
    for url in _admin_urls(published):
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    assert {url: inline_code(page) for url, page in pages.items() if inline_code(page)} == {}


# -- Rate limits -----------------------------------------------------------------------------
@pytest.fixture
def limits(settings):
    settings.RATELIMIT_ENABLED = True
    settings.RATELIMITS = {"search": "2/60", "api": "2/60", "verification": "2/60"}
    cache.clear()
    yield settings
    cache.clear()


def test_fixed_window_counts_and_retry_after():
    cache.clear()
    limit = ratelimit.Limit.parse("2/60")
    assert [ratelimit.hit("search", "192.0.2.1", limit, now=125.0) for _ in range(3)] == [
        0, 0, 55]
    # Another address has its own count; the next window starts afresh.
    assert ratelimit.hit("search", "192.0.2.2", limit, now=125.0) == 0
    assert ratelimit.hit("search", "192.0.2.1", limit, now=180.0) == 0
    cache.clear()


def test_search_over_the_limit_gets_the_french_429_page(client, rf, limits):
    for _ in range(2):
        assert client.get("/recherche/?q=budget").status_code == 200
    response = client.get("/recherche/?q=budget")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    page = response.content.decode()
    assert "<h1>Trop de requêtes</h1>" in page
    assert "Trop de recherches ont été lancées depuis votre adresse" in page
    assert f"Réessayez dans {response['Retry-After']} seconde" in page
    # A list searched through its "q" filter counts as a search; the same list unsearched
    # does not.
    assert client.get("/deliberations/?q=budget").status_code == 429
    assert client.get("/deliberations/").status_code == 200
    assert ratelimit.request_kind(rf.get("/admin/deliberations/deliberation/?q=budget")) is None


def test_api_over_the_limit_answers_429_in_french(client, limits):
    for _ in range(2):
        assert client.get("/api/v1/deliberations/").status_code == 200
    response = client.get("/api/v1/deliberations/")
    assert response.status_code == 429 and 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["detail"].startswith(
        "Trop de requêtes : la limite de l'API est atteinte. Réessayez dans ")
    page = client.get("/api/v1/deliberations/", HTTP_ACCEPT="text/html")
    assert page.status_code == 429
    assert "Trop d'appels à l'API ont été faits depuis votre adresse" in (
        page.content.decode().replace("&#x27;", "'"))


def test_verification_upload_over_the_limit_gets_the_french_429_page(client, limits):
    for _ in range(2):
        assert _upload(client, b"%PDF-1.7\n...").status_code == 200
    response = _upload(client, b"%PDF-1.7\n...")
    assert response.status_code == 429 and 1 <= int(response["Retry-After"]) <= 60
    assert "Trop de vérifications d'extraits ont été demandées" in response.content.decode()
    # Reading the page is not limited, only what hashes a file or looks a code up.
    assert client.get("/verifier/").status_code == 200


def test_rate_limits_are_off_when_disabled(client, limits):
    limits.RATELIMIT_ENABLED = False
    assert {client.get("/recherche/?q=budget").status_code for _ in range(5)} == {200}


def test_client_address_behind_a_trusted_proxy_is_the_one_it_added(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1",
                     HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    settings.TRUSTED_PROXY = False
    assert ratelimit.client_ip(request) == "10.0.0.1"  # a client cannot choose it
    settings.TRUSTED_PROXY = True
    assert ratelimit.client_ip(request) == "198.51.100.7"


# -- Verification upload ---------------------------------------------------------------------
def _upload(client, content, name="extrait.pdf", url="/verifier/"):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(url, {"file": upload})


@pytest.mark.parametrize("content", [
    b"PK\x03\x04 an OpenDocument renamed extrait.pdf",
    b"<html><body>extrait</body></html>",
    b"",
])
def test_verification_upload_refuses_what_is_not_a_pdf_by_its_content(client, content):
    response = _upload(client, content)
    assert response.status_code == 400
    page = response.content.decode().replace("&#x27;", "'")
    assert ("Ce fichier n'est pas un PDF : un extrait certifié est un fichier PDF, tel que "
            "téléchargé depuis le registre." in page) or (
        not content and "Le fichier soumis est vide." in page)
    assert "authentique" not in page and "ne correspond à aucun" not in page


def test_verification_upload_accepts_a_pdf_whatever_its_name(client):
    response = _upload(client, b"%PDF-1.7\nnot an issued extract", name="scan.bin")
    assert response.status_code == 200
    assert "ne correspond à aucun extrait émis" in response.content.decode()


def test_verification_upload_refuses_an_oversize_file_in_french(client, monkeypatch):
    from deliberations.extracts import views as extract_views

    monkeypatch.setattr(extract_views, "MAX_UPLOAD_BYTES", 10_000)
    response = _upload(client, b"%PDF-1.7\n" + b"0" * 20_000)
    assert response.status_code == 413
    assert "Le fichier dépasse 20 Mo : ce n&#x27;est pas un extrait émis." in (
        response.content.decode())
