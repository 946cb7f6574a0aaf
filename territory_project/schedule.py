"""The evaluation calendar promised by the project ("Un projet à évaluer": results presented
to the Conseil communautaire every two years). Pure functions, no ORM: `today` is always
passed in, so the calendar is the same in tests whatever the date. Lateness is stated only
for an evaluation the portal records; a past date it holds nothing about is "non renseigné
sur ce portail"."""

from __future__ import annotations

import datetime
from enum import StrEnum


class EvaluationStatus(StrEnum):
    # Presented to the Conseil.
    DONE = "done"
    # The clerk recorded the evaluation as due and no presentation is recorded: its date has
    # passed. Only a recorded evaluation can be late: the portal holds its data.
    OVERDUE = "overdue"
    # Not presented yet, its date still to come.
    DUE = "due"
    # Its date has passed and the portal holds no record of it: the evaluation may have been
    # presented in a session this portal does not hold, so nothing is concluded.
    NOT_RECORDED = "not_recorded"


STATUS_LABELS = {
    EvaluationStatus.DONE: "présentée",
    EvaluationStatus.OVERDUE: "en retard",
    EvaluationStatus.DUE: "à présenter",
    EvaluationStatus.NOT_RECORDED: "non renseigné sur ce portail",
}


def _same_day_years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def evaluation_due_dates(adopted_on: datetime.date, *, every_years: int,
                         end_year: int) -> list[datetime.date]:
    """Every `every_years` years from the adoption, up to the project's last year: adopted
    on 6 Dec 2022 every two years until 2032 → 6 Dec 2024, 2026, 2028, 2030, 2032."""
    dates, count = [], 1
    while True:
        due = _same_day_years_later(adopted_on, every_years * count)
        if due.year > end_year:
            return dates
        dates.append(due)
        count += 1


def evaluation_status(*, due_on: datetime.date, presented_on: datetime.date | None,
                      today: datetime.date, recorded: bool) -> EvaluationStatus:
    """`recorded`: the portal holds a record of this evaluation (the clerk entered it). A
    past date without a record says nothing about the evaluation, only about the portal."""
    if presented_on is not None:
        return EvaluationStatus.DONE
    if due_on >= today:
        return EvaluationStatus.DUE
    return EvaluationStatus.OVERDUE if recorded else EvaluationStatus.NOT_RECORDED
