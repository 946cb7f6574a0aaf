"""Accessibility of the public pages in headless Chromium (issue point 5, RGAA 4.1).

axe-core (npm package pinned in package.json, read from node_modules/axe-core/axe.min.js) runs
on the main pages with the WCAG 2.1 A and AA rules and must report no violation. Keyboard use
is checked too: a skip link first in the tab order, a visible focus, French `lang`.

Needs /usr/bin/chromium (or $CHROMIUM_PATH) and `npm ci`. With CI=true a missing tool fails
the test; elsewhere it is skipped with the reason.
"""

import json
import os
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands

from deliberations.models import Deliberation, IssuedExtract

pytestmark = [pytest.mark.browser]

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def _missing(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def allow_orm_beside_playwright():
    """Playwright's sync API keeps an event loop running in this thread while the browser is
    open; the ORM calls of the test and of its database teardown are ordinary blocking calls,
    so Django's async-safety check is lifted for this module only."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(allow_orm_beside_playwright):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed")
    if not CHROMIUM.exists():
        _missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    if not AXE.exists():
        _missing(f"axe-core not found at {AXE} (run `npm ci`)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def public_site(browser, transactional_db, live_server):
    """The seed records (or their factory-built public facts) behind a live server."""
    if "load_seed_records" in get_commands():
        call_command("load_seed_records", verbosity=0)
    else:
        from tests.portal.public_data import build_public_records

        build_public_records()
    deliberation = (
        Deliberation.objects.published().with_public_relations()
        .order_by("session__date").first()
    )
    session = deliberation.session
    member = session.president or session.attendances.first().member
    # Issued on publication (services.deliberation_set_status → on_commit).
    extract = IssuedExtract.objects.filter(deliberation=deliberation).current().first()
    pages = {
        "home": "/",
        "list (search)": "/deliberations/?q=" + quote("projet de territoire"),
        "list (facets)": "/deliberations/?year=2022&sort=date_asc",
        "deliberation": deliberation.get_absolute_url(),
        "session": session.get_absolute_url(),
        "member": member.get_absolute_url(),
        "accessibility statement": "/accessibilite/",
        "404": "/page-qui-n-existe-pas/",
        "extract verification": "/verifier/",
    }
    if extract is not None:
        pages["extract verification"] = f"/verifier/{extract.code}"
    if "load_territorial_project" in get_commands() and "load_seed_records" in get_commands():
        pages.update(_territorial_project_pages())
    if "load_pma_reports" in get_commands():
        call_command("load_pma_reports", verbosity=0)
        pages.update({
            "organisations": "/collectivites/",
            "activity reports": "/rapports-activites/",
            "activity report 2021": "/rapports-activites/pma/2021/",
            "activity report 2020 (OCR)": "/rapports-activites/pma/2020/",
            "report objective over the years": "/rapports-activites/pma/themes/"
                                               "agir-sur-leco-transition-et-la-transition-"
                                               "energetique/",
            "report objective matched by the reviewed table (ERBM)":
                "/rapports-activites/pma/themes/faire-valoir-les-interets-du-territoire/",
            "PMA publications and agenda": "/rapports-activites/pma/publications/",
            "letter to mayors": "/rapports-activites/pma/publications/lettre-aux-maires-2024/",
            "site search (reports)": "/recherche/?q=" + quote("cadastre solaire"),
            "site search (suggestion)": "/recherche/?q=" + quote("cadastre solère"),
            "site search (one kind, paged)": "/recherche/?q=" + quote("mobilité")
                                             + "&type=territory_project",
        })
    return pages


def _territorial_project_pages():
    """Dashboard, an indicator with two measurements (chart + table) and the evaluation
    calendar of the territorial project read from seed 003."""
    import datetime

    from territory_project.models import Measurement, Project

    call_command("load_territorial_project", verbosity=0)
    project = Project.objects.get()
    indicator = project.indicators.get(code="dechets-par-habitant")
    for year, value in ((2024, 742), (2025, 701)):
        Measurement.objects.create(indicator=indicator, value=value, source="Rapport annuel",
                                   measured_on=datetime.date(year, 6, 30))
    base = project.get_absolute_url()
    return {
        "territorial project dashboard": base,
        "territorial project indicator": indicator.get_absolute_url(),
        "territorial project evaluations": f"{base}evaluations/",
        "territorial project indicators": f"{base}indicateurs/",
        "territorial project indicator without a dated value": project.indicators.get(
            code="bornes-irve").get_absolute_url(),
        "territorial project social functions": f"{base}fonctions-sociales/",
    }


def _axe_violations(page):
    # Evaluated through the DevTools protocol, not added as an inline <script>: the pages'
    # Content-Security-Policy (no inline script) would refuse that.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_main_pages_have_no_wcag_21_aa_violation(browser, live_server, public_site, viewport):
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, locale="fr-FR"
    )
    page = context.new_page()
    failures = {}
    try:
        for name, path in public_site.items():
            response = page.goto(live_server.url + path)
            assert response.status == (404 if name == "404" else 200), name
            assert page.evaluate("document.documentElement.lang") == "fr"
            violations = _axe_violations(page)
            if violations:
                failures[name] = violations
            # Nothing but the labelled table regions may scroll sideways on a phone.
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name}: the page scrolls horizontally by {overflow}px"
    finally:
        context.close()
    assert not failures, json.dumps(failures, indent=2, ensure_ascii=False)


def test_keyboard_skip_link_and_visible_focus(browser, live_server, public_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(live_server.url + public_site["session"])
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement, style = getComputedStyle(el);
                const box = el.getBoundingClientRect();
                return {text: el.textContent.trim(), href: el.getAttribute('href'),
                        outline: style.outlineStyle, outlineWidth: style.outlineWidth,
                        visible: box.top >= 0 && box.bottom <= innerHeight && box.width > 0};
            }"""
        )
        assert focused["text"] == "Aller au contenu" and focused["href"] == "#contenu"
        assert focused["visible"], "the skip link must show when focused"
        assert focused["outline"] != "none" and focused["outlineWidth"] != "0px"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "contenu"

        # Every link and control reached with Tab shows a focus outline.
        for _ in range(25):
            page.keyboard.press("Tab")
            style = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth]; }"
            )
            assert style[1] != "none" and style[2] != "0px", style

        # Scrollable tables are reachable with the keyboard and named.
        regions = page.locator(".table-wrap[role=region][tabindex='0']")
        assert regions.count() >= 1
        for index in range(regions.count()):
            labelled_by = regions.nth(index).get_attribute("aria-labelledby")
            assert page.locator(f"#{labelled_by}").count() == 1
    finally:
        context.close()


def test_pages_read_without_javascript(browser, live_server, public_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + public_site["list (search)"])
        assert "PROJET DE TERRITOIRE" in page.inner_text("main")
        page.goto(live_server.url + public_site["deliberation"])
        assert "Exécutoire le" in page.inner_text("main")
    finally:
        context.close()


def test_axe_check_does_catch_a_violation(browser):
    """Guard against a check that cannot fail: axe must flag an image without text."""
    page = browser.new_page()
    try:
        page.set_content('<html lang="fr"><body><main><img src="x.png"></main></body></html>')
        assert "image-alt" in {v["id"] for v in _axe_violations(page)}
    finally:
        page.close()
