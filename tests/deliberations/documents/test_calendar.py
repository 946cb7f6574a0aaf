"""The clerk's calendar (portal.kernel.deadlines + providers of deliberations and
territory_project): each kind of deadline with its date for a test organisation, fixed clock
(10 March 2023)."""

import datetime

import pytest

from deliberations.models import (
    Deliberation,
    DeliberationList,
    Minutes,
    Session,
)
from portal import deadline_views
from portal.kernel.deadlines import deadlines_for
from territory_project.models import Evaluation, Project
from tests.factories import BodyFactory, DeliberationFactory, SessionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2023, 3, 10)
D = datetime.date


@pytest.fixture
def records(organisation):
    body = BodyFactory(organisation=organisation, name="Conseil communautaire")

    def session(day, status=Session.Status.HELD):
        return SessionFactory(body=body, date=day, convened_on=day - datetime.timedelta(days=7)
                              if status != Session.Status.DRAFT else None, status=status)

    old = session(D(2023, 1, 10))
    first = session(D(2023, 2, 7))
    second = session(D(2023, 3, 7))
    upcoming = session(D(2023, 3, 20), Session.Status.DRAFT)
    for held in (old, second):
        DeliberationList.objects.create(
            session=held, published_on=held.date + datetime.timedelta(days=2),
            file="listes/x.pdf", sha256="a" * 64,
            communicated_on=D(2023, 1, 20) if held is old else None)
    Minutes.objects.create(session=old, status=Minutes.Status.APPROVED, approved_at=first)
    Minutes.objects.create(session=second)
    DeliberationFactory(session=second, status=Deliberation.Status.ADOPTED,
                        result=Deliberation.Result.ADOPTED, title="ACTE A TRANSMETTRE")
    DeliberationFactory(session=second, status=Deliberation.Status.TRANSMITTED,
                        transmitted_on=D(2023, 3, 8), received_on=D(2023, 3, 9),
                        result=Deliberation.Result.ADOPTED, title="ACTE RECU")
    DeliberationFactory(session=first, published=True, received_on=D(2023, 2, 8),
                        published_on=D(2023, 2, 9), title="ACTE PUBLIE")
    project = Project.objects.create(organisation=organisation, slug="pt", title="Projet 2022",
                                     start_year=2022, end_year=2032)
    Evaluation.objects.create(project=project, due_on=D(2023, 6, 30))
    return {"old": old, "first": first, "second": second, "upcoming": upcoming}


def test_every_kind_of_deadline_with_its_date(records, organisation):
    found = {(d.kind, d.title.split(" du ")[-1] if " du " in d.title else d.title): d.due_on
             for d in deadlines_for([organisation.pk], TODAY)}
    assert found == {
        # L2121-12: five clear days before 20 March → sent by 14 March.
        ("convocation", "20/03/2023"): D(2023, 3, 14),
        # L2121-25: within a week of the session of 7 February (no list published).
        ("deliberation_list", "07/02/2023"): D(2023, 2, 14),
        # L5211-40-2: lists to member communes within a month (January's was sent).
        ("communes_list", "07/02/2023"): D(2023, 3, 7),
        ("communes_list", "07/03/2023"): D(2023, 4, 7),
        # L2121-15: PV of 7 Feb to write for the next session (7 March), PV of 7 March to
        # adopt at the session of 20 March, PV of 10 Jan adopted on 7 Feb to publish within
        # the week, and to send to the member communes within a month.
        ("minutes_draft", "07/02/2023"): D(2023, 3, 7),
        ("minutes_approve", "07/03/2023"): D(2023, 3, 20),
        ("minutes_publish", "10/01/2023"): D(2023, 2, 14),
        ("communes_minutes", "10/01/2023"): D(2023, 3, 7),
        # Targets (no legal deadline): 15 days after the session, 7 after the receipt.
        ("transmit", "ACTE A TRANSMETTRE"): D(2023, 3, 22),
        ("publish", "ACTE RECU"): D(2023, 3, 16),
        # R421-1 CJA: published 9 Feb → 10 April 2023 is Easter Monday → 11 April.
        ("appeal", "ACTE PUBLIE"): D(2023, 4, 11),
        ("territory_evaluation", "Projet 2022"): D(2023, 6, 30),
        # To complete: the attendance of each held session (none entered), within the week
        # the list of deliberations rests on it (L2121-25); the published act's extract.
        ("attendance", "10/01/2023"): D(2023, 1, 17),
        ("attendance", "07/02/2023"): D(2023, 2, 14),
        ("attendance", "07/03/2023"): D(2023, 3, 14),
        ("extract", "ACTE PUBLIE"): D(2023, 2, 9),
    }


def test_other_organisations_deadlines_are_not_listed(records, organisation):
    assert deadlines_for([organisation.pk + 1000], TODAY) == []


def test_calendar_page_shows_overdue_in_words_and_sorts(records, clerk, client, monkeypatch):
    monkeypatch.setattr(deadline_views, "_today", lambda: TODAY)
    client.force_login(clerk)
    page = client.get("/admin/calendrier/").content.decode()
    assert "Calendrier des échéances légales" in page
    # 17/1 (attendance), 9/2 (extract), 14/2 (three), 7/3 (three).
    assert page.count("<strong>En retard</strong>") == 8
    assert "8 échéances dépassées" in page
    assert page.index("14/02/2023") < page.index("14/03/2023") < page.index("30/06/2023")
    by_kind = client.get("/admin/calendrier/?tri=nature").content.decode()
    assert by_kind.index("Acte reçu en préfecture") < by_kind.index("Convocation à envoyer")
    assert 'aria-sort="ascending"><a href="?tri=nature">' in by_kind

    ics = client.get("/admin/calendrier.ics").content.decode().replace("\r\n ", "")
    assert ics.startswith("BEGIN:VCALENDAR\r\n")
    assert ics.count("BEGIN:VEVENT") == 16
    assert "DTSTART;VALUE=DATE:20230314" in ics
    assert "SUMMARY:Liste des délibérations à publier (en retard) — Conseil communautaire du " \
        "07/02/2023" in ics


def test_calendar_is_staff_only(client):
    assert client.get("/admin/calendrier/").status_code == 302


def test_calendar_queries_do_not_grow_with_the_records(records, organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        first = len(deadlines_for([organisation.pk], TODAY))
    body = records["second"].body
    for day in range(1, 21):  # twenty more held sessions in April, each with an adopted act
        session = SessionFactory(body=body, date=D(2023, 4, day), status=Session.Status.HELD,
                                 convened_on=D(2023, 3, 25))
        DeliberationFactory(session=session, status=Deliberation.Status.ADOPTED,
                            result=Deliberation.Result.ADOPTED)
    with CaptureQueriesContext(connection) as many:
        more = len(deadlines_for([organisation.pk], TODAY))
    assert more > first + 40
    assert len(many) == len(few)
