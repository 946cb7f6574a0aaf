"""Benchmark of the exports and of the public page cache (not part of the test suite).

    .venv/bin/python benchmarks/run.py exports [--sizes 1000,10000] [--samples 5]
    DATABASE_URL=postgres://postgres@127.0.0.1/portal_bench \
        .venv/bin/python benchmarks/run.py exports

The one data generator (deliberations/synthetic/) on the benchmark's own database (a
temporary SQLite file, or the PostgreSQL database named by DATABASE_URL, created and dropped
here). For each size N:

- exports (`export.csv`, `calendrier.ics`, the API's first page): time to first byte (the
  view has returned and the first chunk is produced), total time (the whole body read), the
  peak of Python memory while the whole body is read (tracemalloc, one separate request) and
  the answer to a conditional request repeating the ETag (304 expected);
- public pages: median time uncached (the cache emptied before each request) and cached
  (the same request again), and their ratio.

The table prints medians of --samples requests, in milliseconds.
"""

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from harness.data import clear, measured_objects, synthetic_acts
from harness.database import BenchmarkDatabase, setup_django
from harness.timing import timed


def exports():
    from django.urls import reverse

    return [
        ("`/deliberations/export.csv`", reverse("deliberations:deliberation_csv")),
        ("`/seances/calendrier.ics`", reverse("deliberations:session_calendar")),
        ("`/api/v1/deliberations/`", reverse("api:deliberation-list")),
    ]


def cached_pages(objects):
    from django.urls import reverse

    return [
        ("`/deliberations/`", reverse("deliberations:deliberation_list")),
        ("`/seances/`", reverse("deliberations:session_list")),
        ("une délibération", objects["deliberation"].get_absolute_url()),
        ("une séance", objects["session"].get_absolute_url()),
    ]


def first_byte_and_total(client, url: str) -> tuple[float, float, int]:
    start = time.perf_counter()
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} : HTTP {response.status_code}")
    size = 0
    if response.streaming:
        chunks = iter(response.streaming_content)
        first = next(chunks, b"")
        ttfb = time.perf_counter() - start
        size = len(first) + sum(len(chunk) for chunk in chunks)
    else:
        ttfb = time.perf_counter() - start
        size = len(response.content)
    response.close()
    return ttfb, time.perf_counter() - start, size


def peak_memory(client, url: str) -> int:
    tracemalloc.start()
    try:
        first_byte_and_total(client, url)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def conditional_status(client, url: str) -> str:
    response = client.get(url)
    etag = response.get("ETag")
    response.close()
    if not etag:
        return "pas d'ETag"
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    again.close()
    return str(again.status_code)


def page_times(client, url: str, samples: int) -> tuple[float, float]:
    from django.core.cache import cache

    uncached, cached = [], []
    client.get(url)  # warm-up
    for _ in range(samples):
        cache.clear()
        uncached.append(timed(lambda: client.get(url)))
        cached.append(timed(lambda: client.get(url)))
    if client.get(url).status_code != 200:
        raise SystemExit(f"{url} : HTTP {client.get(url).status_code}")
    return statistics.median(uncached), statistics.median(cached)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="run.py exports", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]

    rows_exports, rows_pages = [], []
    with tempfile.TemporaryDirectory(prefix="bench-exports-") as tmp:
        database = BenchmarkDatabase(Path(tmp))
        database.create()
        try:
            setup_django(Path(tmp), database)
            from django.conf import settings
            from django.db import connection

            # The test settings switch the page cache off; measure it as in production.
            settings.PUBLIC_CACHE_SECONDS = 300
            from django.test import Client

            engine = database.describe(connection)
            client = Client()
            for size in sizes:
                step = time.perf_counter()
                clear()
                objects = measured_objects(synthetic_acts(size))
                print(f"N = {size} : données en {time.perf_counter() - step:.1f} s",
                      file=sys.stderr)
                for label, url in exports():
                    first_byte_and_total(client, url)  # warm-up
                    runs = [first_byte_and_total(client, url) for _ in range(args.samples)]
                    rows_exports.append((
                        size, label,
                        statistics.median(r[0] for r in runs) * 1000,
                        statistics.median(r[1] for r in runs) * 1000,
                        runs[0][2] / 1024,
                        peak_memory(client, url) / 1024 / 1024,
                        conditional_status(client, url),
                    ))
                for label, url in cached_pages(objects):
                    uncached, cached = page_times(client, url, args.samples)
                    rows_pages.append((size, label, uncached * 1000, cached * 1000,
                                       uncached / cached))
        finally:
            database.drop()

    print(f"Exports — {engine} — médiane de {args.samples} appels\n")
    print("| N | Export | premier octet (ms) | total (ms) | taille (Kio) | pic mémoire Python "
          "(Mio) | If-None-Match |")
    print("|---:|---|---:|---:|---:|---:|---|")
    for size, label, ttfb, total, kib, mib, status in rows_exports:
        print(f"| {size} | {label} | {ttfb:.1f} | {total:.1f} | {kib:.0f} | {mib:.1f} "
              f"| {status} |")
    print(f"\nPages publiques en cache — {engine} — médiane de {args.samples} appels\n")
    print("| N | Page | sans cache (ms) | en cache (ms) | rapport |")
    print("|---:|---|---:|---:|---:|")
    for size, label, uncached, cached, ratio in rows_pages:
        print(f"| {size} | {label} | {uncached:.1f} | {cached:.2f} | × {ratio:.0f} |")

