"""The benchmark sets run by benchmarks/run.py, one module per purpose."""
