import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def seed_records(django_db_setup, django_db_blocker):
    """The real seed records (load_seed_records), loaded once per module inside a
    transaction rolled back at the module's end."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_seed_records", verbosity=0)
            yield
            transaction.set_rollback(True)


@pytest.fixture
def seeded(seed_records, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
