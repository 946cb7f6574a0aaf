"""Published pages read what never changes from the frozen record: a constant, small number
of queries whatever the size of the body and of the session."""

import datetime

import pytest
from django.core.cache import cache

from deliberations.models import Deliberation
from deliberations.record import record_freeze
from tests.factories import large_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_session():
    """The 150 × 40 case: 150 members in office, 40 published acts."""
    session = large_session(members=150, items=40)
    Deliberation.objects.filter(session=session).update(
        status=Deliberation.Status.PUBLISHED,
        published_on=session.date + datetime.timedelta(days=3),
        received_on=session.date + datetime.timedelta(days=2))
    for act in session.deliberations.order_by("item_number"):
        record_freeze(deliberation=act)
    return session


def test_a_published_act_page_runs_at_most_four_queries(published_session, client,
                                                          django_assert_max_num_queries):
    act = published_session.deliberations.get(item_number=20)
    cache.clear()
    with django_assert_max_num_queries(4):
        response = client.get(act.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Question suivante (n° 21)" in page and "Question précédente (n° 19)" in page
    assert "Exécutoire le 9 décembre 2022" in page


def test_the_150_by_40_published_session_page_runs_at_most_twelve_queries(
        published_session, client, django_assert_max_num_queries):
    cache.clear()
    with django_assert_max_num_queries(12):
        response = client.get(published_session.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<p class="kicker">Question n° ') == 40
    assert "Liste de présence (100 présents, 25 excusés)" in page
    assert "Procurations (25)" in page


def test_records_are_built_in_bulk_and_equal_one_by_one(published_session,
                                                         django_assert_max_num_queries):
    from deliberations.record.builder import build_record, build_records

    acts = list(published_session.deliberations.order_by("item_number"))
    with django_assert_max_num_queries(20):
        records = build_records(acts)
    assert len(records) == 40
    assert records[acts[7].pk] == build_record(acts[7])
    assert records[acts[7].pk].session.in_office == 150
