"""Minutes: the attendance-list reader, its import into a session, its admin screen, seeds."""
