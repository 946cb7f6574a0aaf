"""The project read from the real text of seed 003, checked against counts made by hand.

How the counts below were made: reading chapter 03 of the document ("Le plan d'actions avec 4
grandes priorités") from the text file, one stake per "Parce que …, il nous faut : → …"
sentence (plus, in priority 4, the two headings "Développer la formation continue et
l'apprentissage" and "Fédérer les outils et acteurs de l'emploi et de la formation" that open
a stake without a "Parce que"; in priority 1, the single "Mobiliser les communes …" line and
its three levers), then the numbered objectives of each stake, then the "-" or "→" action
lines under each objective (photo captions and figures left out). Where the document
announces a count ("En trois objectifs", "4 actions pour réduire la part modale de la voiture"
— which are 4 objectives —, "Les 7 objectifs pour développer l'attractivité", "trois
leviers"…), it matches the list below.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from deliberations.minutes.seeding import seed_file
from territory_project.parsing import cited_figures, clean, parse_project

# Per priority, per stake in the document's order: (start of the title, actions per objective).
HAND_COUNT = {
    1: [
        ("Mobiliser les communes", [1, 1, 1]),
    ],
    2: [
        ("Garantir l'approvisionnement et la qualité en eau", [5, 5, 5]),
        ("Protéger les habitants des risques naturels", [3]),
        ("Préserver les espaces agricoles et naturels", [1, 1, 3]),
        ("Protéger les écosystèmes", [5, 3, 3]),
        ("Réduire sensiblement la part modale de la voiture", [3, 3, 3, 2]),
        ("Développer une mobilité vertueuse", [1, 4, 1]),
        ("Garantir le désenclavement", [2]),
        ("Devenir une agglomération productrice", [1, 4]),
        ("Réduire l'impact énergétique des logements", [4]),
        ('Tendre vers une écologie "industrielle"', [3, 2, 2, 2]),
        ("Développer les circuits courts alimentaires", [2, 3]),
    ],
    3: [
        ("Garantir l'accès à l'offre culturelle", [3, 2, 3]),
        ("Promouvoir les événements culturels", [3, 4]),
        ("Développer la pratique du sport pour tous", [4, 2, 1, 2, 3]),
        ("Préserver et valoriser les paysages", [3, 3]),
        ("Assurer un logement digne", [2, 3, 2]),
        ("Proposer une offre de logements adaptée", [3, 3, 2]),
        ("Assurer un maillage de commerces", [5, 4]),
        ("Garantir un accès aux soins", [2, 3, 1]),
        ("Encourager la réussite éducative", [2, 3, 2]),
        ("Lutter contre l'illectronisme", [2, 2]),
        ("Favoriser l'autonomie, la citoyenneté", [2, 2]),
        ("Veiller à la tranquillité publique", [7, 3]),
    ],
    4: [
        ("Développer l'attractivité du territoire", [2, 1, 2, 2, 2, 2, 2]),
        ("Proposer une offre de formation initiale", [4]),
        ("Développer la formation continue et l'apprentissage", [2, 3]),
        ("Fédérer les outils et acteurs de l'emploi", [1, 5, 3]),
        ("Stimuler l'entrepreneuriat", [2, 4, 3, 2]),
        ("Développer l'innovation technologique", [5, 2, 2, 2]),
    ],
}
# The totals that follow from the table: stakes, objectives, actions per priority.
EXPECTED_TOTALS = {1: (1, 3, 3), 2: (11, 27, 76), 3: (12, 32, 88), 4: (6, 21, 53)}

PRIORITY_TITLES = [
    "Renforcer la coopération, soutenir les 100 communes et leurs habitants",
    "S'adapter aux conséquences du changement climatique & protéger la nature",
    "Garantir le « bien-vivre ensemble » et la proximité sur l'ensemble du territoire",
    "Accélérer les dynamiques de transition économique",
]


@pytest.fixture(scope="module")
def project():
    return parse_project(seed_file(Path(settings.SEEDS_DIR), "003"))


def test_hand_count_table_adds_up_to_the_stated_totals():
    for number, stakes in HAND_COUNT.items():
        totals = (len(stakes), sum(len(a) for _, a in stakes), sum(sum(a) for _, a in stakes))
        assert totals == EXPECTED_TOTALS[number]


def test_priorities_in_the_documents_order(project):
    assert [p.title for p in project.priorities] == PRIORITY_TITLES
    assert project.title == "L'Agglo 100% durable"
    assert (project.start_year, project.end_year) == (2022, 2032)
    assert project.adopted_on.isoformat() == "2022-12-06"


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_stakes_objectives_and_actions_match_the_hand_count(project, number):
    priority = project.priorities[number - 1]
    read = [(s.title, [len(o.actions) for o in s.objectives]) for s in priority.stakes]
    assert len(read) == len(HAND_COUNT[number])
    for (title, actions), (expected_start, expected_actions) in zip(
            read, HAND_COUNT[number], strict=True):
        assert title.startswith(expected_start), title
        assert actions == expected_actions, title
    stakes, objectives, actions = EXPECTED_TOTALS[number]
    assert len(priority.stakes) == stakes
    assert sum(len(s.objectives) for s in priority.stakes) == objectives
    assert sum(len(o.actions) for s in priority.stakes for o in s.objectives) == actions


def test_interleaved_columns_put_objectives_back_in_their_stake(project):
    mobility = project.priorities[1].stakes[4]
    assert [o.number for o in mobility.objectives] == [1, 2, 3, 4]
    assert mobility.objectives[3].title == (
        "Accompagner les acteurs par des projets de mobilité innovants")
    attractiveness = project.priorities[3].stakes[0]
    assert attractiveness.objectives[6].title == (
        "Développer le secteur du tourisme et des loisirs, le tourisme d'affaire")
    assert project.priorities[3].stakes[1].objectives[0].title == (
        "Adapter et valoriser l'offre de formation initiale")


def test_captions_and_remarks_are_not_actions(project):
    titles = [a.title for p in project.priorities for s in p.stakes for o in s.objectives
              for a in o.actions]
    assert "Cluster Territoire Intelligent" not in titles
    assert not any(t.startswith("Le développement de l'économie circulaire") for t in titles)
    assert not any(t.startswith(("Les 2 objectifs", "Deux objectifs")) for t in titles)
    # The sport stake's first objective goes on after a photo.
    sport = project.priorities[2].stakes[2].objectives[0]
    assert sport.actions[2].title.startswith("Optimiser le fonctionnement")


def test_rationale_and_cited_figures(project):
    water = project.priorities[1].stakes[0]
    assert water.rationale.startswith("Parce qu'à long terme nous risquons une perte de 20 à")
    assert water.figures == ["20 à 30%", "3,7 millions m³/an"]
    housing = project.priorities[2].stakes[4]
    assert housing.figures == ["9%", "6%"]
    # Priority 1 says why in its introduction.
    assert "parce qu'elles agissent dans la proximité" in project.priorities[0].stakes[0].rationale
    assert project.priorities[3].stakes[2].rationale == ""


def test_seven_social_functions_with_three_findings_each(project):
    functions = project.social_functions
    assert [f.name for f in functions] == [
        "Se déplacer", "Habiter", "Travailler", "S'approvisionner", "Être en forme",
        "Apprendre", "S'épanouir",
    ]
    assert all(len(f.findings) == 3 for f in functions)
    assert functions[2].findings[0] == "Conforter l'attractivité économique du territoire."
    assert functions[5].findings[0] == "Lutter contre l'illettrisme et l'illectronisme."


# Each indicator as seed 003 states it: the figure with the document's qualifier, a year or
# period only when the text gives one, the comparison, and every stated target with its
# horizon (None: the document gives none), each beside the words of the seed line.
INDICATORS = {
    # code: (baseline, qualifier, year, period, comparison, targets, seed words)
    "forages": (35, "", None, "", None, [], "dispose de **35 forages**"),
    "pertes-reseau-eau": (3.7, "plus de", None, "", None, [],
                          "perd plus de 3,7 millions m<sup>3</sup>/an"),
    "arretes-catastrophe-naturelle": (583, "", None, "en 40 ans", None, [],
                                      "583 arrêtés de catastrophe naturelle en 40 ans"),
    "communes-ppri": (78, "", None, "", None, [], "(78% des communes de l'agglomération"),
    "artificialisation": (900, "", None, "entre 2010 et 2020", None, [],
                          "entre 2010 et 2020, nous avons perdu 3% de la surface agricole "
                          "utile et artificialisé 900 ha"),
    "dechets-par-habitant": (770, "", None, "", 500, [("change", -15, "%", 2030)],
                             "770kg de déchets par an et par habitant (500kg au national)"),
    "valorisation-matiere": (None, "", None, "", None,
                             [("level", 65, "%", 2025), ("level", 67, "%", 2031)],
                             "65% de valorisation matières et déchets organiques d'ici 2025 "
                             "et 67% en 2031"),
    "reemploi-dechets": (None, "", None, "", None, [("level", 5, "%", 2030)],
                         "le réemploi de 5% des déchets ménagers pour 2030"),
    "centre-valorisation-energetique": (None, "", None, "", None,
                                        [("milestone", None, "", 2026)],
                                        "Construire un nouveau Centre de Valorisation "
                                        "Energétique d'ici 2026"),
    "part-modale-voiture": (71, "", None, "", None, [], "la part modale de la voiture (71%)"),
    "vehicules-electriques": (0.42, "", None, "", None, [],
                              "en mobilité électrique n'est que de 0,42%"),
    "consommation-energetique": (None, "", None, "", None, [("change", -36, "%", 2050)],
                                 "réduire notre consommation énergétique de 36% d'ici 2050"),
    "energies-renouvelables": (2, "", 2018, "", None, [("change", 25, "%", 2050)],
                               "En 2018, une étude énergétique"),
    "logements-indignes": (9, "", None, "", 6, [],
                           "un taux de 9% de logements indignes pour une moyenne "
                           "départementale de 6%"),
    # "l'objectif de 1000 logements supplémentaires": a target, not a figure of 2022.
    "logements-supplementaires": (None, "", None, "", None,
                                  [("level", 1000, "logements par an", None)],
                                  "le PLH définit un besoin de 1 000 logements "
                                  "supplémentaires par an"),
    "exploitations-agricoles": (579, "", None, "", None, [], "**579 exploitations agricoles**"),
    "exploitations-circuits-courts": (28, "près de", None, "", None, [],
                                      "dont près de 28% sont référencées en circuits courts"),
    "exploitations-bio": (32, "", None, "", None, [("change", 20, "%", None)],
                          "l'on vise un accroissement des exploitations en bio de 20%"),
    "medecins-generalistes": (114, "", None, "", 132, [],
                              "114 généralistes pour 100 000 habitants, alors que la moyenne "
                              "départementale est de 132"),
    "nageurs-moins-de-12-ans": (None, "", None, "", None, [("level", 100, "%", None)],
                                "atteindre 100% de nageurs chez les moins de 12 ans"),
    "illectronisme": (17, "", None, "", None, [], "notre taux d'illectronisme est de 17%"),
    "associations": (12, "", None, "", 14, [], "**12 associations en moyenne pour 1000 "
                     "habitants**; un nombre cependant inférieur aux moyennes départementale "
                     "(14)"),
    "bornes-irve": (None, "", None, "", None, [("level", 100, "bornes", 2024)],
                    "déploiement des IRVE, objectifs 100 bornes en 2024"),
}
SEED_003 = seed_file(Path(settings.SEEDS_DIR), "003")


def test_every_indicator_of_the_document_is_read():
    assert [i.code for i in parse_project(SEED_003).indicators] == list(INDICATORS)


@pytest.mark.parametrize("code", INDICATORS)
def test_indicator_is_stored_as_the_seed_line_states_it(project, code):
    baseline, qualifier, year, period, comparison, targets, seed_words = INDICATORS[code]
    assert seed_words in SEED_003
    indicator = next(i for i in project.indicators if i.code == code)
    assert (indicator.baseline_value, indicator.baseline_qualifier, indicator.baseline_year,
            indicator.baseline_period, indicator.comparison_value) == (
        baseline, qualifier, year, period, comparison)
    assert [(t.kind, t.value, t.unit, t.year) for t in indicator.targets] == targets
    flat = re.sub(r"\s+", " ", clean(SEED_003))
    for target in indicator.targets:
        assert target.wording in flat
    if baseline is not None:
        assert f"{baseline:g}".replace(".", ",") in indicator.source_sentence


def test_no_figure_is_dated_2022_by_default(project):
    assert {i.baseline_year for i in project.indicators} == {None, 2018}


@pytest.mark.parametrize(("text", "expected"), [
    ("perd plus de 3,7 millions m<sup>3</sup>/an", "perd plus de 3,7 millions m³/an"),
    ("**1ère** → *Risques*", "1ère → Risques"),
    ("aides\\* [emploi.fr](http://emploi.fr)", "aides emploi.fr"),
    ("Acteurs économiques &amp; culturels", "Acteurs économiques & culturels"),
])
def test_clean(text, expected):
    assert clean(text) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Parce qu'entre 2010 et 2020, nous avons perdu 3% de la SAU et artificialisé 900 ha",
     ["3%", "900 ha"]),
    ("un besoin de 1 000 logements supplémentaires par an", ["1 000"]),
    ("réduire notre consommation énergétique de 36% d'ici 2050", ["36%"]),
])
def test_cited_figures(sentence, expected):
    assert cited_figures(sentence) == expected


def test_each_indicator_row_of_the_data_file_names_the_line_it_reads(project):
    """territory_project/data/indicators.json: each row's `ligne` is the line of seed 003
    where its figure (or its first target) is stated."""
    from territory_project.parsing import INDICATOR_SPECS

    lines = SEED_003.splitlines()
    read = {indicator.code: indicator.line + 1 for indicator in project.indicators}
    assert len(INDICATOR_SPECS) == 23
    for spec in INDICATOR_SPECS:
        assert spec.line == read[spec.code], spec.code
        assert lines[spec.line - 1].strip(), spec.code
