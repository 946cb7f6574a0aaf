"""The legal rules an independent audit found missing or debatable: case tables and admin."""
