"""The clerk's calendar: every legal deadline derived from the records, whatever app holds
them, through a registry (portal depends on no other app).

An app registers, in its AppConfig.ready(), a provider: a function
``provider(organisation_ids, today) -> Iterable[Deadline]`` giving the open deadlines of
those organisations (``organisation_ids`` None: every organisation, for a superuser). The
calendar page (portal/deadline_views.py) merges them, sorts them and exports them as
iCalendar.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Provider = Callable[[list[int] | None, datetime.date], Iterable["Deadline"]]

_providers: list[Provider] = []


@dataclass(frozen=True)
class Deadline:
    """One thing a clerk must do by a date (or, ``informative``, a period that runs out)."""

    kind: str  # stable key: "convocation", "deliberation_list", "appeal"...
    label: str  # French name of the kind: "Convocation à envoyer"
    title: str  # what, in French: "Conseil communautaire du 06/12/2022"
    due_on: datetime.date
    organisation: str  # organisation name, for the clerk's view across organisations
    legal_basis: str = ""  # "CGCT L2121-25"
    url: str = ""  # where to act (admin page)
    informative: bool = False  # a period running (appeal), never "en retard"

    def overdue(self, today: datetime.date) -> bool:
        return not self.informative and self.due_on < today

    @property
    def uid(self) -> str:
        # Stable across exports so that a diary updates an event instead of duplicating it.
        return f"{self.kind}-{self.due_on:%Y%m%d}-{abs(hash((self.title, self.organisation)))}"


def register(provider: Provider) -> Provider:
    """Add a provider (idempotent: ready() may run twice in tests)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def deadlines_for(organisation_ids: list[int] | None, today: datetime.date) -> list[Deadline]:
    """Every registered provider's deadlines, by due date."""
    found = [d for provider in _providers for d in provider(organisation_ids, today)]
    return sorted(found, key=lambda d: (d.due_on, d.organisation, d.label, d.title))
