"""Rectification: the Bureau act of 18 October 2022 (seed 000, loaded by
load_seed_records) is corrected by a "rectificatif d'erreur matérielle" taken at a later
Bureau. The published act is not changed; both public pages, the new act's certified extract,
the API and the CSV carry the link."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from deliberations import services
from deliberations.extracts import issuing
from deliberations.models import Attendance, Deliberation, DeliberationStatusChange, Session
from tests.deliberations.extracts.test_issuing import pdf_text

pytestmark = pytest.mark.django_db

TITLE = "RAPPORT D'ACTIVITES DU POLE METROPOLITAIN DE L'ARTOIS"
KIND = "Rectificatif d'erreur matérielle"


@pytest.fixture
def corrected(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_seed_records", stdout=io.StringIO())
    return Deliberation.objects.published().select_related("session__body").get(
        session__body__organisation__slug="cabbalr", session__date=datetime.date(2022, 10, 18))


def _later_bureau(corrected) -> Session:
    """The Bureau of 15 November 2022, with the attendance of 18 October."""
    old = corrected.session
    session = Session.objects.create(
        body=old.body, date=datetime.date(2022, 11, 15), starts_at=old.starts_at,
        place=old.place, president=old.president, president_capacity=old.president_capacity,
        secretary=old.secretary, status=Session.Status.HELD)
    Attendance.objects.bulk_create([
        Attendance(session=session, member_id=row.member_id, status=row.status)
        for row in old.attendances.filter(from_item=None, until_item=None)
    ])
    return session


@pytest.fixture
def rectification(corrected):
    rectification = services.deliberation_rectify(
        corrected=corrected, session=_later_bureau(corrected),
        kind=Deliberation.RectificationKind.MATERIAL_ERROR,
        slug="rectificatif-rapport-activites-pma-2021",
        title=f"Rectificatif d'erreur matérielle — {corrected.title}",
        decision="PREND ACTE du rapport d'activités 2021 du Pôle métropolitain de l'Artois, "
        "dont l'annexe jointe à la délibération du 18 octobre 2022 portait une date erronée.",
        result=Deliberation.Result.NOTED,
    )
    services.deliberation_adopt(deliberation=rectification)
    services.deliberation_publish(deliberation=rectification,
                                  published_on=datetime.date(2022, 11, 17),
                                  signatory=corrected.signatory,
                                  signatory_capacity=corrected.signatory_capacity)
    return Deliberation.objects.get(pk=rectification.pk)


def test_the_seeded_act_is_the_one_corrected(corrected):
    assert (corrected.title, corrected.session.body.name, corrected.published_on) == (
        TITLE, "Bureau communautaire", datetime.date(2022, 10, 20))


def test_rectification_is_a_new_act_linked_to_the_corrected_one(corrected, rectification):
    assert (rectification.rectifies, rectification.rectification_kind, rectification.status) == (
        corrected, "material_error", "published")
    assert rectification.matter_code == corrected.matter_code  # the texts are taken over
    assert list(corrected.rectifications.all()) == [rectification]
    # The corrected act is untouched.
    stored = Deliberation.objects.get(pk=corrected.pk)
    assert (stored.title, stored.decision, stored.status) == (
        TITLE, corrected.decision, "published")
    created = DeliberationStatusChange.objects.filter(deliberation=rectification).first()
    assert created.note == (f"{KIND} de la délibération « {TITLE} » du 18/10/2022")


def test_both_public_pages_say_so(client, corrected, rectification):
    old_page = client.get(corrected.get_absolute_url()).content.decode()
    assert '<div class="rectified-banner" role="note"' in old_page
    assert "Cette délibération a été rectifiée." in old_page
    assert (f'{escape(KIND)} : <a href="{rectification.get_absolute_url()}">'
            f"{escape(rectification.title)}</a> (n° 2022-B-001), Bureau communautaire du "
            "15 novembre 2022, publiée le 17 novembre 2022.") in old_page
    assert ("Le texte ci-dessous est celui qui a été publié le 20 octobre 2022 ; il n'est "
            "pas modifié.") in old_page
    new_page = client.get(rectification.get_absolute_url()).content.decode()
    assert "rectified-banner" not in new_page
    assert (f'<strong>{escape(KIND)}</strong> de la délibération '
            f'<a href="{corrected.get_absolute_url()}">') in new_page
    assert "Bureau communautaire du 18 octobre 2022." in new_page


def test_no_banner_while_the_rectification_is_not_published(client, corrected):
    draft = services.deliberation_rectify(
        corrected=corrected, session=_later_bureau(corrected),
        kind=Deliberation.RectificationKind.NEW_DELIBERATION, slug="retrait-rapport-pma")
    assert draft.status == "draft" and draft.title == TITLE
    assert "rectified-banner" not in client.get(corrected.get_absolute_url()).content.decode()


def test_the_extract_of_the_rectification_references_the_corrected_act(corrected,
                                                                        rectification):
    extract, _ = issuing.extract_get_or_issue(deliberation=rectification)
    assert extract.certified_data["deliberation"]["rectifies"] == {
        "kind": KIND, "title": TITLE, "act_number": "", "body": "Bureau communautaire",
        "session_date": "2022-10-18", "published_on": "2022-10-20",
    }
    wording = (f"{KIND} de la délibération du Bureau communautaire du 18 octobre 2022 : "
               f"« {TITLE} », publiée le 20 octobre 2022.")
    context = issuing.extract_context(
        extract.certified_data, issuing.IssueInfo(code=extract.code, version=extract.version,
                                                  issued_at=extract.issued_at))
    assert context["rectifies"] == wording
    with extract.file.open("rb") as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert "Rectificatif d'erreur matérielle de la délibération du Bureau communautaire du " \
        "18 octobre 2022" in text
    # The corrected act's own extract is not reissued: its certified text did not change.
    first, issued_now = issuing.extract_get_or_issue(deliberation=corrected)
    second, issued_again = issuing.extract_get_or_issue(deliberation=corrected)
    assert (first, issued_again) == (second, False)
    assert "rectifies" not in first.certified_data["deliberation"]


def test_api_carries_the_link(client, corrected, rectification):
    new = client.get(reverse("api:deliberation-detail", args=[rectification.slug])).json()
    assert new["rectification_kind"] == "material_error"
    assert new["rectifies"]["slug"] == corrected.slug
    assert new["rectifies"]["session_date"] == "2022-10-18"
    assert new["rectifies"]["url"] == f"http://testserver{corrected.get_absolute_url()}"
    assert new["rectified_by"] == []
    old = client.get(reverse("api:deliberation-detail", args=[corrected.slug])).json()
    assert old["rectifies"] is None
    assert [(r["slug"], r["published_on"], r["rectification_kind"])
            for r in old["rectified_by"]] == [(rectification.slug, "2022-11-17",
                                               "material_error")]
    listed = client.get(reverse("api:deliberation-list"), {"page_size": 100}).json()
    rows = {row["slug"]: row for row in listed["results"]}
    assert rows[corrected.slug]["rectified_by"][0]["slug"] == rectification.slug


def test_api_list_and_csv_cost_the_same_queries_with_more_rectifications(
        client, corrected, rectification, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = [reverse("api:deliberation-list"), reverse("deliberations:deliberation_csv"),
            reverse("deliberations:deliberation_csv_extended")]
    before = [count(url) for url in urls]
    second = services.deliberation_rectify(
        corrected=corrected, session=rectification.session, item_number=2,
        kind=Deliberation.RectificationKind.NEW_DELIBERATION, slug="nouvelle-deliberation",
        result=Deliberation.Result.NOTED)
    services.deliberation_adopt(deliberation=second)
    services.deliberation_publish(deliberation=second, published_on=datetime.date(2022, 11, 18),
                                  signatory=corrected.signatory)
    assert [count(url) for url in urls] == before


def test_extended_csv_carries_the_link(client, corrected, rectification):
    response = client.get(reverse("deliberations:deliberation_csv_extended"))
    rows = {row["DELIB_URL"]: row for row in csv.DictReader(io.StringIO(
        b"".join(response.streaming_content).decode()))}
    old_url = f"http://testserver{corrected.get_absolute_url()}"
    new_url = f"http://testserver{rectification.get_absolute_url()}"
    assert rows[new_url]["DELIB_RECTIFIE_URL"] == old_url
    assert rows[new_url]["DELIB_RECTIFIEE_PAR_URL"] == ""
    assert rows[old_url]["DELIB_RECTIFIE_URL"] == ""
    assert rows[old_url]["DELIB_RECTIFIEE_PAR_URL"] == new_url


def test_only_a_published_act_of_the_same_organisation_is_rectified(corrected, rectification):
    session = rectification.session
    draft = services.deliberation_rectify(
        corrected=corrected, session=session, item_number=3,
        kind=Deliberation.RectificationKind.NEW_DELIBERATION, slug="brouillon")
    with pytest.raises(ValidationError) as error:
        services.deliberation_rectify(corrected=draft, session=session, slug="sur-brouillon",
                                      kind=Deliberation.RectificationKind.MATERIAL_ERROR)
    assert error.value.message_dict["rectifies"] == [
        "Seule une délibération publiée se rectifie : tant qu'elle ne l'est pas, "
        "corrigez-la directement."]
    with pytest.raises(ValidationError) as error:
        services.deliberation_rectify(corrected=rectification, session=corrected.session,
                                      slug="avant", item_number=40,
                                      kind=Deliberation.RectificationKind.MATERIAL_ERROR)
    assert error.value.message_dict["rectifies"] == [
        "La rectification ne peut précéder la séance du 15/11/2022 de la délibération "
        "rectifiée."]
    with pytest.raises(ValidationError) as error:
        services.deliberation_rectify(corrected=corrected, session=session, slug="sans-nature",
                                      kind="")
    assert error.value.messages == [
        "Indiquez la nature de la rectification : rectificatif d'erreur matérielle ou "
        "nouvelle délibération."]


def test_the_csv_filtered_on_the_corrected_act_changes_its_etag(client, corrected):
    # Filtered to the corrected act's session date: the rectification (15 November) is not
    # in the export, yet its publication changes the corrected act's row.
    day = corrected.session.date.isoformat()
    url = (reverse("deliberations:deliberation_csv_extended")
           + f"?date_from={day}&date_to={day}")
    before = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
    rectification = services.deliberation_rectify(
        corrected=corrected, session=_later_bureau(corrected), slug="rectificatif-etag",
        kind=Deliberation.RectificationKind.MATERIAL_ERROR, result=Deliberation.Result.NOTED)
    services.deliberation_adopt(deliberation=rectification)
    services.deliberation_publish(deliberation=rectification,
                                  published_on=datetime.date(2022, 11, 17),
                                  signatory=corrected.signatory)
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert b"rectificatif-etag" in b"".join(after.streaming_content)
