"""Tests of the benchmark harness's own checks (benchmarks/), not of its measurements."""
