"""Writing the synthetic rows: INSERT batches, or on PostgreSQL a COPY load with the
secondary indexes, triggers and search vectors held back until the end (_BulkLoad)."""

import datetime
import io
import queue
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connection
from django.utils import timezone

from deliberations.models import Deliberation

BATCH = 2000


def _rows(model, objects, *, vectors: bool = False) -> tuple[list, list[tuple]]:
    """The columns written (all but the primary key and the search vector, which the
    database computes) and one tuple of values per object. The objects are dicts of column
    values (attnames): the model's default fills a column left out, as the model would (a
    model instance per row was a third of the Python time of the load). ``vectors``: the
    search vector is written too (computed beforehand, _SearchVectors)."""
    fields = [f for f in model._meta.concrete_fields
              if not f.primary_key and (vectors or f.attname != "search_vector")]
    now = timezone.now()
    constants = {f.attname: f.get_db_prep_save(now, connection) for f in fields
                 if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
    defaults = [(f.attname, constants[f.attname] if f.attname in constants else f.get_default())
                for f in fields]
    rows = [tuple(constants[name] if name in constants else obj.get(name, default)
                  for name, default in defaults) for obj in objects]
    return fields, rows


def _insert(model, objects) -> None:
    """INSERT rows whose primary keys are not needed back, without the ORM's per-value
    preparation (two thirds of the time of bulk_create here): the values are plain Python
    dates, numbers, strings and booleans that both drivers adapt. The database's triggers
    (search vector, search index) run as for any INSERT."""
    if not objects:
        return
    fields, rows = _rows(model, objects)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            execute_values(cursor.cursor, f"INSERT INTO {table} ({columns}) VALUES %s", rows,
                           page_size=1000)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            for start in range(0, len(rows), BATCH):
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",
                                   rows[start:start + BATCH])


# COPY's text format: backslash, tab, newline and carriage return escaped, NULL as \N.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.date):  # datetime too (aware: isoformat keeps the offset)
        return value.isoformat()
    text = str(value)
    # Four scans of a text that holds none of them (most) cost less than one translate.
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        return text.translate(_COPY_ESCAPES)
    return text


def _copy_text(model, objects, *, vectors: bool = False) -> tuple[str, str]:
    """The COPY … FROM STDIN statement and the data of the rows of _insert (PostgreSQL): no
    statement per thousand rows to parse and plan, no per-row index upkeep while _BulkLoad
    holds the secondary indexes back."""
    fields, rows = _rows(model, objects, vectors=vectors)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    return (f"COPY {table} ({columns}) FROM STDIN",
            "".join("\t".join(map(_copy_value, row)) + "\n" for row in rows))


class _BulkLoad:
    """A bulk load into PostgreSQL, inside generate()'s transaction (DDL is transactional
    there: a failure leaves the database as it was, triggers and indexes included).

    prepare(): the published record's triggers (immutability.py) are dropped, and the
    secondary indexes of the three big tables (attendance, proxies, deliberations: GIN search
    index, list indexes, conditional unique indexes) are dropped after their definitions are
    kept. The primary keys, unique and foreign-key constraints stay. finish(): the indexes
    are built again, each in one pass over the loaded table, the triggers installed again.

    The search vectors are computed by migration 0003's trigger function, not during the
    COPY but beforehand, by other connections in parallel (_SearchVectors): computed by the
    loading connection, they were nine tenths of its time (one core) and the load waited for
    it. Filling them after the load would rewrite every row a second time.

    copy(): the COPY of a batch is sent by a thread of its own, on the same connection (the
    same transaction), while this one draws the next batch: the server's side of a COPY
    (the search vectors above all) took as long as drawing the rows, and they no longer
    wait for each other. The batches go in the order they were drawn, so the rows and their
    keys are those of one COPY after the other. The driver does not let two threads use one
    connection at once (a statement sent during a COPY hung both): this thread waits for
    the batches sent (written()) before it runs a statement of its own."""

    TABLES = ("deliberations_deliberation", "deliberations_attendance", "deliberations_proxy")

    SEARCH_TRIGGER = "deliberations_deliberation_search_vector_trg"  # migration 0003

    def __init__(self, connection, say, *, jobs: int = 1):
        self.connection, self.say, self.indexes, self.jobs = connection, say, [], jobs
        self._batches, self._writer, self._failure = queue.Queue(maxsize=2), None, None
        self._vectors = None

    def copy(self, model, objects) -> None:
        if not objects:
            return
        if self._failure is not None:
            raise self._failure
        if self._writer is None:
            self._writer = threading.Thread(target=self._write, name="copy", daemon=True,
                                            args=(self.connection.connection,))
            self._writer.start()
        objects = list(objects)  # the caller empties its lists
        vectors = (self._vectors.submit(objects)
                   if model is Deliberation and self._vectors is not None else None)
        self._batches.put((model, objects, vectors))

    def _write(self, raw) -> None:
        # The driver's connection itself: Django's wrapper belongs to the thread that made
        # it, and a wrapper of this thread would open another connection (transaction).
        while (batch := self._batches.get()) is not None:
            if self._failure is None:
                model, objects, vectors = batch
                try:
                    if vectors is not None:
                        texts = [text for part in vectors for text in part.result()]
                        for obj, text in zip(objects, texts, strict=True):
                            obj["search_vector"] = text
                    statement, data = _copy_text(model, objects, vectors=vectors is not None)
                    with raw.cursor() as cursor:
                        cursor.copy_expert(statement, io.StringIO(data))
                except Exception as error:  # told to the loading thread
                    self._failure = error
            self._batches.task_done()
        self._batches.task_done()

    def written(self) -> None:
        """Wait for the batches sent; raise what stopped one of them."""
        if self._writer is not None:
            self._batches.join()
        if self._failure is not None:
            raise self._failure

    def stopped(self) -> Exception | None:
        """Stop the writing thread once the batches sent are written (or refused); what
        stopped a batch, if any."""
        if self._writer is not None:
            self._batches.put(None)
            self._writer.join()
            self._writer = None
        if self._vectors is not None:
            self._vectors.close()
            self._vectors = None
        return self._failure

    def prepare(self) -> None:
        from deliberations import immutability

        with self.connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
                "WHERE t.relname = ANY(%s) AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
                "ORDER BY 1", [list(self.TABLES)])
            self.indexes = cursor.fetchall()
            for name, _definition in self.indexes:
                cursor.execute(f"DROP INDEX {name}")
            cursor.execute("SELECT tgfoid::regproc::text FROM pg_trigger WHERE tgname = %s "
                           "AND tgrelid = 'deliberations_deliberation'::regclass",
                           [self.SEARCH_TRIGGER])
            function = cursor.fetchone()
            if function is not None:
                cursor.execute(f"ALTER TABLE deliberations_deliberation DISABLE TRIGGER "
                               f"{self.SEARCH_TRIGGER}")
                self._vectors = _SearchVectors(self.connection, function[0], jobs=self.jobs)
        immutability.uninstall(self.connection)

    def finish(self) -> None:
        from deliberations import immutability

        if self.stopped() is not None:
            raise self._failure
        self.say(f"construction de {len(self.indexes)} index")
        with self.connection.cursor() as cursor:
            # Django's foreign keys are checked at commit (DEFERRABLE INITIALLY DEFERRED);
            # PostgreSQL builds no index on a table with checks pending: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _name, definition in self.indexes:
                cursor.execute(definition)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(f"ALTER TABLE deliberations_deliberation ENABLE TRIGGER "
                           f"{self.SEARCH_TRIGGER}")
        immutability.install(self.connection)
        self.say("index et déclencheurs en place")


class _SearchVectors:
    """The search vectors of the acts being loaded, computed by ``jobs`` connections of
    their own, in parallel, with the function of the search trigger (migration 0003_search):
    each inserts the texts into a temporary table carrying that trigger and reads back the
    vectors, which the load writes with its rows (a tsvector's text reads back as the same
    vector). The same function on the same texts: the same vectors as the trigger computes
    when it runs during the load itself (tests/deliberations/test_synthetic.py)."""

    COLUMNS = ("title", "theme", "act_number", "report", "decision")

    def __init__(self, connection, function: str, *, jobs: int):
        self.jobs = max(1, jobs)
        self.pool = ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="vectors")
        self.free = queue.SimpleQueue()
        self.opened = []
        params = connection.get_connection_params()
        for _ in range(self.jobs):
            raw = connection.get_new_connection(params)
            raw.autocommit = True
            self.opened.append(raw)
            with raw.cursor() as cursor:
                # Emptied as each statement commits; only these columns, no constraint.
                cursor.execute("CREATE TEMPORARY TABLE search_vectors (n integer, "
                               + ", ".join(f"{column} text" for column in self.COLUMNS)
                               + ", search_vector tsvector) ON COMMIT DELETE ROWS")
                cursor.execute("CREATE TRIGGER search_vector BEFORE INSERT ON search_vectors "
                               f"FOR EACH ROW EXECUTE FUNCTION {function}()")
            self.free.put(raw)

    def submit(self, acts) -> list[Future]:
        """Futures of the vectors' texts of ``acts`` (dicts of column values), in order."""
        size = -(-len(acts) // self.jobs)
        return [self.pool.submit(self._compute, acts[start:start + size])
                for start in range(0, len(acts), size)]

    def _compute(self, acts) -> list[str]:
        raw = self.free.get()
        try:
            with raw.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO search_vectors (n, " + ", ".join(self.COLUMNS) + ") "
                    "SELECT * FROM unnest(%s::integer[], "
                    + ", ".join(["%s::text[]"] * len(self.COLUMNS))
                    + ") RETURNING n, search_vector::text",
                    [list(range(len(acts)))]
                    + [[act.get(column) for act in acts] for column in self.COLUMNS])
                return [text for _, text in sorted(cursor.fetchall())]
        finally:
            self.free.put(raw)

    def close(self) -> None:
        self.pool.shutdown()
        for raw in self.opened:
            raw.close()
