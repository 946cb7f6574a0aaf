"""Do the public pages run a constant number of SQL queries whatever the data size?

    .venv/bin/python benchmarks/run.py scan [--sizes 100,1000,5000] [--samples 7]

For each size N the one data generator (deliberations/synthetic/) builds N acts on the
benchmark's own database (benchmarks/harness/database.py); every page, feed and API list is
then requested through the whole Django stack: one warm-up, one request whose SQL queries
are counted, then the median of --samples requests. One row per URL, one column per size
("queries / median ms"); a query count that changes with N (a query per row) is flagged.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from harness.data import clear, measured_objects, synthetic_acts
from harness.database import BenchmarkDatabase, setup_django
from harness.timing import count_queries, fetch, repeat

SEARCH = "rapport"


# --- Measures ------------------------------------------------------------------------------------


def pages(objects) -> list[tuple[str, str]]:
    """(label, url) of every measured page; detail pages get a label that does not vary."""
    from django.urls import reverse

    return [
        ("`/`", reverse("portal:home")),
        ("`/deliberations/`", reverse("deliberations:deliberation_list")),
        (f"`/deliberations/?q={SEARCH}`",
         f"{reverse('deliberations:deliberation_list')}?q={SEARCH}"),
        ("`/deliberations/export.csv`", reverse("deliberations:deliberation_csv")),
        ("`/deliberations/flux.atom`", reverse("deliberations:deliberation_feed")),
        ("`/seances/`", reverse("deliberations:session_list")),
        ("`/seances/calendrier.ics`", reverse("deliberations:session_calendar")),
        ("`/api/v1/deliberations/`", reverse("api:deliberation-list")),
        ("`/api/v1/sessions/`", reverse("api:session-list")),
        ("une délibération `/deliberations/<org>/<année>/<slug>/`",
         objects["deliberation"].get_absolute_url()),
        ("une séance `/seances/<pk>/`", objects["session"].get_absolute_url()),
    ]


def measure(client, url: str, samples: int) -> tuple[int, float]:
    """(SQL queries of one request, median seconds over `samples` requests)."""
    fetch(client, url)  # warm-up: templates compiled, connection open
    queries = count_queries(lambda: fetch(client, url))
    durations = repeat(lambda: fetch(client, url), samples=samples, budget=60.0)
    return queries, statistics.median(durations)


def check_fixture(client, count: int) -> int:
    """The N deliberations are public (API count and CSV rows); returns the search hits."""
    import json

    from django.urls import reverse

    from deliberations.models import Deliberation
    from portal.kernel.pagination import COUNT_CAP

    published = Deliberation.objects.published().count()
    api = json.loads(fetch(client, reverse("api:deliberation-list")))
    # The API counts up to COUNT_CAP (portal.kernel.pagination), and says when there are more.
    if api["count"] != min(published, COUNT_CAP):
        raise SystemExit(f"N = {count} : l'API en compte {api['count']} sur {published} "
                         "publiées")
    search = json.loads(fetch(client, f"{reverse('api:deliberation-list')}?q={SEARCH}"))
    return search["count"]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="run.py scan", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000",
                        help="nombres de délibérations publiées, séparés par des virgules")
    parser.add_argument("--samples", type=int, default=7,
                        help="appels chronométrés par page (médiane)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    if not sizes or min(sizes) < 1 or args.samples < 1:
        parser.error("tailles et échantillons doivent être au moins 1")

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        database = BenchmarkDatabase(Path(tmp))
        database.create()
        try:
            setup_django(Path(tmp), database)
            from django.db import connection
            from django.test import Client

            engine = database.describe(connection)
            client = Client()
            results, labels, hits = {}, [], {}
            for size in sizes:
                step = time.perf_counter()
                clear()
                objects = measured_objects(synthetic_acts(size))
                built = time.perf_counter() - step
                hits[size] = check_fixture(client, size)
                urls = pages(objects)
                labels = [label for label, _ in urls]
                for label, url in urls:
                    results[label, size] = measure(client, url, args.samples)
                print(f"N = {size} : données en {built:.1f} s, mesures en "
                      f"{time.perf_counter() - step - built:.1f} s", file=sys.stderr)
        finally:
            database.drop()

    print(f"Pages publiques — {engine} — requêtes SQL / médiane de {args.samples} "
          f"appels (ms)\n")
    print("| Page | " + " | ".join(f"N = {size}" for size in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    growing = []
    for label in labels:
        counts = {results[label, size][0] for size in sizes}
        flag = " ⚠" if len(counts) > 1 else ""
        if flag:
            growing.append(label)
        cells = [f"{queries} / {seconds * 1000:.1f}"
                 for queries, seconds in (results[label, size] for size in sizes)]
        print(f"| {label}{flag} | " + " | ".join(cells) + " |")
    print()
    matches = ", ".join(f"{hits[size]} sur {size}" for size in sizes)
    if database.vendor == "sqlite":
        print(f"Recherche `q={SEARCH}` ({matches}, comptés jusqu'à 1 000) : SQLite, table "
              "FTS5 des racines françaises (migration 0023_search_fts_list_indexes), "
              "classement sur les 1 000 résultats les plus récents au plus (best_first).")
    else:
        print(f"Recherche `q={SEARCH}` ({matches}, comptés jusqu'à 1 000) : PostgreSQL, "
              "search_vector (index GIN), ts_rank sur les 1 000 résultats les plus récents "
              "au plus (best_first).")
    if growing:
        print("⚠ Nombre de requêtes variable avec N (requête par ligne ?) : "
              + ", ".join(growing))
    else:
        print("Nombre de requêtes constant pour chaque page quel que soit N.")
    print(f"Durée totale : {time.perf_counter() - started:.0f} s")

