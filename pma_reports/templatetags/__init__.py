"""Template tags of the activity reports pages."""
