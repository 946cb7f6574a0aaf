"""Benchmark of what the audit trail and the rate limiter cost (not part of the test suite).

    .venv/bin/python benchmarks/run.py audit [--members 152] [--items 40] [--samples 7]
    DATABASE_URL=postgres://postgres@127.0.0.1/portal_audit_bench \
        .venv/bin/python benchmarks/run.py audit

Builds the session of the clerk benchmark (tests.factories.large_session), then times, with
the audit trail written and with it turned off (SIMPLE_HISTORY_ENABLED=False): replacing
every attendance and proxy row of the session (services.session_attendance_replace, the
attendance grid's write, rolled back after each sample), and the session's « Historique »
page once that history exists. Last, the rate limiter's cost per request (portal.kernel.ratelimit
.hit on the local memory cache). Medians of --samples runs; the database is the
benchmark's own (benchmarks/harness/database.py).
"""

import argparse
import statistics
import time

from harness.data import large_session_and_clerk
from harness.database import run_on_temporary_database
from harness.timing import repeat


def median_ms(function, samples: int) -> float:
    return statistics.median(repeat(function, samples=samples, budget=120.0,
                                    minimum=samples)) * 1000


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="run.py audit", description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=152)
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--samples", type=int, default=7)
    args = parser.parse_args(argv)
    run_on_temporary_database(run, args)


def run(args, database) -> None:
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from deliberations import services
    from deliberations.models import Attendance, Proxy
    from portal.kernel import ratelimit

    session, user = large_session_and_clerk(args.members, args.items)
    attendances = list(session.attendances.all())
    proxies = list(session.proxies.all())
    members = [row.member_id for row in attendances] + [row.giver_id for row in proxies]

    def copies():
        return (
            [Attendance(member_id=row.member_id, status=row.status, from_item=row.from_item,
                        until_item=row.until_item) for row in attendances],
            [Proxy(giver_id=row.giver_id, holder_id=row.holder_id) for row in proxies],
        )

    def replace_all():
        with transaction.atomic():
            new_attendances, new_proxies = copies()
            services.session_attendance_replace(
                session=session, members=members, attendances=new_attendances,
                proxies=new_proxies, by=user)
            transaction.set_rollback(True)

    print(f"{database.describe(connection)} ; séance de {args.members} élus "
          f"({len(attendances)} présences, {len(proxies)} procurations) ; médiane de "
          f"{args.samples} mesures.")
    print(f"{'opération':<58} {'requêtes':>9} {'ms':>8}")
    for enabled in (False, True):
        settings.SIMPLE_HISTORY_ENABLED = enabled
        replace_all()  # warm-up
        with CaptureQueriesContext(connection) as context:
            replace_all()
        label = ("grille : remplacer toutes les lignes, "
                 + ("avec historique" if enabled else "sans historique"))
        print(f"{label:<58} {len(context.captured_queries):>9} "
              f"{median_ms(replace_all, args.samples):>8.1f}")

    # A history to read: every row replaced once, for real.
    settings.SIMPLE_HISTORY_ENABLED = True
    new_attendances, new_proxies = copies()
    services.session_attendance_replace(session=session, members=members,
                                        attendances=new_attendances, proxies=new_proxies,
                                        by=user)
    client = Client()
    client.force_login(user)
    url = reverse("admin:deliberations_session_history", args=[session.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    label = f"« Historique » de la séance (GET, {len(response.content) // 1024} Ko)"
    ms = median_ms(lambda: client.get(url), args.samples)
    print(f"{label:<58} {len(context.captured_queries):>9} {ms:>8.1f}")

    limit = ratelimit.Limit.parse("1000000/60")
    count = 10_000
    started = time.perf_counter()
    for n in range(count):
        ratelimit.hit("search", f"192.0.2.{n % 250}", limit)
    per_request = (time.perf_counter() - started) * 1_000_000 / count
    print(f"{'limiteur de débit : un comptage (cache mémoire local)':<58} {0:>9} "
          f"{per_request / 1000:>8.3f}")

