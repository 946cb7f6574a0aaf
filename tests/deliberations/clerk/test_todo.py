"""The admin home's to-do list counts the calendar's deadlines (one source): overdue legal
deadlines first, then sessions to convene, documents to publish or send, acts to complete;
every count on the home equals the calendar's."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from deliberations.models import Deliberation, Session
from portal import deadline_views
from tests.factories import BodyFactory, DeliberationFactory, SessionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2023, 3, 10)


def text(response) -> str:
    return html.unescape(response.content.decode())


def todo_sections(page: str) -> list[tuple[str, list[tuple[str, int, str]]]]:
    """(heading, [(label, count, calendar link)]) of the home's to-do list."""
    block = page.split('id="clerk-todo-title"')[1].split("</section>")[0]
    sections = []
    for part in block.split("<h3")[1:]:
        heading = re.sub(r"<[^>]+>", "", part.split(">", 1)[1].split("</h3>")[0]).strip()
        lines = [(label.strip(), int(count), link) for link, label, count in re.findall(
            r'<li><a href="([^"]+)">(.*?) : <strong>(\d+)</strong></a>', part)]
        sections.append((heading, lines))
    return sections


def calendar_rows(client, query: str = "") -> list[str]:
    page = text(client.get(f"{reverse('deadline_calendar')}{query}"))
    return re.findall(r"<tr class=\"(deadline-overdue)?\">", page)


def test_seeded_home_lists_what_the_calendar_lists(client, cabbalr_clerk):
    client.force_login(cabbalr_clerk)
    home = text(client.get(reverse("admin:index")))
    assert "Rien en attente" not in home
    sections = todo_sections(home)
    calendar = text(client.get(reverse("deadline_calendar")))
    overdue = int(re.search(r"<strong>(\d+) échéances? dépassées?</strong>", calendar)[1])
    # Overdue deadlines first, as many as the calendar marks "En retard".
    assert sections[0][0] == f"En retard ({overdue})"
    assert overdue == calendar.count("<strong>En retard</strong>") > 0
    assert sum(count for _, count, _ in sections[0][1]) == overdue
    # Every line leads to the calendar showing exactly its rows.
    for heading, lines in sections:
        for label, count, link in lines:
            assert link.startswith(reverse("deadline_calendar") + "?nature=")
            page = text(client.get(link))
            assert f"Seulement : <strong>{label} — " in page, (heading, label)
            assert len(re.findall(r"<tr class=\"(?:deadline-overdue)?\">", page)) == count
    # All the calendar's deadlines to act on are on the home (periods running aside).
    rows = calendar.count('data-label="État">En cours</td>') + sum(
        count for _, lines in sections for _, count, _ in lines)
    assert rows == len(re.findall(r"<tr class=\"(?:deadline-overdue)?\">", calendar))


@pytest.fixture
def records(organisation):
    body = BodyFactory(organisation=organisation, name="Conseil communautaire")
    held = SessionFactory(body=body, date=datetime.date(2023, 2, 7), status="held",
                          convened_on=datetime.date(2023, 1, 31))
    SessionFactory(body=body, date=datetime.date(2023, 3, 20), status=Session.Status.DRAFT)
    DeliberationFactory(session=held, status=Deliberation.Status.ADOPTED,
                        result=Deliberation.Result.ADOPTED, title="ACTE A TRANSMETTRE")
    return held


def test_overdue_first_then_sections_in_order(client, clerk, records, monkeypatch):
    monkeypatch.setattr(deadline_views, "_today", lambda: TODAY)
    client.force_login(clerk)
    sections = todo_sections(text(client.get(reverse("admin:index"))))
    calendar = reverse("deadline_calendar")
    assert sections == [
        ("En retard (4)", [
            # The list of deliberations of 7 February (L2121-25: within the week) and the
            # attendance it rests on; the act to transmit (15 days, the portal's target);
            # the list to send to the member communes (L5211-40-2: within a month).
            ("Liste de présence à saisir", 1, f"{calendar}?nature=attendance&etat=retard"),
            ("Liste des délibérations à publier", 1,
             f"{calendar}?nature=deliberation_list&etat=retard"),
            ("Acte à transmettre en préfecture", 1,
             f"{calendar}?nature=transmit&etat=retard"),
            ("Liste à communiquer aux communes membres", 1,
             f"{calendar}?nature=communes_list&etat=retard"),
        ]),
        # L2121-12: five clear days before 20 March.
        ("Séances à convoquer (1)", [
            ("Convocation à envoyer", 1, f"{calendar}?nature=convocation&etat=a-venir")]),
        # L2121-15: the PV of 7 February is adopted at the next session (20 March).
        ("Documents à publier ou à communiquer (1)", [
            ("Procès-verbal à rédiger", 1, f"{calendar}?nature=minutes_draft&etat=a-venir"),
        ]),
    ]


def test_nothing_to_do_says_so(client, clerk):
    client.force_login(clerk)
    home = text(client.get(reverse("admin:index")))
    assert "Rien en attente : aucune échéance du" in home
    assert "<h3" not in home.split('id="clerk-todo-title"')[1].split("</section>")[0]
