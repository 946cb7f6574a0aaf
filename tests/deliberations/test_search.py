"""Full-text search (issue point 4): French, accent-insensitive, word forms, ranked, snippets.

Runs on SQLite (Python fallback) and on PostgreSQL (stored vector, french_unaccent)."""

import pytest
from django.urls import reverse

from deliberations.models import Deliberation
from portal.kernel.search import MARK_START, MARK_STOP, search_term_groups, search_terms
from tests.factories import DeliberationFactory

# Fixtures `seed_records` and `draft`.
pytest_plugins = ["tests.portal.public_data"]
pytestmark = pytest.mark.django_db


def _search(query):
    return list(Deliberation.objects.published().search(query).order_by("-rank"))


def test_rapport_d_activites_finds_the_bureau_deliberation_of_18_october_2022(seed_records):
    results = _search("rapport d'activités")
    assert results, "no result"
    first = results[0]
    assert first.session.body.kind == "bureau"
    assert first.session.date.isoformat() == "2022-10-18"
    assert "RAPPORT D'ACTIVITES" in first.title.upper()


def test_projet_de_territoire_finds_the_council_deliberation_of_6_december_2022(seed_records):
    first = _search("projet de territoire")[0]
    assert first.session.body.kind == "conseil"
    assert first.session.date.isoformat() == "2022-12-06"
    assert "PROJET DE TERRITOIRE" in first.title


@pytest.mark.parametrize("query", [
    "RAPPORT D'ACTIVITÉS", "rapport d’activites", "Activités", "rapports", "activite",
])
def test_search_ignores_case_accents_and_plural(seed_records, query):
    titles = [d.title for d in _search(query)]
    assert any("RAPPORT D'ACTIVITES" in t for t in titles), (query, titles)


def test_plural_finds_singular_and_back(seed_records):
    session = Deliberation.objects.published().first().session
    housing = DeliberationFactory(
        published=True, session=session, item_number=None,
        title="Aide au logement des jeunes travailleurs", report="", theme="HABITAT",
    )
    assert housing in _search("logements")
    assert housing in _search("logement")
    assert housing in _search("LOGEMENT jeune")
    assert housing not in _search("logement autoroute")  # every word must match


def test_results_carry_rank_and_highlighted_snippet(seed_records):
    first = _search("projet de territoire")[0]
    assert first.rank > 0
    assert f"{MARK_START}" in first.title_highlight and MARK_STOP in first.title_highlight
    assert "projet" in first.title_highlight.lower()


def test_title_match_ranks_before_a_text_only_match(seed_records):
    session = Deliberation.objects.published().first().session
    in_text = DeliberationFactory(
        published=True, session=session, item_number=None, title="Subvention au club",
        report="Le club contribue au projet de territoire de la communauté.",
    )
    results = _search("projet de territoire")
    assert in_text in results
    assert results.index(in_text) > 0
    assert "PROJET DE TERRITOIRE" in results[0].title


def test_search_never_returns_a_draft(draft):
    assert _search("zanzibar") == []
    assert Deliberation.objects.search("zanzibar").filter(pk=draft.pk).exists()


def test_stop_words_only_query_returns_nothing(seed_records):
    assert _search("de la") == []


def test_search_terms_fold_accents_elisions_and_word_forms():
    """Snowball French stems, as PostgreSQL's `french` configuration computes them."""
    assert search_terms("Rapport d'Activités") == ["rapport", "activit"]
    # "les" is not in PostgreSQL's French stop words (tsearch_data/french.stop): indexed there
    # as "le", so here too.
    assert search_terms("les logements sociaux") == ["le", "log", "social", "sociau"]
    assert search_term_groups("les logements sociaux") == [
        ("le",), ("log",), ("social", "sociau")]
    assert search_terms("le logement social") == ["log", "social"]
    # Snowball keeps the "s" after a vowel: singular and plural are searched together.
    assert search_term_groups("vélo") == search_term_groups("vélos") == [("velo", "velos")]
    assert search_terms("s'y rapportant") == ["rapport"]


def test_list_page_shows_count_highlight_and_keeps_filters_in_links(client, seed_records):
    response = client.get(
        reverse("deliberations:deliberation_list"), {"q": "projet de territoire", "year": "2022"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>1</strong> délibération" in html
    assert "<mark>" in html
    assert "export.csv?q=projet+de+territoire&amp;year=2022" in html
    assert "flux.atom?q=projet+de+territoire&amp;year=2022" in html


def test_sort_by_date_or_relevance(client, seed_records):
    url = reverse("deliberations:deliberation_list")
    by_date = client.get(url, {"q": "communauté", "sort": "date_asc"}).context["page"]
    dates = [d.session.date for d in by_date]
    assert dates == sorted(dates)
    by_rank = client.get(url, {"q": "territoire"}).context["page"]
    ranks = [d.rank for d in by_rank]
    assert ranks == sorted(ranks, reverse=True)


def test_postgresql_keeps_a_stored_vector_with_a_gin_index(seed_records):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no stored vector")
    deliberation = Deliberation.objects.published().first()
    deliberation.refresh_from_db()
    assert deliberation.search_vector  # filled by the trigger of migration 0003_search
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'deliberation_search_idx'"
        )
        (indexdef,) = cursor.fetchone()
    assert "gin" in indexdef.lower()
    # Updating the text updates the vector (trigger), with no Python involved: on a draft (a
    # published act's text no longer changes, immutability.py).
    draft = DeliberationFactory(session=deliberation.session, item_number=99)
    Deliberation.objects.filter(pk=draft.pk).update(title="Objet renommé : ornithorynques")
    assert Deliberation.objects.search("ornithorynque").filter(pk=draft.pk).exists()


def test_postgresql_keeps_finer_statistics_on_the_search_vector(db):
    """Migration 0035: the planner estimates a rare word from its own frequency (target
    1 000), and so joins a narrow search's few matches to their sessions by key instead of
    reading every session."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite searches its FTS5 table")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attrelid = "
            "'deliberations_deliberation'::regclass AND attname = 'search_vector'")
        assert cursor.fetchone() == (1000,)


@pytest.mark.django_db
def test_a_table_rebuilt_by_a_later_migration_keeps_its_search_triggers():
    """Migration 0024 rebuilds deliberations_deliberation on SQLite (a longer ballot column),
    which drops the search index's triggers; post_migrate puts them back, so a new act is
    found."""
    from django.db import connection

    from deliberations import search_index

    if connection.vendor != "sqlite":
        pytest.skip("index FTS5 propre à SQLite")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                       "AND name LIKE 'deliberations_search_%' ORDER BY name")
        assert [row[0] for row in cursor.fetchall()] == sorted(search_index.TRIGGERS)
