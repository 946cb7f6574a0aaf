"""The site-wide search page (/recherche/): every registered kind, grouped, drafts never shown."""

import pytest
from django.urls import reverse

from portal.kernel import sitesearch
from tests.portal.public_data import DRAFT_WORD

# Fixtures `seed_records` and `draft`.
pytest_plugins = ["tests.portal.public_data"]
pytestmark = pytest.mark.django_db


def test_projet_de_territoire_finds_the_council_deliberation_grouped_under_deliberations(
        client, seed_records):
    response = client.get(reverse("portal:site_search"), {"q": "projet de territoire"})
    assert response.status_code == 200
    groups = response.context["groups"]
    [deliberations] = [g for g in groups if g.kind.key == "deliberations"]
    assert deliberations.kind.label == "Délibérations"
    assert deliberations.total == 1
    [hit] = deliberations.hits
    assert hit.date.isoformat() == "2022-12-06"
    assert "<h2 id=\"resultats-deliberations\">Délibérations (1 résultat)</h2>" in (
        response.content.decode())


def test_a_draft_is_not_found(client, seed_records, draft):
    response = client.get(reverse("portal:site_search"), {"q": DRAFT_WORD})
    assert response.context["groups"] == []
    assert f"Aucun résultat pour « {DRAFT_WORD} »." in response.content.decode()


def test_an_empty_query_searches_nothing(client, seed_records):
    response = client.get(reverse("portal:site_search"), {"q": "   "})
    assert response.status_code == 200
    assert response.context["groups"] == []


def test_the_page_runs_a_constant_number_of_queries(client, seed_records,
                                                     django_assert_max_num_queries):
    # Three per registered kind at most (SQLite match, count, page of hits).
    with django_assert_max_num_queries(3 * len(sitesearch.kinds())):
        client.get(reverse("portal:site_search"), {"q": "rapport"})


def test_providers_are_listed_in_their_order():
    calls = []

    def fake(query, limit, offset):
        calls.append((query, limit, offset))
        return [sitesearch.Hit("Titre", "/x/")], 1

    sitesearch.register("zz-test", "Essai", fake, order=-1)
    try:
        assert sitesearch.kinds()[0].key == "zz-test"
        groups = sitesearch.search_all("mot", limit=3)
        assert groups[0].kind.label == "Essai" and groups[0].total == 1
        assert calls == [("mot", 3, 0)]
    finally:
        sitesearch._REGISTRY.pop("zz-test")


def test_the_header_search_box_searches_the_whole_portal(client, seed_records):
    page = client.get(reverse("deliberations:session_list")).content.decode()
    assert ('<form class="header-search" role="search" method="get" action="/recherche/">'
            in page)
    assert '<label for="recherche-entete">Rechercher dans le portail</label>' in page
