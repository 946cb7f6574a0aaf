"""Reads behind the project's public pages, API and CSV: each runs a fixed number of
queries whatever the size of the project."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch

from deliberations.models import Deliberation
from territory_project.models import (
    Action,
    ActionDeliberation,
    Evaluation,
    Objective,
    Priority,
    Project,
    Stake,
)
from territory_project.schedule import (
    STATUS_LABELS,
    EvaluationStatus,
    evaluation_due_dates,
    evaluation_status,
)


def carried_out():
    """True for an action linked to at least one published deliberation."""
    return Exists(ActionDeliberation.objects.filter(
        action=OuterRef("pk"), deliberation__in=Deliberation.objects.published(),
    ))


def published_deliberations_prefetch(to_attr: str = "public_deliberations") -> Prefetch:
    return Prefetch(
        "deliberations",
        queryset=Deliberation.objects.published()
        .select_related("session__body__organisation").order_by("session__date", "pk"),
        to_attr=to_attr,
    )


@dataclass
class PriorityProgress:
    priority: Priority
    stakes: int = 0
    objectives: int = 0
    actions: int = 0
    carried: int = 0


@dataclass
class ProjectProgress:
    priorities: list[PriorityProgress] = field(default_factory=list)

    @property
    def stakes(self) -> int:
        return sum(p.stakes for p in self.priorities)

    @property
    def objectives(self) -> int:
        return sum(p.objectives for p in self.priorities)

    @property
    def actions(self) -> int:
        return sum(p.actions for p in self.priorities)

    @property
    def carried(self) -> int:
        """Actions linked to at least one deliberation published on this portal: not a
        measure of progress, since the portal holds only some of the organisation's acts."""
        return sum(p.carried for p in self.priorities)


def project_progress(project: Project) -> ProjectProgress:
    """The 4 priorities with their counts of stakes, objectives and actions, and how many
    actions at least one published deliberation carries out (4 queries)."""
    rows = {p.pk: PriorityProgress(p) for p in project.priorities.order_by("number")}
    for row in Stake.objects.filter(priority__project=project).values("priority_id").annotate(
            n=Count("pk")):
        rows[row["priority_id"]].stakes = row["n"]
    for row in Objective.objects.filter(stake__priority__project=project).values(
            "stake__priority_id").annotate(n=Count("pk")):
        rows[row["stake__priority_id"]].objectives = row["n"]
    actions = (Action.objects.filter(objective__stake__priority__project=project)
               .annotate(carried=carried_out()).values("objective__stake__priority_id",
                                                       "carried"))
    for row in actions:
        progress = rows[row["objective__stake__priority_id"]]
        progress.actions += 1
        progress.carried += bool(row["carried"])
    return ProjectProgress(list(rows.values()))


@dataclass
class PortalCoverage:
    """What this portal holds of the organisation's acts: the only ground on which a share of
    actions "reliées à une délibération" can be stated."""

    deliberations: int
    first_session_on: datetime.date | None
    last_session_on: datetime.date | None


def portal_coverage(project: Project) -> PortalCoverage:
    """The published deliberations of the project's organisation on this portal: how many,
    and the dates of the first and last sessions they come from (1 query)."""
    row = Deliberation.objects.published().filter(
        session__body__organisation=project.organisation_id,
    ).aggregate(n=Count("pk"), first=Min("session__date"), last=Max("session__date"))
    return PortalCoverage(row["n"], row["first"], row["last"])


def priority_tree(priority: Priority) -> list[Stake]:
    """Stakes → objectives → actions of a priority, each action with its published
    deliberations (4 queries)."""
    return list(
        priority.stakes.order_by("position").prefetch_related(
            Prefetch("objectives", queryset=Objective.objects.order_by("number")),
            Prefetch("objectives__actions", queryset=Action.objects.order_by("position")
                     .prefetch_related(published_deliberations_prefetch())),
        )
    )


def project_tree(project: Project) -> list[Priority]:
    """The whole project (priorities → stakes → objectives → actions → published
    deliberations), in the document's order (6 queries)."""
    return list(
        project.priorities.order_by("number").prefetch_related(
            Prefetch("stakes", queryset=Stake.objects.order_by("position")),
            Prefetch("stakes__objectives", queryset=Objective.objects.order_by("number")),
            Prefetch("stakes__objectives__actions", queryset=Action.objects.order_by(
                "position").prefetch_related(published_deliberations_prefetch())),
        )
    )


@dataclass
class CalendarEntry:
    due_on: datetime.date
    status: EvaluationStatus
    evaluation: Evaluation | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def evaluation_calendar(project: Project, *, today: datetime.date) -> list[CalendarEntry]:
    """Every two years from the adoption (2024, 2026, …): the evaluation recorded for that
    year, if any, and whether it is done, overdue, due, or past without a record on this
    portal on `today` (1 query)."""
    recorded = {
        e.due_on.year: e
        for e in project.evaluations.select_related(
            "deliberation__session__body__organisation")
    }
    entries = []
    if project.adopted_on is not None:
        for due_on in evaluation_due_dates(project.adopted_on,
                                           every_years=project.evaluation_interval_years,
                                           end_year=project.end_year):
            evaluation = recorded.pop(due_on.year, None)
            entries.append(CalendarEntry(
                due_on=evaluation.due_on if evaluation else due_on,
                status=evaluation_status(
                    due_on=evaluation.due_on if evaluation else due_on,
                    presented_on=evaluation.presented_on if evaluation else None, today=today,
                    recorded=evaluation is not None),
                evaluation=evaluation,
            ))
    # Evaluations recorded outside the two-year rhythm still show.
    for evaluation in recorded.values():
        entries.append(CalendarEntry(
            evaluation.due_on,
            evaluation_status(due_on=evaluation.due_on, presented_on=evaluation.presented_on,
                              today=today, recorded=True),
            evaluation,
        ))
    return sorted(entries, key=lambda e: e.due_on)
