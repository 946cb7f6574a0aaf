"""Dated case tables of the session-document deadlines (deliberations.rules): L2121-25, L2121-15,
L5211-40-2, the L2121-12 delay checked against the recorded sending day, and the clerk's
targets where the law sets no deadline. The tables are also listed in
tests/deliberations/test_legal_time.py (CASE_TABLES: every logged rule keeps one)."""

from datetime import date

import pytest

from deliberations import rules

DELIBERATION_LIST_CASES = [
    (date(2022, 12, 6), date(2022, 12, 13), "seed 003: Conseil of 6 Dec 2022"),
    (date(2022, 10, 18), date(2022, 10, 25), "seed 000: Bureau of 18 Oct 2022"),
    (date(2022, 12, 28), date(2023, 1, 4), "across the year end"),
    (date(2024, 2, 26), date(2024, 3, 4), "across 29 Feb of a leap year"),
]
MINUTES_PUBLICATION_CASES = [
    (date(2022, 12, 15), date(2022, 12, 22), "PV adopted at the next session"),
    (date(2023, 2, 27), date(2023, 3, 6), "across a month end"),
]
MEMBER_COMMUNES_CASES = [
    (date(2022, 12, 6), date(2023, 1, 6), "list of the Conseil of 6 Dec 2022"),
    (date(2023, 1, 31), date(2023, 2, 28), "no 31 February: the month's last day"),
    (date(2024, 1, 31), date(2024, 2, 29), "leap year"),
]
CONVOCATION_DELAY_CASES = [
    (date(2022, 11, 30), date(2022, 12, 6), False, "", "seed 003: five clear days"),
    (date(2022, 12, 1), date(2022, 12, 6), False,
     "4 jours francs avant la séance, il en faut 5", "four clear days: late"),
    (date(2022, 12, 4), date(2022, 12, 6), True, "", "one clear day in an emergency"),
    (date(2022, 12, 5), date(2022, 12, 6), True,
     "0 jour franc avant la séance, il en faut 1", "the day before, even in an emergency"),
]
MINUTES_APPROVAL_CASES = [
    (date(2022, 12, 6), date(2022, 12, 15), "", "adopted at the next session"),
    (date(2022, 12, 6), date(2022, 12, 6), "postérieure", "not at the session it relates"),
]
ACTIVITY_REPORT_CASES = [
    (2021, date(2022, 9, 30), "seed 000: PMA report 2021, noted by the Bureau on 18 Oct 2022"),
    (2020, date(2021, 9, 30), "seed 001: PMA report 2020"),
]
TRANSMISSION_TARGET_CASES = [
    (date(2023, 3, 7), 15, date(2023, 3, 22), "setting TRANSMISSION_TARGET_DAYS = 15"),
    (date(2023, 3, 9), 7, date(2023, 3, 16), "setting PUBLICATION_TARGET_DAYS = 7"),
]


@pytest.mark.parametrize(("session_on", "expected", "source"), DELIBERATION_LIST_CASES)
def test_deliberation_list_deadline_is_a_week_after_the_session(session_on, expected, source):
    assert rules.deliberation_list_deadline(session_on) == expected, source


@pytest.mark.parametrize(("approved_on", "expected", "source"), MINUTES_PUBLICATION_CASES)
def test_minutes_publication_deadline(approved_on, expected, source):
    assert rules.minutes_publication_deadline(approved_on) == expected, source


@pytest.mark.parametrize(("start", "expected", "source"), MEMBER_COMMUNES_CASES)
def test_member_communes_deadline_is_a_month(start, expected, source):
    assert rules.member_communes_deadline(start) == expected, source


@pytest.mark.parametrize(("sent_on", "session_on", "urgent", "fragment", "source"),
                         CONVOCATION_DELAY_CASES)
def test_convocation_delay_problem(sent_on, session_on, urgent, fragment, source):
    problem = rules.convocation_delay_problem(sent_on=sent_on, session_on=session_on,
                                              urgent=urgent)
    if fragment:
        assert fragment in problem, source
    else:
        assert problem == "", source


def test_no_sending_recorded_is_a_problem():
    assert "Aucune convocation" in rules.convocation_delay_problem(
        sent_on=None, session_on=date(2022, 12, 6))


@pytest.mark.parametrize(("session_on", "approved_on", "fragment", "source"),
                         MINUTES_APPROVAL_CASES)
def test_minutes_are_adopted_at_a_later_session(session_on, approved_on, fragment, source):
    problem = rules.minutes_approval_problem(session_on=session_on, approved_on=approved_on)
    assert (fragment in problem) if fragment else problem == "", source


@pytest.mark.parametrize(("start", "days", "expected", "source"), TRANSMISSION_TARGET_CASES)
def test_transmission_target(start, days, expected, source):
    assert rules.transmission_target(start, days=days) == expected, source


@pytest.mark.parametrize(("year", "expected", "source"), ACTIVITY_REPORT_CASES)
def test_activity_report_deadline(year, expected, source):
    assert rules.activity_report_deadline(year) == expected, source
