"""The rule-change log (which text and date each rule follows) and what every rule shares."""

from __future__ import annotations

from collections.abc import Container, Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeAlias

Names: TypeAlias = Mapping[Hashable, str] | None
# Anything that answers ``day in holidays``: a set of dates, or the calendar of an
# organisation's department (portal.kernel.calendars.public_holidays). The rules never pick
# a calendar themselves: the selector passes the organisation's.
Holidays: TypeAlias = Container[date]


# --- Rule-change log ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSource:
    """The legal text (article, decision) a rule follows, and the date of that text.

    When the law changes, the rule is rewritten and its source and date change with it; the
    tests keep one dated case table per rule (tests/deliberations/test_legal_time.py).
    """

    text: str
    dated: date


# Function name -> the text it follows. Filled by ``follows``; read by the tests and by
# anyone asking "which version of the law does the portal apply?".
RULES: dict[str, RuleSource] = {}


def follows(text: str, *, dated: date):
    """Record the legal text (and its date) a rule function follows in ``RULES``."""

    def register(function):
        source = RuleSource(text, dated)
        RULES[function.__name__] = source
        function.legal_source = source
        return function

    return register


def _name(member: Hashable, names: Names) -> str:
    if names is not None and member in names:
        return names[member]
    return str(member)


def _within(item: int, from_item: int | None, until_item: int | None) -> bool:
    # An open bound means "from the first item" / "until the end of the session".
    return (from_item is None or from_item <= item) and (until_item is None or item <= until_item)


def _check_item(item: int) -> None:
    if item < 1:
        raise ValueError(f"Le numéro de question doit être au moins 1 (reçu : {item}).")
