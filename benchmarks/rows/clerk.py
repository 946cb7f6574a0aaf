"""Benchmark of the clerk's session workspace (not part of the test suite).

    .venv/bin/python benchmarks/run.py clerk [--members 152] [--items 40] [--samples 9]
    DATABASE_URL=postgres://postgres@127.0.0.1/portal_clerk_bench \
        .venv/bin/python benchmarks/run.py clerk

Builds one Conseil of --members members in office and a held session of --items
deliberations with its attendance and proxies (tests.factories.large_session, the same case
as the test suite's), logs a clerk in, and requests the session change page and its
attendance grid with django.test.Client: one warm-up, one request under
CaptureQueriesContext (queries), then the median server time of --samples requests. It also
times saving the grid unchanged (POST, redirect). Targets: ≤ 300 ms, ≤ 400 KB,
≤ 15 queries per page. The database is the benchmark's own (benchmarks/harness/database.py).
"""

import argparse
import statistics
import sys

from harness.data import large_session_and_clerk
from harness.database import run_on_temporary_database
from harness.timing import count_queries, repeat

TARGET_MS, TARGET_KB, TARGET_QUERIES = 300, 400, 15


def measure(client, method, url, data, samples):
    call = getattr(client, method)

    def request():
        return call(url, data) if data is not None else call(url)

    response = request()  # warm-up
    queries = count_queries(request)
    times = repeat(request, samples=samples, budget=120.0, minimum=samples)
    return response, queries, statistics.median(times) * 1000


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="run.py clerk", description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=152)
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--samples", type=int, default=9)
    args = parser.parse_args(argv)
    run_on_temporary_database(run, args)


def run(args, database) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse


    session, user = large_session_and_clerk(args.members, args.items)
    client = Client()
    client.force_login(user)

    print(f"{database.describe(connection)} ; séance de {args.members} élus et "
          f"{args.items} questions ; médiane de {args.samples} requêtes.")
    print(f"{'page':<42} {'requêtes':>9} {'ms':>8} {'Ko':>8}  cibles {TARGET_QUERIES} / "
          f"{TARGET_MS} ms / {TARGET_KB} Ko")
    grid_url = reverse("admin:deliberations_session_attendance", args=[session.pk])
    failed = False
    for label, url in (
        ("fiche de la séance (GET)", reverse("admin:deliberations_session_change",
                                              args=[session.pk])),
        ("présences et procurations (GET)", grid_url),
    ):
        response, queries, ms = measure(client, "get", url, None, args.samples)
        size = len(response.content) / 1024
        ok = queries <= TARGET_QUERIES and ms <= TARGET_MS and size <= TARGET_KB
        failed |= not ok
        print(f"{label:<42} {queries:>9} {ms:>8.1f} {size:>8.1f}  {'ok' if ok else 'HORS CIBLE'}")
    page = client.get(grid_url)
    data = _grid_data(page.content.decode())
    response, queries, ms = measure(client, "post", grid_url, data, args.samples)
    print(f"{'présences enregistrées inchangées (POST)':<42} {queries:>9} {ms:>8.1f} "
          f"{'—':>8}  {len(data)} champs (limite Django 1 000), statut {response.status_code}")
    if failed:
        sys.exit(1)


def _grid_data(page: str) -> dict:
    import re

    data = dict(re.findall(r'<input type="hidden" name="(csrfmiddlewaretoken|page)" '
                           r'value="([^"]*)"', page))
    for name, value in re.findall(r'<input name="(m\d+-[irhp])" value="([^"]*)"', page):
        data[name] = value
    for name, options in re.findall(r'<select name="(m\d+-s)"[^>]*>(.*?)</select>', page,
                                    re.S):
        selected = re.search(r'<option value="([^"]*)" selected>', options)
        data[name] = selected.group(1) if selected else ""
    return data

