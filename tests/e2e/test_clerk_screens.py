"""Every clerk screen in headless Chromium at 1280 px and 390 px, on the seeded records (the
CABBALR Conseil session of 6 December 2022, 152 members): axe-core (WCAG 2.1 AA) finds no
violation, Django's widgets included (change lists with filters, date and autocomplete
widgets, inlines); no screen, the attendance grid and the calendar above all, scrolls
sideways on a phone (wide tables scroll inside their own focusable, named region);
the session change list shows every column at 1280 px. Screenshots of the grid, the calendar,
the import preview and the convocation preview go to $CLERK_SCREENSHOTS (default: tmp_path).

Same fixtures as tests/e2e/test_clerk.py (Chromium, Playwright, axe-core)."""

import datetime
import json
import os
from pathlib import Path

import pytest
from django.db.models import Count
from django.utils import timezone

from deliberations.documents import services as document_services
from deliberations.models import Deliberation, IssuedExtract, Session
from portal.models import Mandate, Member
from tests.e2e.test_accessibility import (  # noqa: F401 -- fixtures
    _axe_violations,
    allow_orm_beside_playwright,
    browser,
)
from tests.e2e.test_clerk import PASSWORD, clerk_site  # noqa: F401 -- fixture
from tests.factories import DeliberationFactory

pytestmark = [pytest.mark.browser]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "minutes"
# 30 names (the president named in the preamble among them), none in the CABBALR roster;
# three read as suppléants.
CONDOM = (FIXTURES / "condom-caussens-2021-01-21.txt").read_text()
SHOT = {"attendance grid", "calendar", "import preview (unknown names)",
        "convocation preview"}


def page_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.fixture
def clerk_screens(clerk_site):  # noqa: F811
    """name → (path, or a function taking the page and the server's URL)."""
    cabbalr = Session.objects.filter(body__organisation__slug="cabbalr")
    council = cabbalr.annotate(n=Count("attendances")).order_by("-n").first()
    published = Deliberation.objects.filter(session=council, status="published").first()
    bureau = cabbalr.get(date=datetime.date(2022, 10, 18)).body
    new_bureau = Session.objects.create(body=bureau, date=datetime.date(2022, 11, 15),
                                        starts_at=datetime.time(17, 30), status="held",
                                        agenda_item_count=10)
    upcoming = Session.objects.create(
        body=council.body, date=timezone.localdate() + datetime.timedelta(days=12),
        starts_at=datetime.time(18, 0), place="Hôtel communautaire de Béthune",
        status=Session.Status.DRAFT, agenda_item_count=3)
    draft = DeliberationFactory(session=new_bureau, item_number="1")
    member = Member.objects.filter(mandates__body=council.body).first()
    mandate = Mandate.objects.filter(body=council.body).first()
    extract = IssuedExtract.objects.filter(deliberation__session__body__organisation__slug=(
        "cabbalr")).first()
    listing = document_services.deliberation_list_publish(
        session=council, by=clerk_site["user"], today=council.date + datetime.timedelta(days=2))
    admin = "/admin/deliberations"

    def import_preview(page, url):
        page.goto(url + f"{admin}/session/{new_bureau.pk}/importer-presence/")
        page.fill("#id_text", CONDOM)
        page.click("input[value=Analyser]")
        page.wait_for_selector("#import-preview")

    def convocation_preview(page, url):
        page.goto(url + f"{admin}/convocation/add/")
        page.select_option("#id_session", str(upcoming.pk))
        page.click("input[name=_save]")
        page.wait_for_selector("#convocation-recipients")

    screens = {
        "home": "/admin/",
        "calendar": "/admin/calendrier/",
        "session list (filters)": f"{admin}/session/?body__organisation__id__exact="
                                  f"{council.body.organisation_id}",
        "deliberation list (filters)": f"{admin}/deliberation/?status__exact=published",
        "member list": "/admin/portal/member/",
        "mandate list": "/admin/portal/mandate/",
        "session (152 members)": f"{admin}/session/{council.pk}/change/",
        "session add": f"{admin}/session/add/",
        "deliberation (published)": f"{admin}/deliberation/{published.pk}/change/",
        "deliberation (draft)": f"{admin}/deliberation/{draft.pk}/change/",
        "deliberation add": f"{admin}/deliberation/add/?session={new_bureau.pk}",
        "member": f"/admin/portal/member/{member.pk}/change/",
        "mandate": f"/admin/portal/mandate/{mandate.pk}/change/",
        "attendance grid": f"{admin}/session/{council.pk}/presences/",
        "import (text)": f"{admin}/session/{new_bureau.pk}/importer-presence/",
        "import preview (unknown names)": import_preview,
        "step adopt": f"{admin}/deliberation/{draft.pk}/etape/adopter/",
        "step transmit": f"{admin}/deliberation/{draft.pk}/etape/transmettre/",
        "step receipt": f"{admin}/deliberation/{draft.pk}/etape/reception/",
        "step publish": f"{admin}/deliberation/{draft.pk}/etape/publier/",
        "convocation add": f"{admin}/convocation/add/",
        "convocation preview": convocation_preview,
        "convocation postal list": f"{admin}/convocation/courrier/{upcoming.pk}/",
        "extract (document)": f"{admin}/issuedextract/{extract.pk}/change/",
        "list of deliberations (document)": f"{admin}/deliberationlist/{listing.pk}/change/",
        "extracts list": f"{admin}/issuedextract/",
    }
    return screens


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_every_clerk_screen_has_no_wcag_21_aa_violation(
        browser, live_server, clerk_screens, viewport, tmp_path):  # noqa: F811
    shots = Path(os.environ.get("CLERK_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                  locale="fr-FR")
    page = context.new_page()
    failures, overflows, csp_errors, current = {}, {}, {}, ["login"]
    # The page's scripts (select2, the date widgets) must work under the
    # Content-Security-Policy. axe-core, evaluated through the DevTools protocol, has no
    # script URL: what it does is the test's, not the page's, and is left aside.
    page.on("console", lambda message: csp_errors.setdefault(current[0], []).append(
        f"{message.text[:90]} ({message.location['url']}:{message.location['lineNumber']})")
        if "Content Security Policy" in message.text and message.location["url"] else None)
    try:
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "greffiere")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        for name, target in clerk_screens.items():
            current[0] = name
            if callable(target):
                target(page, live_server.url)
            else:
                response = page.goto(live_server.url + target)
                assert response.status == 200, f"{name}: {response.status}"
            page.wait_for_load_state("load")
            violations = _axe_violations(page)
            if violations:
                failures[name] = violations
            overflows[name] = page_overflow(page)
            if name == "session list (filters)" and viewport[0] == 1280:
                # Every column of the change list is on screen, none clipped or hidden.
                columns = page.evaluate("""() => Array.from(
                    document.querySelectorAll('#result_list thead th'), th => {
                        const box = th.getBoundingClientRect();
                        return [th.innerText.trim(), box.width > 0 && box.left >= 0
                                && box.right <= window.innerWidth];
                    })""")
                assert len(columns) >= 5, columns
                assert [label for label, shown in columns if not shown] == [], columns
            if name in SHOT:
                page.screenshot(path=str(shots / f"{name.split(' (')[0].replace(' ', '-')}-"
                                               f"{viewport[0]}.png"), full_page=True)
    finally:
        context.close()
    # No screen scrolls sideways (the grid and the calendar at 390 px above all); wide tables
    # scroll inside their own focusable, named region.
    sideways = {name: overflow for name, overflow in overflows.items() if overflow > 0}
    assert (failures, sideways, csp_errors) == ({}, {}, {}), json.dumps(
        {"axe": failures, "sideways scroll (px)": sideways, "CSP": csp_errors,
         "every overflow": overflows}, indent=2, ensure_ascii=False)
