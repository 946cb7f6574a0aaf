"""The activity report as a PDF/A document, through the portal's shared PDF machinery
(portal/kernel/pdf.py: fonts, stylesheet, safe URL fetcher, PDF/A-3b)."""

from django.template.loader import render_to_string

from pma_reports import selectors

TEMPLATE = "pma_reports/pdf/report.html"
STYLESHEET = "pma_reports/pdf/report.css"


def report_context(report) -> dict:
    return {
        "report": report,
        "organisation": report.organisation,
        "pillars": selectors.report_structure(report),
        "notes": selectors.taking_notes(report),
        "corrections": selectors.corrections_for(report),
    }


def render_report_html(report) -> str:
    return render_to_string(TEMPLATE, report_context(report))


def render_report_pdf(report) -> bytes:
    from portal.kernel.pdf import render_pdf

    return render_pdf(render_report_html(report), stylesheet=render_to_string(STYLESHEET))
