import datetime

import pytest
from django.core.management import call_command
from django.db import transaction

from deliberations import services
from deliberations.models import Deliberation
from tests.factories import DeliberationFactory, MemberFactory, SessionFactory


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


@pytest.fixture
def awaiting_receipt(db, settings, tmp_path):
    """An act published on 14 Dec 2022 whose receipt in the prefecture is "à compléter"."""
    settings.MEDIA_ROOT = tmp_path
    session = SessionFactory(date=datetime.date(2022, 12, 6))
    act = DeliberationFactory(session=session, status=Deliberation.Status.TRANSMITTED,
                              result=Deliberation.Result.ADOPTED,
                              transmitted_on=datetime.date(2022, 12, 8),
                              signatory=MemberFactory(), signatory_capacity="Le Président")
    services.deliberation_publish(deliberation=act, published_on=datetime.date(2022, 12, 14))
    return act
