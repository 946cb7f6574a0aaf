"""load_pma_reports runs after load_seed_records (bin/run calls them in that order)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_the_loader_needs_the_seed_records_first(db):
    with pytest.raises(CommandError, match="load_seed_records"):
        call_command("load_pma_reports", verbosity=0)

