"""The synthetic data generator (deliberations/synthetic/, manage.py generate_synthetic):
counts, the 150 × 40 session, coherent attendance and proxies, determinism."""

import datetime
import hashlib
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from deliberations import immutability, synthetic
from deliberations.models import Attendance, Deliberation, Proxy, PublishedRecord, Session
from deliberations.record import codec, freeze_published_records
from deliberations.record.builder import build_record
from deliberations.record.freeze import key_ranges
from deliberations.synthetic.bulk import _copy_value
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


def _generated(seed, count=120, **options):
    try:
        with transaction.atomic():
            synthetic.generate(deliberations=count, seed=seed, today=TODAY, **options)
            snapshot = _snapshot()
            raise _Rollback
    except _Rollback:
        return snapshot


def test_same_seed_same_data_other_seed_other_data():
    first, second, other = _generated(7), _generated(7), _generated(8)
    assert first == second
    assert first["deliberations"] != other["deliberations"]
    assert first["attendances"] != other["attendances"]


postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                     reason="COPY, search vectors and index definitions: "
                                     "PostgreSQL")


def _database_side():
    """What the database computed or holds beside the rows: search vectors, indexes and
    triggers of the three big tables."""
    tables = ["deliberations_deliberation", "deliberations_attendance", "deliberations_proxy"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT slug, search_vector::text FROM deliberations_deliberation "
                       "ORDER BY slug")
        vectors = cursor.fetchall()
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
                       "ORDER BY 1", [tables])
        indexes = cursor.fetchall()
        cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND "
                       "tgrelid::regclass::text = ANY(%s) ORDER BY 1", [tables])
        triggers = [name for (name,) in cursor.fetchall()]
    return vectors, indexes, triggers


def _generated_with_database_side(seed, count, **options):
    try:
        with transaction.atomic():
            synthetic.generate(deliberations=count, seed=seed, today=TODAY, **options)
            generated = _snapshot(), _database_side()
            raise _Rollback
    except _Rollback:
        return generated


@postgresql_only
def test_copy_load_gives_the_rows_of_the_insert_path():
    copied, copied_side = _generated_with_database_side(5, 150, copy=True)
    inserted, inserted_side = _generated_with_database_side(5, 150, copy=False)
    assert copied == inserted
    assert len(copied["deliberations"]) == 150
    # Same search vectors (computed by the database), same indexes, same triggers.
    assert copied_side == inserted_side
    vectors, indexes, triggers = copied_side
    assert all(vector for _, vector in vectors)
    assert "deliberation_search_idx" in dict(indexes)
    assert "deliberations_deliberation_search_vector_trg" in triggers
    assert sum(name.startswith("immutable_") for name in triggers) >= 3


@postgresql_only
def test_the_published_record_guards_hold_after_a_copy_load():
    synthetic.generate(deliberations=60, seed=2, today=TODAY, copy=True)
    act = Deliberation.objects.filter(status="published").first()
    with pytest.raises(Exception, match="publi"), transaction.atomic():
        Deliberation.objects.filter(pk=act.pk).update(title="Autre objet")
    assert Deliberation.objects.get(pk=act.pk).title == act.title


def test_copy_needs_postgresql():
    if connection.vendor == "postgresql":
        pytest.skip("the refusal is for other databases")
    with pytest.raises(ValueError, match="Le chargement par COPY demande PostgreSQL."):
        synthetic.generate(deliberations=60, seed=2, today=TODAY, copy=True)
    assert Deliberation.objects.count() == 0


def test_copy_text_format_escapes():
    assert [_copy_value(v) for v in (None, True, False, 7, datetime.date(2022, 10, 20),
                                                "a\tb", "l1\nl2\r", "\\x")] == [
        "\\N", "t", "f", "7", "2022-10-20", "a\\tb", "l1\\nl2\\r", "\\\\x"]


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


@pytest.mark.django_db(transaction=True)
def test_a_bulk_frozen_record_is_the_record_publication_freezes():
    """freeze_published_records (batches, a session's part encoded once, COPY on
    PostgreSQL, two processes there: the load is committed first) writes for each act the
    canonical JSON of build_record and its SHA-256."""
    result = synthetic.generate(deliberations=300, seed=1, today=TODAY, jobs=2)
    frozen = PublishedRecord.objects.select_related("deliberation").order_by("deliberation_id")
    assert result.counts["records"] == frozen.count() == Deliberation.objects.filter(
        status=Deliberation.Status.PUBLISHED).count() == 278
    large = [row for row in frozen if row.deliberation.session_id == result.large_session.pk]
    assert len(large) == 40
    for row in large[:3] + large[-2:] + list(frozen.exclude(
            deliberation__session=result.large_session)[:5]):
        text = codec.canonical_json(build_record(row.deliberation))
        assert row.document == text
        assert row.sha256 == codec.sha256_of(text) == hashlib.sha256(
            text.encode("utf-8")).hexdigest()
        assert row.version == codec.SCHEMA_VERSION
        assert row.received_on == row.deliberation.received_on
    # The 40 acts of the 150 × 40 session share one session part, written 40 times.
    sessions = {json.dumps(json.loads(row.document)["record"]["session"]) for row in large}
    assert len(sessions) == 1
    assert len(json.loads(large[0].document)["record"]["session"]["attendance"]) == 150


def test_freezing_again_finds_nothing_left_and_batches_do_not_skip_acts():
    synthetic.generate(deliberations=120, seed=3, today=TODAY)
    published = Deliberation.objects.filter(status=Deliberation.Status.PUBLISHED)
    ids = sorted(published.values_list("pk", flat=True))
    # As if a third of them had been published before records were frozen (the database
    # refuses the deletion of a frozen record: its guards are lifted for the preparation).
    immutability.uninstall(connection)
    try:
        PublishedRecord.objects.filter(deliberation_id__in=ids[::3]).delete()
    finally:
        immutability.install(connection)
    missing = len(ids[::3])
    assert freeze_published_records(batch=7) == missing
    assert sorted(PublishedRecord.objects.values_list("deliberation_id", flat=True)) == ids
    assert freeze_published_records(batch=7) == 0


def test_key_ranges_hold_each_pending_act_once():
    synthetic.generate(deliberations=120, seed=3, today=TODAY)
    published = Deliberation.objects.filter(status=Deliberation.Status.PUBLISHED)
    ids = sorted(published.values_list("pk", flat=True))
    ranges = key_ranges(published.order_by("pk"), size=25)
    # ceil(n / 25) ranges, consecutive, from 0 to the last key.
    assert len(ranges) == -(-len(ids) // 25)
    assert ranges[0][0] == 0 and ranges[-1][1] == ids[-1]
    assert all(after < up_to for after, up_to in ranges)
    assert [after for after, _ in ranges[1:]] == [up_to for _, up_to in ranges[:-1]]
    held = [[pk for pk in ids if after < pk <= up_to] for after, up_to in ranges]
    assert sorted(pk for part in held for pk in part) == ids
    assert max(map(len, held)) - min(map(len, held)) <= 1
    assert key_ranges(Deliberation.objects.none(), size=25) == []


@pytest.mark.django_db(transaction=True)
def test_parallel_freezing_neither_skips_nor_duplicates_acts():
    """Two processes on PostgreSQL (one elsewhere), ranges of 2 × 8 acts: the acts left
    without a record are each frozen once, with the record one process would write."""
    synthetic.generate(deliberations=120, seed=3, today=TODAY, jobs=2)
    published = Deliberation.objects.filter(status=Deliberation.Status.PUBLISHED)
    ids = sorted(published.values_list("pk", flat=True))
    expected = dict(PublishedRecord.objects.values_list("deliberation_id", "sha256"))
    assert sorted(expected) == ids
    immutability.uninstall(connection)
    try:
        PublishedRecord.objects.filter(deliberation_id__in=ids[1::2]).delete()
    finally:
        immutability.install(connection)
    assert freeze_published_records(batch=2, jobs=2) == len(ids[1::2]) == len(ids) // 2
    assert sorted(PublishedRecord.objects.values_list("deliberation_id", flat=True)) == ids
    assert dict(PublishedRecord.objects.values_list("deliberation_id", "sha256")) == expected
    assert freeze_published_records(batch=2, jobs=2) == 0
    # The command finishes a bulk freezing that stopped partway, with the same jobs.
    immutability.uninstall(connection)
    try:
        PublishedRecord.objects.filter(deliberation_id__in=ids[::3]).delete()
    finally:
        immutability.install(connection)
    out = StringIO()
    call_command("freeze_published_records", jobs=2, batch=2, stdout=out)
    assert out.getvalue() == f"{len(ids[::3])} état(s) publié(s) figé(s).\n"
    assert dict(PublishedRecord.objects.values_list("deliberation_id", "sha256")) == expected
