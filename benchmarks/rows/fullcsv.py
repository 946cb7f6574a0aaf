"""The whole-portal SCDL CSV, read once to its end on an existing database (not part of the
test suite).

    DATABASE_URL=postgres://postgres@127.0.0.1/portal_x \
        .venv/bin/python benchmarks/run.py fullcsv [--extended] [--query "year=2022"] \
        [--profile FILE] [--sha256-only]

Measures the database named by DATABASE_URL where it is: nothing is created, migrated or
written (a database of a million acts is measured read-only). One request through Django's
test client, its streamed body read chunk by chunk:

- time to first byte (the view has returned and the first chunk, the header line, is
  produced), to the first chunk of rows (the query has started sending them), total time,
  rows, bytes, SHA-256 of the body (to compare two versions of the code byte for byte);
- Python CPU of this process over the request (process_time), and per row; on PostgreSQL
  on this machine, the CPU of the connection's server process too (/proc);
- the process's resident memory (RSS, /proc/self/statm) read after each chunk: at 10 %, 50 %
  and 100 % of the rows, and its peak; flat memory is an RSS that does not grow with rows.

--profile writes cProfile statistics of the request (sorted by cumulative time) to FILE.
"""

import argparse
import cProfile
import hashlib
import os
import pstats
import sys
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 1024 / 1024


def server_cpu(connection):
    """A function giving the CPU seconds spent so far by this connection's PostgreSQL backend
    (same machine: /proc), or None elsewhere."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]

    def spent():
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    return spent


def setup_django_existing() -> str:
    """Django on the database named by DATABASE_URL, as it is (no migrate: read only)."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("fullcsv mesure la base nommée par DATABASE_URL.")
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings_test"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["RATELIMIT_ENABLED"] = "0"
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log growing with the rows
    return url.rsplit("/", 1)[-1]


def measure(client, url: str, expected_rows: int, profile: cProfile.Profile | None):
    hasher = hashlib.sha256()
    marks = {round(expected_rows * f): f for f in (0.1, 0.5)}
    rss_at, peak = {}, rss_mib()
    rows = size = 0
    rss_before = peak
    if profile is not None:
        profile.enable()
    started, started_cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    if response.status_code != 200:
        sys.exit(f"{url} : HTTP {response.status_code}")
    first_byte = first_row = None
    for chunk in response.streaming_content:
        if first_byte is None:
            first_byte = time.perf_counter() - started
        elif first_row is None:  # the first chunk is the header line
            first_row = time.perf_counter() - started
        hasher.update(chunk)
        size += len(chunk)
        rows += chunk.count(b"\r\n")
        rss = rss_mib()
        peak = max(peak, rss)
        for mark, fraction in list(marks.items()):
            if rows - 1 >= mark:  # the header line is not a row
                rss_at[fraction] = rss
                del marks[mark]
    response.close()
    total = time.perf_counter() - started
    cpu = time.process_time() - started_cpu
    if profile is not None:
        profile.disable()
    rss_at[1.0] = rss_mib()
    return {"first_byte": first_byte, "first_row": first_row, "total": total, "cpu": cpu,
            "rows": rows - 1, "bytes": size, "sha256": hasher.hexdigest(), "rss_before": rss_before,
            "rss_at": rss_at, "peak": peak}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="run.py fullcsv", description=__doc__.splitlines()[0])
    parser.add_argument("--extended", action="store_true", help="l'export étendu")
    parser.add_argument("--query", default="", help="filtres de la liste, ex. year=2022")
    parser.add_argument("--profile", help="fichier des statistiques cProfile")
    args = parser.parse_args(argv)

    name = setup_django_existing()
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client
    from django.urls import reverse

    from deliberations.publication import opendata
    from deliberations.publication.filters import DeliberationFilter

    view = "deliberation_csv_extended" if args.extended else "deliberation_csv"
    url = reverse(f"deliberations:{view}") + (f"?{args.query}" if args.query else "")
    # The rows the view exports (its filters), for the RSS at 10 % and 50 % of them.
    listed = DeliberationFilter(QueryDict(args.query)).qs.order_by()
    expected = (listed if args.extended else opendata.scdl_complete(listed)).count()
    profile = cProfile.Profile() if args.profile else None
    spent = server_cpu(connection)
    server_before = spent() if spent else None
    load_before = os.getloadavg()
    result = measure(Client(), url, expected, profile)
    load_after = os.getloadavg()
    server = spent() - server_before if spent else None
    if profile is not None:
        with open(args.profile, "w") as out:
            pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(60)
            pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(40)
    rows = max(result["rows"], 1)
    at = result["rss_at"]
    print(f"Export {url} — {connection.vendor} {name} — {rows} lignes (attendu {expected})")
    print(f"- premier octet : {result['first_byte'] * 1000:.0f} ms ; premier lot de lignes : "
          f"{(result['first_row'] or 0) * 1000:.0f} ms ; total : "
          f"{result['total']:.1f} s ; {result['bytes']:,} octets".replace(",", " "))
    print(f"- CPU Python : {result['cpu']:.1f} s, {result['cpu'] / rows * 1000:.3f} ms par "
          f"ligne ; temps par ligne {result['total'] / rows * 1000:.3f} ms")
    if server is not None:
        print(f"- CPU PostgreSQL (processus de la connexion) : {server:.1f} s, "
              f"{server / rows * 1000:.3f} ms par ligne")
    print(f"- RSS : {result['rss_before']:.0f} Mio avant ; "
          f"{at.get(0.1, float('nan')):.0f} à 10 %, {at.get(0.5, float('nan')):.0f} à 50 %, "
          f"{at[1.0]:.0f} à 100 % ; pic {result['peak']:.0f} Mio")
    print(f"- SHA-256 : {result['sha256']}")
    print(f"- charge : {' '.join(f'{v:.2f}' for v in load_before)} → "
          f"{' '.join(f'{v:.2f}' for v in load_after)}")
