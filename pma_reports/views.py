"""Public pages of the activity reports and publications of a syndicat (the PMA)."""

from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from pma_reports import selectors
from pma_reports.models import ActivityReport, Event, KeyFigure, Objective, Publication
from portal.kernel.csv import csv_response
from portal.models import Organisation


def _organisation(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


def _upcoming_and_past(events):
    today = timezone.localdate()
    upcoming = [e for e in events if (e.ends_on or e.starts_on) >= today]
    past = [e for e in events if (e.ends_on or e.starts_on) < today]
    return upcoming, list(reversed(past))


@require_safe
def report_list(request):
    reports = (
        ActivityReport.objects.public().select_related("organisation")
        .annotate(objective_count=Count("pillars__objectives", distinct=True))
        .order_by("organisation__name", "-year")
    )
    publications = (
        Publication.objects.select_related("organisation")
        .annotate(event_count=Count("events")).order_by("-year", "order")
    )
    return render(request, "pma_reports/report_list.html", {
        "reports": reports,
        "publications": publications,
    })


@require_safe
def report_detail(request, organisation, year):
    report = get_object_or_404(
        ActivityReport.objects.public().select_related("organisation"),
        organisation__slug=organisation, year=year,
    )
    themes_elsewhere = set(
        Objective.objects.filter(pillar__report__in=ActivityReport.objects.public(),
                                 pillar__report__organisation=report.organisation)
        .exclude(pillar__report=report).values_list("theme", flat=True)
    )
    return render(request, "pma_reports/report_detail.html", {
        "report": report,
        "organisation": report.organisation,
        "pillars": selectors.report_structure(report),
        "notes": selectors.taking_notes(report),
        "corrections": selectors.corrections_for(report),
        "themes_elsewhere": themes_elsewhere,
        "other_reports": ActivityReport.objects.public().filter(
            organisation=report.organisation).exclude(pk=report.pk)
        .select_related("organisation").order_by("-year"),
    })


@require_safe
def theme_detail(request, organisation, theme):
    organisation = _organisation(organisation)
    objectives, years, rows, figure_rows = selectors.theme_comparison(organisation, theme)
    if not objectives:
        raise Http404("Thème inconnu.")
    return render(request, "pma_reports/theme_detail.html", {
        "organisation": organisation,
        "objectives": objectives,
        "title": objectives[-1].title,
        "years": years,
        "rows": rows,
        "figure_rows": figure_rows,
    })


@require_safe
def publication_list(request, organisation):
    organisation = _organisation(organisation)
    publications = (
        Publication.objects.filter(organisation=organisation).select_related("organisation")
        .annotate(event_count=Count("events")).order_by("-year", "order")
    )
    events = list(Event.objects.filter(publication__organisation=organisation)
                  .select_related("publication__organisation"))
    upcoming, past = _upcoming_and_past(events)
    return render(request, "pma_reports/publication_list.html", {
        "organisation": organisation,
        "publications": publications,
        "upcoming": upcoming,
        "past": past,
    })


@require_safe
def publication_detail(request, organisation, slug):
    publication = get_object_or_404(
        Publication.objects.select_related("organisation").prefetch_related(
            "sections",
            Prefetch("events", queryset=Event.objects.order_by("starts_on", "starts_at")),
            Prefetch("key_figures", queryset=KeyFigure.objects.order_by("order")),
        ),
        organisation__slug=organisation, slug=slug,
    )
    return render(request, "pma_reports/publication_detail.html", {
        "publication": publication,
        "organisation": publication.organisation,
    })


@require_safe
def key_figures_csv(request):
    """Key figures of the reports, one row per figure (UTF-8, comma-separated): the year of
    the report that quotes it, and what it counts over (`base`: year, cumulative, period,
    average) with the period the document states (35,9 M€: 2016-2021, not 2020)."""
    figures = (
        KeyFigure.objects.filter(report__in=ActivityReport.objects.public())
        .select_related("report__organisation", "action__objective__pillar")
        .order_by("label", "report__year", "order")
    )
    response, writer = csv_response("chiffres-cles-rapports.csv")
    writer.writerow(["collectivite", "annee_du_rapport", "axe", "objectif", "libelle", "valeur",
                     "qualificatif", "unite", "base", "periode", "forme_citee", "phrase"])
    for figure in figures:
        objective = figure.action.objective if figure.action else None
        writer.writerow([
            figure.report.organisation.name, figure.report.year,
            objective.pillar.title if objective else "", objective.title if objective else "",
            figure.label, figure.value.normalize(), figure.qualifier, figure.unit,
            figure.basis, figure.period, figure.text, figure.sentence,
        ])
    return response


@require_safe
def report_pdf(request, organisation, year):
    """The report as a PDF/A document, through the portal's shared PDF machinery."""
    from pma_reports.pdf import render_report_pdf

    report = get_object_or_404(
        ActivityReport.objects.public().select_related("organisation"),
        organisation__slug=organisation, year=year,
    )
    content = render_report_pdf(report)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="rapport-activites-{report.organisation.slug}-{report.year}.pdf"')
    return response
