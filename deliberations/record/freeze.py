"""Freezing a record at publication, and reading an act's record: the frozen one for a
published act, computed live for any other."""

from __future__ import annotations

import dataclasses
import functools
import io
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed

from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone

from deliberations import selectors
from deliberations.models import Deliberation, PublishedRecord
from deliberations.record import codec, fields
from deliberations.record.builder import build_record, build_records
from deliberations.record.types import DeliberationRecord, NotificationFacts


def record_freeze(*, deliberation: Deliberation) -> PublishedRecord:
    """Store the record of an act being published (called inside the publishing
    transaction, after the act is saved as published: the database refuses a record for any
    other act)."""
    record = build_record(deliberation)
    text = codec.canonical_json(record)
    frozen = PublishedRecord.objects.create(
        deliberation_id=deliberation.pk, version=codec.SCHEMA_VERSION, document=text,
        sha256=codec.sha256_of(text), received_on=record.publication.received_on,
        frozen_at=timezone.now(),
    )
    _remember(deliberation, frozen, record)
    return frozen


def record_amend_publication(*, deliberation: Deliberation) -> PublishedRecord | None:
    """Add to a frozen record the facts recorded after the publication: the receipt date in
    the prefecture when the publication left it "à compléter" (services.
    deliberation_record_receipt), the notifications of an individual decision, and the
    executory date and appeal deadline the rules compute from them (L2131-1, R421-1 CJA).
    Every other fact stays as frozen. None when the act has no frozen record."""
    frozen = PublishedRecord.objects.filter(deliberation_id=deliberation.pk).first()
    if frozen is None:
        return None
    deliberation = Deliberation.objects.select_related("session__body__organisation").get(
        pk=deliberation.pk)
    record = codec.loads(frozen.document)
    notifications = tuple(
        NotificationFacts(addressee=row.addressee, notified_on=row.notified_on,
                          executory_on=row.executory_on, appeal_deadline=row.appeal_deadline)
        for row in (selectors.notification_rows(deliberation)
                    if deliberation.is_individual else [])
    )
    publication = dataclasses.replace(
        record.publication, received_on=deliberation.received_on,
        executory_on=selectors.executory_on(deliberation),
        appeal_deadline=selectors.appeal_deadline(deliberation), notifications=notifications,
    )
    record = dataclasses.replace(record, publication=publication)
    text = codec.canonical_json(record)
    if text == frozen.document:
        return frozen
    frozen.document, frozen.sha256 = text, codec.sha256_of(text)
    frozen.received_on = deliberation.received_on
    frozen.save(update_fields=["document", "sha256", "received_on"])
    return frozen


def _remember(deliberation, frozen, record):
    deliberation._record = record
    deliberation._state.fields_cache["record"] = frozen


def frozen_record(deliberation: Deliberation) -> PublishedRecord | None:
    """The stored record of an act, read with the act when it was selected with
    ``select_related("record")`` (no query then)."""
    try:
        return deliberation.record
    except PublishedRecord.DoesNotExist:
        return None


def record_for(deliberation: Deliberation) -> DeliberationRecord:
    """THE record of an act, for every output (pages, extract, PV, API, exports, feeds): the
    one frozen at publication for a published act, the live computation otherwise (a draft,
    or an act published before records were frozen and not yet frozen by
    ``manage.py freeze_published_records``)."""
    cached = getattr(deliberation, "_record", None)
    if cached is not None:
        return cached
    frozen = frozen_record(deliberation) if deliberation.pk else None
    record = (fields.lazy_record(frozen.document) if frozen is not None
              else build_record(deliberation))
    deliberation._record = record
    return record


def records_for(deliberations) -> dict[int, DeliberationRecord]:
    """record_for of many acts, by act id, in a number of queries that does not grow with
    them: the frozen records read with the acts (``select_related("record")``: no query) or
    in one query, and those of the acts without a frozen record (drafts, acts published
    before records were frozen) built live together (build_records)."""
    deliberations = list(deliberations)
    unread = [d.pk for d in deliberations
              if getattr(d, "_record", None) is None and not Deliberation.record.is_cached(d)]
    rows = {row.deliberation_id: row
            for row in PublishedRecord.objects.filter(deliberation_id__in=unread)
            } if unread else {}
    found, live = {}, []
    for deliberation in deliberations:
        record = getattr(deliberation, "_record", None)
        if record is None:
            row = (rows.get(deliberation.pk) if deliberation.pk in rows
                   else frozen_record(deliberation) if Deliberation.record.is_cached(deliberation)
                   else None)
            if row is None:
                live.append(deliberation)
                continue
            record = deliberation._record = fields.lazy_record(row.document)
        found[deliberation.pk] = record
    if live:
        built = build_records(live)
        for deliberation in live:
            found[deliberation.pk] = deliberation._record = built[deliberation.pk]
    return found


def freeze_published_records(*, batch: int = 1000, jobs: int = 1, progress=None) -> int:
    """Freeze the records of published acts that have none (acts published before the
    record existed, or generated in bulk): returns how many. Their live computation is what
    the public was shown.

    Streamed: batches of ``batch`` acts in primary-key order (a keyset, not an offset or a
    re-run of "those without a record", which read the whole table again for each batch),
    each built by build_records (a constant number of queries per batch), encoded by
    codec.canonical_jsons (a session's part encoded once) and written at once (COPY on
    PostgreSQL, bulk_create elsewhere); nothing is kept from one batch to the next, so the
    memory does not grow with the number of acts. ``progress(count)`` is called after each
    batch (after each range of batches with several jobs).

    ``jobs`` > 1, on PostgreSQL outside a transaction: the acts to freeze are cut into
    ranges of keys, frozen by ``jobs`` processes, each with its own connection (the batches
    are independent; each COPY commits by itself, so an interrupted run leaves whole
    batches and a new run freezes what is left). Elsewhere (SQLite, or inside a transaction
    whose rows other connections cannot see) one process freezes them all."""
    pending = Deliberation.objects.filter(status=Deliberation.Status.PUBLISHED,
                                          record__isnull=True).order_by("pk")
    if jobs > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block:
        return _freeze_in_parallel(pending, batch=batch, jobs=jobs, progress=progress)
    return _freeze_range(pending, batch=batch, progress=progress)


def _freeze_range(pending, *, batch, progress=None) -> int:
    count, last = 0, 0
    while ids := list(pending.filter(pk__gt=last).values_list("pk", flat=True)[:batch]):
        last = ids[-1]
        records = build_records([Deliberation(pk=pk) for pk in ids])
        now = timezone.now()
        rows = [
            (pk, codec.SCHEMA_VERSION, text, codec.sha256_of(text),
             records[pk].publication.received_on, now)
            for pk, text in zip(records, codec.canonical_jsons(records.values()), strict=True)
        ]
        _write_records(rows)
        count += len(rows)
        del records, rows
        if not connection.force_debug_cursor:
            # Under DEBUG (manage.py) every query is kept in connection.queries: the batch
            # queries name a thousand ids each. A test counting queries forces the debug
            # cursor and keeps its log.
            connection.queries_log.clear()
        if progress is not None:
            progress(count)
    return count


# Ranges handed to the processes: about this many batches each, so that a process that
# finishes early takes the next range and the progress is told every few batches.
_BATCHES_PER_RANGE = 8


def key_ranges(pending, *, size: int) -> list[tuple[int, int]]:
    """The acts of ``pending`` cut into consecutive ranges of keys of about ``size`` acts,
    as (after, up to) pairs: each act of ``pending`` is in exactly one range (after < pk <=
    up to). One query (ntile over the keys)."""
    total = pending.count()
    if not total:
        return []
    tiles = -(-total // size)
    sql, params = pending.annotate(key=F("pk")).values_list("key").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max(key) FROM (SELECT key, ntile(%s) OVER (ORDER BY key) AS "
                       f"tile FROM ({sql}) AS pending) AS tiles GROUP BY tile ORDER BY 1",
                       [tiles, *params])
        ends = [end for (end,) in cursor.fetchall()]
    return list(zip([0, *ends[:-1]], ends, strict=True))


def _freeze_in_parallel(pending, *, batch, jobs, progress) -> int:
    ranges = key_ranges(pending, size=batch * _BATCHES_PER_RANGE)
    if not ranges:
        return 0
    # The children are forked: each must open its own connection, never share the parent's.
    connections.close_all()
    count = 0
    with ProcessPoolExecutor(max_workers=min(jobs, len(ranges)),
                             mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(_freeze_key_range, after, up_to, batch)
                   for after, up_to in ranges]
        for future in as_completed(futures):
            count += future.result()
            if progress is not None:
                progress(count)
    return count


def _freeze_key_range(after: int, up_to: int, batch: int) -> int:
    """In a child process: freeze the pending acts whose key is in (after, up_to]."""
    try:
        pending = Deliberation.objects.filter(status=Deliberation.Status.PUBLISHED,
                                              record__isnull=True, pk__gt=after,
                                              pk__lte=up_to).order_by("pk")
        return _freeze_range(pending, batch=batch)
    finally:
        connections.close_all()


_RECORD_COLUMNS = ("deliberation_id", "version", "document", "sha256", "received_on",
                   "frozen_at")


def _write_records(rows) -> None:
    """Insert PublishedRecord rows (tuples in _RECORD_COLUMNS order): one COPY on
    PostgreSQL, through the driver's cursor, so that DEBUG does not keep the documents in
    connection.queries; bulk_create elsewhere. The immutability triggers run as for any
    insert (they refuse a record of an act that is not published)."""
    if connection.vendor != "postgresql":
        PublishedRecord.objects.bulk_create(
            [PublishedRecord(**dict(zip(_RECORD_COLUMNS, row, strict=True))) for row in rows])
        return
    frozen_at = PublishedRecord._meta.get_field("frozen_at")
    stamps = {}
    lines = []
    for pk, version, text, sha256, received_on, now in rows:
        # COPY's text format: a canonical JSON text holds no tab, newline or carriage return
        # (JSON escapes every control character), so its backslashes are all to escape.
        if "\\" in text:
            text = text.replace("\\", "\\\\")
        received = received_on.isoformat() if received_on else r"\N"
        stamp = stamps.get(now)
        if stamp is None:  # one instant per batch
            stamp = stamps[now] = frozen_at.get_db_prep_save(now, connection).isoformat()
        lines.append(f"{pk}\t{version}\t{text}\t{sha256}\t{received}\t{stamp}\n")
    table = connection.ops.quote_name(PublishedRecord._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        if _lz4_available():
            # The documents compressed with LZ4 rather than PostgreSQL's own pglz: the same
            # size here, and half the server's time of the COPY (measured: 2.4 s against
            # 4.4 s for 5 000 records). Only the storage differs; the text read is the same.
            cursor.execute("SET LOCAL default_toast_compression = 'lz4'")
        cursor.cursor.copy_expert(f"COPY {table} ({', '.join(_RECORD_COLUMNS)}) FROM STDIN",
                                  io.StringIO("".join(lines)))


@functools.cache
def _lz4_available() -> bool:
    """Whether the PostgreSQL server was built with LZ4 (an option of its build)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
                       "WHERE name = 'default_toast_compression'")
        row = cursor.fetchone()
    return bool(row and row[0])
