"""The published record, immutable in the database.

Once an act is published, what it certifies changes only by a rectifying deliberation
(services.deliberation_rectify): the model and the admin say so first, in French, and these
triggers refuse it underneath them (a queryset ``update()``, a script, raw SQL, another
application), on PostgreSQL and on SQLite alike:

- a published deliberation: no UPDATE of any column but the few facts recorded after the
  publication (``PUBLISHED_ACT_MUTABLE``), no DELETE;
- its annexes, roll-call votes, appointments and their results, members not voting or
  withdrawn: no INSERT, UPDATE or DELETE;
- its session: no change of date, body or state (models.SESSION_LOCKED_FIELDS), no change
  of the attendance list or of the proxies (ATTENDANCE_LOCKED), nor of a written proxy one
  of those proxies rests on;
- an issued extract: no DELETE, no UPDATE but the "superseded by" link, set once.

Left open on purpose: the notifications of an individual decision (made after the act,
L2131-1, they are facts about it, like the receipt date) and the session's practical details
(place, time, convocation, president and secretaries: the session lock keeps them editable).

Every way of writing is covered, not only UPDATE and DELETE statements. Each DELETE guard
also yields (``covering_sql``):

- on SQLite, guards against ``INSERT OR REPLACE``/``REPLACE INTO``/``UPDATE OR REPLACE``:
  their conflict resolution deletes the existing row without firing DELETE triggers unless
  ``PRAGMA recursive_triggers`` is on. It is turned on for every connection the portal opens
  (``enable_recursive_triggers``), and, for a connection that does not (the sqlite3 shell,
  another program), a BEFORE INSERT and a BEFORE UPDATE trigger refuse a row that would
  collide, on its primary key or a unique key, with a row the DELETE guard protects;
- on PostgreSQL, a BEFORE TRUNCATE trigger (TRUNCATE fires no row trigger) refusing to empty
  a table holding a row the DELETE guard protects; a TRUNCATE … CASCADE reaches it too.

PostgreSQL raises SQLSTATE 23001 (restrict_violation) and SQLite RAISE(ABORT), so both reach
Django as an IntegrityError carrying the French sentence (``refusal_message``).
This module builds the DDL only; it imports no model. The triggers are installed by
migrations 0019 and 0024 and again after every ``migrate`` (apps.py): on SQLite a migration
that rebuilds a table drops its triggers.
"""

from dataclasses import dataclass

PUBLISHED_ACT_LOCKED = (
    "Cette délibération est publiée : son objet, ses textes, son vote et ses dates ne "
    "peuvent plus être modifiés. Corrigez-la par une délibération rectificative."
)
PUBLISHED_ACT_UNDELETABLE = (
    "Une délibération publiée ne peut être supprimée : elle appartient au registre. "
    "Corrigez-la par une délibération rectificative."
)
PUBLISHED_ACT_PARTS_LOCKED = (
    "Cette délibération est publiée : ses annexes, ses votes et ses nominations ne peuvent "
    "plus être modifiés. Corrigez-la par une délibération rectificative."
)
# Same sentences as deliberations.models.SESSION_LOCKED and ATTENDANCE_LOCKED (the models
# import them from here).
SESSION_LOCKED = (
    "Cette séance a des délibérations publiées : sa date, son assemblée et son état ne "
    "peuvent plus être modifiés. Rectifiez-les par une délibération rectificative."
)
ATTENDANCE_LOCKED = (
    "Cette séance a des délibérations publiées : sa liste de présence et ses procurations ne "
    "peuvent plus être modifiées. Rectifiez-les par une délibération rectificative."
)
WRITTEN_PROXY_LOCKED = (
    "Ce pouvoir écrit a servi à une séance dont des délibérations sont publiées : il ne peut "
    "plus être modifié ni supprimé."
)
EXTRACT_LOCKED = (
    "Un extrait certifié émis ne peut être ni modifié ni supprimé : il reste vérifiable. Une "
    "nouvelle version le remplace."
)
# The record frozen at publication (deliberations/record/, PublishedRecord).
RECORD_LOCKED = (
    "L'état publié de cette délibération est figé : il ne peut être ni modifié ni supprimé. "
    "Corrigez-la par une délibération rectificative."
)
MESSAGES = (PUBLISHED_ACT_LOCKED, PUBLISHED_ACT_UNDELETABLE, PUBLISHED_ACT_PARTS_LOCKED,
            SESSION_LOCKED, ATTENDANCE_LOCKED, WRITTEN_PROXY_LOCKED, EXTRACT_LOCKED,
            RECORD_LOCKED)

# Columns of a published deliberation that may still change: the receipt date in the
# prefecture, recorded once when the publication left it "à compléter"
# (services.deliberation_record_receipt), the modification stamp, and the search vector
# PostgreSQL derives from the texts. Every other column, present or future, is locked.
PUBLISHED_ACT_MUTABLE = ("id", "updated_at", "search_vector", "received_on")
# Columns of an issued extract that may still change: its issue instant, stamped right
# after the insert (issuing.extract_get_or_issue); "issued by" (SET_NULL when a user is
# deleted); "superseded by", set once.
EXTRACT_MUTABLE = ("id", "issued_at", "issued_by_id", "superseded_by_id")

PUBLISHED = "'published'"


def _session_published(session_id: str) -> str:
    return (f"EXISTS (SELECT 1 FROM deliberations_deliberation d WHERE d.session_id = "
            f"{session_id} AND d.status = {PUBLISHED})")


def _act_published(deliberation_id: str) -> str:
    return (f"EXISTS (SELECT 1 FROM deliberations_deliberation d WHERE d.id = "
            f"{deliberation_id} AND d.status = {PUBLISHED})")


def _appointment_published(appointment_id: str) -> str:
    return (f"EXISTS (SELECT 1 FROM deliberations_appointment a JOIN "
            f"deliberations_deliberation d ON d.id = a.deliberation_id WHERE a.id = "
            f"{appointment_id} AND d.status = {PUBLISHED})")


def _written_proxy_used(written_proxy_id: str) -> str:
    return (f"EXISTS (SELECT 1 FROM deliberations_proxy p JOIN deliberations_deliberation d "
            f"ON d.session_id = p.session_id WHERE p.written_proxy_id = {written_proxy_id} "
            f"AND d.status = {PUBLISHED})")


@dataclass(frozen=True)
class Guard:
    """One trigger: on ``event`` on ``table``, refuse with ``message`` when ``condition``
    (an SQL expression over OLD/NEW; ``{changed}`` stands for "a compared column changed")
    holds. ``compare``: the columns compared, None for all but ``keep``."""

    name: str
    table: str
    event: str  # INSERT, UPDATE or DELETE
    condition: str
    message: str
    keep: tuple[str, ...] = ("id",)
    compare: tuple[str, ...] | None = None


def _row_guards(name: str, table: str, lock: str, message: str) -> list[Guard]:
    """INSERT, UPDATE and DELETE of rows belonging to a locked parent (``lock`` is a
    template over the row's reference, "{row}.session_id")."""
    return [
        Guard(f"{name}_insert", table, "INSERT", lock.format(row="NEW"), message),
        Guard(f"{name}_update", table, "UPDATE",
              f"{{changed}} AND ({lock.format(row='OLD')} OR {lock.format(row='NEW')})",
              message),
        Guard(f"{name}_delete", table, "DELETE", lock.format(row="OLD"), message),
    ]


GUARDS: list[Guard] = [
    Guard("deliberation_update", "deliberations_deliberation", "UPDATE",
          f"OLD.status = {PUBLISHED} AND ({{changed}} OR (OLD.received_on IS NOT NULL "
          "AND {received_changed}))", PUBLISHED_ACT_LOCKED, keep=PUBLISHED_ACT_MUTABLE),
    Guard("deliberation_delete", "deliberations_deliberation", "DELETE",
          f"OLD.status = {PUBLISHED}", PUBLISHED_ACT_UNDELETABLE),
    *[guard for table, column in (
        ("deliberations_annex", "deliberation_id"),
        ("deliberations_membervote", "deliberation_id"),
        ("deliberations_appointment", "deliberation_id"),
        ("deliberations_deliberation_non_voting_members", "deliberation_id"),
        ("deliberations_deliberation_withdrawn_members", "deliberation_id"),
    ) for guard in _row_guards(table.removeprefix("deliberations_"), table,
                               _act_published("{row}." + column), PUBLISHED_ACT_PARTS_LOCKED)],
    *_row_guards("appointmentvote", "deliberations_appointmentvote",
                 _appointment_published("{row}.appointment_id"), PUBLISHED_ACT_PARTS_LOCKED),
    Guard("session_update", "deliberations_session", "UPDATE",
          f"{{changed}} AND {_session_published('OLD.id')}", SESSION_LOCKED,
          compare=("date", "body_id", "status")),
    *_row_guards("attendance", "deliberations_attendance",
                 _session_published("{row}.session_id"), ATTENDANCE_LOCKED),
    *_row_guards("proxy", "deliberations_proxy",
                 _session_published("{row}.session_id"), ATTENDANCE_LOCKED),
    Guard("writtenproxy_update", "deliberations_writtenproxy", "UPDATE",
          f"{{changed}} AND {_written_proxy_used('OLD.id')}", WRITTEN_PROXY_LOCKED),
    Guard("writtenproxy_delete", "deliberations_writtenproxy", "DELETE",
          _written_proxy_used("OLD.id"), WRITTEN_PROXY_LOCKED),
    Guard("issuedextract_update", "deliberations_issuedextract", "UPDATE",
          "{changed} OR (OLD.superseded_by_id IS NOT NULL AND {superseded_changed})",
          EXTRACT_LOCKED, keep=EXTRACT_MUTABLE),
    Guard("issuedextract_delete", "deliberations_issuedextract", "DELETE", "1 = 1",
          EXTRACT_LOCKED),
    # A frozen record is written once, for a published act; it changes only to add the
    # receipt date the act itself records once (services.deliberation_record_receipt), and,
    # for an individual decision, with its notifications (left open above, L2131-1).
    Guard("publishedrecord_insert", "deliberations_publishedrecord", "INSERT",
          f"NOT {_act_published('NEW.deliberation_id')}", RECORD_LOCKED),
    Guard("publishedrecord_update", "deliberations_publishedrecord", "UPDATE",
          "{changed} AND NOT (NEW.deliberation_id = OLD.deliberation_id AND ((OLD.received_on "
          "IS NULL AND NEW.received_on IS NOT NULL AND NEW.received_on = (SELECT "
          "d.received_on FROM deliberations_deliberation d WHERE d.id = NEW.deliberation_id)) "
          "OR (NOT {received_changed} AND EXISTS (SELECT 1 FROM "
          "deliberations_deliberation d WHERE d.id = NEW.deliberation_id AND d.is_individual))))",
          RECORD_LOCKED),
    Guard("publishedrecord_delete", "deliberations_publishedrecord", "DELETE", "1 = 1",
          RECORD_LOCKED),
]


def _differs(column: str, vendor: str) -> str:
    operator = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    return f'OLD."{column}" {operator} NEW."{column}"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def trigger_name(guard: Guard) -> str:
    return f"immutable_{guard.name}"


def guard_sql(guard: Guard, columns: list[str], vendor: str) -> list[str]:
    """The statements creating one guard's trigger, ``columns`` being its table's columns."""
    compared = [c for c in (guard.compare or columns) if c not in guard.keep and c in columns]
    condition = guard.condition.format(
        changed="(" + (" OR ".join(_differs(c, vendor) for c in compared) or "1 = 0") + ")",
        received_changed=_differs("received_on", vendor),
        superseded_changed=_differs("superseded_by_id", vendor),
    )
    name = trigger_name(guard)
    if vendor == "postgresql":
        returned = "OLD" if guard.event == "DELETE" else "NEW"
        return [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n    IF {condition} THEN\n"
            f"        RAISE EXCEPTION USING ERRCODE = 'restrict_violation', "
            f"MESSAGE = {_literal(guard.message)};\n"
            f"    END IF;\n    RETURN {returned};\nEND\n$$",
            f"DROP TRIGGER IF EXISTS {name} ON {guard.table}",
            f"CREATE TRIGGER {name} BEFORE {guard.event} ON {guard.table} FOR EACH ROW "
            f"EXECUTE FUNCTION {name}()",
        ]
    return [
        f"DROP TRIGGER IF EXISTS {name}",
        f"CREATE TRIGGER {name} BEFORE {guard.event} ON {guard.table} FOR EACH ROW "
        f"WHEN {condition}\nBEGIN\n    SELECT RAISE(ABORT, {_literal(guard.message)});\nEND",
    ]


def drop_sql(guard: Guard, vendor: str) -> list[str]:
    name = trigger_name(guard)
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON {guard.table}",
                f"DROP FUNCTION IF EXISTS {name}()"]
    return [f"DROP TRIGGER IF EXISTS {name}"]


def _as_existing(condition: str) -> str:
    """A DELETE guard's condition over OLD, said of a row ``existing`` of the same table."""
    return condition.replace("OLD.", "existing.")


def _sqlite_unique_keys(cursor, table: str) -> list[tuple[str, ...]]:
    """The primary key and the unconditional unique keys of a SQLite table: the keys an
    ``OR REPLACE`` conflict is resolved on. A partial unique index is left to
    ``recursive_triggers`` (its condition would have to be repeated here)."""
    keys = []
    cursor.execute(f'PRAGMA table_info("{table}")')
    primary = tuple(row[1] for row in sorted(cursor.fetchall(), key=lambda r: r[5]) if row[5])
    if primary:
        keys.append(primary)
    cursor.execute(f'PRAGMA index_list("{table}")')
    for _seq, index, unique, _origin, partial in cursor.fetchall():
        if unique and not partial:
            cursor.execute(f'PRAGMA index_info("{index}")')
            keys.append(tuple(row[2] for row in sorted(cursor.fetchall())))
    return keys


def covering_names(guard: Guard, vendor: str) -> list[str]:
    """The triggers a DELETE guard yields beyond itself (see the module docstring)."""
    if guard.event != "DELETE":
        return []
    if vendor == "postgresql":
        return [f"immutable_{guard.name}_truncate"]
    return [f"immutable_{guard.name}_replace_insert", f"immutable_{guard.name}_replace_update"]


def covering_sql(guard: Guard, keys: list[tuple[str, ...]], vendor: str) -> list[str]:
    """The statements creating the triggers of ``covering_names``; ``keys``: the table's
    primary and unique keys (SQLite)."""
    if guard.event != "DELETE":
        return []
    protected = _as_existing(guard.condition)
    message = _literal(guard.message)
    if vendor == "postgresql":
        (name,) = covering_names(guard, vendor)
        return [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n    IF EXISTS (SELECT 1 FROM {guard.table} existing WHERE {protected}) "
            f"THEN\n        RAISE EXCEPTION USING ERRCODE = 'restrict_violation', "
            f"MESSAGE = {message};\n    END IF;\n    RETURN NULL;\nEND\n$$",
            f"DROP TRIGGER IF EXISTS {name} ON {guard.table}",
            f"CREATE TRIGGER {name} BEFORE TRUNCATE ON {guard.table} FOR EACH STATEMENT "
            f"EXECUTE FUNCTION {name}()",
        ]
    if not keys:
        return []
    collides = " OR ".join(
        "(" + " AND ".join(f'existing."{c}" = NEW."{c}"' for c in key) + ")" for key in keys)
    itself = " AND ".join(f'existing."{c}" IS OLD."{c}"' for c in keys[0])
    statements = []
    for name, event, other in zip(covering_names(guard, vendor), ("INSERT", "UPDATE"),
                                  ("1 = 1", f"NOT ({itself})"), strict=True):
        statements += [
            f"DROP TRIGGER IF EXISTS {name}",
            f"CREATE TRIGGER {name} BEFORE {event} ON {guard.table} FOR EACH ROW WHEN EXISTS "
            f"(SELECT 1 FROM {guard.table} existing WHERE {other} AND ({collides}) "
            f"AND ({protected}))\nBEGIN\n    SELECT RAISE(ABORT, {message});\nEND",
        ]
    return statements


def supported(connection) -> bool:
    return connection.vendor in ("postgresql", "sqlite")


def enable_recursive_triggers(sender=None, connection=None, **kwargs) -> None:
    """connection_created: on SQLite, let the row an ``OR REPLACE`` deletes fire the DELETE
    triggers (off by default in SQLite, "REPLACE conflict resolution")."""
    if connection is not None and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA recursive_triggers = ON")


def install(connection) -> int:
    """Create (or re-create) every trigger on ``connection``; returns how many guards. Tables
    not created yet are skipped, and only the columns that exist are compared, so this runs
    at any point of the migration history."""
    if not supported(connection):
        return 0
    installed = 0
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        columns = {
            table: [c.name for c in connection.introspection.get_table_description(cursor, table)]
            for table in {guard.table for guard in GUARDS} if table in tables
        }
        keys = {table: _sqlite_unique_keys(cursor, table) if connection.vendor == "sqlite"
                else [] for table in columns}
        for guard in GUARDS:
            if guard.table not in columns:
                continue
            for statement in (guard_sql(guard, columns[guard.table], connection.vendor)
                              + covering_sql(guard, keys[guard.table], connection.vendor)):
                cursor.execute(statement)
            installed += 1
    return installed


def uninstall(connection, *, covering_only: bool = False) -> None:
    """Drop every trigger (a migration backwards; a test flush, whose DELETE on SQLite and
    TRUNCATE on PostgreSQL would be refused). ``covering_only``: only those of
    ``covering_names`` (migration 0024 backwards)."""
    if not supported(connection):
        return
    vendor = connection.vendor
    with connection.cursor() as cursor:
        for guard in GUARDS:
            statements = [] if covering_only else drop_sql(guard, vendor)
            for name in covering_names(guard, vendor):
                statements += ([f"DROP TRIGGER IF EXISTS {name} ON {guard.table}",
                                f"DROP FUNCTION IF EXISTS {name}()"]
                               if vendor == "postgresql" else [f"DROP TRIGGER IF EXISTS {name}"])
            for statement in statements:
                cursor.execute(statement)


def refusal_message(error: Exception) -> str | None:
    """The French sentence of a refusal by these triggers, if ``error`` is one."""
    text = str(error)
    return next((message for message in MESSAGES if message in text), None)
