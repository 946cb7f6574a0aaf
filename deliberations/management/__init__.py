"""Management commands of the deliberations app."""
