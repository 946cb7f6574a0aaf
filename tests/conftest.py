import pytest
from django.contrib.auth.models import Group, User

from portal.models import StaffAssignment
from tests.factories import OrganisationFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(
        name="Communauté d'agglomération de test", slug="ca-test", short_name="CAT"
    )


@pytest.fixture
def clerk(db, organisation):
    """A clerk of the "Secrétariat des assemblées" group, assigned to `organisation`."""
    user = User.objects.create_user("greffe", password="mot-de-passe-solide-42", is_staff=True)
    user.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    StaffAssignment.objects.create(user=user, organisation=organisation)
    return user
