"""The table of the portal's speed targets, on synthetic data at scale (the default row set).

    .venv/bin/python benchmarks/run.py --deliberations 20000 [--json FILE] [--seed 1]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_run \\
        .venv/bin/python benchmarks/run.py --deliberations 250000 --json bench.json

Creates its own database (a temporary SQLite file, or the PostgreSQL database named by
DATABASE_URL, which must not exist: see benchmarks/harness/database.py), fills it with
deliberations/synthetic/ (N acts, a Conseil of 150 members with a session of 40 items),
then measures each row in-process through the whole Django stack (django.test.Client, DEBUG
off): one warm-up, one request under a query capture, then up to --samples timed requests
(fewer for a slow row, at least 3, within --row-budget seconds). It prints one table:
median and p95 server time, SQL queries, and the target beside each figure; the rows that
miss their target are marked. Streamed exports get two rows (time to first byte, total) and
their peak Python memory (tracemalloc) under the table. --json writes the rows as a list of
{"name", "median_ms", "p95_ms", "queries", "target_ms"} (null where there is no target or no
query count). The database is dropped at the end.

Targets (medians on a 2-core machine): PostgreSQL with 250 000 acts — any list or
filtered list ≤ 30 ms, narrow search ≤ 30 ms, broad search ≤ 80 ms, deliberation page
≤ 15 ms, session page (150 × 40) ≤ 60 ms, clerk's screens ≤ 300 ms, first byte of an export
≤ 200 ms with flat memory, ≤ 12 queries a page, a cached page ≥ 10× faster than uncached;
SQLite with 20 000 acts — lists ≤ 40 ms, any search ≤ 60 ms. Extracts: served once issued
≤ 10 ms, rendered cold ≤ 600 ms, a batch of 100 ≤ 60 s. parse_attendance on 150 names
≤ 20 ms. The other rows (home, member page) have only the query target.
"""

import argparse
import io
import json
import os
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from harness.database import BenchmarkDatabase, setup_django
from harness.timing import count_queries, fetch, repeat, summary

QUERIES_PER_PAGE = 12
BROAD = ("rapport", "communauté")  # the narrow term is synthetic.RARE_WORD
CACHE_RATIO = 10


@dataclass
class Row:
    name: str
    median_ms: float
    p95_ms: float
    queries: int | None
    target_ms: float | None
    query_target: int | None = None
    samples: int = 0
    cpu_ms: float | None = None  # median CPU time of this process (not the database's)

    @property
    def missed(self) -> list[str]:
        missed = []
        if self.target_ms is not None and self.median_ms > self.target_ms:
            missed.append("temps")
        if self.query_target is not None and self.queries is not None \
                and self.queries > self.query_target:
            missed.append("requêtes")
        return missed

    def as_json(self) -> dict:
        return {"name": self.name, "median_ms": round(self.median_ms, 2),
                "p95_ms": round(self.p95_ms, 2), "queries": self.queries,
                "target_ms": self.target_ms}


def targets(vendor: str) -> dict:
    """Median targets in ms by kind of row ; SQLite has its own for lists and
    searches, the PostgreSQL ones elsewhere."""
    sqlite = vendor == "sqlite"
    return {
        "list": 40 if sqlite else 30,
        "narrow": 60 if sqlite else 30,
        "broad": 60 if sqlite else 80,
        "deliberation": 15,
        "session": 60,
        "clerk": 300,
        "first_byte": 200,
        "served": 10,
        "cold": 600,
        "batch": 60_000,
        "parse": 20,
    }


class Harness:
    def __init__(self, client, samples: int, budget: float):
        self.client, self.samples, self.budget = client, samples, budget
        self.rows: list[Row] = []
        self.memory: list[str] = []

    def page(self, name, url, target, *, queries=True, expect=200, samples=None):
        """A page read whole: one request for the warm-up and the query count, then the timed
        requests (a single one when the first took over half of the row's budget)."""
        started = time.perf_counter()
        count = count_queries(lambda: fetch(self.client, url, expect=expect))
        slow = time.perf_counter() - started > self.budget / 2
        if not slow:  # the count of a warm request (templates compiled, caches filled)
            count = count_queries(lambda: fetch(self.client, url, expect=expect))
        cpu = []
        durations = repeat(lambda: fetch(self.client, url, expect=expect),
                           samples=samples or self.samples, budget=self.budget, cpu=cpu,
                           minimum=1 if slow else 3)
        median, p95 = summary(durations)
        row = Row(name, median, p95, count, target,
                  QUERIES_PER_PAGE if queries else None, len(durations), summary(cpu)[0])
        self.rows.append(row)
        return row

    def cached(self, name, url, label="servie par le cache des pages"):
        """The same page with the public page cache switched on, as in production
        (PUBLIC_CACHE_SECONDS, portal/kernel/cache.py; the test settings switch it off): the
        main rows are the uncached server time, this row what the cache serves."""
        from django.conf import settings
        from django.core.cache import caches

        for cache in caches.all(initialized_only=True):
            cache.clear()
        saved, settings.PUBLIC_CACHE_SECONDS = settings.PUBLIC_CACHE_SECONDS, 300
        try:
            fetch(self.client, url)  # fills the cache
            count = count_queries(lambda: fetch(self.client, url))
            cpu = []
            durations = repeat(lambda: fetch(self.client, url), samples=self.samples,
                               budget=self.budget, cpu=cpu)
        finally:
            settings.PUBLIC_CACHE_SECONDS = saved
        median, p95 = summary(durations)
        row = Row(f"{name} — {label}", median, p95, count, None, None,
                  len(durations), summary(cpu)[0])
        self.rows.append(row)
        return row

    def row_cached(self, name, url, target):
        """The same page with only the row cache on (deliberations/publication/rows.py,
        PUBLIC_ROW_CACHE_SECONDS), the page cache off: each row's HTML or API representation,
        the filter fields, the count and the SCDL coverage of the filtered set are read from
        the cache (a page the page cache does not hold, in production); the page's acts are
        read from the database, the page assembled."""
        from django.conf import settings
        from django.core.cache import caches

        for cache in caches.all(initialized_only=True):
            cache.clear()
        settings.PUBLIC_ROW_CACHE_SECONDS = 300
        try:
            return self.page(f"{name} — lignes en cache", url, target)
        finally:
            del settings.PUBLIC_ROW_CACHE_SECONDS

    def stream(self, name, url, first_byte_target, samples):
        """A streamed export: time to first byte and total, queries, peak Python memory."""
        def first_byte():
            response = self.client.get(url)
            assert response.status_code == 200, response.status_code
            chunks = iter(response.streaming_content) if response.streaming \
                else iter([response.content])
            return response, len(next(chunks, b"")), chunks

        started_all = time.perf_counter()
        count = count_queries(lambda: fetch(self.client, url))  # also the warm-up
        slow = time.perf_counter() - started_all > self.budget / 2
        firsts, totals, cpu, size = [], [], [], 0
        started_all = time.perf_counter()
        for n in range(1 if slow else max(samples, 1)):
            started, started_cpu = time.perf_counter(), time.process_time()
            response, size, chunks = first_byte()
            firsts.append(time.perf_counter() - started)
            size += sum(len(chunk) for chunk in chunks)
            totals.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            if n >= 2 and time.perf_counter() - started_all > self.budget:
                break
        streamed = "en flux" if response.streaming else "PAS en flux (réponse entière)"
        median, p95 = summary(firsts)
        self.rows.append(Row(f"{name} — premier octet", median, p95, count, first_byte_target,
                             None, len(firsts)))
        median, p95 = summary(totals)
        self.rows.append(Row(f"{name} — total", median, p95, count, None, None, len(totals),
                             summary(cpu)[0]))
        tracemalloc.start()
        fetch(self.client, url)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        self.memory.append(f"{name} : {size / 1e6:.1f} Mo {streamed}, pointe de mémoire "
                           f"Python pendant l'export {peak / 1e6:.1f} Mo")

    def timed(self, name, function, target, samples=None, queries=None):
        cpu = []
        durations = repeat(function, samples=samples or self.samples, budget=self.budget,
                           cpu=cpu)
        median, p95 = summary(durations)
        self.rows.append(Row(name, median, p95, queries, target, None, len(durations),
                             summary(cpu)[0]))


def build(args, say):
    from deliberations import synthetic

    if args.existing:
        data = synthetic.existing()
        say(f"Données existantes : {data.counts['acts']} délibérations, "
            f"{data.counts['sessions']} séances")
        return data
    started = time.perf_counter()
    data = synthetic.generate(deliberations=args.deliberations, seed=args.seed,
                              progress=lambda message: say(f"  {message}"))
    say(f"Données : {data.counts['acts']} délibérations, {data.counts['sessions']} séances, "
        f"{data.counts['attendances']} présences en {time.perf_counter() - started:.0f} s")
    return data


def clerk_client(organisation):
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from portal.models import StaffAssignment

    user, _ = User.objects.get_or_create(username="greffe-banc", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    StaffAssignment.objects.get_or_create(user=user, organisation=organisation)
    client = Client()
    client.force_login(user)
    return client


def cold_deliberations(large, count: int) -> list:
    """The `count` latest published acts (outside the 150 × 40 session) that have no extract
    yet. On a database measured again (--existing), the extracts an earlier run issued point
    to files of its media folder, a temporary folder deleted at its end ("extrait servi une
    fois émis" then failed: file not found); and they would no longer be cold."""
    from deliberations.models import Deliberation

    published = Deliberation.objects.published().select_related("session__body__organisation")
    return list(published.filter(extracts__isnull=True).exclude(session=large)
                .order_by("-session_date", "pk")[:count])


def never_exported_sessions(excluded, acts: int) -> list:
    """Whole sessions none of whose acts has an extract, smallest first, until `acts`
    published acts (the ZIP of sessions), outside the sessions `excluded`."""
    from django.db.models import Count, Q

    from deliberations.models import Session

    taken, sessions = 0, []
    candidates = (
        Session.objects.exclude(pk__in=excluded)
        .annotate(acts=Count("deliberations", filter=Q(deliberations__status="published")),
                  issued=Count("deliberations__extracts"))
        .filter(acts__gt=0, issued=0).order_by("acts", "-date")
    )
    for session in candidates:
        if taken >= acts:
            break
        if taken + session.acts <= acts or not sessions:
            sessions.append(session)
            taken += session.acts
    return sessions


def record_parts_cold(harness, deliberation) -> None:
    """The same act page with the parts made of its record rendered on every request
    (deliberations.views.record_parts, otherwise cached under the record's hash): what the
    first reader of an act pays. Informative, no target."""
    from django.core.cache import cache

    from deliberations import views

    session = deliberation.session
    key = views.record_parts_key(deliberation.record.sha256, {
        "body_url": session.body.get_absolute_url(),
        "organisation_url": session.body.organisation.get_absolute_url(),
        "session_url": session.get_absolute_url()})
    url = deliberation.get_absolute_url()

    def cold():
        cache.delete(key)
        fetch(harness.client, url)

    cold()
    queries = count_queries(cold)
    harness.timed("page d'une délibération publiée — état publié rendu à froid", cold, None,
                  queries=queries)


def measure_all(args, data, vendor, say) -> Harness:
    from django.test import Client
    from django.urls import reverse

    from deliberations import synthetic
    from deliberations.extracts import issuing
    from deliberations.models import Deliberation

    goal = targets(vendor)
    harness = Harness(Client(), args.samples, args.row_budget)
    shown = [0]

    def step(message):
        """Progress on stderr, with the rows measured since the last step (an interrupted run
        still shows them)."""
        for row in harness.rows[shown[0]:]:
            say(f"    {row.name} : médiane {row.median_ms:.1f} ms, {row.queries} requêtes")
        shown[0] = len(harness.rows)
        say(message)
    large = data.large_session
    body = large.body
    # A whole year of the large Conseil (the one before the large session's, if it has acts).
    years = set(Deliberation.objects.published().filter(body=body)
                .values_list("year", flat=True))
    year = max((y for y in years if y < large.date.year), default=large.date.year)
    # A published act of the large session (its frozen record holds 150 attendance lines).
    acts = Deliberation.objects.published().filter(session=large).order_by("item_number")
    deliberation = acts[len(acts) // 2]
    lists = reverse("deliberations:deliberation_list")
    csv = reverse("deliberations:deliberation_csv")

    step("Pages publiques…")
    harness.page("accueil /", reverse("portal:home"), None)
    harness.page("délibérations, sans filtre", lists, goal["list"])
    harness.page(f"délibérations, assemblée + année {year}", f"{lists}?body={body.pk}&year={year}",
                 goal["list"])
    harness.page("délibérations, matière @ctes 7.5", f"{lists}?matter=7.5", goal["list"])
    harness.page(f"recherche étroite « {synthetic.RARE_WORD} »",
                 f"{lists}?q={synthetic.RARE_WORD}", goal["narrow"])
    for word in BROAD:
        harness.page(f"recherche large « {word} »", f"{lists}?q={word}", goal["broad"])
    harness.page("page d'une délibération publiée", deliberation.get_absolute_url(),
                 goal["deliberation"])
    record_parts_cold(harness, deliberation)
    harness.page(f"page de la séance ({synthetic.LARGE_MEMBERS} élus × "
                 f"{synthetic.LARGE_ITEMS} questions)", large.get_absolute_url(), goal["session"])
    harness.page("page d'un élu (président)", large.president.get_absolute_url(), None)
    harness.page("iCalendar des séances", reverse("deliberations:session_calendar"),
                 goal["list"])
    # An older year, reached by its own address (the default feed: 12 months and to come).
    old_year = min(years, default=year)
    harness.page(f"iCalendar des séances, année {old_year}",
                 f"{reverse('deliberations:session_calendar')}?annee={old_year}", goal["list"])
    harness.page("flux Atom des délibérations", reverse("deliberations:deliberation_feed"),
                 goal["list"])
    harness.page("API, liste des délibérations", reverse("api:deliberation-list"), goal["list"])

    step("Caches…")
    harness.cached("accueil /", reverse("portal:home"))
    harness.cached("délibérations, sans filtre", lists)
    # A streamed feed is not in the page cache: its whole body and validators are kept under
    # the generation, the day and the window (portal/kernel/cache.py keep_export), so a
    # polling calendar costs one cache read and no query between two changes.
    harness.cached("iCalendar des séances", reverse("deliberations:session_calendar"),
                   label="corps gardé en cache")
    harness.cached(f"iCalendar des séances, année {old_year}",
                   f"{reverse('deliberations:session_calendar')}?annee={old_year}",
                   label="corps gardé en cache")
    harness.row_cached("délibérations, sans filtre", lists, goal["list"])
    harness.row_cached(f"délibérations, assemblée + année {year}",
                       f"{lists}?body={body.pk}&year={year}", goal["list"])
    harness.row_cached("délibérations, matière @ctes 7.5", f"{lists}?matter=7.5", goal["list"])
    harness.row_cached(f"recherche étroite « {synthetic.RARE_WORD} »",
                       f"{lists}?q={synthetic.RARE_WORD}", goal["narrow"])
    harness.row_cached(f"recherche large « {BROAD[0]} »", f"{lists}?q={BROAD[0]}",
                       goal["broad"])
    harness.row_cached("API, liste des délibérations", reverse("api:deliberation-list"),
                       goal["list"])

    step("Écrans du greffe…")
    clerk = Harness(clerk_client(body.organisation), min(args.samples, 9), args.row_budget)
    clerk.page("greffe : fiche de la séance 150 × 40",
               reverse("admin:deliberations_session_change", args=[large.pk]), goal["clerk"],
               queries=False)
    clerk.page("greffe : présences et procurations 150 × 40",
               reverse("admin:deliberations_session_attendance", args=[large.pk]),
               goal["clerk"], queries=False)
    harness.rows += clerk.rows

    step("Exports CSV SCDL…")
    harness.stream(f"CSV SCDL, une assemblée, {year}", f"{csv}?body={body.pk}&year={year}",
                   goal["first_byte"], samples=5)
    if not args.without_full_csv:
        harness.stream("CSV SCDL, tout", csv, goal["first_byte"], samples=3)

    step("Extraits…")
    cold_acts = cold_deliberations(large, args.cold)
    durations, cpu = [], []
    for act in cold_acts:
        started, started_cpu = time.perf_counter(), time.process_time()
        issuing.extract_get_or_issue(deliberation=act)
        durations.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    median, p95 = summary(durations)
    harness.rows.append(Row(f"extrait rendu à froid (rendu + émission, {len(durations)} actes)",
                            median, p95, None, goal["cold"], None, len(durations),
                            summary(cpu)[0]))
    harness.page("extrait servi une fois émis",
                 reverse("extracts:download", args=[cold_acts[0].slug]), goal["served"],
                 queries=False)

    batch_sessions = never_exported_sessions([large.pk, *(a.session_id for a in cold_acts)],
                                             args.batch)
    started, started_cpu = time.perf_counter(), time.process_time()
    written = issuing.write_sessions_zip(batch_sessions, io.BytesIO())
    seconds = time.perf_counter() - started
    # The target (100 extracts in 60 s) scales with the batch actually written (whole
    # sessions: about --batch).
    harness.rows.append(Row(f"lot de {written} extraits (ZIP de {len(batch_sessions)} séances)",
                            seconds * 1000, seconds * 1000, None,
                            round(goal["batch"] * written / 100), None, 1,
                            (time.process_time() - started_cpu) * 1000))

    step("Lecture des présences…")
    from deliberations.minutes.parsing import parse_attendance
    from rows import parsing as parsing_bench

    text = parsing_bench.block_commas(parsing_bench.people(150))
    harness.timed("parse_attendance, 150 noms", lambda: parse_attendance(text), goal["parse"],
                  samples=30)
    step("Fin des mesures.")
    return harness


def print_table(harness, engine, args, elapsed, load) -> None:
    print(f"\nBanc d'essai — {engine} — {args.deliberations} délibérations (graine "
          f"{args.seed}) — médiane et p95 du temps serveur, requêtes SQL, cibles")
    print(f"Charge de la machine pendant les mesures : {load[0]:.1f} à {load[1]:.1f} (moyenne "
          f"sur 1 min) pour {os.cpu_count()} cœurs ; « CPU ms » = temps CPU médian du "
          "processus Django seul (hors base).\n")
    width = max(len(row.name) for row in harness.rows)
    print(f"| {'mesure'.ljust(width)} | médiane ms |   p95 ms | cible ms | CPU ms | requêtes "
          "| n  | résultat |")
    print(f"|{'-' * (width + 2)}|-----------:|---------:|---------:|-------:|---------:|---:|"
          "----------|")
    for row in harness.rows:
        target = "—" if row.target_ms is None else f"≤ {row.target_ms:g}"
        queries = "—" if row.queries is None else (
            f"{row.queries}" + (f" (≤ {row.query_target})" if row.query_target else ""))
        verdict = ("HORS CIBLE (" + ", ".join(row.missed) + ")") if row.missed else (
            "ok" if row.target_ms is not None or row.query_target else "")
        cpu = "—" if row.cpu_ms is None else f"{row.cpu_ms:.1f}"
        print(f"| {row.name.ljust(width)} | {row.median_ms:10.1f} | {row.p95_ms:8.1f} | "
              f"{target:>8} | {cpu:>6} | {queries:>8} | {row.samples:>2} | {verdict} |")
    print()
    for line in harness.memory:
        print(f"- {line}")
    by_name = {row.name: row for row in harness.rows}
    for name in ("accueil /", "délibérations, sans filtre"):
        cold, cached = by_name[name], by_name[f"{name} — servie par le cache des pages"]
        ratio = cold.median_ms / cached.median_ms if cached.median_ms else float("inf")
        verdict = "ok" if ratio >= CACHE_RATIO else "HORS CIBLE"
        print(f"- {name} : sans cache / avec cache = {ratio:.1f}× (cible ≥ {CACHE_RATIO}×) "
              f"{verdict}")
    missed = [row.name for row in harness.rows if row.missed]
    print(f"- {len(missed)} ligne(s) hors cible sur {len(harness.rows)}"
          + (" : " + " ; ".join(missed) if missed else ""))
    print(f"- Durée totale (données comprises) : {elapsed:.0f} s")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="run.py", description=__doc__.splitlines()[0])
    parser.add_argument("--deliberations", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--samples", type=int, default=15,
                        help="appels chronométrés par ligne au plus (médiane, p95)")
    parser.add_argument("--row-budget", type=float, default=15.0,
                        help="secondes de mesure par ligne au plus (au moins 3 appels)")
    parser.add_argument("--cold", type=int, default=5, help="extraits rendus à froid")
    parser.add_argument("--batch", type=int, default=100, help="extraits du lot")
    parser.add_argument("--json", type=Path, help="écrit les lignes dans ce fichier JSON")
    parser.add_argument("--without-full-csv", action="store_true",
                        help="sans la ligne « CSV SCDL, tout » (trois exports entiers : "
                        "échauffement, mesure, mémoire ; des dizaines de minutes à 250 000 "
                        "actes sur une machine chargée)")
    parser.add_argument("--existing", action="store_true",
                        help="mesure la base de DATABASE_URL telle quelle, déjà remplie par "
                        "generate_synthetic (ni création, ni génération, ni suppression ; le "
                        "compte greffe-banc et des extraits y sont ajoutés)")
    args = parser.parse_args(argv)
    if args.samples < 1 or args.cold < 1 or args.batch < 1:
        parser.error("--samples, --cold et --batch valent au moins 1")

    def say(message):
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        database = BenchmarkDatabase(Path(tmp))
        if args.existing:
            if not os.environ.get("DATABASE_URL"):
                parser.error("--existing mesure la base nommée par DATABASE_URL")
        else:
            database.create()
        try:
            setup_django(Path(tmp), database)
            from django.db import connection

            engine = database.describe(connection)
            data = build(args, say)
            args.deliberations = data.counts["acts"]
            load = [os.getloadavg()[0]]
            harness = measure_all(args, data, database.vendor, say)
            load.append(os.getloadavg()[0])
        finally:
            database.drop()
    print_table(harness, engine, args, time.perf_counter() - started, sorted(load))
    if args.json:
        args.json.write_text(json.dumps([row.as_json() for row in harness.rows],
                                        ensure_ascii=False, indent=2) + "\n")
        print(f"- JSON : {args.json}")

