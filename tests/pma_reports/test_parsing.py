"""The report parsers on the real seed text (no database).

Hand counts, read from the documents:

2021 (seed 000, after the Bureau deliberation; "actions" are the top-level bullets • ● and
"- " lines, "sub-items" the ○ bullets and " - " lines):
- Décider ensemble, 3 objectives: "Gouverner…" 3 actions (5 Comités syndicaux; 2 réunions de
  l'Exécutif…; Intégration de quatre nouveaux délégués) / "Travailler…" 3 actions (Mise en
  place de Commissions, with 6 commissions as sub-items; Définition d'un calendrier;
  Information et outillage des Maires) / "Coordonner…" 3 actions (Priorité du début de
  mandat, 2 sub-items; Confortement AULA; Le PMA s'appuie…). 9 actions, 8 sub-items.
- Agir ensemble, 3 objectives: "Eco-transition" 6 actions (Turbine 6 sub-items, Plan solaire
  2, ENR friches, énergies fatales, Alimentation, Partenariat ADEME) / "Emploi…Innovation" 9
  (Parc d'innovation 4, site vitrine, recrutement, étude post-COVID, observatoire, Vallée de
  la mobilité électrique 3, Artois Hub Fluvial 2, SIMI, Osons nos Talents) / "culture" 3.
  18 actions, 8 + 9 = 17 sub-items.
- Peser ensemble, 2 objectives: "Faire valoir…" 4 actions (CRTE 3, Mobilités 2, ERBM 3,
  Dialogue avec l'Exécutif régional 5 — the document prints "Suite à cette initiative," and
  its three items at the same level) / "Intégrer les réseaux nationaux" 1. 5 actions, 13.

2020 (seed 001, OCR; paragraphs and bullets * e ¢ for actions, 0 for sub-items):
- Décider ensemble, 3 objectives, 2 actions each (renouvellement de la gouvernance with its 2
  sub-items: the president, the four vice-presidents; 5 Comités syndicaux / groupes
  thématiques; nouveau mandat / Le PMA s'appuie; Le PMA mobilise with 5 conventions). 6
  actions, 7 sub-items.
- Agir ensemble, 4 objectives: Cadre de vie 3 / Eco-transition 8 (Turbine 2, Animation 3,
  Plan solaire 2, Eco-transition et emploi 2) / Emploi 3 (agence 4, réflexion 3, Osons 2) /
  culture 3. 17 actions, 18 sub-items.
- Peser ensemble, 3 objectives: grands schémas régionaux 2 / financements 4 / réseaux 1. 7.
"""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from pma_reports import parsing
from pma_reports.seeding import REPORTS, read_report

SEEDS = Path(settings.SEEDS_DIR)


def _report(year):
    return read_report(SEEDS, next(source for source in REPORTS if source.year == year))[1]


def _shape(pillars):
    return [
        (pillar.title, [(o.title, len(o.actions), sum(len(a.children) for a in o.actions))
                        for o in pillar.objectives])
        for pillar in pillars
    ]


def test_2021_report_counts_per_pillar_and_objective():
    assert _shape(_report(2021)) == [
        ("Décider ensemble", [
            ("Gouverner et prendre des décisions", 3, 0),
            ("Travailler sur les grands enjeux du territoire", 3, 6),
            ("Coordonner l'action des collectivités et des outils d'ingénierie", 3, 2),
        ]),
        ("Agir ensemble", [
            ("Agir sur l'Eco-transition et la transition énergétique", 6, 8),
            ("Agir sur l'Emploi et le Développement économique et l'Innovation", 9, 9),
            ("Agir pour l'accès du plus grand nombre à la culture", 3, 0),
        ]),
        ("Peser ensemble", [
            ("Faire valoir les intérêts du territoire", 4, 13),
            ("Intégrer les réseaux nationaux", 1, 0),
        ]),
    ]


def test_2020_report_counts_per_pillar_and_objective():
    assert _shape(_report(2020)) == [
        ("Décider ensemble", [
            ("Gouverner et prendre des décisions", 2, 2),
            ("Travailler sur les grands enjeux du territoire", 2, 0),
            ("Coordonner l’action des collectivités et des outils d’ingénierie", 2, 5),
        ]),
        ("Agir ensemble", [
            ("Agir sur le Cadre de vie : réaliser la Chaîne des Parcs", 3, 0),
            ("Agir sur l’Eco-transition et la transition énergétique", 8, 9),
            ("Agir sur l’Emploi et le Développement économique", 3, 9),
            ("Agir pour l’accès du plus grand nombre à la culture", 3, 0),
        ]),
        ("Peser ensemble", [
            ("Faire valoir les intérêts du territoire dans les grands schémas régionaux", 2, 0),
            ("Faire converger les financements", 4, 0),
            ("Intégrer les réseaux nationaux", 1, 0),
        ]),
    ]


def test_2021_first_action_and_intro():
    pillars = _report(2021)
    first = pillars[0].objectives[0].actions[0]
    assert first.text.startswith("5 Comités syndicaux, réunissant 22 élus désignés par les 4 "
                                 "collectivités membres du PMA")
    assert pillars[2].objectives[0].intro == (
        "Le PMA a organisé en 2021 l'élaboration et le portage de positions communes sur "
        "plusieurs grands dossiers :")


def test_2021_cell_cut_by_a_page_break_goes_on_with_its_last_sub_item():
    coordinate = _report(2021)[0].objectives[2]
    assert coordinate.actions[0].children[1].text == (
        "Portage par le PMA de certaines missions d'une Agence de développement : promotion, "
        "prospection et observation économiques, animation des acteurs économiques, futur "
        "Parc d'innovation.")
    # Superscripts of the export: "2^{ème} séance", "1^{er} janvier".
    commissions = _report(2021)[0].objectives[1].actions[0].children
    assert "2ème séance le 2 décembre" in commissions[2].text


def test_2020_governance_renewal():
    renewal = _report(2020)[0].objectives[0].actions[0]
    assert [child.text for child in renewal.children] == [
        "Alain BAVAY, élu président le 25 septembre 2020 ;",
        "Olivier GACQUERRE, Christophe PILCH, Nathalie DELBART et Bernard BAUDE élus "
        "vice-présidents le 16 octobre 2020.",
    ]


def test_2020_and_2021_solar_plan():
    solar_2020 = _report(2020)[1].objectives[1].actions[3]
    solar_2021 = _report(2021)[1].objectives[0].actions[1]
    assert solar_2020.text == solar_2021.text == "Plan solaire :"
    assert solar_2020.children[0].text.startswith(
        "Mise en ligne d’un cadastre solaire à l'échelle du territoire le 12 octobre 2020, "
        "2.300 connexions les 6 premières semaines en ligne.")
    assert "plus de 5.000 connexions" in solar_2021.children[0].text


@pytest.mark.parametrize("line, expected", [
    ("- 5 avril matin : Assises de l'énergie d'ACOM France à l'Aréna stade couvert de Liévin",
     ("Assises de l'énergie d'ACOM France à l'Aréna stade couvert de Liévin",
      datetime.date(2024, 4, 5), None, None, False, "matin")),
    ("- Du 2 au 7 mai : voyage du Club des élus de l'écotransition dans le Haut-Adige (Italie)",
     ("voyage du Club des élus de l'écotransition dans le Haut-Adige (Italie)",
      datetime.date(2024, 5, 2), datetime.date(2024, 5, 7), None, False, "")),
    ("- 30 mai ou 6 juin (*dates sous réserve*) : plénière du Cercle de qualité",
     ("plénière du Cercle de qualité", datetime.date(2024, 5, 30), None, None, True,
      "ou le 6 juin — dates sous réserve")),
    ("- 14 juin à 8h : Petit-déjeuner des maires du PMA au stade Bollaert-Delelis de Lens",
     ("Petit-déjeuner des maires du PMA au stade Bollaert-Delelis de Lens",
      datetime.date(2024, 6, 14), None, datetime.time(8), False, "")),
])
def test_agenda_lines(line, expected):
    event = parsing.parse_agenda_line(line, year=2024)
    assert (event.title, event.starts_on, event.ends_on, event.starts_at, event.tentative,
            event.date_note) == expected


def test_agenda_line_without_a_date_is_refused():
    with pytest.raises(parsing.ParseError):
        parsing.parse_agenda_line("- bientôt : quelque chose", year=2024)


def test_year_from_the_weekday_of_the_programme():
    # "Jour 1, Mercredi 30 Juin", in a news item that mentions September 2020.
    assert parsing.year_of_weekday(30, 6, "Mercredi", after=2020) == 2021


@pytest.mark.parametrize("text, value", [
    ("5.000", Decimal("5000")), ("2.300", Decimal("2300")), ("35,9", Decimal("35.9")),
    ("8.280", Decimal("8280")), ("22", Decimal("22")), ("100 000", Decimal("100000")),
])
def test_french_numbers(text, value):
    assert parsing.french_number(text) == value
