"""The read replica router (portal/kernel/db_routers.py), with a second alias `replica` on the same
test database (settings_test: TEST MIRROR): the public views read there, everything else,
and every write, on `default`."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deliberations import services
from deliberations.models import Deliberation
from portal.kernel.db_routers import ReplicaRouter, reading_replica
from tests.factories import DeliberationFactory, MemberFactory

replica_db = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica():
    with override_settings(DATABASE_READ_REPLICA="replica"):
        yield


def queries_by_alias(call):
    with CaptureQueriesContext(connections["default"]) as default, \
            CaptureQueriesContext(connections["replica"]) as on_replica:
        result = call()
    return result, len(default.captured_queries), len(on_replica.captured_queries)


def read(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body.decode()


@replica_db
@pytest.mark.parametrize("name", [
    "deliberations:deliberation_list", "deliberations:session_list", "portal:home",
    "portal:member_list", "deliberations:deliberation_csv",
    "deliberations:deliberation_csv_extended", "deliberations:session_calendar",
])
def test_public_views_read_from_the_replica(client, replica, name):
    DeliberationFactory(published=True, title="Subvention au club de judo",
                        act_number="2022-C-001")
    (status, body), on_default, on_replica = queries_by_alias(
        lambda: read(client, reverse(name)))
    assert status == 200
    assert on_replica > 0 and on_default == 0
    if name in ("deliberations:deliberation_list", "deliberations:deliberation_csv",
                "deliberations:deliberation_csv_extended"):
        assert "Subvention au club de judo" in body


@replica_db
def test_detail_pages_read_from_the_replica(client, replica):
    act = DeliberationFactory(published=True)
    for url in (act.get_absolute_url(), act.session.get_absolute_url()):
        (status, _), on_default, on_replica = queries_by_alias(lambda u=url: read(client, u))
        assert status == 200 and on_replica > 0 and on_default == 0


@replica_db
def test_writes_and_the_admin_stay_on_the_primary(client, replica):
    member = MemberFactory()
    act = DeliberationFactory(status=Deliberation.Status.ADOPTED,
                              result=Deliberation.Result.ADOPTED, signatory=member)
    _, on_default, on_replica = queries_by_alias(lambda: services.deliberation_publish(
        deliberation=act, published_on=datetime.date(2022, 10, 20)))
    assert on_default > 0 and on_replica == 0
    staff = User.objects.create_user("agent", password="x", is_staff=True, is_superuser=True)
    client.force_login(staff)
    url = reverse("admin:deliberations_deliberation_change", args=[act.pk])
    (status, _), on_default, on_replica = queries_by_alias(lambda: read(client, url))
    assert status == 200 and on_default > 0 and on_replica == 0


@pytest.mark.django_db
def test_without_a_replica_everything_reads_the_primary(client):
    """This test may not touch `replica` at all (pytest-django forbids it): the public page
    answers from `default` alone."""
    DeliberationFactory(published=True)
    with CaptureQueriesContext(connections["default"]) as default:
        status, _ = read(client, reverse("deliberations:deliberation_list"))
    assert status == 200 and len(default.captured_queries) > 0


def test_router_decisions():
    router = ReplicaRouter()
    with override_settings(DATABASE_READ_REPLICA="replica"):
        assert router.db_for_read(Deliberation) is None
        with reading_replica():
            assert router.db_for_read(Deliberation) == "replica"
            assert router.db_for_write(Deliberation) == "default"
        assert router.db_for_read(Deliberation) is None
        assert router.allow_migrate("default", "deliberations")
        assert not router.allow_migrate("replica", "deliberations")
    with override_settings(DATABASE_READ_REPLICA=""), reading_replica():
        assert router.db_for_read(Deliberation) is None
    # A name that is not a configured alias is ignored rather than failing every page.
    with override_settings(DATABASE_READ_REPLICA="absente"), reading_replica():
        assert router.db_for_read(Deliberation) is None
