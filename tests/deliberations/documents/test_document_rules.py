"""Dated case tables of the session-document deadlines (rules.py): L2121-25, L2121-15,
L5211-40-2, and the L2121-12 delay checked against the recorded sending day."""

from datetime import date

import pytest

from deliberations import rules


@pytest.mark.parametrize(("session_on", "expected", "source"), [
    (date(2022, 12, 6), date(2022, 12, 13), "seed 003: Conseil of 6 Dec 2022"),
    (date(2022, 10, 18), date(2022, 10, 25), "seed 000: Bureau of 18 Oct 2022"),
    (date(2022, 12, 28), date(2023, 1, 4), "across the year end"),
    (date(2024, 2, 26), date(2024, 3, 4), "across 29 Feb of a leap year"),
])
def test_deliberation_list_deadline_is_a_week_after_the_session(session_on, expected, source):
    assert rules.deliberation_list_deadline(session_on) == expected, source


@pytest.mark.parametrize(("approved_on", "expected", "source"), [
    (date(2022, 12, 15), date(2022, 12, 22), "PV adopted at the next session"),
    (date(2023, 2, 27), date(2023, 3, 6), "across a month end"),
])
def test_minutes_publication_deadline(approved_on, expected, source):
    assert rules.minutes_publication_deadline(approved_on) == expected, source


@pytest.mark.parametrize(("start", "expected", "source"), [
    (date(2022, 12, 6), date(2023, 1, 6), "list of the Conseil of 6 Dec 2022"),
    (date(2023, 1, 31), date(2023, 2, 28), "no 31 February: the month's last day"),
    (date(2024, 1, 31), date(2024, 2, 29), "leap year"),
])
def test_member_communes_deadline_is_a_month(start, expected, source):
    assert rules.member_communes_deadline(start) == expected, source


@pytest.mark.parametrize(("sent_on", "session_on", "urgent", "fragment"), [
    (date(2022, 11, 30), date(2022, 12, 6), False, ""),  # seed 003: five clear days
    (date(2022, 12, 1), date(2022, 12, 6), False, "4 jours francs avant la séance, il en faut 5"),
    (date(2022, 12, 4), date(2022, 12, 6), True, ""),  # one clear day in an emergency
    (date(2022, 12, 5), date(2022, 12, 6), True, "0 jour franc avant la séance, il en faut 1"),
    (None, date(2022, 12, 6), False, "Aucune convocation"),
])
def test_convocation_delay_problem(sent_on, session_on, urgent, fragment):
    problem = rules.convocation_delay_problem(sent_on=sent_on, session_on=session_on,
                                              urgent=urgent)
    assert (fragment in problem) if fragment else problem == ""


def test_minutes_are_adopted_at_a_later_session():
    assert rules.minutes_approval_problem(session_on=date(2022, 12, 6),
                                          approved_on=date(2022, 12, 15)) == ""
    assert "postérieure" in rules.minutes_approval_problem(session_on=date(2022, 12, 6),
                                                           approved_on=date(2022, 12, 6))


def test_each_document_rule_records_its_text_and_date():
    for name in ("deliberation_list_deadline", "minutes_publication_deadline",
                 "member_communes_deadline", "convocation_delay_problem",
                 "minutes_approval_problem"):
        source = rules.RULES[name]
        assert "L2121" in source.text or "L5211" in source.text
        assert source.dated <= date(2022, 7, 1)
