"""The row cache of the public lists and of the API list (deliberations/publication/rows.py):
a row rendered once is read back by every page that shows it, a change of what it shows
starts new rows, search results are cached apart (their highlight is filled per query:
test_list_parts.py), query counts stay constant."""

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from deliberations.models import Deliberation, PublishedRecord
from deliberations.publication import rows
from tests.deliberations.test_public_pages import count_queries, make_published

pytestmark = pytest.mark.django_db
LIST = "deliberations:deliberation_list"


@pytest.fixture(autouse=True)
def _row_cache_on(settings):
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def _row_keys(kind):
    return sorted(key for key in cache._cache if f":rows:{kind}:" in key)


def test_a_row_rendered_for_one_list_is_read_back_by_another(rendered_rows):
    body = make_published(3)
    assert Client().get(reverse(LIST)).status_code == 200
    assert rendered_rows.taken() == 3
    assert len(_row_keys("item")) == 3
    # Another list showing the same acts (not the same page: the page cache does not answer).
    second = Client().get(reverse(LIST), {"organisation": body.organisation.slug})
    assert second.status_code == 200
    assert rendered_rows.taken() == 0
    assert len(_row_keys("item")) == 3
    html = second.content.decode()
    for i in range(3):
        assert f"Subvention au logement n° {i}</a>" in html


def test_a_change_of_what_a_row_shows_starts_new_rows(client, rendered_rows):
    body = make_published(2)
    client.get(reverse(LIST))
    rendered_rows.taken()
    body.name = "Conseil syndical renommé"
    body.save()
    response = client.get(reverse(LIST), {"year": "2022"})
    assert rendered_rows.taken() == 2
    assert response.content.decode().count("Conseil syndical renommé —") == 2


def test_search_results_are_cached_apart_from_the_other_rows(client, rendered_rows):
    make_published(3)
    response = client.get(reverse(LIST), {"q": "logement"})
    assert response.status_code == 200
    assert rendered_rows.taken() == 3
    assert "<mark>" in response.content.decode()
    assert _row_keys("item") == []
    assert len(_row_keys("search")) == 3


def test_the_api_rows_are_keyed_by_the_frozen_record(client):
    make_published(3)
    url = reverse("api:deliberation-list")
    first = client.get(url).json()
    hashes = set(PublishedRecord.objects.values_list("sha256", flat=True))
    assert len(hashes) == 3
    keys = _row_keys("api")
    assert len(keys) == 3
    assert {key.rsplit(":r", 1)[1] for key in keys} == hashes
    # Another list of the same acts reads the cached representations: the same items.
    second = client.get(url, {"year": "2022"}).json()
    assert second["results"] == first["results"]
    assert second["count"] == 3
    assert len(_row_keys("api")) == 3


def test_an_act_without_a_frozen_record_is_keyed_by_its_last_change():
    act = Deliberation(pk=7)
    act.updated_at = datetime.datetime(2022, 10, 20, 9, 30, tzinfo=datetime.UTC)
    assert rows.identity(act) == "a7-1666258200.000000"


def test_the_cache_off_renders_every_row(client, settings, rendered_rows):
    settings.PUBLIC_CACHE_SECONDS = 0
    make_published(2)
    client.get(reverse(LIST))
    assert rendered_rows.taken() == 2
    client.get(reverse(LIST), {"year": "2022"})
    assert rendered_rows.taken() == 2
    assert _row_keys("item") == []


@pytest.mark.parametrize("name, params", [
    (LIST, {}), (LIST, {"year": "2022"}), ("api:deliberation-list", {}),
    ("api:deliberation-list", {"matter": "5.7", "year": "2022"}),
])
def test_query_counts_stay_constant_with_the_row_cache(client, name, params):
    # Published acts carry their frozen record (the API reads it, never rebuilds it).
    make_published(1)
    one = count_queries(client, reverse(name), params)
    make_published(29)
    cache.delete_many(_row_keys("item") + _row_keys("api"))
    cold = count_queries(client, reverse(name), {**params, "sort": "date_asc"})
    warm = count_queries(client, reverse(name), {**params, "sort": "date_asc", "page": "1"})
    assert one == cold, f"{name}: {one} queries for 1 row, {cold} for 30"
    assert warm <= cold
