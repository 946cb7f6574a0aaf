"""The evaluation calendar: every two years from the adoption, done / overdue / due."""

import datetime

import pytest

from territory_project.schedule import EvaluationStatus, evaluation_due_dates, evaluation_status

D = datetime.date


def test_every_two_years_from_adoption_until_the_last_year():
    assert evaluation_due_dates(D(2022, 12, 6), every_years=2, end_year=2032) == [
        D(2024, 12, 6), D(2026, 12, 6), D(2028, 12, 6), D(2030, 12, 6), D(2032, 12, 6),
    ]


def test_leap_day_adoption_falls_back_to_28_february():
    assert evaluation_due_dates(D(2024, 2, 29), every_years=1, end_year=2025) == [
        D(2025, 2, 28)]


@pytest.mark.parametrize(("due_on", "presented_on", "today", "recorded", "expected"), [
    (D(2024, 12, 6), None, D(2025, 3, 1), True, EvaluationStatus.OVERDUE),
    # Past, and the portal holds nothing about it: not "en retard".
    (D(2024, 12, 6), None, D(2025, 3, 1), False, EvaluationStatus.NOT_RECORDED),
    (D(2024, 12, 6), None, D(2024, 12, 6), False, EvaluationStatus.DUE),
    (D(2024, 12, 6), None, D(2024, 12, 6), True, EvaluationStatus.DUE),
    (D(2024, 12, 6), None, D(2024, 1, 1), False, EvaluationStatus.DUE),
    (D(2024, 12, 6), D(2025, 1, 20), D(2025, 3, 1), True, EvaluationStatus.DONE),
    (D(2026, 12, 6), D(2026, 11, 30), D(2025, 3, 1), True, EvaluationStatus.DONE),
])
def test_status(due_on, presented_on, today, recorded, expected):
    assert evaluation_status(due_on=due_on, presented_on=presented_on, today=today,
                             recorded=recorded) == expected
