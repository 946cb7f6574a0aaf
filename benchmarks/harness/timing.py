"""The one timing helper of the benchmarks: repeated calls within a time budget, median and
p95, SQL queries of one call, the body of a request read to its end."""

import statistics
import time


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of the values fall (linear interpolation)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(durations: list[float]) -> tuple[float, float]:
    """(median, p95) in milliseconds of durations in seconds."""
    return (statistics.median(durations) * 1000, percentile(durations, 0.95) * 1000)


def fetch(client, url: str, *, expect: int = 200):
    """The whole body of a GET (a streamed response is read to its end)."""
    response = client.get(url)
    if response.status_code != expect:
        raise SystemExit(f"{url} : HTTP {response.status_code}")
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def count_queries(function) -> int:
    """SQL queries run by one call of `function` (DEBUG off: read from a capture)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # A full log (a bounded deque) would not grow inside the context.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as context:
        function()
    # Read now: captured_queries slices the log, which the next call empties.
    return len(context.captured_queries)


def repeat(function, *, samples: int, budget: float, minimum: int = 3,
           cpu: list | None = None) -> list[float]:
    """Durations (s) of `samples` calls, fewer (never under `minimum`) if they exceed `budget`
    seconds in all: a slow page is measured less often rather than blowing the run time.
    `cpu`, if given, receives the CPU time of this process for each call (on a shared machine
    the wall time includes waiting for a core)."""
    durations, spent = [], 0.0
    while len(durations) < samples and (len(durations) < minimum or spent < budget):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        durations.append(time.perf_counter() - started)
        if cpu is not None:
            cpu.append(time.process_time() - started_cpu)
        spent += durations[-1]
    return durations


def timed(function) -> float:
    """Seconds taken by one call of `function`."""
    started = time.perf_counter()
    function()
    return time.perf_counter() - started
