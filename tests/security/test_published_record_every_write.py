"""The published record refuses every way of writing, not only UPDATE and DELETE: on SQLite
``INSERT OR REPLACE``, ``REPLACE INTO`` and ``UPDATE OR REPLACE`` (whose conflict resolution
deletes a row without firing DELETE triggers by default), on PostgreSQL ``TRUNCATE`` (which
fires no row trigger) and ``INSERT … ON CONFLICT DO UPDATE``. Run on SQLite and on PostgreSQL
(DATABASE_URL)."""

import pytest
from django.db import connection

from deliberations.immutability import RECORD_LOCKED
from deliberations.models import Annex, Deliberation, IssuedExtract, PublishedRecord
from deliberations.record.freeze import record_freeze
from tests.deliberations.test_immutability import (  # noqa: F401 (record, a fixture)
    ACT_MESSAGE,
    DELETE_MESSAGE,
    EXTRACT_MESSAGE,
    PARTS_MESSAGE,
    record,
    refused,
)
from tests.factories import DeliberationFactory

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite syntax")
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                     reason="PostgreSQL statement")


@pytest.fixture
def published_record(record):  # noqa: F811 (the imported fixture)
    """The immutability tests' session: act 1 published with an annex, votes and an
    appointment, act 2 a draft."""
    return record


def _columns(table):
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def rewrite(table, pk, verb="INSERT OR REPLACE", suffix="", **changes):
    """``verb INTO table`` a copy of row ``pk`` with ``changes``: the attacker's statement,
    which needs no knowledge of the other columns."""
    columns = _columns(table)
    chosen = ", ".join("%s" if c in changes else f'"{c}"' for c in columns)
    quoted = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"{verb} INTO {table} ({quoted}) SELECT {chosen} FROM {table} "
                       f"WHERE id = %s {suffix}",
                       [changes[c] for c in columns if c in changes] + [pk])


def truncate(table):
    """TRUNCATE ``table``. The test's rows are inserted in the same transaction: their
    deferred foreign key checks are run first (PostgreSQL refuses a TRUNCATE while any are
    pending), as they would have been at the commit that stored them."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {table}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _extract(act):
    return IssuedExtract.objects.create(
        deliberation=act, version=1, file="extracts/2022/AAAA2222.pdf", sha256="1" * 64,
        code="AAAA2222", content_fingerprint="f" * 64)


@sqlite_only
def test_every_portal_connection_lets_replace_fire_delete_triggers():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA recursive_triggers")
        assert cursor.fetchone() == (1,)


@sqlite_only
@pytest.mark.parametrize("recursive_triggers", ["ON", "OFF"], ids=["portal", "other-program"])
@pytest.mark.parametrize("verb", ["INSERT OR REPLACE", "REPLACE"])
def test_replace_of_a_published_act_is_refused(published_record, verb, recursive_triggers):
    # OFF: a connection the portal did not open (the sqlite3 shell, another program).
    act = published_record["act"]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA recursive_triggers")
        (portal_setting,) = cursor.fetchone()
        cursor.execute(f"PRAGMA recursive_triggers = {recursive_triggers}")
    try:
        with refused(DELETE_MESSAGE):
            rewrite("deliberations_deliberation", act.pk, verb, title="Objet réécrit",
                    votes_for=0)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA recursive_triggers = {portal_setting}")
    stored = Deliberation.objects.get(pk=act.pk)
    assert (stored.title, stored.votes_for, stored.status) == (
        "Election du Bureau", 3, "published")


@sqlite_only
def test_replace_of_an_issued_extract_hash_is_refused(published_record):
    extract = _extract(published_record["act"])
    with refused(EXTRACT_MESSAGE):
        rewrite("deliberations_issuedextract", extract.pk, sha256="e" * 64)
    assert IssuedExtract.objects.get(pk=extract.pk).sha256 == "1" * 64


@sqlite_only
def test_replace_of_a_frozen_record_is_refused(published_record):
    frozen = record_freeze(deliberation=published_record["act"])
    with refused(RECORD_LOCKED):
        rewrite("deliberations_publishedrecord", frozen.pk, document="{}", sha256="e" * 64)
    stored = PublishedRecord.objects.get(pk=frozen.pk)
    assert (stored.document, stored.sha256) == (frozen.document, frozen.sha256)


@sqlite_only
def test_replace_moving_an_annex_of_a_published_act_to_a_draft_is_refused(published_record):
    # The new row belongs to a draft (its INSERT alone would be allowed); the replaced one
    # belongs to the published act.
    annex = published_record["annex"]
    with refused(PARTS_MESSAGE):
        rewrite("deliberations_annex", annex.pk, deliberation_id=published_record["draft"].pk)
    assert Annex.objects.get(pk=annex.pk).deliberation_id == published_record["act"].pk


@sqlite_only
def test_update_or_replace_of_a_draft_onto_a_published_act_is_refused(published_record):
    act, draft = published_record["act"], published_record["draft"]
    with refused(DELETE_MESSAGE), connection.cursor() as cursor:
        cursor.execute("UPDATE OR REPLACE deliberations_deliberation SET slug = %s "
                       "WHERE id = %s", [act.slug, draft.pk])
    assert Deliberation.objects.get(pk=act.pk).status == "published"
    assert Deliberation.objects.get(pk=draft.pk).slug == draft.slug


@sqlite_only
def test_a_draft_may_still_be_replaced(published_record):
    draft = published_record["draft"]
    rewrite("deliberations_deliberation", draft.pk, title="Objet du projet revu")
    assert Deliberation.objects.get(pk=draft.pk).title == "Objet du projet revu"


@postgresql_only
def test_upsert_onto_a_published_act_is_refused(published_record):
    act = published_record["act"]
    with refused(ACT_MESSAGE):
        rewrite("deliberations_deliberation", act.pk, "INSERT",
                "ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title",
                title="Objet réécrit")
    assert Deliberation.objects.get(pk=act.pk).title == "Election du Bureau"


@postgresql_only
@pytest.mark.parametrize("table, message", [
    ("deliberations_deliberation CASCADE", DELETE_MESSAGE),
    ("deliberations_session CASCADE", DELETE_MESSAGE),  # cascades to the acts
    ("deliberations_issuedextract", EXTRACT_MESSAGE),
    ("deliberations_annex", PARTS_MESSAGE),
    ("deliberations_publishedrecord", RECORD_LOCKED),
])
def test_truncate_of_a_table_holding_published_records_is_refused(published_record, table,
                                                                   message):
    _extract(published_record["act"])
    record_freeze(deliberation=published_record["act"])
    with refused(message):
        truncate(table)
    assert Deliberation.objects.filter(status="published").count() == 1
    assert IssuedExtract.objects.count() == 1
    assert Annex.objects.count() == 1
    assert PublishedRecord.objects.count() == 1


@postgresql_only
def test_truncate_of_drafts_only_is_allowed():
    draft = DeliberationFactory()
    Annex.objects.create(deliberation=draft, title="Rapport", url="https://a.example/r.pdf")
    truncate("deliberations_annex")
    assert not Annex.objects.exists()
