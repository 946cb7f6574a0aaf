"""The database a benchmark owns (a temporary SQLite file, or a PostgreSQL database it creates
and drops), and Django set up on it."""

import contextlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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
    the database dropped."""
    with tempfile.TemporaryDirectory() as tmp:
        database = BenchmarkDatabase(Path(tmp))
        database.create()
        try:
            setup_django(Path(tmp), database)
            run(args, database)
        finally:
            database.drop()


