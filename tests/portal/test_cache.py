"""The public page cache (portal/kernel/cache.py): served to anonymous visitors only, invalidated by
any publication or change, never holding what staff see."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deliberations import services
from deliberations.models import Deliberation
from portal.kernel import cache as public_cache
from tests.factories import DeliberationFactory, MemberFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache():
    cache.clear()
    with override_settings(PUBLIC_CACHE_SECONDS=300):
        yield
    cache.clear()


def get(client, url):
    """(response, number of SQL queries)."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code in (200, 404)
    return response, len(context.captured_queries)


def test_second_anonymous_request_is_served_from_the_cache_without_a_query(client):
    DeliberationFactory(published=True, title="Subvention au club de judo")
    url = reverse("deliberations:deliberation_list")
    first, first_queries = get(client, url)
    second, second_queries = get(client, url)
    assert first_queries > 0 and second_queries == 0
    assert second.content == first.content
    assert "Subvention au club de judo" in second.content.decode()
    assert "Cookie" in second["Vary"]


def test_query_string_and_host_are_part_of_the_key(client):
    DeliberationFactory(published=True, title="Subvention au club de judo")
    url = reverse("deliberations:deliberation_list")
    get(client, url)
    assert get(client, url + "?q=judo")[1] > 0
    assert get(client, url + "?q=judo")[1] == 0
    assert get(client, url + "?q=tennis")[1] > 0


def test_publication_invalidates_every_cached_page(client):
    member = MemberFactory()
    DeliberationFactory(published=True, title="Premier acte publié")
    pending = DeliberationFactory(
        status=Deliberation.Status.ADOPTED, result=Deliberation.Result.ADOPTED,
        title="Acte publié après la mise en cache", signatory=member,
    )
    url = reverse("deliberations:deliberation_list")
    home = reverse("portal:home")
    assert "Acte publié après" not in get(client, url)[0].content.decode()
    get(client, home)
    assert get(client, url)[1] == 0

    services.deliberation_publish(deliberation=pending,
                                  published_on=datetime.date(2022, 10, 20))

    response, queries = get(client, url)
    assert queries > 0 and "Acte publié après la mise en cache" in response.content.decode()
    assert get(client, home)[1] > 0


def test_recording_the_receipt_invalidates(client):
    """deliberation_record_receipt writes the date with QuerySet.update() (no post_save)."""
    act = DeliberationFactory(published=True, received_on=None, subject_to_transmission=True,
                              transmitted_on=datetime.date(2022, 10, 19))
    url = act.get_absolute_url()
    get(client, url)
    assert get(client, url)[1] == 0
    services.deliberation_record_receipt(deliberation=act,
                                         received_on=datetime.date(2022, 10, 21))
    response, queries = get(client, url)
    assert queries > 0 and "21 octobre 2022" in response.content.decode()


def test_a_session_change_invalidates_its_acts_pages(client):
    # No act of the session is published yet: its page shows the session as stored (once one
    # is, it shows the place its frozen record states).
    act = DeliberationFactory(status=Deliberation.Status.ADOPTED)
    session = act.session
    get(client, session.get_absolute_url())
    session.place = "Salle des fêtes de Lillers"
    session.save()
    response, queries = get(client, session.get_absolute_url())
    assert queries > 0 and "Salle des fêtes de Lillers" in response.content.decode()


def test_logged_in_users_are_never_served_nor_stored(client):
    DeliberationFactory(published=True, title="Subvention au club de judo")
    url = reverse("deliberations:deliberation_list")
    staff = User.objects.create_user("agent", password="x", is_staff=True, is_superuser=True)
    client.force_login(staff)
    get(client, url)
    assert get(client, url)[1] > 0  # not served from the cache
    client.logout()
    assert get(client, url)[1] > 0  # the staff answer was not stored


def test_staff_preview_of_an_unpublished_act_never_reaches_the_public(client):
    session = SessionFactory()
    DeliberationFactory(published=True, session=session, title="Acte déjà publié")
    draft = DeliberationFactory(session=session, title="PROJET CONFIDENTIEL ZANZIBAR",
                                slug="projet-zanzibar", status=Deliberation.Status.ADOPTED)
    staff = User.objects.create_user("agent", password="x", is_staff=True, is_superuser=True)
    client.force_login(staff)
    preview = client.get(reverse("admin:deliberations_deliberation_preview", args=[draft.pk]))
    assert preview.status_code == 200 and "ZANZIBAR" in preview.content.decode()
    public_urls = [draft.get_absolute_url(), session.get_absolute_url(),
                   reverse("deliberations:deliberation_list"), reverse("portal:home")]
    for url in public_urls:
        client.get(url)  # the staff member browses the public pages too
    client.logout()
    for url in public_urls:
        response = client.get(url)
        assert "ZANZIBAR" not in response.content.decode(), url
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_not_found_answers_are_not_stored(client):
    url = "/deliberations/ca-inconnue/2022/acte-inconnu/"
    assert get(client, url)[0].status_code == 404
    assert get(client, url)[1] > 0


def test_cache_off_when_the_timeout_is_zero(client):
    DeliberationFactory(published=True)
    url = reverse("deliberations:deliberation_list")
    with override_settings(PUBLIC_CACHE_SECONDS=0):
        get(client, url)
        assert get(client, url)[1] > 0


def test_facet_choices_are_computed_once_per_generation():
    calls = []

    def compute():
        calls.append(1)
        return [("2022", "2022")]

    assert public_cache.cached_public("test", compute) == [("2022", "2022")]
    assert public_cache.cached_public("test", compute) == [("2022", "2022")]
    assert len(calls) == 1
    public_cache.public_records_changed()
    public_cache.cached_public("test", compute)
    assert len(calls) == 2


def test_a_lost_generation_restarts_above_every_number_used():
    before = public_cache.generation()
    cache.delete(public_cache.GENERATION_KEY)
    assert public_cache.generation() >= before
    public_cache.bump_generation()
    assert public_cache.generation() > before
