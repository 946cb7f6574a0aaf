"""The synthetic data generator (deliberations/synthetic.py, manage.py generate_synthetic):
counts, the 150 × 40 session, coherent attendance and proxies, determinism."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from deliberations import synthetic
from deliberations.models import Attendance, Deliberation, Proxy, Session
from portal.models import Body, Mandate, Member, Organisation

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 2)


class _Rollback(Exception):
    pass


def _snapshot():
    """Everything generated, without primary keys (those depend on the database)."""
    return {
        "organisations": list(Organisation.objects.order_by("slug").values_list(
            "slug", "name", "kind", "siren")),
        "members": list(Member.objects.order_by("slug").values_list(
            "slug", "last_name", "first_name", "civility")),
        "mandates": sorted(Mandate.objects.values_list(
            "member__slug", "body__organisation__slug", "body__slug", "role",
            "vice_president_rank", "start_on", "end_on")),
        "sessions": sorted(Session.objects.values_list(
            "body__organisation__slug", "body__slug", "date", "status", "agenda_item_count",
            "president__slug", "secretary__slug")),
        "attendances": sorted(Attendance.objects.values_list(
            "session__body__organisation__slug", "session__body__slug", "session__date",
            "member__slug", "status", "from_item", "until_item")),
        "proxies": sorted(Proxy.objects.values_list(
            "session__body__organisation__slug", "session__date", "giver__slug",
            "holder__slug")),
        "deliberations": list(Deliberation.objects.order_by("slug").values_list(
            "slug", "act_number", "title", "report", "decision", "matter_code", "status",
            "published_on", "votes_for", "votes_against", "abstentions", "rapporteur__slug")),
    }


def _generated(seed, count=120):
    try:
        with transaction.atomic():
            synthetic.generate(deliberations=count, seed=seed, today=TODAY)
            snapshot = _snapshot()
            raise _Rollback
    except _Rollback:
        return snapshot


def test_same_seed_same_data_other_seed_other_data():
    first, second, other = _generated(7), _generated(7), _generated(8)
    assert first == second
    assert first["deliberations"] != other["deliberations"]
    assert first["attendances"] != other["attendances"]


def test_counts_and_the_150_by_40_session():
    result = synthetic.generate(deliberations=300, seed=1, today=TODAY)

    assert Deliberation.objects.count() == 300
    assert result.counts["acts"] == 300
    assert Organisation.objects.count() == result.counts["organisations"] == 2
    # A communauté d'agglomération (Conseil + Bureau by delegation) and a communauté de
    # communes (idem).
    assert Body.objects.count() == 4
    assert Body.objects.filter(kind="bureau", delegated_by__kind="conseil").count() == 2
    assert Attendance.objects.count() == result.counts["attendances"]
    assert Proxy.objects.count() == result.counts["proxies"] > 0

    large = result.large_session
    assert large.date == TODAY - datetime.timedelta(days=45)
    assert large.attendances.count() == synthetic.LARGE_MEMBERS == 150
    assert Mandate.objects.filter(body=large.body).in_office(large.date).count() == 150
    assert large.deliberations.count() == synthetic.LARGE_ITEMS == 40
    assert large.deliberations.published().count() == 40
    assert large.proxies.count() > 0


def test_attendance_and_proxies_are_coherent():
    synthetic.generate(deliberations=200, seed=3, today=TODAY)
    for proxy in Proxy.objects.select_related("session"):
        giver = Attendance.objects.get(session=proxy.session, member=proxy.giver_id)
        holder = Attendance.objects.get(session=proxy.session, member=proxy.holder_id)
        assert giver.status == Attendance.Status.EXCUSED
        # The holder is present on every item.
        assert (holder.status, holder.from_item, holder.until_item) == (
            Attendance.Status.PRESENT, None, None)
    # One proxy per holder and session.
    pairs = list(Proxy.objects.values_list("session", "holder"))
    assert len(pairs) == len(set(pairs))
    for session in Session.objects.filter(status=Session.Status.HELD):
        # The president and the secretary are present; every member in office has a row.
        present = set(session.attendances.filter(status="present").values_list("member",
                                                                                 flat=True))
        assert {session.president_id, session.secretary_id} <= present
        in_office = Mandate.objects.filter(body=session.body).in_office(session.date).count()
        assert session.attendances.count() == in_office
        assert session.deliberations.count() == session.agenda_item_count


def test_published_acts_are_public_and_searchable():
    result = synthetic.generate(deliberations=120, seed=1, today=TODAY)
    published = Deliberation.objects.filter(status="published")
    # Only the acts of the last month wait for their publication (the 150 × 40 excepted).
    month_ago = TODAY - datetime.timedelta(days=30)
    assert set(published) == set(Deliberation.objects.filter(session_date__lt=month_ago)) | set(
        result.large_session.deliberations.all())
    assert Deliberation.objects.exclude(status="published").count() > 0
    for deliberation in published:
        assert deliberation.session_date <= deliberation.transmitted_on \
            <= deliberation.received_on <= deliberation.published_on <= TODAY
    # One act in RARE_EVERY (the 18th here) mentions the rare word.
    rare = Deliberation.objects.filter(title__contains=synthetic.RARE_WORD)
    assert rare.count() == 1


def test_command_reports_counts_and_refuses_a_second_run():
    out = StringIO()
    call_command("generate_synthetic", "--deliberations", "60", "--seed", "2", stdout=out,
                 verbosity=0)
    assert out.getvalue().startswith("60 délibérations, ")
    assert Deliberation.objects.count() == 60
    with pytest.raises(CommandError, match="existent déjà"):
        call_command("generate_synthetic", "--deliberations", "60", verbosity=0)


def test_command_needs_the_40_items_of_the_large_session():
    with pytest.raises(CommandError, match="au moins 40 délibérations"):
        call_command("generate_synthetic", "--deliberations", "10", verbosity=0)


def test_existing_finds_the_large_session_again():
    result = synthetic.generate(deliberations=80, seed=4, today=TODAY)
    again = synthetic.existing()
    assert again.large_session == result.large_session
    assert again.counts["acts"] == 80
