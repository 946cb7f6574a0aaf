"""Public pages of the territorial project: the dashboard, drill-down to each action and its
deliberations, indicators with their server-drawn charts, the evaluation calendar, the view by
social function, and the CSV exports. Deliberations shown are always
Deliberation.objects.published()."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from deliberations.models import Deliberation
from portal.kernel.charts import Guide, Point, format_number, line_chart
from portal.kernel.csv import csv_response
from territory_project import selectors
from territory_project.models import (
    Action,
    Indicator,
    Measurement,
    Project,
    Stake,
    Target,
)
from territory_project.templatetags.territory import baseline_text, target_text


def today() -> datetime.date:
    """The date the evaluation calendar is read on (tests replace it)."""
    return timezone.localdate()


def _project(slug: str) -> Project:
    return get_object_or_404(Project.objects.select_related("organisation"), slug=slug)


def _adoption(project: Project) -> Deliberation | None:
    if project.adopted_by_id is None:
        return None
    return (Deliberation.objects.published().select_related("session__body__organisation")
            .filter(pk=project.adopted_by_id).first())


@require_safe
def project_list(request):
    projects = Project.objects.select_related("organisation").annotate(
        priority_count=Count("priorities", distinct=True))
    return render(request, "territory_project/project_list.html", {"projects": projects})


@require_safe
def dashboard(request, slug):
    project = _project(slug)
    progress = selectors.project_progress(project)
    calendar = selectors.evaluation_calendar(project, today=today())
    return render(request, "territory_project/dashboard.html", {
        "project": project,
        "adoption": _adoption(project),
        "progress": progress,
        "coverage": selectors.portal_coverage(project),
        # The next evaluation to come or recorded as late; a past date the portal holds no
        # record of is not "next".
        "next_evaluation": next((e for e in calendar if e.status in ("due", "overdue")), None),
        "indicator_count": project.indicators.count(),
    })


@require_safe
def priority_detail(request, slug, number):
    project = _project(slug)
    priority = get_object_or_404(project.priorities, number=number)
    return render(request, "territory_project/priority_detail.html", {
        "project": project,
        "priority": priority,
        "stakes": selectors.priority_tree(priority),
        "priorities": project.priorities.order_by("number").only("pk", "number", "title",
                                                                   "project_id"),
    })


@require_safe
def action_detail(request, slug, pk):
    project = _project(slug)
    action = get_object_or_404(
        Action.objects.select_related("objective__stake__priority")
        .prefetch_related(selectors.published_deliberations_prefetch()),
        objective__stake__priority__project=project, pk=pk,
    )
    return render(request, "territory_project/action_detail.html", {
        "project": project,
        "action": action,
        "objective": action.objective,
        "stake": action.objective.stake,
        "priority": action.objective.stake.priority,
    })


@require_safe
def indicator_list(request, slug):
    project = _project(slug)
    indicators = project.indicators.select_related("stake__priority").prefetch_related(
        "targets").annotate(measurement_count=Count("measurements"))
    return render(request, "territory_project/indicator_list.html", {
        "project": project, "indicators": indicators,
    })


def _indicator_chart(indicator: Indicator, measurements: list[Measurement]):
    """What can be placed on a time axis: the baseline only when the document dates it (on 1
    January of its year: the document gives only the year), then the measurements; as guides,
    the level targets in the indicator's unit and the comparison. An undated figure, a change
    (−15 %) or a realisation is not plotted: the table and the summary state them."""
    points = []
    if indicator.baseline_value is not None and indicator.baseline_year is not None:
        points.append(Point(
            x=datetime.date(indicator.baseline_year, 1, 1).toordinal(),
            y=float(indicator.baseline_value),
            label=f"{indicator.baseline_year} (réf.)",
        ))
    for measurement in measurements:
        points.append(Point(x=measurement.measured_on.toordinal(), y=float(measurement.value),
                            label=measurement.measured_on.strftime("%m/%Y")))
    points.sort(key=lambda p: p.x)
    guides = [
        Guide(float(target.value), f"Cible {target.year or '(sans horizon)'} : "
              f"{format_number(target.value)}", "target")
        for target in indicator.targets.all()
        if target.kind == Target.Kind.LEVEL and target.unit == indicator.unit
    ]
    if indicator.comparison_value is not None:
        guides.append(Guide(float(indicator.comparison_value),
                            f"{indicator.comparison_label} : "
                            f"{format_number(indicator.comparison_value)}", "comparison"))
    return points, guides


def indicator_summary(indicator: Indicator, measurements: list[Measurement]) -> str:
    """A sentence that says what the page shows, for everyone (and for the SVG's desc)."""
    unit = indicator.unit
    parts = []
    if indicator.baseline_value is not None:
        parts.append(f"Valeur citée par le projet : {baseline_text(indicator)}.")
    if measurements:
        last = measurements[-1]
        parts.append(f"{len(measurements)} mesure{'s' if len(measurements) > 1 else ''} "
                     f"enregistrée{'s' if len(measurements) > 1 else ''} ; la dernière, le "
                     f"{last.measured_on:%d/%m/%Y}, vaut {format_number(last.value)} {unit}.")
        # A trend needs two dated values: an undated or hedged baseline ("plus de") is not
        # one of them.
        dated_baseline = (indicator.baseline_value if indicator.baseline_year is not None
                          and not indicator.baseline_qualifier else None)
        reference = (dated_baseline if dated_baseline is not None
                     else measurements[0].value if len(measurements) > 1 else None)
        if reference is not None and last.value != reference:
            went_up = last.value > reference
            trend = "en hausse" if went_up else "en baisse"
            if indicator.direction == Indicator.Direction.NONE:
                parts.append(f"L'indicateur est {trend}.")
            else:
                better = went_up == (indicator.direction == Indicator.Direction.HIGHER)
                parts.append(f"L'indicateur est {trend}, "
                             f"{'dans le sens' if better else 'à l’inverse'} de l'objectif.")
    else:
        parts.append("Aucune mesure n'est encore enregistrée sur ce portail.")
    targets = list(indicator.targets.all())
    if targets:
        parts.append(f"Cible{'s' if len(targets) > 1 else ''} du projet : "
                     f"{' ; '.join(target_text(t) for t in targets)}.")
    else:
        parts.append("Le projet ne chiffre pas de cible pour cet indicateur.")
    if indicator.comparison_value is not None:
        parts.append(f"Comparaison ({indicator.comparison_label}) : "
                     f"{format_number(indicator.comparison_value)} {unit}.")
    return " ".join(parts)


@require_safe
def indicator_detail(request, slug, code):
    project = _project(slug)
    indicator = get_object_or_404(
        project.indicators.select_related("stake__priority").prefetch_related("targets"),
        code=code)
    measurements = list(indicator.measurements.order_by("measured_on"))
    points, guides = _indicator_chart(indicator, measurements)
    summary = indicator_summary(indicator, measurements)
    return render(request, "territory_project/indicator_detail.html", {
        "project": project,
        "indicator": indicator,
        "measurements": measurements,
        "summary": summary,
        # An honest empty state instead of an empty chart: nothing dated to place on a
        # time axis (a target alone, an undated figure).
        "chart": line_chart(points, title=f"{indicator.label} ({indicator.unit})",
                            description=summary, guides=guides, unit=indicator.unit,
                            chart_id=f"graphique-{indicator.code}") if points else None,
    })


@require_safe
def evaluation_calendar(request, slug):
    project = _project(slug)
    entries = selectors.evaluation_calendar(project, today=today())
    published = set(Deliberation.objects.published().filter(
        pk__in=[e.evaluation.deliberation_id for e in entries
                if e.evaluation and e.evaluation.deliberation_id]
    ).values_list("pk", flat=True))
    return render(request, "territory_project/evaluation_calendar.html", {
        "project": project,
        "entries": entries,
        "published_ids": published,
        "today": today(),
    })


@require_safe
def social_functions(request, slug):
    project = _project(slug)
    functions = project.social_functions.order_by("number").prefetch_related(
        "findings",
        Prefetch("stakes", queryset=Stake.objects.select_related("priority")
                 .order_by("priority__number", "position")),
    )
    return render(request, "territory_project/social_functions.html", {
        "project": project, "functions": functions,
    })


@require_safe
def project_csv(request, slug):
    """The project tree, one row per action, with the published deliberations that carry it
    out (their addresses)."""
    project = _project(slug)
    response, writer = csv_response(f"{project.slug}-actions.csv", bom=True)
    writer.writerow(["priorite_numero", "priorite", "enjeu_rang", "enjeu", "parce_que",
                     "objectif_numero", "objectif", "action_rang", "action_id", "action",
                     "deliberations"])
    for priority in selectors.project_tree(project):
        for stake in priority.stakes.all():
            for objective in stake.objectives.all():
                for action in objective.actions.all():
                    writer.writerow([
                        priority.number, priority.title, stake.position, stake.title,
                        stake.rationale, objective.number, objective.title, action.position,
                        action.pk, action.title,
                        " ".join(request.build_absolute_uri(d.get_absolute_url())
                                 for d in action.public_deliberations),
                    ])
    return response


@require_safe
def indicators_csv(request, slug):
    """Indicators as the project states them: one row for the cited value (with its qualifier
    and its date or period only when stated), one per target (with its horizon when stated),
    one per measurement."""
    project = _project(slug)
    response, writer = csv_response(f"{project.slug}-indicateurs.csv", bom=True)
    writer.writerow(["indicateur_code", "indicateur", "unite", "sens", "type", "date_ou_annee",
                     "periode", "qualificatif", "valeur", "unite_valeur", "source"])
    for indicator in project.indicators.prefetch_related(
            "targets",
            Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on"))):
        head = [indicator.code, indicator.label, indicator.unit, indicator.direction]
        if indicator.baseline_value is not None:
            writer.writerow([*head, "reference", indicator.baseline_year or "",
                             indicator.baseline_period, indicator.baseline_qualifier,
                             indicator.baseline_value, indicator.unit,
                             indicator.source_sentence])
        for target in indicator.targets.all():
            writer.writerow([*head, f"cible ({target.get_kind_display()})", target.year or "",
                             "", "", "" if target.value is None else target.value, target.unit,
                             target.source_sentence])
        for measurement in indicator.measurements.all():
            writer.writerow([*head, "mesure", measurement.measured_on.isoformat(), "", "",
                             measurement.value, indicator.unit, measurement.source])
    return response
