"""Real forms met in the corpus, read by general rules, and the roster (members in office)
used to resolve initials, "Prénom NOM" order and glued names."""

import pytest

from deliberations.minutes.parsing import parse_attendance
from deliberations.minutes.parsing.matching import same_person

ROSTER = ["LECLERC Christian", "LECLERC Claude", "DUPONT Jean-Pierre", "MARTIN Anne",
          "DURAND Paul", "PETIT Luc", "ROLIN Sophie", "DE LA TOUR Marc"]


def kinds(result):
    return {anomaly.kind for anomaly in result.anomalies}


@pytest.mark.parametrize(("first", "second", "same"), [
    ("C. LECLERC", "LECLERC Christian", True),
    ("Christian LECLERC", "LECLERC Christian", True),
    ("DUPONT J.-P.", "DUPONT Jean-Pierre", True),
    ("J.P. DUPONT", "DUPONT Jean-Pierre", True),
    ("DUPONT JP", "DUPONT Jean-Pierre", True),
    ("DUPONT J.", "DUPONT Jean-Pierre", True),
    ("DUPONT M.", "DUPONT Jean-Pierre", False),
    ("Marc de LA TOUR", "DE LA TOUR Marc", True),
    ("LECLERC Claude", "LECLERC Christian", False),
])
def test_same_person_across_orders_and_initials(first, second, same):
    assert same_person(first, second) is same


def test_roster_resolves_initials_and_first_name_first_order():
    result = parse_attendance(
        "Présents : Anne MARTIN, J.-P. DUPONT, S. ROLIN, Paul DURAND, Marc de LA TOUR\n"
        "Procurations : L. PETIT donne pouvoir à S. ROLIN\n",
        roster=ROSTER)
    assert [entry.name for entry in result.present] == [
        "MARTIN Anne", "DUPONT Jean-Pierre", "ROLIN Sophie", "DURAND Paul", "DE LA TOUR Marc"]
    assert [(p.giver, p.holder) for p in result.proxies] == [("PETIT Luc", "ROLIN Sophie")]
    assert result.anomalies == []


def test_a_name_that_fits_two_members_is_said_and_kept():
    result = parse_attendance("Présents : C. LECLERC, MARTIN Anne", roster=ROSTER)
    assert [entry.name for entry in result.present] == ["C. LECLERC", "MARTIN Anne"]
    (anomaly,) = result.anomalies
    assert anomaly.kind == "ambiguous_name"
    assert "« LECLERC Christian »" in anomaly.message and "« LECLERC Claude »" in anomaly.message


def test_two_surnames_glued_are_split_against_the_roster_and_said():
    result = parse_attendance("Présents : MARTIN DURAND, PETIT", roster=ROSTER)
    assert [entry.name for entry in result.present] == ["MARTIN Anne", "DURAND Paul",
                                                        "PETIT Luc"]
    assert kinds(result) == {"guessed_split"}


def test_without_roster_the_same_block_reads_as_written():
    result = parse_attendance("Présents : Anne MARTIN, J.-P. DUPONT")
    assert [entry.name for entry in result.present] == ["Anne MARTIN", "J.-P. DUPONT"]


# Real layouts; the names are fictitious (replaced as in tests/fixtures/minutes).
@pytest.mark.parametrize(("text", "present", "excused", "proxies"), [
    # One line, headings inside it, inline proxies (Pays d'Huriel 2023).
    ("Etaient présents : Mesdames et Messieurs : LECLERC C., ROLIN S. Délégués excusés : "
     "PETIT L. (pouvoir à C. LECLERC), MARTIN A.", 2, 1, [("PETIT L.", "C. LECLERC")]),
    # Dashes as separators, a name glued to the next (Minervois 2013).
    ("Etaient présents : CARVOUMIER R. – LAUNELET M. -\nODASSOL M. - ROUVASSIN B "
     "MARNOUSSE G.", 5, 0, []),
    # Substitutes in the excused list are not proxies (Doué-la-Fontaine 2011).
    ("Etaient présents : M. Aristide DOUVELLEC, Mme Capucine HUETIN. Absents excusés : Mme "
     "Léonie RIBOUSSAC qui donne pouvoir à M. Aristide DOUVELLEC ; M. Elouan DURASSOL, "
     "représenté par sa suppléante, Mme Capucine HUETIN.", 2, 1,
     [("Léonie RIBOUSSAC", "Aristide DOUVELLEC")]),
    # Delegates grouped by commune (Azay-le-Rideau 2016, Ouvèze-Payre 2019).
    ("Étaient présents :\nMM HENRASSOL, BRETINEAU et Mme FLACERIÈRE pour AZAY LE RIDEAU  M. "
     "VÉRANDIER et Mme TESSELLEC pour LIGNIÈRES DE TOURAINE", 5, 0, []),
    ("Etaient présents : Commune de Chomérac : Monsieur Marvouel Commune de : Messieurs "
     "Vignetin, Ambarel", 3, 0, []),
    # Read after the corpus was closed, as a check (Pays Fertois 2007, Questembert 2019):
    # commune headings alone on their line, a note wrapped over two lines, a given name at the
    # end of one line and its surname on the next. The titular whose suppléant sits is excused.
    ("Etaient présents :\nBASSEVELLE\nM. NIINEAU Bastien\nBUSSIERES\nM. FLIRISSON Médéric "
     "(suppléant de\nM. VRARIÈRE Jules-Mathis)\nCHANGIS SUR MARNE\nCITRY SUR MARNE\nMme "
     "GARONNET Adèle-Mathilde\nLA FERTE S/ JOUARRE\nREUIL EN BRIE\nM. CEVANDIER Mathis",
     4, 1, []),
    ("Etaient présents :\nM. Médéric VORISSON, M. Bastien CARVOUMIER, M. Célestin\nRAARGUES, "
     "Mme Mathilde\nFLOSETIN, M.\nRomain GOUSOUMIER\n\nAbsents :M. Pacôme BOASSIN", 5, 0, []),
])
def test_real_forms(text, present, excused, proxies):
    result = parse_attendance(text)
    assert len(result.present) == present
    assert len(result.excused) == excused
    assert [(p.giver, p.holder) for p in result.proxies] == proxies


def test_stated_counts_that_disagree_are_said():
    result = parse_attendance("En exercice : 5 - Présents : 3\nPRESENTS : MM. ORY, EDOU\n"
                              "EXCUSES : MM. BRAULT, NAEL")
    assert result.stated_counts.present == 3
    messages = [a.message for a in result.anomalies if a.kind == "count_mismatch"]
    assert "Le registre indique 3 présents, les listes en donnent 2." in messages


def test_a_proxy_giver_listed_among_the_excused_counts_once():
    # Ouvèze-Payre 2019: "Jimenez" gives a proxy and is listed among the excusés too.
    result = parse_attendance("Présents : Monsieur Cheynet, Monsieur Martin\n"
                              "Pouvoirs : Monsieur Jimenez a donné pouvoir à Monsieur Cheynet\n"
                              "Excusés : Messieurs Leclere, Jimenez.")
    assert result.excused == ["Leclere"]
    assert [(p.giver, p.holder) for p in result.proxies] == [("Jimenez", "Cheynet")]
    assert result.anomalies == []


def test_a_giver_matched_to_an_excused_member_by_guess_is_said():
    result = parse_attendance("Présents : MARTIN Anne\n"
                              "Procurations : DUPONT donne pouvoir à MARTIN Anne\n"
                              "Excusés : DUPONT Marie, PETIT Luc")
    assert result.excused == ["PETIT Luc"]
    assert kinds(result) == {"duplicate_name"}


# Énergies Vienne, 9 December 2014 (pseudonymised), flattened without colons, the member
# communes replaced by hamlets that the official list of communes does not hold: the rules
# cannot tell those places in capitals from the surnames; the roster can.
VIENNE = ("Étaient présents CHARDONNIERE Aristide VRANOLLE TOUCHEBRAULT Pacôme CRESSAC "
          "PUYGIRAUD Félix GONELET BOISDUMONT Bastien BLANDOUMIER\nExcusés : Mme Faustine "
          "MAROUVEL")
VIENNE_ROSTER = ["VRANOLLE Aristide", "CRESSAC Pacôme", "GONELET Félix", "BLANDOUMIER Bastien",
                 "MAROUVEL Faustine", "ROBETIN Jules"]


def test_roster_names_are_located_in_a_layout_the_rules_cannot_read():
    without = parse_attendance(VIENNE)
    assert "VRANOLLE Aristide" not in [entry.name for entry in without.present]
    result = parse_attendance(VIENNE, roster=VIENNE_ROSTER)
    assert sorted(entry.name for entry in result.present) == [
        "BLANDOUMIER Bastien", "CRESSAC Pacôme", "GONELET Félix", "VRANOLLE Aristide"]
    assert result.excused == ["MAROUVEL Faustine"]
    (located,) = [anomaly for anomaly in result.anomalies if anomaly.kind == "unread_text"]
    assert located.message.startswith("Liste des présents lue d'après la liste des élus ; "
                                      "ajoutés : « VRANOLLE Aristide »")
    assert ("écartés (mal lus) : « CHARDONNIERE Aristide », « VRANOLLE TOUCHEBRAULT Pacôme »"
            in located.message)


def test_the_same_block_with_its_real_communes_is_read_without_the_roster():
    # With the member communes as written (ANGLIERS, ANTRAN…), the official list of
    # communes tells them from the surnames: no roster needed.
    result = parse_attendance(
        "Étaient présents ANGLIERS Aristide VRANOLLE ANTRAN Pacôme CRESSAC ARCHIGNY Félix "
        "GONELET BEAUMONT Bastien BLANDOUMIER\nExcusés : Mme Faustine MAROUVEL")
    assert [entry.name for entry in result.present] == [
        "Aristide VRANOLLE", "Pacôme CRESSAC", "Félix GONELET", "Bastien BLANDOUMIER"]
    assert [(anomaly.kind, anomaly.message) for anomaly in result.anomalies] == [
        ("commune_heading", "Noms de communes retirés de la liste : « ANGLIERS », « ANTRAN », "
                            "« ARCHIGNY », « BEAUMONT ».")]


def test_names_read_that_are_nobody_in_the_roster_are_leftovers():
    result = parse_attendance("Présents : VRANOLLE Aristide, INCONNU Paul",
                              roster=VIENNE_ROSTER)
    assert [(anomaly.kind, anomaly.message) for anomaly in result.anomalies] == [
        ("unknown_name", "Noms lus qui ne désignent aucun élu de la liste : « INCONNU Paul ».")]
