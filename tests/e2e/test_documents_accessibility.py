"""Accessibility of the session-document pages in headless Chromium with axe-core
(WCAG 2.1 A and AA): the seeded Conseil session with its list of deliberations and its
procès-verbal published, a convocation acknowledgement page, and the clerk's calendar in
the admin (logged in through a session cookie)."""

import datetime
import json

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client

from deliberations.documents import convocation as convocation_doc
from deliberations.documents import services
from deliberations.models import (
    AgendaItem,
    Convocation,
    ConvocationAddress,
    Session,
)
from portal.models import Mandate
from tests.e2e.test_accessibility import (  # noqa: F401 (fixtures)
    _axe_violations,
    allow_orm_beside_playwright,
    browser,
)
from tests.factories import SessionFactory

pytestmark = [pytest.mark.browser]


@pytest.fixture
def document_pages(browser, transactional_db, live_server, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("load_seed_records", verbosity=0)
    conseil = Session.objects.get(body__organisation__slug="cabbalr",
                                  date=datetime.date(2022, 12, 6))
    services.deliberation_list_publish(session=conseil, today=datetime.date(2022, 12, 9))
    following = SessionFactory(body=conseil.body, date=datetime.date(2022, 12, 15),
                               convened_on=datetime.date(2022, 12, 8))
    minutes = services.minutes_draft(session=conseil)
    services.minutes_approve(minutes=minutes, at_session=following)
    services.minutes_publish(minutes=minutes, signed_on=datetime.date(2022, 12, 16),
                             today=datetime.date(2022, 12, 19))
    upcoming = SessionFactory(body=conseil.body,
                              date=datetime.date.today() + datetime.timedelta(days=10),
                              convened_on=None, status=Session.Status.DRAFT)
    AgendaItem.objects.create(session=upcoming, position=1, title="Budget primitif",
                              note="Présentation du budget.")
    mandate = Mandate.objects.filter(body=conseil.body, end_on__isnull=True).first()
    ConvocationAddress.objects.create(member=mandate.member, email="elu@example.org",
                                      organisation=conseil.body.organisation)
    services.convocation_send(session=upcoming)
    convocation = Convocation.objects.get(session=upcoming)
    token = convocation_doc.acknowledgement_token(convocation.pk, mandate.member_id)
    assert len(mail.outbox) == 1
    admin = User.objects.create_superuser("admin", "admin@example.org", "mot-de-passe-42")
    client = Client()
    client.force_login(admin)
    return {
        "public": {
            "session with its documents": conseil.get_absolute_url(),
            "convened session": upcoming.get_absolute_url(),
            "convocation acknowledgement": f"/convocation/accuse/{token}/",
        },
        "admin": {"clerk's calendar": "/admin/calendrier/"},
        "cookie": client.cookies["sessionid"].value,
    }


def test_document_pages_have_no_wcag_21_aa_violation(browser, live_server,  # noqa: F811
                                                     document_pages):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.add_cookies([{"name": "sessionid", "value": document_pages["cookie"],
                          "url": live_server.url}])
    page = context.new_page()
    failures = {}
    try:
        for name, path in {**document_pages["public"], **document_pages["admin"]}.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, name
            if name == "session with its documents":
                text = page.inner_text("main")
                assert "Liste des délibérations examinées" in text
                assert "publié le 19 décembre 2022" in text
            if name == "clerk's calendar":
                assert "Calendrier des échéances légales" in page.inner_text("body")
            violations = _axe_violations(page)
            if violations:
                failures[name] = violations
    finally:
        context.close()
    assert not failures, json.dumps(failures, indent=2, ensure_ascii=False)
