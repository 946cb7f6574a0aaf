"""Locked screens are read-only: a published act's page (and its session's) has no active
field nor save button; a forged change is refused with the French reason; deleting an
adopted or published act is explained; a refused save shows what is stored."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from deliberations import immutability
from deliberations.models import Deliberation, Notification
from tests.deliberations.test_session_workspace import submitted
from tests.factories import DeliberationFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def published(conseil_session):
    """The published act of the Conseil of 6 December 2022 (seed 003)."""
    return conseil_session.deliberations.get(status="published")


def change_url(deliberation):
    return reverse("admin:deliberations_deliberation_change", args=[deliberation.pk])


def test_a_published_act_page_has_no_field_nor_save_button(client, cabbalr_clerk, published):
    client.force_login(cabbalr_clerk)
    page = client.get(change_url(published))
    assert page.status_code == 200
    # Nothing a browser would submit but the CSRF token and the inlines' bookkeeping (hidden
    # counts and row ids).
    fields = [name for name in submitted(page) if not name.endswith((
        "TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"))
        and not re.fullmatch(r"[\w-]+-\d+-(id|deliberation)", name)]
    assert fields == ["csrfmiddlewaretoken"]
    body = text(page)
    assert 'name="_save"' not in body and 'name="_continue"' not in body
    assert immutability.PUBLISHED_ACT_LOCKED in body


def test_a_forged_change_of_a_published_act_is_refused_in_french(client, cabbalr_clerk,
                                                                 published):
    client.force_login(cabbalr_clerk)
    title = published.title
    response = client.post(change_url(published), {"title": "Objet réécrit",
                                                    "votes_for": "1", "_save": "1"},
                           follow=True)
    assert response.redirect_chain == [(change_url(published), 302)]
    page = text(response)
    assert "modifié avec succès" not in page
    assert f"Rien n'a été enregistré. {immutability.PUBLISHED_ACT_LOCKED}" in page
    published.refresh_from_db()
    assert published.title == title


def test_deleting_a_published_act_says_to_rectify(client, cabbalr_clerk, published):
    client.force_login(cabbalr_clerk)
    url = reverse("admin:deliberations_deliberation_delete", args=[published.pk])
    for response in (client.get(url, follow=True),
                     client.post(url, {"post": "yes"}, follow=True)):
        assert response.redirect_chain == [(change_url(published), 302)]
        assert ("Une délibération publiée ne peut être supprimée : elle appartient au "
                "registre. Rectifiez-la par une délibération rectificative (ou de retrait) "
                "adoptée par l'assemblée.") in text(response)
    assert Deliberation.objects.filter(pk=published.pk).exists()


def test_deleting_an_adopted_act_says_to_withdraw_it_first(client, cabbalr_clerk,
                                                           conseil_session):
    adopted = DeliberationFactory(session=conseil_session, item_number=2, status="adopted",
                                  result="adopted")
    client.force_login(cabbalr_clerk)
    url = reverse("admin:deliberations_deliberation_delete", args=[adopted.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    assert ("Une délibération adoptée ne peut être supprimée : elle appartient au registre. "
            "Si son adoption a été enregistrée par erreur, repassez-la d'abord en brouillon "
            "(bouton « Repasser en brouillon »).") in text(response)
    assert Deliberation.objects.filter(pk=adopted.pk).exists()


def test_a_published_individual_decision_still_records_its_notifications(
        client, cabbalr_clerk, conseil_session):
    published = DeliberationFactory(session=conseil_session, item_number=3, published=True,
                                    is_individual=True)
    client.force_login(cabbalr_clerk)
    page = client.get(change_url(published))
    data = submitted(page)
    assert 'name="_save"' in text(page)
    assert "title" not in data and "decision" not in data
    prefix = next(name for name in data if name.endswith("TOTAL_FORMS")
                  and name.startswith("notifications"))[:-len("-TOTAL_FORMS")]
    data.update({f"{prefix}-TOTAL_FORMS": ["1"], f"{prefix}-0-addressee": ["M. DUPONT"],
                 f"{prefix}-0-notified_on": ["15/12/2022"], "_save": ["1"]})
    response = client.post(change_url(published), data, follow=True)
    assert "modifié avec succès" in text(response)
    assert list(Notification.objects.filter(deliberation=published).values_list(
        "addressee", "notified_on")) == [("M. DUPONT", datetime.date(2022, 12, 15))]


def test_a_refused_save_shows_what_is_stored(client, cabbalr_clerk, conseil_session):
    draft = DeliberationFactory(session=conseil_session, item_number=2)
    client.force_login(cabbalr_clerk)
    data = submitted(client.get(change_url(draft)))
    # A date put online with a vote half entered: refused, nothing saved.
    data.update({"published_on": ["14/12/2022"], "votes_for": ["80"], "votes_against": [""],
                 "_save": ["1"]})
    response = client.post(change_url(draft), data)
    page = text(response)
    assert response.status_code == 200
    assert "Indiquez à la fois le nombre de voix pour et contre." in page
    assert ("Rien n'a été enregistré : les valeurs calculées (exécutoire le, délais) sont "
            "celles enregistrées") in page
    # The appeal period is read from the stored act (not published), not from the refused
    # date (it would end on 15 February 2023).
    assert "— (à compter de la publication)" in page
    assert "15/02/2023 inclus" not in page
    draft.refresh_from_db()
    assert (draft.published_on, draft.votes_for) == (None, None)


def test_the_attendance_grid_of_a_session_with_a_published_act_is_read_only(
        client, cabbalr_clerk, conseil_session):
    client.force_login(cabbalr_clerk)
    url = reverse("admin:deliberations_session_attendance", args=[conseil_session.pk])
    page = client.get(url)
    body = text(page)
    assert ("Cette séance a des délibérations publiées : sa liste de présence et ses "
            "procurations ne peuvent plus être modifiées.") in body
    # 152 rows shown, none of their fields active, no save button.
    assert body.count('aria-label="Présence de ') == 152
    assert sorted(submitted(page)) == ["csrfmiddlewaretoken", "page"]
    assert 'value="Enregistrer"' not in body


def test_a_forged_change_of_a_locked_grid_shows_what_is_stored(
        client, cabbalr_clerk, conseil_session):
    client.force_login(cabbalr_clerk)
    url = reverse("admin:deliberations_session_attendance", args=[conseil_session.pk])
    page = client.get(url)
    first = page.context["rows"][0]
    assert first.status == "present"
    # Every row of the first page forged to "absent": refused, and the page shows the stored
    # grid and counts, not the posted ones.
    data = dict(submitted(page))
    data.update({f"{row.key}-s": "absent" for row in page.context["rows"]})
    response = client.post(url, data)
    body = text(response)
    assert response.status_code == 200
    assert ("Rien n'a été enregistré. Cette séance a des délibérations publiées : sa liste de "
            "présence et ses procurations ne peuvent plus être modifiées.") in body
    assert "Enregistrés : 104 présents, 24 représentés, 24 absents excusés, 0 absents." in body
    assert response.context["rows"][0].status == "present"
    assert conseil_session.attendances.filter(status="present").count() == 104
