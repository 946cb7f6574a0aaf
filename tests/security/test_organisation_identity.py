"""Spoofed organisation. Any clerk could add "Préfecture du Pas-de-Calais
(officiel)" with a phishing link; it got a public page and vanished from the clerk's list,
and the add form told whether a name existed."""

import pytest
from django.urls import reverse

from portal.models import Organisation
from tests.security.conftest import admin_form_data

pytestmark = pytest.mark.django_db

SPOOF = {
    "name": "Préfecture du Pas-de-Calais (officiel)", "short_name": "PREF62",
    "slug": "prefecture-62", "kind": "syndicat", "website": "https://evil.example/phish",
}


def test_clerk_cannot_create_an_organisation(client, clerk_cabbalr):
    client.force_login(clerk_cabbalr)
    add = reverse("admin:portal_organisation_add")
    assert client.get(add).status_code == 403
    assert client.post(add, SPOOF).status_code == 403
    assert not Organisation.objects.filter(slug="prefecture-62").exists()
    assert client.get("/collectivites/prefecture-62/").status_code == 404
    # Nor probe the names through the form's uniqueness check.
    probe = client.post(add, {**SPOOF, "name": "Pôle Métropolitain de l'Artois"})
    assert probe.status_code == 403
    assert "existe déjà" not in probe.content.decode()


def test_clerk_edits_only_allowed_fields_of_their_own_organisation(
        client, clerk_cabbalr, cabbalr, pma):
    client.force_login(clerk_cabbalr)
    url = reverse("admin:portal_organisation_change", args=[cabbalr.pk])
    page = client.get(url)
    assert set(page.context["adminform"].form.fields) == {
        "arrondissement", "sub_prefecture", "administrative_court", "seat_address", "website"}
    data = admin_form_data(page)
    data.update(name="Préfecture (officiel)", slug="prefecture", seat_address="100 rue de Lille")
    assert client.post(url, data).status_code == 302
    cabbalr.refresh_from_db()
    assert cabbalr.name.startswith("Communauté d'agglomération")
    assert cabbalr.slug == "cabbalr"
    assert cabbalr.seat_address == "100 rue de Lille"
    # Another organisation does not exist for this clerk; nothing is deleted by a clerk.
    other = reverse("admin:portal_organisation_change", args=[pma.pk])
    assert client.get(other).status_code == 302
    delete = reverse("admin:portal_organisation_delete", args=[cabbalr.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Organisation.objects.filter(pk=cabbalr.pk).exists()


def test_superuser_creates_an_organisation(client, superuser):
    client.force_login(superuser)
    response = client.post(reverse("admin:portal_organisation_add"), {
        **SPOOF, "name": "Syndicat mixte des transports Artois-Gohelle", "slug": "smt-ag",
        "website": "https://www.tadao.fr"})
    assert response.status_code == 302
    assert Organisation.objects.filter(slug="smt-ag").exists()
