"""Management commands of the activity reports."""
