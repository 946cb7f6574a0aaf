"""The cached parts of the public lists (deliberations/publication/rows.py): filter fields,
capped counts, SCDL coverage, search rows with their highlight filled per query, the API's
plain representations. A page read from them is the page rendered without them; a
publication brings new ones; a warm page reads only its rows."""

import datetime
import pickle

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deliberations.models import Deliberation
from deliberations.publication import rows
from deliberations.publication.filters import DeliberationFilter
from tests.deliberations.test_public_pages import make_published
from tests.factories import DeliberationFactory, SessionFactory, publish

# Fixtures `seed_records` and `draft`.
pytest_plugins = ["tests.portal.public_data"]
pytestmark = pytest.mark.django_db
FIELD = "deliberations/_field.html"
LIST = "deliberations:deliberation_list"
API = "api:deliberation-list"


@pytest.fixture
def parts_cache(settings):
    """The row and part cache on, the page cache off (each request computes its page)."""
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.PUBLIC_ROW_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def _get(name, params):
    response = Client().get(reverse(name), params)
    assert response.status_code == 200
    return response


def _queries(name, params):
    with CaptureQueriesContext(connection) as context:
        response = _get(name, params)
    return len(context.captured_queries), response


def _rendered(response, template):
    return sum(1 for used in response.templates if used.name == template)


@pytest.mark.parametrize("name, params, shown", [
    (LIST, {}, "<strong>2</strong> délibérations</p>"),
    (LIST, {"year": "2022", "sort": "date_asc"}, "<strong>2</strong> délibérations</p>"),
    (LIST, {"q": "territoire"}, "projet de <mark>territoire</mark> afin de construire"),
    (LIST, {"q": "rapport", "matter": "5.7"},
     "<mark>RAPPORT</mark> D&#x27;ACTIVITES DU POLE METROPOLITAIN"),
    (LIST, {"year": "1999"}, "Sélectionnez un choix valide. 1999 n’en fait pas partie."),
    (API, {}, '"count":2,"count_capped":false'),
    (API, {"q": "territoire", "year": "2022"}, '"count":1,"count_capped":false'),
])
def test_the_seed_lists_read_from_the_cache_are_the_pages_rendered_without_it(
    settings, seed_records, name, params, shown, rendered_rows
):
    settings.PUBLIC_CACHE_SECONDS = 0
    cache.clear()
    plain = _get(name, params).content.decode()
    settings.PUBLIC_ROW_CACHE_SECONDS = 300
    cold = _get(name, params).content.decode()
    rendered_rows.taken()
    warm = _get(name, params)
    assert shown in plain
    assert cold == plain
    assert warm.content.decode() == plain
    assert rendered_rows.taken() == 0
    cache.clear()


def test_the_seed_list_shows_its_scdl_coverage_from_the_cache(parts_cache, seed_records):
    _get(LIST, {})
    html = _get(LIST, {"sort": "date_asc"}).content.decode()
    assert ("(schéma SCDL « Délibérations » 2.1.5)</a> : 0 délibération sur 2. Le schéma "
            "national exige des valeurs que le portail ne détient pas pour 2 délibérations, "
            "laissées de côté :") in html
    assert ("<li>2 délibérations : la collectivité n&#x27;a pas enregistré son SIRET "
            "(COLL_SIRET) ;</li>") in html


@pytest.mark.parametrize("name, params, warm_queries", [
    (LIST, {}, 1),
    (LIST, {"year": "2022"}, 1),
    (LIST, {"q": "logement"}, 1),
    (API, {}, 1),
    (API, {"matter": "5.7", "year": "2022"}, 1),
])
def test_a_warm_list_reads_only_its_page_of_acts(parts_cache, name, params, warm_queries):
    make_published(3)
    cold, _ = _queries(name, params)
    warm, response = _queries(name, params)
    assert warm == warm_queries
    assert cold > warm
    make_published(27)
    cache.clear()
    _queries(name, params)
    assert _queries(name, params)[0] == warm_queries
    assert _rendered(response, FIELD) == 0


def test_a_publication_brings_new_counts_choices_and_rows(parts_cache, rendered_rows):
    body = make_published(2)
    before = _get(LIST, {}).content.decode()
    assert "<strong>2</strong> délibérations</p>" in before
    assert '<option value="2023">' not in before
    session = SessionFactory(body=body, date=datetime.date(2023, 3, 2), convened_on=None)
    act = DeliberationFactory(published=True, status=Deliberation.Status.DRAFT, session=session,
                              title="Tarifs de la piscine intercommunale")
    publish(act)
    rendered_rows.taken()
    after = _get(LIST, {"sort": "date"})
    html = after.content.decode()
    assert "<strong>3</strong> délibérations</p>" in html
    assert '<option value="2023">2023</option>' in html
    assert "Tarifs de la piscine intercommunale</a>" in html
    assert "Séance du 2 mars 2023" in html
    assert rendered_rows.taken() == 3  # a new generation: every row rendered again
    assert _get(API, {"year": "2023"}).json()["count"] == 1


def test_a_field_with_errors_is_rendered_each_time(parts_cache):
    make_published(1)
    for _ in range(2):
        response = _get(LIST, {"year": "1999"})
        assert "Sélectionnez un choix valide. 1999 n’en fait pas partie." in \
            response.content.decode()
    # The year field only: the others come from the cache the second time.
    assert _rendered(response, FIELD) == 1


def test_search_rows_are_cached_with_their_highlight_filled_for_each_query(
    parts_cache, settings, rendered_rows
):
    make_published(3)
    _get(LIST, {"q": "logement"})
    assert rendered_rows.taken() == 3
    assert len([key for key in cache._cache if ":rows:search:" in key]) == 3
    second = _get(LIST, {"q": "subvention"})
    assert rendered_rows.taken() == 0
    html = second.content.decode()
    for i in range(3):
        assert f"<mark>Subvention</mark> au logement n° {i}</a></h3>" in html
    assert rows.TITLE_SLOT not in html and rows.SNIPPET_SLOT not in html
    settings.PUBLIC_ROW_CACHE_SECONDS = 0
    assert _get(LIST, {"q": "subvention"}).content.decode() == html


def test_the_api_caches_plain_values_not_the_act(parts_cache):
    make_published(1)
    results = _get(API, {}).json()["results"]
    (key,) = [key for key in cache._cache if ":rows:api:" in key]
    stored = cache.get(key.split(":", 2)[2])
    assert type(stored["api_url"]) is str
    assert type(stored["session"]["api_url"]) is str
    assert b"django.db.models" not in pickle.dumps(stored)
    assert stored["api_url"] == results[0]["api_url"]


def _key(query: str) -> str:
    return rows.filter_key(DeliberationFilter(QueryDict(query)))


def test_addresses_that_filter_the_same_acts_share_a_key():
    make_published(1)  # year 2022 is a choice
    assert _key("year=2022&sort=date") == _key("sort=date_asc&page=2&year=2022")
    assert _key("") == _key("sort=date") == _key("year=")
    assert _key("year=2022") != _key("")
    assert _key("q=logement") != _key("q=logements")
    # An invalid value does not filter (left out of cleaned_data): the same set as none.
    assert _key("year=1999") == _key("")
