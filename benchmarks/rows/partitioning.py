"""Would partitioning the acts table by year speed up the public pages? (issue 29, point 4)

    .venv/bin/python benchmarks/run.py partitioning \\
        --database postgres://postgres@127.0.0.1:5432/portal_scale250k [--samples 7] [--drop]

Unlike the other sets, this one reads an existing PostgreSQL database (a large one, built by
the scale run) and never touches the tables of its `public` schema. Three steps:

1. the SQL the public pages really run on the acts table is captured through the whole Django
   stack (test client, DEBUG on, page cache off, row cache emptied before each page): the
   list unfiltered, by body and year, by year, by matter, a narrow and a broad search, the
   API list, one published act's page (the list's SCDL coverage aggregate is among the
   list's queries);
2. a copy of the acts table partitioned by RANGE (year), one partition a year and a default
   one, is built in a schema `part` of the same database (primary key and unique indexes
   extended with `year`, every other index as on the original, partial predicates included),
   timed, analysed, and its size compared;
3. each captured query runs on both tables (`SET search_path = part, public` makes the
   unqualified names read the copy): one EXPLAIN (ANALYZE, BUFFERS) each, one warm-up, then
   --samples runs interleaved A/B; the markdown table gives the medians (ms) and the plans'
   buffers and partitions scanned. A query that filters a whole year of session dates is
   run a second time with `AND year = Y` added ("+ year"): what pruning would give if the
   code filtered on the partition key. --drop drops the `part` schema at the end; --plans DIR
   writes both plans of each query there.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

SCHEMA = "part"
TABLE = "deliberations_deliberation"
ACT_TABLE = re.compile(r'"deliberations_deliberation"')


# --- 1. The queries of the public pages ----------------------------------------------------------


def setup_django(url: str) -> None:
    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root))
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "1"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    settings.PUBLIC_CACHE_SECONDS = 0


def pages() -> list[tuple[str, str]]:
    """(label, url) of the measured pages, on the data of the database."""
    from django.db.models import Count
    from django.urls import reverse

    from deliberations.models import Deliberation

    published = Deliberation.objects.published()
    body = (published.filter(year=2025).values("body_id").annotate(n=Count("id"))
            .order_by("-n").first())
    act = published.order_by("-session_date", "-id").first()
    lst = reverse("deliberations:deliberation_list")
    return [
        ("list", lst),
        ("list body+2025", f"{lst}?body={body['body_id']}&year=2025"),
        ("list 2025", f"{lst}?year=2025"),
        ("list matter 7.5", f"{lst}?matter=7.5"),
        ("search géothermie", f"{lst}?q=géothermie"),
        ("search rapport", f"{lst}?q=rapport"),
        ("API list", reverse("api:deliberation-list")),
        ("act page", act.get_absolute_url()),
    ]


def capture() -> list[tuple[str, str]]:
    """(label, SQL) of every distinct SELECT the pages run on the acts table."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    captured, seen = [], set()
    for label, url in pages():
        cache.clear()  # the row cache keeps counts and the SCDL coverage per publication
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} : HTTP {response.status_code}")
        number = 0
        for query in context.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT") or not ACT_TABLE.search(sql):
                continue
            if sql in seen:
                continue
            seen.add(sql)
            number += 1
            captured.append((f"{label} #{number} {kind(sql)}", sql))
    connection.close()
    return captured


def kind(sql: str) -> str:
    """What a captured query is for, in the table's first column."""
    if '"left_out"' in sql:
        return "(SCDL coverage)"
    if sql.startswith("SELECT COUNT(*)"):
        return "(count)"
    if sql.startswith('SELECT "deliberations_deliberation"'):
        return "(acts)"
    return "(related)"


WHOLE_YEAR = re.compile(r'("deliberations_deliberation"\."session_date" BETWEEN '
                        r"'(\d{4})-01-01'::date AND '\2-12-31'::date)")


def with_year(queries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The captured queries, each one that filters a whole year of session dates followed by
    a variant that also says `year = Y` (the list filters on session_date, which the
    partition key `year` cannot prune: the variant measures what pruning would give)."""
    extended = []
    for label, sql in queries:
        extended.append((label, sql))
        if WHOLE_YEAR.search(sql):
            extended.append((f"{label} + year", WHOLE_YEAR.sub(
                r'\1 AND "deliberations_deliberation"."year" = \2', sql)))
    return extended


# --- 2. The partitioned copy ---------------------------------------------------------------------


INDEX = re.compile(r"^CREATE (UNIQUE )?INDEX (\S+) ON public\.(\S+) USING (\w+) \((.*?)\)"
                   r"( WHERE .*)?$")


def partitioned_index(definition: str) -> str:
    """The same index on the copy; a unique one includes the partition key (PostgreSQL
    requires it on a partitioned table)."""
    match = INDEX.match(definition)
    if match is None:
        raise ValueError(definition)
    unique, name, _, method, columns, where = match.groups()
    if unique and "year" not in [c.strip().split()[0] for c in columns.split(",")]:
        columns += ", year"
    return (f"CREATE {unique or ''}INDEX {name} ON {SCHEMA}.{TABLE} USING {method} "
            f"({columns}){where or ''}")


def build(connection) -> dict:
    """The `part` schema and its partitioned copy; returns the timings (s) and sizes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [SCHEMA])
        if cursor.fetchone():
            sys.exit(f"Le schéma {SCHEMA!r} existe déjà : relancez avec --drop-first.")
        cursor.execute(f"SELECT min(year), max(year), count(*) FROM public.{TABLE}")
        first, last, rows = cursor.fetchone()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            "AND tablename = %s AND indexname <> %s ORDER BY indexname", [TABLE, f"{TABLE}_pkey"])
        indexes = [partitioned_index(definition) for _, definition in cursor.fetchall()]
        started = time.perf_counter()
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        cursor.execute(f"CREATE TABLE {SCHEMA}.{TABLE} (LIKE public.{TABLE} INCLUDING DEFAULTS)"
                       " PARTITION BY RANGE (year)")
        for year in range(first, last + 1):
            cursor.execute(f"CREATE TABLE {SCHEMA}.{TABLE}_y{year} PARTITION OF "
                           f"{SCHEMA}.{TABLE} FOR VALUES FROM ({year}) TO ({year + 1})")
        cursor.execute(f"CREATE TABLE {SCHEMA}.{TABLE}_default PARTITION OF {SCHEMA}.{TABLE}"
                       " DEFAULT")
        cursor.execute(f"INSERT INTO {SCHEMA}.{TABLE} SELECT * FROM public.{TABLE}")
        copied = time.perf_counter()
        cursor.execute(f"ALTER TABLE {SCHEMA}.{TABLE} ADD PRIMARY KEY (id, year)")
        for definition in indexes:
            cursor.execute(definition)
        indexed = time.perf_counter()
        cursor.execute(f"ANALYZE {SCHEMA}.{TABLE}")
        analysed = time.perf_counter()
        sizes = {}
        for schema in ("public", SCHEMA):
            cursor.execute(
                "SELECT coalesce(sum(pg_table_size(c.oid)), 0), "
                "coalesce(sum(pg_indexes_size(c.oid)), 0) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = %s AND c.relkind = 'r' AND (c.relname = %s OR "
                "c.relispartition)", [schema, TABLE])
            sizes[schema] = cursor.fetchone()
    return {"rows": rows, "years": (first, last), "copy": copied - started,
            "indexes": indexed - copied, "analyse": analysed - indexed,
            "indexes_sql": indexes, "sizes": sizes}


def drop(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")


# --- 3. The comparison ---------------------------------------------------------------------------


def run(cursor, sql: str) -> float:
    started = time.perf_counter()
    cursor.execute(sql)
    cursor.fetchall()
    return time.perf_counter() - started


def explain(cursor, sql: str) -> tuple[str, dict]:
    """The plan (text) and its figures: execution ms, shared buffers, partitions scanned."""
    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
    plan = "\n".join(row[0] for row in cursor.fetchall())
    execution = re.search(r"Execution Time: ([\d.]+) ms", plan)
    buffers = re.search(r"Buffers: shared( hit=(\d+))?( read=(\d+))?", plan)
    hit = int(buffers.group(2) or 0) + int(buffers.group(4) or 0) if buffers else 0
    partitions = {name for name in re.findall(rf"on ({TABLE}_(?:y\d+|default))", plan)}
    return plan, {"execution": float(execution.group(1)) if execution else 0.0,
                  "buffers": hit, "partitions": len(partitions)}


def compare(connections: dict, queries: list[tuple[str, str]], samples: int,
            plans: Path | None) -> list[dict]:
    cursors = {name: connection.cursor() for name, connection in connections.items()}
    results = []
    for label, sql in queries:
        row = {"label": label}
        for name, cursor in cursors.items():
            plan, figures = explain(cursor, sql)
            row[f"{name}_plan"] = figures
            if plans is not None:
                slug = re.sub(r"\W+", "-", label).strip("-")
                (plans / f"{slug}.{name}.txt").write_text(f"{sql}\n\n{plan}\n")
            run(cursor, sql)  # warm-up
        durations = {name: [] for name in cursors}
        for _ in range(samples):  # interleaved A/B: the load weighs on both alike
            for name, cursor in cursors.items():
                durations[name].append(run(cursor, sql))
        for name in cursors:
            row[name] = statistics.median(durations[name]) * 1000
        results.append(row)
        print(f"{label}: {row['public']:.1f} / {row[SCHEMA]:.1f} ms", file=sys.stderr)
    return results


def table(results: list[dict], built: dict, loads: tuple) -> str:
    megabytes = {schema: tuple(size / 2**20 for size in sizes)
                 for schema, sizes in built["sizes"].items()}
    lines = [
        f"{built['rows']} actes, années {built['years'][0]}–{built['years'][1]} ; "
        f"copie {built['copy']:.1f} s, index {built['indexes']:.1f} s, "
        f"ANALYZE {built['analyse']:.1f} s.",
        "",
        f"Taille (table / index, Mo) : original {megabytes['public'][0]:.0f} / "
        f"{megabytes['public'][1]:.0f}, partitionnée {megabytes[SCHEMA][0]:.0f} / "
        f"{megabytes[SCHEMA][1]:.0f}.",
        "",
        f"Charge (loadavg 1 min) : {loads[0]:.2f} au début, {loads[1]:.2f} à la fin.",
        "",
        "| requête | original ms | partitionnée ms | rapport | buffers orig. / part. "
        "| partitions lues |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in results:
        ratio = row[SCHEMA] / row["public"] if row["public"] else float("nan")
        lines.append(
            f"| {row['label']} | {row['public']:.2f} | {row[SCHEMA]:.2f} | {ratio:.2f} "
            f"| {row['public_plan']['buffers']} / {row[SCHEMA + '_plan']['buffers']} "
            f"| {row[SCHEMA + '_plan']['partitions']} |")
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="run.py partitioning",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True,
                        help="URL PostgreSQL d'une base existante (ses tables ne changent pas)")
    parser.add_argument("--samples", type=int, default=7)
    parser.add_argument("--plans", type=Path, help="dossier où écrire les plans")
    parser.add_argument("--drop", action="store_true",
                        help="supprimer le schéma part à la fin")
    parser.add_argument("--drop-first", action="store_true",
                        help="supprimer un schéma part laissé par une exécution précédente")
    args = parser.parse_args(argv)

    import psycopg2

    setup_django(args.database)
    queries = with_year(capture())
    print(f"{len(queries)} requêtes sur la table des actes capturées.", file=sys.stderr)
    admin = psycopg2.connect(args.database)
    admin.autocommit = True
    try:
        if args.drop_first:
            drop(admin)
        built = build(admin)
        connections = {}
        for name, path in (("public", "public"), (SCHEMA, f"{SCHEMA}, public")):
            connections[name] = psycopg2.connect(args.database)
            connections[name].autocommit = True
            with connections[name].cursor() as cursor:
                cursor.execute(f"SET search_path = {path}")
        if args.plans:
            args.plans.mkdir(parents=True, exist_ok=True)
        start_load = os.getloadavg()[0]
        results = compare(connections, queries, args.samples, args.plans)
        loads = (start_load, os.getloadavg()[0])
        for connection in connections.values():
            connection.close()
        print(table(results, built, loads))
        print()
        for label, sql in queries:
            print(f"- {label} : `{sql[:160]}…`")
    finally:
        if args.drop:
            drop(admin)
        admin.close()


if __name__ == "__main__":
    main(sys.argv[1:])
