"""The activity reports' admin keeps each organisation to its own records: the CABBALR clerk
adds nothing to the PMA's published report, the PMA clerk does not replace the CABBALR's
taking-note with CABBALR drafts through the report's page, and no posted id makes a page
name another organisation's draft (seed records: the PMA's 2021 report, taken note of by the
CABBALR's Bureau on 18 October 2022)."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from deliberations.models import Deliberation
from pma_reports.models import ActivityReport, Pillar, TakingNote
from portal.models import Organisation, StaffAssignment
from tests.factories import DeliberationFactory
from tests.security.conftest import PASSWORD, admin_form_data

BUREAU_NOTE = "bureau-communautaire-2022-10-18-rapport-activites-pma"
DRAFT_TITLE = "Projet confidentiel de transfert de compétence"


@pytest.fixture(scope="module")
def report_records(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_seed_records", verbosity=0)
            call_command("load_pma_reports", verbosity=0)
            yield
            transaction.set_rollback(True)


def clerk_of(slug):
    user = User.objects.create_user(f"greffe-{slug}", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    StaffAssignment.objects.create(user=user, organisation=Organisation.objects.get(slug=slug))
    return user


@pytest.fixture
def report(report_records, db):
    return ActivityReport.objects.get(organisation__slug="pma", year=2021)


@pytest.fixture
def cabbalr_draft(report):
    """A CABBALR draft (not published): its title is the CABBALR's business only."""
    bureau = Deliberation.objects.get(slug=BUREAU_NOTE)
    return DeliberationFactory(session=bureau.session, item_number=90, title=DRAFT_TITLE)


def test_a_pillar_cannot_be_added_to_another_organisations_report(client, report):
    before = list(Pillar.objects.filter(report=report).values_list("title", flat=True))
    client.force_login(clerk_of("cabbalr"))
    response = client.post(reverse("admin:pma_reports_pillar_add"), {
        "report": report.pk, "order": 9, "title": "Axe ajouté par un tiers",
        "objectives-TOTAL_FORMS": "0", "objectives-INITIAL_FORMS": "0"})
    assert response.status_code == 200
    assert "report" in response.context["adminform"].form.errors
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert list(Pillar.objects.filter(report=report).values_list("title", flat=True)) == before
    client.logout()
    public = client.get(report.get_absolute_url()).content.decode()
    assert "Axe ajouté par un tiers" not in public


def test_the_report_page_does_not_replace_a_members_taking_note(client, report,
                                                               cabbalr_draft):
    note = TakingNote.objects.get(report=report, member_organisation__slug="cabbalr")
    bureau = Deliberation.objects.get(slug=BUREAU_NOTE)
    assert note.deliberation == bureau
    client.force_login(clerk_of("pma"))
    url = reverse("admin:pma_reports_activityreport_change", args=[report.pk])
    page = client.get(url)
    assert page.status_code == 200
    formset = next(inline.formset for inline in page.context["inline_admin_formsets"]
                   if inline.formset.model is TakingNote)
    data = admin_form_data(page)
    for index in range(len(formset.forms)):
        data[f"{formset.prefix}-{index}-deliberation"] = str(cabbalr_draft.pk)
    response = client.post(url, data)
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.deliberation == bureau
    assert TakingNote.objects.filter(deliberation=cabbalr_draft).count() == 0
    # The rows are shown, not offered as fields: a member records its own taking-note.
    assert all("deliberation" not in form.fields for form in formset.forms)
    client.logout()
    public = client.get(report.get_absolute_url()).content.decode()
    assert "Prise d'acte publiée sur ce portail : 1 membre sur 4." in public


def test_no_page_names_another_organisations_draft_for_a_posted_id(client, report,
                                                                   cabbalr_draft):
    client.force_login(clerk_of("pma"))
    url = reverse("admin:pma_reports_activityreport_change", args=[report.pk])
    data = admin_form_data(client.get(url))
    prefix = "taking_notes"
    data[f"{prefix}-0-deliberation"] = str(cabbalr_draft.pk)
    data["title"] = ""  # the page comes back with an error, showing what was posted
    answer = client.post(url, data)
    assert answer.status_code == 200
    assert DRAFT_TITLE not in answer.content.decode()
    add = client.post(reverse("admin:pma_reports_takingnote_add"), {
        "report": report.pk, "member_organisation": Organisation.objects.get(slug="pma").pk,
        "deliberation": cabbalr_draft.pk})
    assert add.status_code == 200
    assert "Sélectionnez un choix valide" in add.content.decode()
    assert DRAFT_TITLE not in add.content.decode()


def test_a_superuser_correcting_on_the_report_page_is_checked_like_the_members_page(
        client, report, cabbalr_draft, admin_user):
    call = TakingNote.objects.get(report=report, member_organisation__slug="call")
    client.force_login(admin_user)
    url = reverse("admin:pma_reports_activityreport_change", args=[report.pk])
    page = client.get(url)
    formset = next(inline.formset for inline in page.context["inline_admin_formsets"]
                   if inline.formset.model is TakingNote)
    index = next(i for i, form in enumerate(formset.forms) if form.instance == call)
    data = admin_form_data(page)
    data[f"{formset.prefix}-{index}-deliberation"] = str(cabbalr_draft.pk)
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"]
    form = next(i.formset for i in errors if i.formset.model is TakingNote).forms[index]
    assert form.errors["deliberation"] == [
        "Cette délibération n'a pas été prise par une assemblée de « "
        f"{call.member_organisation} »."]
    call.refresh_from_db()
    assert call.deliberation_id is None


def test_the_report_page_names_a_members_taking_note_only_once_published(
        client, report, cabbalr_draft):
    TakingNote.objects.filter(report=report, member_organisation__slug="cabbalr").update(
        deliberation=cabbalr_draft)
    client.force_login(clerk_of("pma"))
    page = client.get(reverse("admin:pma_reports_activityreport_change", args=[report.pk]))
    text = page.content.decode()
    assert DRAFT_TITLE not in text
    assert "Délibération enregistrée par le membre, non publiée" in text
