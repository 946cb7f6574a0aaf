"""Words and checks the clerk meets on the way: "enjeux", a registre named without
"(version None)", a taking-note only by a published act of the member's assemblies taken
after the year reported on, a rectification only at a session after the corrected act's
publication."""

import datetime

import pytest

from deliberations import rules
from deliberations.models import Registre
from pma_reports.admin import TakingNoteForm
from pma_reports.models import ActivityReport, TakingNote
from territory_project.models import Stake
from tests.factories import (
    BodyFactory,
    DeliberationFactory,
    OrganisationFactory,
    SessionFactory,
)

D = datetime.date


def test_stakes_are_enjeux():
    assert Stake._meta.verbose_name_plural == "enjeux"


@pytest.mark.django_db
def test_a_registre_not_generated_yet_has_no_version_in_its_name():
    body = BodyFactory(name="Bureau communautaire")
    assert str(Registre(body=body, year=2022)) == f"Registre {body} 2022"
    assert str(Registre(body=body, year=2022, version=2)) == f"Registre {body} 2022 (version 2)"


@pytest.mark.parametrize(("session_date", "published_on", "expected"), [
    # The Conseil of 6 December 2022 rectifies an act published on 14 December: too early.
    (D(2022, 12, 6), D(2022, 12, 14), [
        "La rectification doit être décidée lors d'une séance tenue après la publication de "
        "la délibération rectifiée (publiée le 14/12/2022) : la séance du 06/12/2022 la "
        "précède."]),
    (D(2022, 12, 14), D(2022, 12, 14), []),
    (D(2023, 1, 10), D(2022, 12, 14), []),
    (D(2023, 1, 10), None, []),
])
def test_a_rectification_follows_the_publication(session_date, published_on, expected):
    assert rules.rectification_problems(
        corrected_status="published", corrected_session_date=D(2022, 12, 6),
        session_date=session_date, same_organisation=True, is_itself=False,
        corrected_published_on=published_on) == expected


@pytest.fixture
def taking_note(db):
    pole = OrganisationFactory(name="Pôle métropolitain de test", slug="pm-test", kind="pm")
    member = OrganisationFactory(name="Agglo membre", slug="agglo-membre")
    report = ActivityReport.objects.create(organisation=pole, year=2021,
                                           title="Rapport d'activités 2021")
    note = TakingNote.objects.create(report=report, member_organisation=member)
    return note, BodyFactory(organisation=member, name="Bureau communautaire")


def form_errors(note, deliberation):
    form = TakingNoteForm({"report": note.report_id, "member_organisation":
                           note.member_organisation_id, "deliberation": deliberation.pk},
                          instance=note)
    return form.errors.get("deliberation", [])


def test_a_taking_note_is_a_published_act_taken_after_the_year_reported_on(taking_note):
    note, body = taking_note
    held = SessionFactory(body=body, date=D(2022, 10, 18))
    draft = DeliberationFactory(session=held)
    assert form_errors(note, draft) == [
        "Seule une délibération publiée atteste la prise d'acte : publiez-la d'abord."]
    early = DeliberationFactory(session=SessionFactory(body=body, date=D(2021, 12, 14),
                                                         convened_on=None),
                                published=True)
    assert form_errors(note, early) == [
        "La séance du 14/12/2021 précède la fin de l'année 2021 dont le rapport rend compte : "
        "la prise d'acte suit le rapport."]
    # Seed 000: the Bureau of 18 October 2022 takes note of the report on 2021.
    taken = DeliberationFactory(session=held, published=True)
    assert form_errors(note, taken) == []
