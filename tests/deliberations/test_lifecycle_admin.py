"""Lifecycle buttons on a deliberation's admin page: one per allowed next step, each asking
only what it needs, each refusal a French sentence saying what to do first."""

import datetime
import html

import pytest
from django.urls import reverse

from deliberations.models import Deliberation
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 10, 18)


@pytest.fixture
def deliberation(organisation):
    session = SessionFactory(body=BodyFactory(organisation=organisation), date=DAY,
                             agenda_item_count=3)
    members = [MandateFactory(body=session.body).member for _ in range(3)]
    for member in members:
        AttendanceFactory(session=session, member=member)
    session.president = members[0]
    session.president_capacity = "Le Président"
    session.save()
    return DeliberationFactory(session=session, item_number=1, votes_for=3, votes_against=0,
                               result=Deliberation.Result.ADOPTED)


def step(client, deliberation, name, data=None, follow=False):
    url = reverse("admin:deliberations_deliberation_lifecycle", args=[deliberation.pk, name])
    if data is None:
        return client.get(url)
    return client.post(url, data, follow=follow)


def publish(client, deliberation, data, follow=False):
    """"Publier" shows the extract's preview first; the clerk then confirms what was shown."""
    preview = step(client, deliberation, "publier", data)
    key = preview.context["form"]["preview_key"].value() if preview.context else ""
    if not key:
        return preview
    return step(client, deliberation, "publier", {**data, "preview_key": key, "confirm": "1"},
                follow=follow)


def text(response) -> str:
    return html.unescape(response.content.decode())


def buttons(client, deliberation) -> list[str]:
    page = text(client.get(reverse("admin:deliberations_deliberation_change",
                                   args=[deliberation.pk])))
    if 'aria-label="Étapes suivantes"' not in page:
        return []
    nav = page.split('aria-label="Étapes suivantes"')[1].split("</nav>")[0]
    return [part.split("</a>")[0] for part in nav.split('class="button" href="')[1:]]


def labels(buttons_html: list[str]) -> list[str]:
    return [b.split('">', 1)[1] for b in buttons_html]


def test_draft_to_published_with_the_buttons(client, clerk, deliberation):
    clerk.first_name, clerk.last_name = "Claire", "GREFFE"
    clerk.save()
    client.force_login(clerk)
    assert labels(buttons(client, deliberation)) == ["Adopter"]
    assert step(client, deliberation, "adopter", {}).status_code == 302
    deliberation.refresh_from_db()
    assert deliberation.status == "adopted"
    assert labels(buttons(client, deliberation)) == [
        "Transmettre en préfecture", "Publier", "Repasser en brouillon"]

    # Transmission asks for its date and the @ctes identifier only.
    form = step(client, deliberation, "transmettre").context["form"]
    assert list(form.fields) == ["transmitted_on", "prefecture_act_id"]
    step(client, deliberation, "transmettre",
         {"transmitted_on": "2022-10-19", "prefecture_act_id": "062-200035442-20221018-A"})
    step(client, deliberation, "reception", {"received_on": "2022-10-20"})
    deliberation.refresh_from_db()
    assert (deliberation.status, deliberation.received_on) == (
        "transmitted", datetime.date(2022, 10, 20))
    assert labels(buttons(client, deliberation)) == ["Publier"]

    form = step(client, deliberation, "publier").context["form"]
    # Received: no confirmation asked.
    assert list(form.fields) == ["published_on", "signatory", "signatory_capacity",
                                 "preview_key"]
    response = publish(client, deliberation, {
        "published_on": "2022-10-20", "signatory": deliberation.session.president_id,
        "signatory_capacity": "Le Président"}, follow=True)
    assert "« Publier » : fait. La délibération est maintenant « Publiée »." in text(response)
    deliberation.refresh_from_db()
    assert deliberation.status == "published"
    assert buttons(client, deliberation) == []
    page = text(client.get(reverse("admin:deliberations_deliberation_change",
                                   args=[deliberation.pk])))
    for row in ("Brouillon → Adoptée", "Adoptée → Transmise en préfecture",
                "Transmise en préfecture", "Reçue en préfecture le 20/10/2022",
                "Transmise en préfecture → Publiée", "Claire GREFFE"):
        assert row in page, row


REFUSALS = [
    ("adopted", "adopter",
     "Cette délibération est déjà adoptée : transmettez-la en préfecture ou publiez-la."),
    ("draft", "transmettre", "Adoptez d'abord la délibération (bouton « Adopter ») : seule "
     "une délibération votée peut être transmise en préfecture."),
    ("adopted", "reception", "Transmettez d'abord la délibération en préfecture (bouton "
     "« Transmettre ») : la date de réception suit la transmission."),
    ("draft", "publier", "Adoptez d'abord la délibération (bouton « Adopter ») : seule une "
     "délibération votée peut être publiée."),
    ("transmitted", "brouillon", "Une délibération transmise en préfecture ne revient pas "
     "en brouillon : son retrait passe par une nouvelle délibération de l'assemblée."),
    ("published", "brouillon", "Cette délibération est publiée : elle ne se modifie plus et "
     "ne revient pas en arrière ; une erreur se corrige par une délibération rectificative ou "
     "de retrait adoptée par l'assemblée."),
]
DATA = {
    "adopter": {}, "transmettre": {"transmitted_on": "2022-10-19"},
    "reception": {"received_on": "2022-10-20"},
    "brouillon": {"reason": "adoption enregistrée par erreur"},
}


@pytest.mark.parametrize(("status", "name", "message"), REFUSALS)
def test_each_step_refusal_says_what_to_do_first(client, clerk, deliberation, status, name,
                                                 message):
    Deliberation.objects.filter(pk=deliberation.pk).update(
        status=status, published_on=DAY if status == "published" else None,
        received_on=DAY if status == "published" else None)
    deliberation.refresh_from_db()
    client.force_login(clerk)
    data = DATA.get(name) or {"published_on": "2022-10-20",
                              "signatory": deliberation.session.president_id,
                              "signatory_capacity": "Le Président"}
    response = step(client, deliberation, name, data)
    assert response.status_code == 200
    assert message in text(response)
    deliberation.refresh_from_db()
    assert deliberation.status == status
    assert deliberation.status_changes.count() == 0


def test_adoption_refused_until_the_session_is_held(client, clerk, deliberation):
    deliberation.session.status = "convened"
    deliberation.session.save()
    client.force_login(clerk)
    response = step(client, deliberation, "adopter", {})
    assert ("La séance doit être enregistrée comme tenue avant l'adoption d'une délibération."
            in text(response))


def test_publish_without_receipt_asks_confirmation_and_marks_to_complete(
        client, clerk, deliberation):
    Deliberation.objects.filter(pk=deliberation.pk).update(status="adopted")
    deliberation.refresh_from_db()
    client.force_login(clerk)
    data = {"published_on": "2022-10-20", "signatory": deliberation.session.president_id,
            "signatory_capacity": "Le Président"}
    response = step(client, deliberation, "publier", data)
    assert ("Cette délibération est soumise à transmission et sa date de réception en "
            "préfecture n'est pas enregistrée : elle ne sera pas exécutoire à sa publication "
            "(L2131-1). Enregistrez d'abord la réception, ou confirmez la publication sans "
            "elle.") in text(response)
    deliberation.refresh_from_db()
    assert deliberation.status == "adopted"

    response = publish(client, deliberation, {**data, "confirm_without_receipt": "on"},
                       follow=True)
    deliberation.refresh_from_db()
    assert deliberation.status == "published"
    page = text(response)
    assert "À compléter :" in page and "n'est pas exécutoire (L2131-1)" in page
    assert deliberation.status_changes.get().note == (
        "Mise en ligne ; date de réception en préfecture à compléter")
    # The receipt stays recordable on the published act, which then loses its mark.
    assert labels(buttons(client, deliberation)) == ["Enregistrer la réception en préfecture"]
    step(client, deliberation, "reception", {"received_on": "2022-10-21"})
    page = text(client.get(reverse("admin:deliberations_deliberation_change",
                                   args=[deliberation.pk])))
    assert "À compléter :" not in page
