"""The portal's benchmark harness: one entry, one row set per purpose (never part of the suite).

    .venv/bin/python benchmarks/run.py [--deliberations 20000] [--json FILE]   # the target table
    .venv/bin/python benchmarks/run.py scan       # SQL queries per page, constant whatever N?
    .venv/bin/python benchmarks/run.py exports    # streamed exports and the public page cache
    .venv/bin/python benchmarks/run.py extracts   # certified extracts: render, serve, batch
    .venv/bin/python benchmarks/run.py clerk      # the clerk's session workspace (152 × 40)
    .venv/bin/python benchmarks/run.py audit      # cost of the audit trail and rate limiter
    .venv/bin/python benchmarks/run.py parsing    # the attendance parser on 150 names
    .venv/bin/python benchmarks/run.py importer   # the attendance import preview, 40 names
    .venv/bin/python benchmarks/run.py robustness # the parser on tuned texts wrapped, flattened
    .venv/bin/python benchmarks/run.py wording    # the parser on the catalogue of real wordings
    .venv/bin/python benchmarks/run.py load       # gunicorn under load, --fault stops PostgreSQL
    .venv/bin/python benchmarks/run.py alerts     # e-mail alert digests, 100 000 subscriptions
    .venv/bin/python benchmarks/run.py partitioning --database URL  # acts partitioned by year?
    DATABASE_URL=... .venv/bin/python benchmarks/run.py fullcsv  # the whole CSV, read once

`run.py <set> --help` lists each set's options. Every set uses the same parts
(benchmarks/harness/): the database it owns (a temporary SQLite file, or the PostgreSQL
database named by DATABASE_URL, created and dropped), one timing helper and one data
generator (deliberations/synthetic/).
"""

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ("table", "scan", "exports", "extracts", "clerk", "audit", "parsing", "load",
        "importer", "alerts", "partitioning", "robustness", "fullcsv", "wording")


def main(argv: list[str]) -> None:
    sys.path[:0] = [str(HERE), str(HERE.parent)]
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return
    name = argv[0] if argv and argv[0] in SETS else "table"
    rest = argv[1:] if argv and argv[0] in SETS else argv
    importlib.import_module(f"rows.{name}").main(rest)


if __name__ == "__main__":
    main(sys.argv[1:])
