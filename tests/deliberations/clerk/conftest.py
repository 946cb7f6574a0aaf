import datetime
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from deliberations.models import Session
from portal.models import Organisation, StaffAssignment


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


@pytest.fixture
def bureau_session(seeded):
    """The Bureau communautaire of 18 October 2022 (seed 000)."""
    return Session.objects.get(body__organisation__slug="cabbalr",
                               date=datetime.date(2022, 10, 18))


@pytest.fixture
def cabbalr_clerk(seeded):
    """A clerk of the "Secrétariat des assemblées" group working for CABBALR."""
    user = User.objects.create_user("greffe-cabbalr", password="mot-de-passe-solide-42",
                                    is_staff=True, first_name="Claire", last_name="GREFFE")
    user.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    StaffAssignment.objects.create(user=user,
                                   organisation=Organisation.objects.get(slug="cabbalr"))
    return user
