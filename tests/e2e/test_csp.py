"""The Content-Security-Policy (no inline script or style) breaks nothing in a real browser:
public pages and the clerk's admin screens, including the autocomplete widgets and the date
pickers the admin draws with its own scripts, log no CSP violation. Screenshots at 1280 px go
to $CSP_SCREENSHOTS (default: pytest's tmp_path).

Needs Chromium and Playwright as tests/e2e/test_accessibility.py (same fixtures)."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from deliberations.models import Deliberation, Session
from portal.models import Organisation, StaffAssignment
from tests.e2e.test_accessibility import (  # noqa: F401 -- fixtures
    allow_orm_beside_playwright,
    browser,
    public_site,
)
from tests.e2e.test_clerk import PASSWORD, clerks_group

pytestmark = [pytest.mark.browser]

VIOLATION_SCRIPT = """
document.addEventListener('securitypolicyviolation', (event) => {
  (window.__cspViolations = window.__cspViolations || []).push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def test_no_csp_violation_on_public_pages_and_admin_screens(
        browser, live_server, public_site, tmp_path):  # noqa: F811
    shots = Path(os.environ.get("CSP_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    user = User.objects.create_user("greffiere", password=PASSWORD, is_staff=True)
    user.groups.add(clerks_group())
    organisation = Organisation.objects.get(slug="cabbalr")
    StaffAssignment.objects.create(user=user, organisation=organisation)
    session = Session.objects.filter(body__organisation=organisation).first()
    deliberation = Deliberation.objects.filter(session=session).first()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.add_init_script(VIOLATION_SCRIPT)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text)
            if "Content Security Policy" in message.text else None)
    found = {}

    def visit(name, url, action=None):
        response = page.goto(live_server.url + url)
        assert response.status in (200, 404), (name, response.status)
        assert "unsafe-inline" not in response.headers["content-security-policy"]
        if action:
            action()
        page.screenshot(path=str(shots / f"csp-{name}.png"))
        violations = page.evaluate("window.__cspViolations || []") + console
        if violations:
            found[name] = list(violations)
        console.clear()

    for name, url in public_site.items():
        visit(name.replace(" ", "-"), url)

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "greffiere")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    def open_autocomplete():
        page.click(".field-president .select2-selection")
        page.wait_for_selector(".select2-results__option")

    def open_calendar():
        page.click("#calendarlink0")
        page.wait_for_selector(".calendarbox", state="visible")

    visit("admin-index", "/admin/")
    # A session with published acts is read-only: the autocomplete is opened on a new one.
    visit("admin-session", f"/admin/deliberations/session/{session.pk}/change/")
    visit("admin-session-add", "/admin/deliberations/session/add/",
          lambda: (open_calendar(), open_autocomplete()))
    visit("admin-attendance", f"/admin/deliberations/session/{session.pk}/presences/")
    visit("admin-session-history", f"/admin/deliberations/session/{session.pk}/history/")
    visit("admin-deliberation",
          f"/admin/deliberations/deliberation/{deliberation.pk}/change/")
    visit("admin-deliberations", "/admin/deliberations/deliberation/")
    visit("admin-calendar", "/admin/calendrier/")
    assert found == {}
