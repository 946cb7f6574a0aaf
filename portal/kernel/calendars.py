"""Public holidays by French department, from the maintained ``holidays`` package.

The national list is that of the Code du travail (L3133-1). In Moselle (57), Bas-Rhin (67)
and Haut-Rhin (68), local law adds Good Friday and 26 December (art. L3134-13 Code du
travail, droit local d'Alsace-Moselle). Overseas departments have their own days (abolition
of slavery...), which the package also keeps. rules.py receives the calendar as a value
(``day in calendar``) and never picks it: selectors do, from the organisation's department.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays

# The package groups Bas-Rhin and Haut-Rhin under the Collectivité européenne d'Alsace.
_SUBDIVISION_OF_DEPARTMENT = {"67": "6AE", "68": "6AE"}


def subdivision(department: str) -> str | None:
    """The ``holidays.France`` subdivision of a department code, None for the national list."""
    department = (department or "").strip().upper()
    code = _SUBDIVISION_OF_DEPARTMENT.get(department, department)
    return code if code in holidays.France.subdivisions else None


@lru_cache(maxsize=512)
def _holidays_of_year(code: str | None, year: int) -> frozenset[date]:
    return frozenset(holidays.France(subdiv=code, years=year))


@dataclass(frozen=True)
class PublicHolidays:
    """The public holidays of one department, any year: ``day in PublicHolidays("57")``.

    Immutable and computed year by year (cached), so one value can be shared by threads.
    """

    department: str = ""

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        return day in _holidays_of_year(subdivision(self.department), day.year)

    def of_year(self, year: int) -> frozenset[date]:
        return _holidays_of_year(subdivision(self.department), year)


def public_holidays(department: str = "") -> PublicHolidays:
    """The calendar of public holidays that applies in a department ("" → national list)."""
    return PublicHolidays((department or "").strip().upper())
