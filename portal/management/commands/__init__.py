"""Site-wide commands: seeds, archives, the administrator account."""
