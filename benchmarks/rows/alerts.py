"""Benchmark of the e-mail alerts' digest run (not part of the test suite).

    .venv/bin/python benchmarks/run.py alerts [--subscriptions 100000] [--acts 2000]
    DATABASE_URL=postgres://postgres@127.0.0.1/portal_bench_alerts \\
        .venv/bin/python benchmarks/run.py alerts

On the benchmark's own database, the one data generator (deliberations/synthetic/) writes
--acts acts; --subscriptions confirmed subscriptions follow them (4 in 10 a body, 4 in 10 a
theme of the list's filters, 2 in 10 a member), all due, their period covering every
published act. The digest run (deliberations.alerts.digests.send_digests) then builds and
serialises every mail (MIME bytes, as the SMTP backend does) through a backend that discards
them: the figure is the portal's own cost, not an SMTP relay's. A second run is timed too
(nothing left to send: the resumable path).
"""

import argparse
import datetime
import sys
import time

from harness.data import clear, synthetic_acts
from harness.database import run_on_temporary_database


class DiscardingBackend:
    """Serialises each message as the SMTP backend would, then drops it."""

    sent = 0
    octets = 0

    def __init__(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        for message in messages:
            DiscardingBackend.octets += len(message.message().as_bytes())
        DiscardingBackend.sent += len(messages)
        return len(messages)


def subscriptions(count: int, covered_through: datetime.date) -> None:
    from django.utils import timezone

    from deliberations.alerts.models import Subscriber, Subscription
    from deliberations.models import Deliberation
    from portal.models import Body, Member

    bodies = list(Body.objects.values_list("pk", flat=True))
    themes = list(Deliberation.objects.published().distinct_values("theme"))
    members = list(Member.objects.with_public_record().values_list("pk", flat=True)[:200])
    now = timezone.now()
    step = 5000
    for start in range(0, count, step):
        size = min(step, count - start)
        subscribers = Subscriber.objects.bulk_create(
            Subscriber(email=f"abonne{n}@example.org") for n in range(start, start + size))
        rows = []
        for n, subscriber in zip(range(start, start + size), subscribers, strict=True):
            kind = n % 10
            row = Subscription(subscriber=subscriber, frequency="daily", confirmed_at=now,
                               covered_through=covered_through, label=f"Alerte {n}")
            if kind < 4:
                row.scope, row.body_id = "body", bodies[n % len(bodies)]
            elif kind < 8:
                row.scope = "search"
                row.criteria = {"theme": themes[n % len(themes)]}
            else:
                row.scope, row.member_id = "member", members[n % len(members)]
            rows.append(row)
        Subscription.objects.bulk_create(rows)


def run(args, database) -> None:
    from django.conf import settings
    from django.db import connection

    from deliberations.alerts.digests import send_digests
    from deliberations.models import Deliberation

    settings.PUBLIC_BASE_URL = "https://deliberations.example.org"
    step = time.perf_counter()
    clear()
    synthetic_acts(args.acts)
    published = Deliberation.objects.published()
    first = published.order_by("published_on").values_list("published_on", flat=True)[0]
    last = published.order_by("-published_on").values_list("published_on", flat=True)[0]
    subscriptions(args.subscriptions, first - datetime.timedelta(days=1))
    print(f"Données : {published.count()} actes publiés, {args.subscriptions} alertes, "
          f"en {time.perf_counter() - step:.1f} s", file=sys.stderr)

    connection_ = DiscardingBackend()
    start = time.perf_counter()
    outcome = send_digests(today=last + datetime.timedelta(days=1),
                           batch_size=args.batch_size, connection=connection_)
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    again = send_digests(today=last + datetime.timedelta(days=1),
                         batch_size=args.batch_size, connection=connection_)
    rerun = time.perf_counter() - start
    print(f"| base | alertes | actes publiés | courriels | sans acte | durée | par alerte "
          f"| relance |\n|---|---:|---:|---:|---:|---:|---:|---:|\n"
          f"| {database.describe(connection)} | {args.subscriptions} | {published.count()} "
          f"| {outcome.sent} ({DiscardingBackend.octets / 1e6:.0f} Mo) | {outcome.empty} "
          f"| {elapsed:.1f} s | {elapsed / args.subscriptions * 1000:.2f} ms "
          f"| {rerun:.1f} s ({again.sent} envoyé) |")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="run.py alerts", description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=100_000)
    parser.add_argument("--acts", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=500)
    run_on_temporary_database(run, parser.parse_args(argv))
