import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def all_records(django_db_setup, django_db_blocker):
    """Every seed loader (deliberations, territorial project, activity reports), loaded once per
    module inside a transaction rolled back at the module's end; each test runs in its own
    savepoint within it (pytest-django's `db`)."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_seed_records", verbosity=0)
            call_command("load_territorial_project", verbosity=0)
            call_command("load_pma_reports", verbosity=0)
            yield
            transaction.set_rollback(True)


@pytest.fixture
def records(all_records, db):
    return None
