"""Benchmark of certified extracts (not part of the test suite).

    .venv/bin/python benchmarks/run.py extracts [--samples 7] [--batch 100]

On the benchmark's own database and MEDIA_ROOT (benchmarks/harness/database.py), builds a
copy of the Bureau session of 18 October 2022 with the test factories, and prints a table:
median time to render and issue one extract cold (never issued), to serve an already issued
one (download view), and the throughput of a batch (ZIP export of a session of N deliberations).
"""

import argparse
import io
import statistics

from harness.database import run_on_temporary_database
from harness.timing import timed


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="run.py extracts",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=7)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args(argv)
    run_on_temporary_database(run, args)


def run(args, database) -> None:
    from django.test import Client
    from django.urls import reverse

    from deliberations.extracts import issuing
    from tests.deliberations.extracts.test_data import build_bureau_session
    from tests.factories import DeliberationFactory

    def fresh(index):
        return build_bureau_session(f"bench-{index}", name=f"Collectivité {index}")

    first = fresh(0)
    first_render = timed(lambda: issuing.extract_get_or_issue(deliberation=first))

    cold = []
    for index in range(1, args.samples + 1):
        deliberation = fresh(index)
        cold.append(timed(lambda d=deliberation: issuing.extract_get_or_issue(
            deliberation=d)))

    client = Client()
    url = reverse("extracts:download", args=[first.slug])

    def download():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        b"".join(response.streaming_content)

    download()
    served = [timed(download) for _ in range(args.samples * 3)]

    batch_session = fresh("batch").session
    for _ in range(args.batch - 1):
        DeliberationFactory(session=batch_session, published=True)
    batch_seconds = timed(lambda: issuing.write_sessions_zip([batch_session], io.BytesIO()))

    rows = [
        ("first render in a process (fonts loaded)", f"{first_render * 1000:8.0f} ms"),
        (f"render + issue one extract, cold (median of {args.samples})",
         f"{statistics.median(cold) * 1000:8.0f} ms"),
        (f"serve an issued extract (median of {len(served)})",
         f"{statistics.median(served) * 1000:8.1f} ms"),
        (f"batch of {args.batch} extracts (ZIP of a session)",
         f"{batch_seconds:8.1f} s = {args.batch / batch_seconds:.1f} extraits/s"),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"{'Mesure'.ljust(width)} | Résultat")
    print(f"{'-' * width}-|-{'-' * 28}")
    for label, value in rows:
        print(f"{label.ljust(width)} | {value.strip()}")

