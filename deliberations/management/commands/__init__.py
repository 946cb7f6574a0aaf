"""Commands: seed records, synthetic data, attendance parsing, extract exports."""
