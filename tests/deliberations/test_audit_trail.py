"""The audit trail of the governance records (django-simple-history): who created, changed or
deleted what and when, read by staff in the admin's « Historique » with a diff."""

import datetime
import html
import re

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from deliberations import services
from deliberations.models import Attendance, Deliberation, Proxy
from portal.models import StaffAssignment
from tests.deliberations.test_admin import grid_post, grid_url, inline_management
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    OrganisationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def words(response) -> str:
    """The page's text without its tags, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text(response)))


@pytest.fixture
def named_clerk(clerk):
    clerk.first_name, clerk.last_name = "Claire", "Martin"
    clerk.save()
    return clerk


@pytest.fixture
def draft(organisation):
    session = SessionFactory(body=BodyFactory(organisation=organisation))
    for _ in range(3):
        AttendanceFactory(session=session, member=MandateFactory(body=session.body).member)
    return DeliberationFactory(session=session, item_number=1)


def deliberation_post(deliberation, **changes):
    return {
        "session": deliberation.session.pk, "item_number": 1, "act_number": "",
        "slug": deliberation.slug, "theme": deliberation.theme, "title": deliberation.title,
        "report": deliberation.report, "president_request": "", "vote_wording": "",
        "decision": deliberation.decision, "appeal_clause": "",
        "nature": "1", "matter_code": "5.7", "budget_name": "", "ballot": "show_of_hands",
        "votes_for": "", "votes_against": "", "abstentions": "", "blank_or_null": "",
        "president_voted_for": "unknown", "result": "", "subject_to_transmission": "on",
        "prefecture_act_id": "", "signatory_capacity": "",
        "vote_kind": "ordinary",
        **{key: value for prefix in ("annexes", "status_changes", "appointments",
                                     "member_votes", "notifications", "project_action_links")
           for key, value in inline_management(prefix, 0).items()},
        **changes,
    }


def test_clerk_changing_a_drafts_vote_count_shows_in_its_history_with_their_name(
        client, named_clerk, draft):
    client.force_login(named_clerk)
    url = reverse("admin:deliberations_deliberation_change", args=[draft.pk])
    response = client.post(url, deliberation_post(
        draft, votes_for="2", votes_against="1", abstentions="0", result="adopted"))
    assert response.status_code == 302, text(response)

    record = draft.history.latest()
    assert (record.history_type, record.history_user, record.votes_for) == ("~", named_clerk, 2)
    assert record.prev_record.votes_for is None

    page = words(client.get(reverse("admin:deliberations_deliberation_history",
                                    args=[draft.pk])))
    assert f"Historique : {draft.title}" in page
    assert "Modification Claire Martin (greffe)" in page
    changes = re.findall(r"<li><strong>(.*?) :</strong> (.*?)</li>", text(client.get(
        reverse("admin:deliberations_deliberation_history", args=[draft.pk]))))
    assert sorted(changes) == [("Abstentions", "(vide) → 0"), ("Contre", "(vide) → 1"),
                               ("Pour", "(vide) → 2"), ("Résultat", "(vide) → Adoptée")]
    # The factory's creation, without an account: recorded as such.
    assert "Création" in page and "Système (import, commande)" in page


def test_history_is_read_only_and_limited_to_the_clerks_organisations(client, clerk, draft):
    other = User.objects.create_user("autre", is_staff=True)
    other.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    StaffAssignment.objects.create(user=other, organisation=OrganisationFactory())
    history_url = reverse("admin:deliberations_deliberation_history", args=[draft.pk])
    version = draft.history.latest()
    version_url = reverse("admin:deliberations_deliberation_simple_history",
                          args=[draft.pk, version.history_id])

    client.force_login(other)
    assert client.get(history_url).status_code == 404
    assert client.get(version_url).status_code == 404

    client.force_login(clerk)
    assert client.get(version_url).status_code == 200
    # Posting the past version's form would have saved it (simple-history): refused.
    response = client.post(version_url, deliberation_post(draft, title="Réécrit"))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.title != "Réécrit"


def test_attendance_grid_bulk_writes_are_in_the_sessions_history(client, named_clerk,
                                                                  organisation):
    session = SessionFactory(body=BodyFactory(organisation=organisation))
    giver, holder, third = (MandateFactory(body=session.body).member for _ in range(3))
    AttendanceFactory(session=session, member=giver)
    client.force_login(named_clerk)
    response = client.post(grid_url(session), grid_post(session, {
        giver: ("represented", "", "", holder.full_name, ""),
        holder: ("present", "", "", "", ""),
        third: ("present", "", "", "", ""),
    }))
    assert response.status_code == 302, text(response)[:3000]

    attendance = Attendance.history.filter(session_id=session.pk)
    assert sorted(
        (row.history_type, row.member_id, row.status, row.history_user_id)
        for row in attendance
    ) == sorted([
        ("+", giver.pk, "present", None),            # the factory
        ("-", giver.pk, "present", named_clerk.pk),  # replaced by the grid: represented
        ("+", holder.pk, "present", named_clerk.pk),
        ("+", third.pk, "present", named_clerk.pk),
    ])
    proxy = Proxy.history.get(session_id=session.pk)
    assert (proxy.history_type, proxy.giver_id, proxy.holder_id, proxy.history_user) == (
        "+", giver.pk, holder.pk, named_clerk)

    page = text(client.get(reverse("admin:deliberations_session_history",
                                   args=[session.pk])))
    assert "<h2>Présences</h2>" in page and "<h2>Procurations</h2>" in page
    # 3 attendance rows + 1 proxy, and the grid's line in the admin's journal.
    assert page.count("Claire Martin (greffe)") == 5
    assert "Présences et procurations modifiées pour 3 élu(s)." in page
    assert "Suppression" in page


def test_session_history_reads_a_constant_number_of_queries(client, clerk, organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(clerk)
    counts = []
    for size in (2, 12):
        session = SessionFactory(body=BodyFactory(organisation=organisation))
        members = [MandateFactory(body=session.body).member for _ in range(size)]
        for member in members:
            AttendanceFactory(session=session, member=member)
        for giver, holder in zip(members[:size // 2], members[size // 2:], strict=True):
            Proxy.objects.create(session=session, giver=giver, holder=holder)
        url = reverse("admin:deliberations_session_history", args=[session.pk])
        client.get(url)  # warm the per-process caches (content types)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200
        assert text(response).count(" donne procuration à ") == size // 2
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]


def test_receipt_recorded_by_update_is_in_the_history(clerk, organisation):
    session = SessionFactory(body=BodyFactory(organisation=organisation))
    deliberation = DeliberationFactory(session=session, status=Deliberation.Status.TRANSMITTED,
                                       result=Deliberation.Result.ADOPTED,
                                       transmitted_on=datetime.date(2022, 10, 19))
    services.deliberation_record_receipt(deliberation=deliberation,
                                         received_on=datetime.date(2022, 10, 20), by=clerk)
    record = deliberation.history.latest()
    assert (record.history_type, record.received_on, record.history_user) == (
        "~", datetime.date(2022, 10, 20), clerk)


def test_moving_a_session_records_its_acts_new_date(organisation):
    session = SessionFactory(body=BodyFactory(organisation=organisation))
    deliberation = DeliberationFactory(session=session)
    session.date = datetime.date(2022, 10, 25)
    session.save()
    record = deliberation.history.latest()
    assert (record.history_type, record.session_date) == ("~", datetime.date(2022, 10, 25))
    assert deliberation.history.count() == 2


def test_history_stays_out_of_the_public_api_and_csv(client, organisation):
    session = SessionFactory(body=BodyFactory(organisation=organisation))
    deliberation = DeliberationFactory(session=session, published=True)
    data = client.get(reverse("api:deliberation-detail", args=[deliberation.slug])).json()
    assert not [key for key in data if key.startswith("history")]
    root = client.get("/api/v1/").json()
    assert not [name for name in root if "histor" in name]
    response = client.get(reverse("deliberations:deliberation_csv"))
    csv = b"".join(response.streaming_content).decode()
    assert "history" not in csv.lower() and "historique" not in csv.lower()
