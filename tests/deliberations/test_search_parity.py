"""Search finds the same acts on SQLite (FTS5 of Snowball stems) and on PostgreSQL (stored
`french_unaccent` vector): each test runs on whichever database the suite uses, and expects
the very same results, written once below."""

import datetime

import pytest
from django.db import connection

from deliberations.models import Deliberation
from portal.kernel.search import STOPWORDS, WORD, search_terms, stem
from tests.factories import DeliberationFactory, SessionFactory

pytestmark = pytest.mark.django_db

# key: (session, item number, title, theme, report + decision)
ACTS = {
    "logement": ("new", 1, "Aide au logement des jeunes travailleurs", "HABITAT",
                 "Le dispositif a été prolongé d'un an."),
    "sociaux": ("new", 2, "Programme local de l'habitat", "HABITAT",
                "Construction de logements sociaux à Béthune."),
    "francaise": ("new", 3, "Adhésion à l'Union française des villes", "", ""),
    "franc": ("new", 4, "Cession d'un terrain pour un franc symbolique", "", ""),
    "calais": ("new", 5, "Convention avec la communauté urbaine de Calais", "", ""),
    "rapport": ("old", 1, "Rapport d'activités 2022 du syndicat", "",
                "AUTORISE le Président à signer tout document s'y rapportant."),
    "effectifs": ("old", 2, "Tableau des effectifs", "LOGEMENT", ""),
    "palais": ("old", 3, "Travaux au palais des sports", "", ""),
    "ete": ("old", 4, "Animations estivales", "", "Les animations de l'été 2023."),
}

# query → keys of the acts found, newest session first then item number (LIST_ORDER).
# "française"/"franc" and "Calais"/"palais" are words snowballstemmer 3.0 stems unlike
# PostgreSQL; "été" is no stop word once PostgreSQL has removed its accents; "sont" and
# "s'y" are stop words for both.
EXPECTED = {
    "logements": ["logement", "sociaux", "effectifs"],
    "LOGEMENT social": ["sociaux"],
    "logements sont": ["logement", "sociaux", "effectifs"],
    "française": ["francaise"],
    "franc": ["franc"],
    "Calais": ["calais"],
    "palais des sports": ["palais"],
    "s'y rapportant": ["rapport"],
    "rapport d’activites": ["rapport"],
    "été": ["logement", "ete"],
    "de la": [],
    "logement autoroute": [],
}


@pytest.fixture
def acts():
    sessions = {
        "new": SessionFactory(date=datetime.date(2023, 3, 14), convened_on=None),
        "old": SessionFactory(date=datetime.date(2022, 10, 18), convened_on=None),
    }
    made = {}
    for key, (session, item, title, theme, text) in ACTS.items():
        made[key] = DeliberationFactory(
            published=True, session=sessions[session], item_number=item, slug=key,
            title=title, theme=theme, report=text, decision="",
        )
    return made


@pytest.mark.parametrize("query, expected", EXPECTED.items())
def test_same_acts_found_on_both_databases(acts, query, expected):
    found = Deliberation.objects.published().search(query).order_by(
        "-session_date", "-session_id", "item_number", "id"
    )
    assert [d.slug for d in found] == expected


def test_title_then_theme_then_text_when_ranked(acts):
    """best_first: a match in the title (PostgreSQL's weight A) before one in the theme (B),
    before one in the text (C), on both databases."""
    ranked = list(Deliberation.objects.published().search("logement").best_first())
    assert [d.slug for d in ranked] == ["logement", "effectifs", "sociaux"]
    assert ranked[0].rank > ranked[1].rank > ranked[2].rank > 0
    assert ranked[0].title_highlight == "Aide au \x02logement\x03 des jeunes travailleurs"


def test_index_follows_bulk_create_update_and_delete(acts):
    """Whatever writes the row (bulk_create, update, delete: no save()), the full-text index
    follows: a trigger on each database. A draft is rewritten and deleted (a published act
    no longer can be, immutability.py); a published one is found by the public search."""
    template = acts["palais"]

    def bulk(slug, title, status):
        return Deliberation.objects.bulk_create([Deliberation(
            session=template.session, body_id=template.body_id, year=template.year,
            session_date=template.session_date, item_number=9, slug=slug, title=title,
            status=status, published_on=template.published_on if status == "published" else None,
        )])[0]

    draft = bulk("brouillon", "Subvention aux ornithologues", "adopted")
    search = Deliberation.objects.search
    assert [d.slug for d in search("ornithologue")] == ["brouillon"]
    assert list(Deliberation.objects.published().search("ornithologue")) == []
    Deliberation.objects.filter(pk=draft.pk).update(title="Subvention aux apiculteurs")
    assert list(search("ornithologue")) == []
    assert [d.slug for d in search("apiculteur")] == ["brouillon"]
    Deliberation.objects.filter(pk=draft.pk).delete()
    assert list(search("apiculteur")) == []
    bulk("publiee", "Subvention aux ornithologues", "published")
    assert [d.slug for d in Deliberation.objects.published().search("ornithologue")] == [
        "publiee"]


def test_python_stems_are_postgresql_lexemes(acts):
    """Every word of the records: the Snowball stem portal.kernel.search gives SQLite is the lexeme
    PostgreSQL's `french_unaccent` configuration indexes, and the same words are dropped."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's french configuration to compare with")
    texts = Deliberation.objects.values_list("title", "theme", "report", "decision")
    words = sorted({w for row in texts for text in row for w in WORD.findall(text)}
                   | {"les", "été", "sont", "où", "française", "calais", "palais"})
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, to_tsvector('french_unaccent', w)::text FROM unnest(%s::text[]) AS w",
            [words],
        )
        postgresql = dict(cursor.fetchall())
    python = {w: "" if not search_terms(w) else f"'{stem(w)}':1" for w in words}
    assert python == postgresql
    assert "ete" not in STOPWORDS and "les" not in STOPWORDS


def test_a_broad_search_ranks_its_newest_matches_only(acts, monkeypatch):
    """best_first ranks at most SEARCH_CANDIDATES matches, the newest ones (a search matching
    most acts does not compute the rank of each); sorted by date, all matches are listed."""
    from deliberations import querysets

    monkeypatch.setattr(querysets, "SEARCH_CANDIDATES", 2)
    matches = Deliberation.objects.published().search("logement")
    # The newest two matches ("logement", "sociaux"), ranked; "effectifs" (older) left out.
    assert [d.slug for d in matches.best_first()] == ["logement", "sociaux"]
    assert matches.count() == 3
