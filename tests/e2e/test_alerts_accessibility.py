"""The e-mail alerts' pages and HTML mail in headless Chromium with axe-core (WCAG 2.1 A and
AA), with screenshots of the subscription form and of a digest (ALERTS_SCREENSHOTS, a
directory, keeps them for a reviewer; a temporary directory otherwise)."""

import datetime
import json
import os
from pathlib import Path

import pytest
from django.urls import reverse

from deliberations.alerts import mail, services
from deliberations.alerts.digests import send_digests
from portal.models import Body
from tests.e2e.test_accessibility import (  # noqa: F401 (fixtures)
    _axe_violations,
    allow_orm_beside_playwright,
    browser,
)

pytestmark = [pytest.mark.browser]


def test_alert_pages_and_mail_have_no_wcag_21_aa_violation(
        browser, live_server, transactional_db, settings, tmp_path):  # noqa: F811
    from django.core import mail as outbox
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("load_seed_records", verbosity=0)
    council = Body.objects.get(name="Conseil communautaire")
    subscription = services.subscription_create(
        email="conseil@example.net", frequency="daily", scope="body", body=council,
        label="Conseil communautaire (CABBALR)")
    services.subscription_confirm(subscription=subscription)
    type(subscription).objects.filter(pk=subscription.pk).update(
        covered_through=datetime.date(2022, 12, 13))
    outbox.outbox.clear()
    send_digests(today=datetime.date(2022, 12, 15))
    [digest] = outbox.outbox
    html = digest.alternatives[0][0]
    pages = {
        "subscription form": reverse("deliberations:alert_subscribe")
        + f"?scope=body&target={council.pk}",
        "request sent": reverse("deliberations:alert_requested"),
        "confirm": reverse("deliberations:alert_confirm",
                           args=[mail.confirm_token(subscription)]),
        "unsubscribe": reverse("deliberations:alert_unsubscribe",
                               args=[mail.unsubscribe_token(subscription)]),
        "manage request": reverse("deliberations:alert_manage_request"),
        "manage": reverse("deliberations:alert_manage", args=[mail.manage_token(
            "conseil@example.net")]),
        "list with the form": reverse("deliberations:deliberation_list") + "?q=territoire",
    }
    shots = Path(os.environ.get("ALERTS_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    failures = {}
    try:
        for name, path in pages.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, name
            if name == "subscription form":
                page.screenshot(path=str(shots / "alerte-formulaire.png"), full_page=True)
            violations = _axe_violations(page)
            if violations:
                failures[name] = violations
        page.set_content(html)
        page.screenshot(path=str(shots / "alerte-courriel.png"), full_page=True)
        violations = _axe_violations(page)
        if violations:
            failures["digest mail"] = violations
    finally:
        context.close()
    assert not failures, json.dumps(failures, indent=2, ensure_ascii=False)
