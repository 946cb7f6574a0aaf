"""The clerk's calendar: every legal deadline derived from the records, whatever app holds
them, through a registry (portal depends on no other app).

An app registers, in its AppConfig.ready(), a provider: a function
``provider(organisation_ids, today) -> Iterable[Deadline]`` giving the open deadlines of
those organisations (``organisation_ids`` None: every organisation, for a superuser). The
calendar page (portal/deadline_views.py) merges them, sorts them and exports them as
iCalendar; the admin home's to-do list (``todo``) counts the very same deadlines, so that
the two never disagree.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

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
    # Heading of the admin home's to-do list (SECTIONS): sessions to convene, documents to
    # publish or send, acts and sessions to complete, anything else.
    section: str = "other"

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


# Headings of the admin home's to-do list, in their order (overdue deadlines come first,
# under their own heading).
SECTIONS = {
    "convene": "Séances à convoquer",
    "documents": "Documents à publier ou à communiquer",
    "acts": "Actes et séances à compléter",
    "other": "Autres échéances",
}


@dataclass(frozen=True)
class TodoLine:
    """Deadlines of one kind under one heading: what the home shows, linked to the calendar
    filtered on the same rows (``query``)."""

    kind: str
    label: str
    count: int
    first_due_on: datetime.date
    query: str


@dataclass(frozen=True)
class TodoSection:
    title: str
    overdue: bool
    lines: list[TodoLine] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(line.count for line in self.lines)


def matches(deadline: Deadline, today: datetime.date, *, kind: str = "",
            state: str = "") -> bool:
    """The calendar's filters: a kind, and a state ("retard", "a-venir", "en-cours")."""
    if kind and deadline.kind != kind:
        return False
    if state == "retard":
        return deadline.overdue(today)
    if state == "a-venir":
        return not deadline.informative and not deadline.overdue(today)
    if state == "en-cours":
        return deadline.informative
    return True


def todo(deadlines: Iterable[Deadline], today: datetime.date) -> list[TodoSection]:
    """The admin home's to-do list from the calendar's deadlines: overdue ones first (by
    earliest date), then the others under SECTIONS, one line per kind with its count.
    Periods running (``informative``) are the calendar's only: nothing is to be done."""
    overdue: dict[str, list[Deadline]] = {}
    coming: dict[str, dict[str, list[Deadline]]] = {name: {} for name in SECTIONS}
    for deadline in deadlines:
        if deadline.informative:
            continue
        if deadline.overdue(today):
            overdue.setdefault(deadline.kind, []).append(deadline)
        else:
            section = deadline.section if deadline.section in SECTIONS else "other"
            coming[section].setdefault(deadline.kind, []).append(deadline)

    def lines(groups: dict[str, list[Deadline]], state: str) -> list[TodoLine]:
        found = [TodoLine(kind, rows[0].label, len(rows), min(d.due_on for d in rows),
                          f"nature={kind}&etat={state}") for kind, rows in groups.items()]
        return sorted(found, key=lambda line: (line.first_due_on, line.label))

    sections = []
    if overdue:
        sections.append(TodoSection("En retard", True, lines(overdue, "retard")))
    for name, title in SECTIONS.items():
        if coming[name]:
            sections.append(TodoSection(title, False, lines(coming[name], "a-venir")))
    return sections
