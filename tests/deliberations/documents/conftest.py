import datetime
import io

import pytest
from django.core.management import call_command

from deliberations.models import Session


@pytest.fixture
def seeded(db, settings, tmp_path):
    """The real records (seeds 000 and 003), media files in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_seed_records", stdout=io.StringIO())


@pytest.fixture
def conseil_session(seeded):
    """The Conseil communautaire of 6 December 2022 (seed 003)."""
    return Session.objects.get(body__organisation__slug="cabbalr",
                               date=datetime.date(2022, 12, 6))
