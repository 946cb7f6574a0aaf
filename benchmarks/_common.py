"""What the benchmarks share: the database they own (created and dropped here), Django set up
on it, and the timing of a request (median, p95, SQL queries).

Each script puts this directory on sys.path and imports from here (`from _common import …`).
"""

import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Written on the PostgreSQL database a benchmark creates, so that a later run may drop a
# leftover of an interrupted run and never a database it did not create.
DATABASE_COMMENT = "benchmarks: temporary database, safe to drop"
OLD_COMMENTS = ("benchmarks/pages.py: temporary database, safe to drop",)


# --- Database of the benchmark ----------------------------------------------------------------


class BenchmarkDatabase:
    """The database the benchmark owns: a temporary SQLite file by default, else the one named
    by DATABASE_URL, created here and dropped (or deleted) at the end."""

    def __init__(self, workdir: Path):
        self.url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
        import dj_database_url

        self.config = dj_database_url.parse(self.url)
        engine = self.config["ENGINE"]
        if engine.endswith("sqlite3"):
            self.vendor = "sqlite"
        elif engine.endswith("postgresql"):
            self.vendor = "postgresql"
        else:
            sys.exit(f"Base non prise en charge par ce banc d'essai : {engine}")
        self.created = False

    def create(self) -> None:
        if self.vendor == "sqlite":
            path = Path(self.config["NAME"])
            if path.exists():
                sys.exit(f"{path} existe déjà : le banc d'essai n'utilise qu'une base qu'il crée.")
            self.created = True  # Django creates the file on first connection
            return
        name = self.config["NAME"]
        with self._maintenance() as cursor:
            cursor.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                "WHERE datname = %s", [name],
            )
            row = cursor.fetchone()
            if row is not None:
                if row[0] not in (DATABASE_COMMENT, *OLD_COMMENTS):
                    sys.exit(f"La base {name!r} existe déjà et n'a pas été créée par ce banc "
                             "d'essai : choisissez un autre nom dans DATABASE_URL.")
                print(f"Base {name!r} laissée par une exécution interrompue : supprimée.",
                      file=sys.stderr)
                cursor.execute(self._sql("DROP DATABASE {}", name))
            cursor.execute(self._sql("CREATE DATABASE {}", name))
            self.created = True
            cursor.execute(self._sql("COMMENT ON DATABASE {} IS %s", name), [DATABASE_COMMENT])

    def drop(self) -> None:
        if not self.created:
            return
        from django.db import connections

        connections.close_all()
        if self.vendor == "sqlite":
            Path(self.config["NAME"]).unlink(missing_ok=True)
            return
        try:
            with self._maintenance() as cursor:
                cursor.execute(self._sql("DROP DATABASE IF EXISTS {}", self.config["NAME"]))
        except Exception as error:  # report, the results are still worth printing
            print(f"La base {self.config['NAME']!r} n'a pas pu être supprimée : {error}",
                  file=sys.stderr)

    def describe(self, connection) -> str:
        if self.vendor == "sqlite":
            import sqlite3

            return f"SQLite {sqlite3.sqlite_version} (fichier temporaire)"
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0].split()[0]
        return f"PostgreSQL {version} (base {self.config['NAME']})"

    @staticmethod
    def _sql(template: str, name: str):
        from psycopg2 import sql

        return sql.SQL(template).format(sql.Identifier(name))

    @contextlib.contextmanager
    def _maintenance(self):
        """A cursor on the server's `postgres` database, autocommit (CREATE/DROP DATABASE)."""
        import psycopg2

        connection = psycopg2.connect(
            dbname="postgres", user=self.config.get("USER") or None,
            password=self.config.get("PASSWORD") or None,
            host=self.config.get("HOST") or None, port=self.config.get("PORT") or None,
        )
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                yield cursor
        finally:
            connection.close()


def setup_django(workdir: Path, database: BenchmarkDatabase) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings_test"
    os.environ["DATABASE_URL"] = database.url
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["EXTRACT_SIGNING_P12"] = ""  # unsigned extracts: no certificate needed
    os.environ["RATELIMIT_ENABLED"] = "0"  # a benchmark is not an abusive client
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # As Django's test runner: no query log in the timings (middleware, static storage and
    # HTTPS settings were computed with DEBUG on, as in development).
    settings.DEBUG = False


def run_on_temporary_database(run, args) -> None:
    """Django set up on a database this benchmark creates, then ``run(args, database)``, then
    the database dropped (benchmarks/clerk.py, benchmarks/audit.py)."""
    with tempfile.TemporaryDirectory() as tmp:
        database = BenchmarkDatabase(Path(tmp))
        database.create()
        try:
            setup_django(Path(tmp), database)
            run(args, database)
        finally:
            database.drop()


def large_session_and_clerk(members: int, items: int):
    """The benchmark case of the clerk's workspace (tests.factories.large_session) and a
    clerk account of its organisation: (session, user)."""
    from django.contrib.auth.models import Group, User

    from portal.models import StaffAssignment
    from tests.factories import OrganisationFactory, large_session

    organisation = OrganisationFactory(name="Communauté d'agglomération du banc d'essai")
    session = large_session(members=members, items=items, organisation=organisation)
    user = User.objects.create_user("greffe-banc", password="banc-d-essai-42", is_staff=True)
    user.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    StaffAssignment.objects.create(user=user, organisation=organisation)
    return session, user


# --- Timing ---------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of the values fall (linear interpolation)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(durations: list[float]) -> tuple[float, float]:
    """(median, p95) in milliseconds of durations in seconds."""
    return (statistics.median(durations) * 1000, percentile(durations, 0.95) * 1000)


def fetch(client, url: str, *, expect: int = 200):
    """The whole body of a GET (a streamed response is read to its end)."""
    response = client.get(url)
    if response.status_code != expect:
        raise SystemExit(f"{url} : HTTP {response.status_code}")
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def count_queries(function) -> int:
    """SQL queries run by one call of `function` (DEBUG off: read from a capture)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # A full log (a bounded deque) would not grow inside the context.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as context:
        function()
    # Read now: captured_queries slices the log, which the next call empties.
    return len(context.captured_queries)


def repeat(function, *, samples: int, budget: float, minimum: int = 3,
           cpu: list | None = None) -> list[float]:
    """Durations (s) of `samples` calls, fewer (never under `minimum`) if they exceed `budget`
    seconds in all: a slow page is measured less often rather than blowing the run time.
    `cpu`, if given, receives the CPU time of this process for each call (on a shared machine
    the wall time includes waiting for a core)."""
    durations, spent = [], 0.0
    while len(durations) < samples and (len(durations) < minimum or spent < budget):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        durations.append(time.perf_counter() - started)
        if cpu is not None:
            cpu.append(time.process_time() - started_cpu)
        spent += durations[-1]
    return durations
