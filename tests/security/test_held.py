"""What held during the penetration test, kept here so that it stays held: another
organisation's admin pages, actions and autocompletes; stored XSS in pages, API, feeds and
the certified PDF; upload limits."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from deliberations.extracts.issuing import IssueInfo, certified_data, render_extract_html
from deliberations.models import Deliberation
from portal.models import Mandate
from tests.factories import DeliberationFactory, MandateFactory, MemberFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
IMG = '"><img src=x onerror=alert(1)>'


@pytest.fixture
def cabbalr_records(published_session, council):
    draft = DeliberationFactory(session=published_session, item_number=2, title="BROUILLON")
    mandate = Mandate.objects.filter(body=council).first()
    return {"session": published_session, "draft": draft, "body": council,
            "mandate": mandate, "published": published_session.deliberations.get(item_number=1)}


def test_held_other_organisations_admin_pages_do_not_exist_for_a_clerk(
        client, clerk_pma, cabbalr_records):
    client.force_login(clerk_pma)
    for model, obj in [("deliberations_session", cabbalr_records["session"]),
                       ("deliberations_deliberation", cabbalr_records["draft"]),
                       ("portal_body", cabbalr_records["body"]),
                       ("portal_mandate", cabbalr_records["mandate"])]:
        for view in ("change", "history", "delete"):
            response = client.get(reverse(f"admin:{model}_{view}", args=[obj.pk]))
            assert response.status_code in (302, 404), (model, view)
            assert str(obj) not in response.content.decode()
        listing = client.get(reverse(f"admin:{model}_changelist"))
        assert obj not in listing.context["cl"].queryset


def test_held_actions_on_another_organisations_acts_do_nothing(
        client, clerk_pma, cabbalr_records):
    draft = cabbalr_records["draft"]
    client.force_login(clerk_pma)
    client.post(reverse("admin:deliberations_deliberation_changelist"), {
        "action": "mark_adopted", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Deliberation.Status.DRAFT
    assert not draft.status_changes.exists()


def test_held_autocompletes_offer_only_the_clerks_organisation(
        client, clerk_pma, cabbalr_records, committee):
    own = MandateFactory(body=committee, member=MemberFactory(last_name="GACQUERRE",
                                                               first_name="Paul")).member
    client.force_login(clerk_pma)
    for model, field in [("session", "president"), ("attendance", "member"),
                         ("proxy", "holder")]:
        response = client.get(reverse("admin:autocomplete"), {
            "term": "GACQUERRE", "app_label": "deliberations", "model_name": model,
            "field_name": field})
        ids = {r["id"] for r in response.json()["results"]}
        # The shared president sits in the PMA too: offered; nobody else of the CABBALR.
        assert str(own.pk) in ids
        cabbalr_only = {str(m) for m in Mandate.objects.filter(
            body=cabbalr_records["body"]).exclude(member__mandates__body=committee)
            .values_list("member_id", flat=True)}
        assert not ids & cabbalr_only
    bodies = client.get(reverse("admin:autocomplete"), {
        "term": "Conseil", "app_label": "portal", "model_name": "mandate",
        "field_name": "body"}).json()["results"]
    assert bodies == []


# The act is published with this content (a published act cannot be edited afterwards).
hostile_content = pytest.mark.parametrize("published_act_fields", [{
    "title": f"SUBVENTION {SCRIPT}", "theme": f"FINANCES {IMG}",
    "decision": f"ADOPTE {SCRIPT}"}], ids=["hostile"])


@pytest.fixture
def hostile_act(published_session):
    act = published_session.deliberations.get()
    member = published_session.attendances.order_by("pk").last().member
    member.first_name = f"Jean{IMG}"
    member.save()
    return act


@hostile_content
def test_held_stored_xss_is_escaped_in_pages(client, hostile_act):
    session = hostile_act.session
    member = session.attendances.order_by("pk").last().member
    for url in (hostile_act.get_absolute_url(), session.get_absolute_url(),
                reverse("deliberations:deliberation_list"), member.get_absolute_url(),
                reverse("deliberations:deliberation_list") + "?q=subvention"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, url
    page = client.get(hostile_act.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in page


@hostile_content
def test_held_stored_xss_stays_data_in_api_and_feeds(client, hostile_act):
    api = client.get(f"/api/v1/deliberations/{hostile_act.slug}/")
    assert api["Content-Type"] == "application/json"
    assert json.loads(api.content)["title"] == f"SUBVENTION {SCRIPT}"
    feed = client.get(reverse("deliberations:deliberation_feed"))
    assert b"<script>" not in feed.content
    entry = next(ET.fromstring(feed.content).iter("{http://www.w3.org/2005/Atom}entry"))
    assert entry.find("{http://www.w3.org/2005/Atom}title").text == f"SUBVENTION {SCRIPT}"
    response = client.get(reverse("deliberations:session_calendar"),
                          {"annee": hostile_act.session.date.year})
    calendar = b"".join(response.streaming_content).decode()
    assert "<script>" in calendar.replace("\r\n ", "")  # plain text there, no markup language


@hostile_content
def test_held_stored_xss_is_escaped_in_the_certified_extract(hostile_act):
    html = render_extract_html(certified_data(hostile_act), IssueInfo(
        code="ABCDEFGHJK", version=1,
        issued_at=timezone.make_aware(datetime.datetime(2022, 10, 21, 9, 0))))
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_held_verification_upload_limit(client):
    response = client.post("/verifier/", {"file": SimpleUploadedFile("x.pdf", b"%PDF-")},
                           CONTENT_LENGTH=str(21 * 1024 * 1024))
    assert response.status_code == 413
    assert "Le fichier dépasse 20 Mo" in response.content.decode()
