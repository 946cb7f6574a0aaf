"""An indicator page on a 390 px phone in headless Chromium: the chart's labels render at
least 12 px high, its unit is on the axis, nothing scrolls sideways, axe finds no WCAG 2.1 AA
violation on the indicator pages (chart, empty state, list). A screenshot is written to
$SCREENSHOT_DIR when set, to be looked at."""

import datetime
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from territory_project.models import Measurement, Project
from tests.e2e.test_accessibility import _axe_violations, allow_orm_beside_playwright, browser

pytestmark = [pytest.mark.browser]
__all__ = ["allow_orm_beside_playwright", "browser"]  # fixtures used below


@pytest.fixture
def project_site(browser, transactional_db, live_server):
    call_command("load_seed_records", verbosity=0)
    call_command("load_territorial_project", verbosity=0)
    project = Project.objects.get()
    waste = project.indicators.get(code="dechets-par-habitant")
    for year, value in ((2024, 742), (2025, 701)):
        Measurement.objects.create(indicator=waste, value=value, source="Rapport annuel",
                                   measured_on=datetime.date(year, 6, 30))
    return project


def test_chart_labels_are_readable_at_390_px(browser, live_server, project_site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    page = context.new_page()
    try:
        waste = project_site.indicators.get(code="dechets-par-habitant")
        page.goto(live_server.url + waste.get_absolute_url())
        heights = page.evaluate(
            "[...document.querySelectorAll('svg.chart text')]"
            ".map(t => t.getBoundingClientRect().height)")
        assert len(heights) > 8 and min(heights) >= 12, heights
        assert page.text_content("svg.chart .chart__unit") == "en kg par habitant et par an"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        if os.environ.get("SCREENSHOT_DIR"):
            page.screenshot(path=str(Path(os.environ["SCREENSHOT_DIR"]) / "indicateur-390.png"),
                            full_page=True)
        failures = {}
        for code in ("dechets-par-habitant", "bornes-irve"):
            page.goto(live_server.url + project_site.indicators.get(code=code)
                      .get_absolute_url())
            failures[code] = _axe_violations(page)
        page.goto(f"{live_server.url}{project_site.get_absolute_url()}indicateurs/")
        failures["liste"] = _axe_violations(page)
        assert failures == {"dechets-par-habitant": [], "bornes-irve": [], "liste": []}
    finally:
        context.close()
