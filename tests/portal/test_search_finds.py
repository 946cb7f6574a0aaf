"""Search that finds, on the seed records (sessions, activity reports, territorial project):
singular and plural, members, every matching item of a report, objectives, indicators and
social functions, counts equal to what paging reaches, a suggestion for a misspelling. The
expected values are written once: the suite runs them on SQLite and on PostgreSQL."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from portal.kernel import sitesearch, suggestions


@pytest.fixture(scope="module")
def seeds(django_db_setup, django_db_blocker):
    """Every seed loaded once for the module, rolled back at its end."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            for command in ("load_seed_records", "load_pma_reports", "load_territorial_project"):
                call_command(command, verbosity=0)
            yield
            transaction.set_rollback(True)


@pytest.fixture
def records(seeds, db):
    return None


def every_hit(query, key, per_page=7):
    """Every hit of one kind, page after page, and the total the first page announced."""
    first = sitesearch.search_kind(query, key, page=1, per_page=per_page)
    hits = list(first.group.hits)
    for number in range(2, first.num_pages + 1):
        hits += sitesearch.search_kind(query, key, page=number, per_page=per_page).group.hits
    return hits, first.group.total


def titles(query, key):
    hits, total = every_hit(query, key)
    assert len(hits) == total
    return [hit.title for hit in hits]


def test_velo_finds_velos_and_the_reverse(records):
    """Seed 003 writes "vélos" in one action and "vélo" elsewhere; seed 001 "vélo" once."""
    beginnings = [
        "Fonction sociale : Se déplacer",
        "Action : Développer un service de vélos en libre-service sur",
        "Action : Renouveler le Pass'Mobil'Agglo pour l'aide à l'achat de vélos",
    ]
    found = titles("vélo", "territory_project")
    assert len(found) == 3
    assert all(t.startswith(b) for t, b in zip(found, beginnings, strict=True)), found
    assert titles("vélos", "territory_project") == found
    assert titles("VELO", "territory_project") == found
    assert len(titles("vélo", "rapports")) == len(titles("vélos", "rapports")) == 1


def test_bossart_finds_the_member(client, records):
    response = client.get(reverse("portal:site_search"), {"q": "Bossart"})
    [members] = [g for g in response.context["groups"] if g.kind.key == "elus"]
    assert [(h.title, h.url) for h in members.hits] == [
        ("BOSSART Steve", reverse("portal:member_detail", args=["bossart-steve"]))]
    assert titles("steve bossart", "elus") == ["BOSSART Steve"]


def test_every_count_is_reached_by_paging(client, records):
    """"mobilité": 20 project results (stakes, objectives, actions, an indicator, a social
    function), 12 actions of the reports, 5 publications, 1 act; the overview shows 10 per
    kind and links to the rest."""
    totals = {}
    for group in sitesearch.search_all("mobilité"):
        hits, total = every_hit("mobilité", group.kind.key)
        assert len(hits) == total == group.total
        assert len({hit.url for hit in hits}) == total
        totals[group.kind.key] = total
    assert totals == {"deliberations": 1, "territory_project": 20, "rapports": 12,
                      "publications": 5}
    html = client.get(reverse("portal:site_search"), {"q": "mobilité"}).content.decode()
    assert ('<a href="?q=mobilit%C3%A9&amp;type=territory_project">Voir les 20 résultats : '
            "Projet de territoire</a>") in html
    assert "Voir les 5 résultats" not in html  # 5 publications: all shown already
    # 20 per page: one page; a page past the last one shows the last one.
    for number in ("1", "2", "x"):
        page = client.get(reverse("portal:site_search"),
                          {"q": "mobilité", "type": "territory_project", "page": number})
        assert page.context["kind_page"].number == 1
        assert "Projet de territoire (20 résultats) — 1 à 20" in page.content.decode()


def test_mobilite_reaches_objectives_indicators_and_social_functions(records):
    found = titles("mobilité", "territory_project")
    kinds = [title.split(" : ")[0] for title in found]
    assert {kind: kinds.count(kind) for kind in set(kinds)} == {
        "Enjeu": 1, "Objectif": 3, "Action": 14, "Indicateur": 1, "Fonction sociale": 1}
    assert "Indicateur : Part des véhicules électriques dans le parc" in found
    assert "Fonction sociale : Se déplacer" in found


def test_every_matching_item_of_a_report_is_shown(records):
    """"cadastre solaire": one action of the 2021 report, three of the 2020 report."""
    hits, total = every_hit("cadastre solaire", "rapports")
    assert total == 4
    assert [hit.title.split(" — ")[0] for hit in hits].count(
        "Rapport d'activités 2020 du Pôle Métropolitain de l'Artois") == 3
    assert all("#action-" in hit.url for hit in hits)
    assert len({hit.url for hit in hits}) == 4


def test_a_misspelling_gets_a_suggestion(client, records):
    response = client.get(reverse("portal:site_search"), {"q": "cadastre solère"})
    assert response.context["groups"] == []
    html = response.content.decode()
    assert "Aucun résultat pour « cadastre solère »." in html
    assert ('Vouliez-vous dire : <a href="?q=cadastre%20solaire">cadastre solaire</a> ?'
            in html)
    assert suggestions.suggest("cadastre solère") == "cadastre solaire"
    # A query that finds something gets no suggestion; gibberish gets none either.
    assert client.get(reverse("portal:site_search"),
                      {"q": "cadastre solaire"}).context["suggestion"] is None
    assert suggestions.suggest("zzqxw") is None


def test_trigram_similarity_is_pg_trgm_s():
    # pg_trgm: similarity('solere', 'solaire') = 4 / 11, similarity('solere', 'soleil') = 4 / 10
    assert float(suggestions.similarity("solere", "solaire")) == pytest.approx(4 / 11)
    assert float(suggestions.similarity("solere", "soleil")) == pytest.approx(0.4)
    assert suggestions.trigrams("sol") == {"  s", " so", "sol", "ol "}
