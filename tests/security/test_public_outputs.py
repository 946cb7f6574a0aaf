"""What the public outputs let through. CSV cells read as formulas by a
spreadsheet, HTML in Atom summaries, a draft act splitting the public quorum table, and a
bare carriage return starting a new iCalendar property."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from deliberations import selectors
from deliberations.models import Session
from deliberations.publication.opendata import neutralise_formula
from tests.factories import DeliberationFactory, SessionFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("typed, written", [
    ('=HYPERLINK("https://evil.example","Cliquez")', '\'=HYPERLINK("https://evil.example","Cliquez")'),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("Convention 2022-2024 = 3 ans", "Convention 2022-2024 = 3 ans"),
])
def test_formula_triggers_are_prefixed(typed, written):
    assert neutralise_formula(typed) == written


# Published with this content (a published act cannot be edited afterwards).
@pytest.mark.parametrize("published_act_fields", [{
    "title": '=HYPERLINK("https://evil.example/phish","Voir la délibération")',
    "budget_name": "@SUM(1+1)*cmd|' /C calc'!A0", "act_number": "-2022-118",
    "prefecture_act_id": "\t+062-200041655-20221018", "votes_for": 3, "votes_against": 0,
    "abstentions": 0, "budget_year": 2022}], ids=["formulas"])
def test_csv_export_neutralises_formulas_and_keeps_scdl_columns_valid(
        client, published_session):
    act = published_session.deliberations.get()
    response = client.get(reverse("deliberations:deliberation_csv"))
    text = b"".join(response.streaming_content).decode("utf-8")
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["DELIB_OBJET"] == "'" + act.title
    assert row["BUDGET_NOM"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row["DELIB_ID"] == "'-2022-118"
    assert row["PREF_ID"] == "'+062-200041655-20221018"
    every_cell = [value for value in row.values() if value]
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in every_cell)
    # SCDL columns written by the portal stay numbers and ISO dates.
    assert (row["VOTE_POUR"], row["VOTE_CONTRE"], row["BUDGET_ANNEE"]) == ("3", "0", "2022")
    assert (row["DELIB_DATE"], row["PREF_DATE"]) == ("2022-10-18", "2022-10-20")
    assert (row["VOTE_EFFECTIF"], row["VOTE_REEL"]) == ("3", "3")


@pytest.mark.parametrize("published_act_fields", [
    {"theme": '<img src=x onerror="alert(document.domain)">'}], ids=["html"])
def test_atom_summary_is_plain_text(client, published_session):
    response = client.get(reverse("deliberations:deliberation_feed"))
    assert b'type="html"' not in response.content
    feed = ET.fromstring(response.content)
    (entry,) = feed.iter(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    # The theme as plain text, then the outcome from the act's record.
    assert summary.text.endswith('<img src=x onerror="alert(document.domain)"> · Adoptée')
    assert b"&lt;img src=x" in response.content  # escaped once, shown as text by readers


def test_withdrawal_on_a_draft_act_does_not_split_the_public_table(
        client, published_session):
    # A draft item 2 of the public session, with a member recorded as withdrawn on it.
    draft = DeliberationFactory(session=published_session, item_number=2,
                                title="PROJET CONFIDENTIEL : CESSION DU SIEGE")
    draft.withdrawn_members.add(published_session.attendances.first().member)
    inside = selectors.session_quorum_table(published_session)
    assert [(r.first_item, r.last_item) for r in inside] == [(1, 1), (2, 2)]  # the clerk sees it
    public = selectors.session_quorum_table(published_session, published_only=True)
    assert [(r.first_item, r.last_item, r.figures.present) for r in public] == [(1, 2, 3)]
    page = client.get(reverse("deliberations:session_detail", args=[published_session.pk]))
    assert [(r.first_item, r.last_item) for r in page.context["facts"].quorum] == [(1, 2)]
    api = client.get(f"/api/v1/sessions/{published_session.pk}/").json()
    assert [(r["first_item"], r["last_item"]) for r in api["quorum"]] == [(1, 2)]


def test_carried_over_flag_on_a_draft_act_is_not_public(published_session):
    DeliberationFactory(session=published_session, item_number=2, is_carried_over=True)
    public = selectors.session_quorum_table(published_session, published_only=True)
    assert [r.figures.quorum_required for r in public] == [2]


def test_icalendar_values_cannot_start_a_property(client, council):
    SessionFactory(body=council, status=Session.Status.CONVENED,
                   place="Salle Olof Palme\rSUMMARY:Séance annulée;voir https://evil.example,"
                         "\\ici\nDESCRIPTION:x\r\nEND:VEVENT\u2028BEGIN:VEVENT")
    response = client.get(reverse("deliberations:session_calendar"), {"annee": 2022})
    raw = b"".join(response.streaming_content).decode("utf-8")
    lines = raw.replace("\r\n ", "").split("\r\n")
    assert "\r" not in "".join(lines) and "\n" not in "".join(lines)
    (location,) = [line for line in lines if line.startswith("LOCATION:")]
    assert location == (
        "LOCATION:Salle Olof Palme\\nSUMMARY:Séance annulée\\;voir https://evil.example\\,"
        "\\\\ici\\nDESCRIPTION:x\\nEND:VEVENT\\nBEGIN:VEVENT"
    )
    assert [line for line in lines if line.startswith("SUMMARY:")] == [
        "SUMMARY:Conseil communautaire — Communauté d'agglomération de Béthune-Bruay\\, Artois "
        "Lys Romane"]
    assert lines.count("BEGIN:VEVENT") == 1
