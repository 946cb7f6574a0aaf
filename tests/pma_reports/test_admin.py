"""Admin: a member organisation's clerk records their own taking-note, and only theirs; a
report is entered by hand with ordered inlines (the 2022 report, say)."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from deliberations.models import Deliberation
from pma_reports.models import ActivityReport, Pillar, TakingNote
from portal.models import Organisation, StaffAssignment

CLERKS = "Secrétariat des assemblées"


def _clerk(username, organisation):
    user = User.objects.create_user(username, password="mot-de-passe-solide-42", is_staff=True)
    user.groups.add(Group.objects.get(name=CLERKS))
    StaffAssignment.objects.create(user=user, organisation=organisation)
    return user


@pytest.fixture
def notes(pma):
    return {note.member_organisation.slug: note for note in TakingNote.objects.filter(
        report__year=2021).select_related("member_organisation")}


def test_a_member_clerk_sees_and_records_only_their_own_taking_note(client, pma, notes):
    call = Organisation.objects.get(slug="call")
    clerk = _clerk("greffe-call", call)
    client.force_login(clerk)
    listing = client.get(reverse("admin:pma_reports_takingnote_changelist"))
    assert {n.member_organisation.slug for n in listing.context["cl"].queryset} == {"call"}
    # Another member's row: "does not exist" for this clerk.
    other = client.get(reverse("admin:pma_reports_takingnote_change",
                               args=[notes["cabbalr"].pk]))
    assert other.status_code == 302
    # The CABBALR deliberation is not among this clerk's choices.
    page = client.get(reverse("admin:pma_reports_takingnote_change", args=[notes["call"].pk]))
    assert page.status_code == 200
    bureau = Deliberation.objects.get(
        slug="bureau-communautaire-2022-10-18-rapport-activites-pma")
    response = client.post(
        reverse("admin:pma_reports_takingnote_change", args=[notes["call"].pk]),
        {"deliberation": bureau.pk},
    )
    assert response.status_code == 200  # form redisplayed with an error
    assert "Sélectionnez un choix valide" in response.content.decode()
    notes["call"].refresh_from_db()
    assert notes["call"].deliberation_id is None


def test_the_cabbalr_clerk_records_the_bureau_deliberation(client, pma, notes):
    cabbalr = Organisation.objects.get(slug="cabbalr")
    client.force_login(_clerk("greffe-cabbalr", cabbalr))
    bureau = Deliberation.objects.get(
        slug="bureau-communautaire-2022-10-18-rapport-activites-pma")
    TakingNote.objects.filter(pk=notes["cabbalr"].pk).update(deliberation=None)
    response = client.post(
        reverse("admin:pma_reports_takingnote_change", args=[notes["cabbalr"].pk]),
        {"deliberation": bureau.pk},
    )
    assert response.status_code == 302
    notes["cabbalr"].refresh_from_db()
    assert notes["cabbalr"].deliberation_id == bureau.pk


def test_a_member_clerk_cannot_edit_the_pma_reports(client, pma):
    client.force_login(_clerk("greffe-cahc", Organisation.objects.get(slug="cahc")))
    listing = client.get(reverse("admin:pma_reports_activityreport_changelist"))
    assert list(listing.context["cl"].queryset) == []


def test_the_2022_report_is_entered_by_hand_with_ordered_pillars(client, pma):
    client.force_login(_clerk("greffe-pma", pma))
    prefix = {"pillars": "pillars", "figures": "key_figures", "notes": "taking_notes"}
    data = {
        "organisation": pma.pk, "year": 2022, "title": "Rapport d'activités 2022 du PMA",
        "received_on": "", "source_document": "", "source_text": "",
        f"{prefix['pillars']}-TOTAL_FORMS": 2, f"{prefix['pillars']}-INITIAL_FORMS": 0,
        f"{prefix['pillars']}-0-order": 2, f"{prefix['pillars']}-0-title": "Agir ensemble",
        f"{prefix['pillars']}-1-order": 1, f"{prefix['pillars']}-1-title": "Décider ensemble",
        f"{prefix['figures']}-TOTAL_FORMS": 0, f"{prefix['figures']}-INITIAL_FORMS": 0,
        f"{prefix['notes']}-TOTAL_FORMS": 0, f"{prefix['notes']}-INITIAL_FORMS": 0,
    }
    response = client.post(reverse("admin:pma_reports_activityreport_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    report = ActivityReport.objects.get(organisation=pma, year=2022)
    assert list(Pillar.objects.filter(report=report).values_list("title", flat=True)) == [
        "Décider ensemble", "Agir ensemble"]
    # Not public while it is being entered; public once the clerk publishes it.
    client.logout()
    assert client.get(report.get_absolute_url()).status_code == 404
    assert "2022" not in client.get(reverse("pma_reports:report_list")).content.decode()
    ActivityReport.objects.filter(pk=report.pk).update(published=True)
    assert client.get(report.get_absolute_url()).status_code == 200


def test_a_taking_note_must_be_a_deliberation_of_that_member(client, pma, notes, admin_user):
    from django.core.exceptions import ValidationError

    from pma_reports.services import taking_note_record

    bureau = Deliberation.objects.get(
        slug="bureau-communautaire-2022-10-18-rapport-activites-pma")
    with pytest.raises(ValidationError, match="n'a pas été prise par une assemblée"):
        taking_note_record(taking_note=notes["call"], deliberation=bureau)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:pma_reports_takingnote_change", args=[notes["call"].pk]),
        {"deliberation": bureau.pk},
    )
    assert "n&#x27;a pas été prise par une assemblée" in response.content.decode()
    notes["call"].refresh_from_db()
    assert notes["call"].deliberation_id is None


def test_admin_pages_of_a_report_open_for_the_pma_clerk(client, pma):
    client.force_login(_clerk("greffe-pma-2", pma))
    report = ActivityReport.objects.get(organisation=pma, year=2021)
    objective = report.pillars.get(order=1).objectives.get(order=2)
    for url in (
        reverse("admin:pma_reports_activityreport_change", args=[report.pk]),
        reverse("admin:pma_reports_pillar_change", args=[objective.pillar_id]),
        reverse("admin:pma_reports_objective_change", args=[objective.pk]),
        reverse("admin:pma_reports_publication_changelist"),
    ):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("admin:pma_reports_objective_change", args=[objective.pk]))
    # Sub-items choose their parent among the top-level actions of the same objective.
    parent_field = page.context["inline_admin_formsets"][0].formset.forms[0].fields["parent"]
    assert [a.text[:25] for a in parent_field.queryset] == [
        "Mise en place de Commissi", "Définition d'un calendrie", "Information et outillage "]
