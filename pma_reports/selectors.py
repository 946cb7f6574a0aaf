"""Reads behind the report pages, the PDF and the API: each runs a fixed number of queries
whatever the number of pillars, objectives, actions or figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from deliberations.models import Deliberation
from pma_reports import matching
from pma_reports.corrections import LAYOUT_2021, OCR_2020, Correction
from pma_reports.models import Action, ActivityReport, KeyFigure, Objective, TakingNote

# Which reviewed table repaired which source document (by seed prefix).
CORRECTIONS_BY_SOURCE = {"001": OCR_2020, "000": LAYOUT_2021}


def corrections_for(report: ActivityReport) -> list[Correction]:
    return CORRECTIONS_BY_SOURCE.get(report.source_document[:3], [])


@dataclass
class ActionNode:
    action: Action
    children: list[Action] = field(default_factory=list)


@dataclass
class TakingNoteSummary:
    rows: list[TakingNote]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def noted(self) -> int:
        """Members whose taking note is published on this portal."""
        return sum(1 for row in self.rows if row.public_deliberation is not None)

    @property
    def not_recorded(self) -> int:
        """Members whose taking note this portal does not hold: they may well have taken note
        in a session whose acts are published elsewhere, so nothing is concluded."""
        return self.total - self.noted


def report_structure(report: ActivityReport):
    """Pillars with their objectives; each objective gets `.nodes` (top-level actions with
    their sub-items) and each action `.figures`. Four queries."""
    figures = defaultdict(list)
    for figure in report.key_figures.order_by("order"):
        figures[figure.action_id].append(figure)
    pillars = list(report.pillars.order_by("order").prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.order_by("order")),
    ))
    actions = Action.objects.filter(objective__pillar__report=report).order_by(
        "objective_id", "order")
    nodes = defaultdict(list)
    by_pk = {}
    for action in actions:
        action.figures = figures.get(action.pk, [])
        if action.parent_id is None:
            by_pk[action.pk] = ActionNode(action)
            nodes[action.objective_id].append(by_pk[action.pk])
        else:
            by_pk[action.parent_id].children.append(action)
    for pillar in pillars:
        for objective in pillar.objectives.all():
            objective.nodes = nodes.get(objective.pk, [])
    return pillars


def taking_notes(report: ActivityReport) -> TakingNoteSummary:
    """One row per member; `public_deliberation` is the deliberation only once published (a
    draft is never shown)."""
    rows = list(
        report.taking_notes.select_related(
            "member_organisation", "deliberation__session__body__organisation")
        .order_by("member_organisation__name")
    )
    published_ids = set(
        Deliberation.objects.published().filter(
            pk__in=[row.deliberation_id for row in rows if row.deliberation_id]
        ).values_list("pk", flat=True)
    )
    for row in rows:
        row.public_deliberation = (row.deliberation if row.deliberation_id in published_ids
                                   else None)
    return TakingNoteSummary(rows)


def action_lead(text: str) -> str:
    """The short heading an action starts with ("Plan solaire : …" → "Plan solaire")."""
    head, separator, _ = text.partition(" :")
    if separator and 0 < len(head) <= 70:
        return head.strip()
    return ""


@dataclass
class ComparisonRow:
    lead: str
    cells: dict  # year → list[ActionNode]
    # Why the actions of the row are the same action (the reviewed pair), "" for an action
    # no pair names.
    reason: str = ""


@dataclass
class FigureRow:
    """Key figures set side by side: same label, unit and basis (and period when stated)."""

    label: str
    unit: str
    basis: str
    basis_label: str
    period: str
    cells: dict  # year → list[KeyFigure]


def _figure_rows(figures: list[KeyFigure], years: list[int]) -> list[FigureRow]:
    rows: dict[tuple, FigureRow] = {}
    for figure in figures:
        # A figure of the report's year compares with the same figure of another year; a
        # figure over another period compares only with one over that same period.
        period = figure.period if figure.basis != KeyFigure.Basis.YEAR else ""
        key = (figure.label, figure.unit, figure.basis, period)
        row = rows.setdefault(key, FigureRow(
            figure.label, figure.unit, figure.basis, figure.get_basis_display(), period,
            {y: [] for y in years}))
        row.cells[figure.report.year].append(figure)
    return list(rows.values())


def theme_comparison(organisation, theme: str):
    """The objectives of one theme over the years; actions lined up by the reviewed pairs
    (matching.py), each other action alone on its row; key figures lined up only when
    comparable (FigureRow)."""
    objectives = list(
        Objective.objects.filter(pillar__report__in=ActivityReport.objects.public(),
                                 pillar__report__organisation=organisation, theme=theme)
        .select_related("pillar__report").order_by("pillar__report__year")
    )
    years = [objective.pillar.report.year for objective in objectives]
    actions = Action.objects.filter(objective__in=objectives).select_related(
        "objective__pillar__report").order_by("objective__pillar__report__year", "order")
    figures = list(KeyFigure.objects.filter(action__objective__in=objectives).select_related(
        "report").order_by("report__year", "order"))
    nodes, by_pk = [], {}
    for action in actions:
        if action.parent_id is None:
            by_pk[action.pk] = ActionNode(action)
            nodes.append(by_pk[action.pk])
        else:
            by_pk[action.parent_id].children.append(action)
    paired_rows, placed = [], set()
    for pair in matching.pairs_for(theme):
        row = ComparisonRow(pair.heading, {y: [] for y in years}, pair.reason)
        for node in nodes:
            year = node.action.objective.pillar.report.year
            if any(matching.starts_with(node.action.text, start)
                   for start in pair.starts.get(year, ())):
                row.cells[year].append(node)
                placed.add(node.action.pk)
        paired_rows.append(row)
    alone = [ComparisonRow(action_lead(node.action.text),
                           {y: [node] if y == node.action.objective.pillar.report.year else []
                            for y in years})
             for node in nodes if node.action.pk not in placed]
    return objectives, years, paired_rows + alone, _figure_rows(figures, years)
