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


@pytest.fixture(autouse=True)
def _flushable_published_record(request):
    """A transactional test ends with a flush, which SQLite runs as DELETE FROM every table and
    PostgreSQL as TRUNCATE: the triggers of the published record (deliberations/immutability.py)
    would refuse it.
    They are dropped just before the flush; the flush's post_migrate installs them again."""
    marker = request.node.get_closest_marker("django_db")
    by_marker = marker is not None and (
        marker.kwargs.get("transaction") or (len(marker.args) > 0 and marker.args[0]))
    if not by_marker and not {"transactional_db", "live_server"} & set(request.fixturenames):
        yield
        return
    # Set up before this fixture, so torn down (flushed) after the triggers are dropped.
    request.getfixturevalue("_django_db_helper" if by_marker else "transactional_db")
    yield
    from django.db import connections

    from deliberations import immutability

    for connection in connections.all():
        # A mirror (the replica alias of the router's tests) is the same database.
        mirrored = connection.settings_dict.get("TEST", {}).get("MIRROR")
        if immutability.supported(connection) and not mirrored:
            immutability.uninstall(connection)
