"""The person presiding the session, named only in the preamble, counts among the présents.

Corpus rule of 2026-12-08, a legal fact: the president presides the assembly (L2121-14 CGCT,
applied to EPCI by L5211-1), so whoever presides a session attends it. Fragments keep the
layout of real minutes (Commune de Roure 2018, SEMOCTOM 2013, SIVOM Sologne bourbonnaise
2019, SMAH du Croult et du Petit Rosne 2020, Communauté de Saint-Mamet 2013) with fictitious
names.
"""

from deliberations.minutes.parsing import parse_attendance
from deliberations.minutes.parsing.presidency import president_in_preamble
from tests.deliberations.minutes.test_parsing_layouts import kinds, names

# Commune de Roure, 8 April 2018: the mayor presides and the list of présents omits him.
ROURE = ("L’an deux mille dix-huit et le 8 avril à 9 heures, le Conseil Municipal s’est réuni en "
         "séance plénière dans la\nsalle du Conseil Municipal, sous la présidence de {}.\n")
LIST = "Présents : Jules CRESSAC, Inès BARNAUDIN.\n"


def test_a_president_named_only_in_the_preamble_is_counted_present_once_and_said():
    result = parse_attendance(ROURE.format("Romain VRANOLLE, Maire") + LIST)
    assert names(result) == ["Romain VRANOLLE", "Jules CRESSAC", "Inès BARNAUDIN"]
    assert kinds(result) == ["president_unlisted"]
    assert "compté parmi les présents" in result.anomalies[0].message


def test_a_president_also_in_the_list_is_not_added_again():
    result = parse_attendance(ROURE.format("Romain VRANOLLE, Maire")
                              + "Présents : Romain VRANOLLE, Jules CRESSAC.\n")
    assert names(result) == ["Romain VRANOLLE", "Jules CRESSAC"]
    assert not kinds(result)


def test_a_president_listed_under_another_spelling_is_not_added_again():
    # Saint-Mamet 2013: "présidé par Monsieur Cyril X" and "C. X, Président" in the list;
    # Sud-Ouest Amiénois 2007: "Paul X" and "M X" (a civility without its full stop).
    # "M" without its full stop before a surname is a civility, dropped from the name read.
    for president, listed, read in (
            ("Monsieur Romain VRANOLLE, Maire", "R. Vranolle", "R. Vranolle"),
            ("Paul GÉRARD", "M Gérard", "Gérard"),
            ("M. VRANOLLE Romain, Maire", "Romain VRANOLLE", "Romain VRANOLLE")):
        result = parse_attendance(ROURE.format(president)
                                  + f"Présents : {listed}, Jules CRESSAC.\n")
        assert names(result) == [read, "Jules CRESSAC"]
        assert not kinds(result)


def test_a_president_listed_as_excused_or_in_a_procuration_is_not_added():
    excused = parse_attendance(ROURE.format("Romain VRANOLLE, Maire") + LIST
                               + "Excusé : Romain VRANOLLE.\n")
    assert names(excused) == ["Jules CRESSAC", "Inès BARNAUDIN"]
    assert "president_unlisted" not in kinds(excused)
    holder = parse_attendance(ROURE.format("Romain VRANOLLE, Maire") + LIST
                              + "Procuration : Félix SARRONNET à Romain VRANOLLE.\n")
    assert names(holder) == ["Jules CRESSAC", "Inès BARNAUDIN"]
    assert "president_unlisted" not in kinds(holder)


def test_a_presidency_naming_an_office_only_adds_nobody():
    for office in ("du Maire", "de son Président", "de Monsieur le Maire",
                   "de Madame la Présidente"):
        text = ROURE.replace("de {}", office) + LIST
        assert president_in_preamble(text) is None
        result = parse_attendance(text)
        assert names(result) == ["Jules CRESSAC", "Inès BARNAUDIN"]
        assert not kinds(result)


def test_a_presidency_in_initials_only_adds_nobody_but_is_said():
    result = parse_attendance(ROURE.format("M. R. V.") + LIST)
    assert names(result) == ["Jules CRESSAC", "Inès BARNAUDIN"]
    assert kinds(result) == ["president_unlisted"]
    assert "n'est pas ajouté" in result.anomalies[0].message


def test_a_vice_president_presiding_for_the_president_is_the_one_present():
    # SMAH du Croult et du Petit Rosne 2020: "sous la Présidence de X, premier Vice-Président
    # du Syndicat, dûment habilité par arrêté"; the president himself is excused.
    result = parse_attendance(ROURE.format(
        "Damien FLODOUVEL, premier Vice-Président du Syndicat, en l'absence de M. Romain "
        "VRANOLLE, Président") + LIST + "Excusé : Romain VRANOLLE.\n")
    assert names(result) == ["Damien FLODOUVEL", "Jules CRESSAC", "Inès BARNAUDIN"]
    assert result.excused == ["Romain VRANOLLE"]
    assert kinds(result) == ["president_unlisted"]


def test_a_president_who_arrives_later_is_not_added_but_said():
    result = parse_attendance(ROURE.format("Romain VRANOLLE, Maire")
                              + "Présents : Jules CRESSAC, Inès BARNAUDIN (arrivée de M. "
                                "VRANOLLE à 20 h 45).\n")
    assert names(result) == ["Jules CRESSAC", "Inès BARNAUDIN"]
    assert "president_unlisted" in kinds(result)
    message = next(anomaly.message for anomaly in result.anomalies
                   if anomaly.kind == "president_unlisted")
    assert "n'est pas ajouté" in message


def test_a_president_named_by_surname_alone_makes_the_stated_figure_agree():
    # SIVOM Sologne bourbonnaise 2019: "sous la présidence de M. X. Membres en exercice : 70 …
    # Membres présents : 37" and a list of 36 names without him.
    result = parse_attendance(
        "les membres du Comité Syndical, légalement convoqués, se sont réunis à la salle "
        "polyvalente, sous la présidence de M. MAROVASSOL. Membres en exercice : 4 Membres "
        "présents : 3\nEtaient présents : M. CRESSAC, Mme BARNAUDIN\n"
        "Absents excusés : M. SARRONNET\n")
    assert names(result) == ["MAROVASSOL", "CRESSAC", "BARNAUDIN"]
    assert kinds(result) == ["president_unlisted"]  # no count_mismatch


def test_a_president_in_a_civility_list_of_surnames_is_counted_once():
    # SEMOCTOM 2013: "sous la présidence de Monsieur X." then "Etaient présents : Mesdames A,
    # B, Messieurs C, D": the president is not among them.
    result = parse_attendance(
        "le Comité Syndical s’est\nréuni en séance ordinaire, sous la présidence de Monsieur "
        "Gontran BILANGE.\nEtaient présents : Mesdames CRESSAC, BARNAUDIN, Messieurs "
        "SARRONNET, TENELLEC.\n")
    assert names(result) == ["Gontran BILANGE", "CRESSAC", "BARNAUDIN", "SARRONNET",
                             "TENELLEC"]
    again = parse_attendance(
        "sous la présidence de Monsieur Gontran BILANGE.\nEtaient présents : Mesdames CRESSAC, "
        "Messieurs BILANGE, TENELLEC.\n")
    assert names(again) == ["CRESSAC", "BILANGE", "TENELLEC"]
