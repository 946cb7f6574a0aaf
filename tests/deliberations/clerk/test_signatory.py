"""Publication names the signatory: the president in office on the session date by default,
a choice among the body's officers only, and a preview of the certified text before the
clerk confirms (R2131-1)."""

import datetime
import html
import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from deliberations.models import Deliberation, IssuedExtract
from portal.models import Mandate, Member
from tests.factories import DeliberationFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) n'est pas installé")
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content,
                            capture_output=True, check=True)
    return re.sub(r"\s+", " ", result.stdout.decode("utf-8").replace("\u2010\n", ""))


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def adopted(conseil_session):
    """A new act of the Conseil of 6 December 2022, adopted, not subject to transmission."""
    return DeliberationFactory(
        session=conseil_session, item_number=2, status=Deliberation.Status.ADOPTED,
        subject_to_transmission=False, votes_for=120, votes_against=0,
        result=Deliberation.Result.ADOPTED, title="Adhésion à l'agence d'urbanisme",
    )


def publish_url(deliberation):
    return reverse("admin:deliberations_deliberation_lifecycle",
                   args=[deliberation.pk, "publier"])


def test_the_officers_only_are_offered_the_president_first(client, cabbalr_clerk, adopted):
    client.force_login(cabbalr_clerk)
    form = client.get(publish_url(adopted)).context["form"]
    president = Member.objects.get(last_name="GACQUERRE", first_name="Olivier")
    assert form["signatory"].value() == president.pk
    assert form["signatory_capacity"].value() == "Le Président"
    labels = [label for _, label in form.fields["signatory"].choices]
    vice_presidents = Mandate.objects.filter(body=adopted.session.body,
                                             role=Mandate.Role.VICE_PRESIDENT).order_by("vice_president_rank")
    assert labels == ["GACQUERRE Olivier — Président"] + [
        f"{m.member.full_name} — {m.title}" for m in vice_presidents]
    assert [m.vice_president_rank for m in vice_presidents] == [1, 14]
    # 152 members sit in the Conseil: none of the councillors may sign.
    councillor = Mandate.objects.filter(body=adopted.session.body,
                                        role=Mandate.Role.COUNCILLOR).first()
    response = client.post(publish_url(adopted), {
        "published_on": "2022-12-14", "signatory": councillor.member_id,
        "signatory_capacity": "Le Président"})
    assert "Sélectionnez un choix valide" in text(response)
    adopted.refresh_from_db()
    assert adopted.status == "adopted"


def test_a_vice_president_cannot_sign_as_the_president(client, cabbalr_clerk, adopted):
    client.force_login(cabbalr_clerk)
    first = Mandate.objects.get(body=adopted.session.body, vice_president_rank=1)
    response = client.post(publish_url(adopted), {
        "published_on": "2022-12-14", "signatory": first.member_id,
        "signatory_capacity": "Le Président"})
    assert (f"{first.member.full_name} n'est pas Le Président : sa qualité est « Par "
            "délégation du Président, le 1er Vice-président ».") in text(response)
    assert "Aperçu de l'extrait" not in text(response)


def test_publishing_with_the_default_shows_then_certifies_the_president(
        client, cabbalr_clerk, adopted, django_capture_on_commit_callbacks):
    client.force_login(cabbalr_clerk)
    form = client.get(publish_url(adopted)).context["form"]
    data = {"published_on": "2022-12-14", "signatory": form["signatory"].value(),
            "signatory_capacity": form["signatory_capacity"].value()}

    # First the preview: the certified text and its signature block, nothing saved.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        preview = client.post(publish_url(adopted), data)
    page = text(preview)
    assert "Aperçu de l'extrait tel qu'il sera certifié" in page
    assert "Adhésion à l'agence d'urbanisme" in page
    assert re.search(r"Pour extrait conforme,<br>Le Président,</p>\s*"
                     r'<p class="signatory">GACQUERRE Olivier</p>', page)
    assert 'value="Confirmer la publication"' in page
    assert callbacks == []
    adopted.refresh_from_db()
    assert (adopted.status, adopted.signatory_id, adopted.published_on) == ("adopted", None,
                                                                             None)
    assert adopted.status_changes.count() == 0

    # Confirming what was shown publishes and issues the extract.
    key = preview.context["form"]["preview_key"].value()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url(adopted), {**data, "preview_key": key,
                                                      "confirm": "1"})
    assert response.status_code == 302
    adopted.refresh_from_db()
    assert (adopted.status, adopted.signatory.full_name, adopted.signatory_capacity,
            adopted.published_on) == ("published", "GACQUERRE Olivier", "Le Président",
                                      datetime.date(2022, 12, 14))
    extract = IssuedExtract.objects.get(deliberation=adopted)
    with extract.file.open("rb") as handle:
        content = pdf_text(handle.read())
    # The signature block and the executability certificate, side by side on the page.
    closing = content[content.index("Pour extrait conforme, Le Président,"):]
    assert closing.index("Certifié exécutoire") < closing.index("GACQUERRE Olivier")
    assert closing.split("Extrait certifié émis")[0].count("GACQUERRE Olivier") == 2


def test_confirming_other_values_than_previewed_shows_the_preview_again(
        client, cabbalr_clerk, adopted):
    client.force_login(cabbalr_clerk)
    president = Member.objects.get(last_name="GACQUERRE", first_name="Olivier")
    first = Mandate.objects.get(body=adopted.session.body, vice_president_rank=1)
    data = {"published_on": "2022-12-14", "signatory": president.pk,
            "signatory_capacity": "Le Président"}
    key = client.post(publish_url(adopted), data).context["form"]["preview_key"].value()
    response = client.post(publish_url(adopted), {
        **data, "signatory": first.member_id,
        "signatory_capacity": "Par délégation du Président, le 1er Vice-président",
        "preview_key": key, "confirm": "1"})
    assert response.status_code == 200
    assert re.search(r"Par délégation du Président,<br>Le 1er Vice-président,</p>\s*"
                     rf'<p class="signatory">{first.member.full_name}</p>', text(response))
    adopted.refresh_from_db()
    assert adopted.status == "adopted"


def test_the_change_form_refuses_a_signatory_who_is_not_an_officer(client, cabbalr_clerk,
                                                                   adopted):
    from deliberations.forms import DeliberationAdminForm

    councillor = Mandate.objects.filter(body=adopted.session.body,
                                        role=Mandate.Role.COUNCILLOR).first()
    form = DeliberationAdminForm(instance=adopted)
    data = {name: form[name].value() for name in ("session", "slug", "title", "theme",
                                                    "nature", "matter_code")}
    form = DeliberationAdminForm({**data, "item_number": 2, "signatory": councillor.member_id},
                                 instance=adopted)
    assert not form.is_valid()
    first, fourteenth = (Mandate.objects.get(body=adopted.session.body, vice_president_rank=rank)
                         .member.full_name for rank in (1, 14))
    assert form.errors["signatory"] == [
        f"{councillor.member.full_name} n'est ni le président ni un vice-président de "
        "l'assemblée le 06/12/2022 : choisissez parmi GACQUERRE Olivier (Président), "
        f"{first} (1er Vice-président), {fourteenth} (14e Vice-président)."]
