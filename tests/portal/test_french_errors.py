"""French everywhere a clerk or citizen can land: 400, 403 (and CSRF), 404 also under DEBUG
(bin/run), permission names."""

import html

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.handlers import exception as handling
from django.test import Client, override_settings
from django.urls import reverse

from portal.kernel import errors
from portal.models import StaffAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_pages(monkeypatch, settings):
    """DEBUG on as under bin/run, and the French pages installed as at start-up."""
    settings.DEBUG = True
    monkeypatch.setattr(handling, "response_for_exception", handling.response_for_exception)
    errors.install()


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_404_is_french_under_debug(client, debug_pages):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in text(response) and "Page not found" not in text(response)
    response = client.get("/deliberations/cabbalr/2022/inconnue/")
    assert response.status_code == 404 and "Page introuvable" in text(response)


def test_400_is_french_under_debug_too_many_fields(client, debug_pages):
    data = {f"f{n}": "x" for n in range(1100)}
    response = client.post(reverse("admin:login"), data)
    assert response.status_code == 400
    assert "Requête incorrecte" in text(response) and "TooManyFieldsSent" not in text(response)


def test_403_and_csrf_failure_are_french(client, organisation):
    agent = User.objects.create_user("agent", password="x-long-password-1", is_staff=True)
    agent.groups.add(Group.objects.get(name="Agents"))
    StaffAssignment.objects.create(user=agent, organisation=organisation)
    client.force_login(agent)
    response = client.get(reverse("admin:deliberations_session_add"))
    assert response.status_code == 403
    assert "Accès refusé" in text(response)
    with override_settings(DEBUG=True):
        csrf_client = Client(enforce_csrf_checks=True)
        response = csrf_client.post(reverse("admin:login"), {"username": "x"})
    assert response.status_code == 403
    assert "Le formulaire n'a pas pu être vérifié" in text(response)


def test_permission_names_are_french():
    assert Permission.objects.get(codename="change_session",
                                  content_type__app_label="deliberations").name == (
        "Peut modifier : séance")
    assert Permission.objects.get(codename="view_deliberation").name == (
        "Peut consulter : délibération")
    assert not Permission.objects.filter(name__startswith="Can ").exists()


def test_openapi_descriptions_are_french(client):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "Numéro de la page de résultats (à partir de 1)." in schema
    assert "Identifiant numérique de l'objet (séance)." in schema
    for english in ("A page number", "A unique integer", "as in the registre"):
        assert english not in schema
