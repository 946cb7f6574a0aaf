"""The parser on two-column layouts flattened by a PDF extraction (``parsing/columns.py``): a
side column of labels printed inside the présents list, and a column of headings printed
before the column of names. Built from the real blocks with personal names replaced by
fictitious ones (layout kept); the source is cited at each test."""

import textwrap

import pytest

from deliberations.minutes.parsing import parse_attendance
from tests.deliberations.minutes.test_parsing_layouts import kinds, names

# CC des Monts de Lacaune et de la Montagne du Haut Languedoc, 8 November 2018
# (https://docslib.org/doc/7982184/): the header's left column ("Présents : 25", "Votants :
# 29", "Secrétaire de séance : X") printed line by line inside the right column's list.
LACAUNE = (
    "Présents : 9 Sont présents: Léon MARTAUZET, Odile FERNASSOL, Gaston PRUDELLE, "
    "Votants : 10 Aline TOURVEL, Hugo BRASSAC, Secrétaire de séance : Irène SALVONNET, "
    "Marc DELORGUE, Gaston PRUDELLE Yvette CAMBRESSOL, Paul VIGNAUZET\n\n"
    "Pouvoirs : Julie ROMASSOL par Hugo BRASSAC\n\nAbsents : Gérard PRUNIAC\n\n"
    "1. AVIS SUR LE PROJET DE PARC EOLIEN"
)


def test_a_secretary_label_of_a_side_column_inside_the_list_does_not_cut_it():
    result = parse_attendance(LACAUNE)
    # The list goes on after the label; the secretary, printed twice, is counted once.
    assert names(result) == ["Léon MARTAUZET", "Odile FERNASSOL", "Gaston PRUDELLE",
                             "Aline TOURVEL", "Hugo BRASSAC", "Irène SALVONNET",
                             "Marc DELORGUE", "Yvette CAMBRESSOL", "Paul VIGNAUZET"]
    assert result.secretary == "Gaston PRUDELLE"
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Julie ROMASSOL", "Hugo BRASSAC")]
    assert result.absent == ["Gérard PRUNIAC"]
    assert kinds(result) == ["guessed_split"]
    assert "« Gaston PRUDELLE », nommé une seconde fois" in result.anomalies[0].message


@pytest.mark.parametrize(("width", "cut"), [(36, "Secrétaire de\nséance"),
                                            (44, "Secrétaire\nde séance")])
def test_the_side_column_label_is_read_out_of_the_list_whatever_the_page_width(width, cut):
    # The same block extracted from a narrower page: the list and the label wrapped, the
    # label itself cut in two.
    wrapped = "\n".join("\n".join(textwrap.wrap(line, width, break_on_hyphens=False))
                         for line in LACAUNE.splitlines())
    assert cut in wrapped
    result = parse_attendance(wrapped)
    assert len(result.present) == 9 and result.secretary == "Gaston PRUDELLE"
    assert kinds(result) == ["guessed_split"]


def test_a_side_column_secretary_printed_once_is_not_guessed():
    # No name of the list is printed again after the label: which one is the secretary the
    # text does not tell; the label ends the list as before, and the figures show the loss.
    result = parse_attendance(LACAUNE.replace("Gaston PRUDELLE Yvette", "Yvette"))
    assert result.secretary == "Irène SALVONNET"
    assert len(result.present) == 5
    assert "count_mismatch" in kinds(result)


# Communauté de communes de Rocheservière, 17 April 2014 (minutes published by the
# communauté): a two-column table flattened, the headings column printed first.
ROCHESERVIERE = (
    "Etaient présents (5) :\nLe Président\nLes Vice-présidents\nLes Membres\n"
    "Avaient donné procuration (1) :\ndate de la convocation : 09 avril 2014\n"
    "Roland FERNIAC\nSimone VAURELLE, Hubert DORGNAC\n"
    "Annie LOSSADEL (à partir du point 075), Thibault MERCASSOL, Ginette\nPLOUVIER\n"
    "Sylvain AUDOUZE à Simone VAURELLE\n"
    "Etait excusé () :\nLes Membres\nEtait absent () :\nLes Membres\n"
    "Nombre de délégués en exercice : 7\nNombre de délégués présents : 6\n"
    "Nombre de délégués votants : 7\nORDRE DU JOUR"
)


def test_a_column_of_headings_printed_before_the_names_gives_the_presents_their_names():
    result = parse_attendance(ROCHESERVIERE)
    assert names(result) == ["Roland FERNIAC", "Simone VAURELLE", "Hubert DORGNAC",
                             "Annie LOSSADEL", "Thibault MERCASSOL", "Ginette PLOUVIER"]
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Sylvain AUDOUZE", "Simone VAURELLE")]
    # "Les Membres" under "Etait excusé ()" is a row label of the table, no one.
    assert result.excused == [] and result.absent == []
    assert kinds(result) == ["guessed_split"]
    assert "les 4 lignes de noms sans « à » ni « par »" in result.anomalies[0].message


def test_row_labels_alone_under_the_presents_are_no_one():
    # The same headings column with no names column after it: nothing read, and said.
    result = parse_attendance("Etaient présents (5) :\nLe Président\nLes Membres\n"
                              "Avaient donné procuration (1) :\nSylvain AUDOUZE à Simone "
                              "VAURELLE\nORDRE DU JOUR")
    assert result.present == []
    assert "empty_section" in kinds(result)


def test_the_registres_margin_mentions_printed_inside_the_list_are_no_names():
    # Communauté de communes Vézère Monédières Millesources, 21 September 2020 (tests/fixtures/
    # minutes/vezere-monedieres-millesources-2020-09-21): the margin « Certifiée exécutoire le
    # … », « Affichée le … Transmis en préfecture … » printed in the middle of the présents.
    result = parse_attendance(
        "TITULAIRES PRESENTS : VRANOLLE Aurèle, Certifiée exécutoire le 24/09/2020 CRESSAC "
        "Inès, GONELET Jules, Affichée le 24/09/2020 Transmis en préfecture 24/09/2020 "
        "LAURDIER Bastien, MERCANTIER Odile\nEXCUSES : SOUVELLEC Hugo")
    assert names(result) == ["VRANOLLE Aurèle", "CRESSAC Inès", "GONELET Jules",
                             "LAURDIER Bastien", "MERCANTIER Odile"]
    assert result.excused == ["SOUVELLEC Hugo"]
    assert not kinds(result)


# Syndicat des Rivières (région de Fécamp), comité syndical of 21 January 2005
# (tests/fixtures/minutes/syndicat-des-rivieres-2005-01-21, http://s2rivieres.com/crcs.php?
# date=21/01/2005): a table of two columns copied as text, its cells three spaces apart; the
# right column's headings on the same line as a name of the left one, an empty cell kept as
# spaces; groups named in words alone on their line ("Syndics", "Syndicat des rivières").
RIVIERES_TABLE = (
    "Etaient présents:\n\n"
    "Syndics   Etaient excusés:\n"
    "Mr VRANOLLE   Mr ROBETIN\n"
    "Mme CRESSAC   Mr BARNAUDIN\n"
    "Mr GONELET    \n"
    "Mr LAURDIER   Etaient absents:\n"
    "Mme SOUVELLEC   Mr TOVELLEC\n"
    "     \n"
    "Syndicat des rivières    \n"
    "Mme MAROUVEL    \n\n"
    "Compte-rendu du dernier comité syndical (09/11/2004)\n")


def test_two_columns_copied_as_text_are_read_column_by_column():
    result = parse_attendance(RIVIERES_TABLE)
    assert names(result) == ["VRANOLLE", "CRESSAC", "GONELET", "LAURDIER", "SOUVELLEC",
                             "MAROUVEL"]
    assert result.excused == ["ROBETIN", "BARNAUDIN"]
    assert result.absent == ["TOVELLEC"]


def test_groups_named_alone_on_their_line_over_names_in_capitals_are_no_one():
    result = parse_attendance(RIVIERES_TABLE)
    assert kinds(result) == ["commune_heading"]
    assert "« Syndics », « Syndicat des rivières »" in result.anomalies[0].message


def test_the_minutes_of_the_last_meeting_as_first_item_end_the_lists():
    # "Compte-rendu du dernier comité syndical (…)" after the absents is the first item, not an
    # absent (no "Entrée non comprise").
    result = parse_attendance(RIVIERES_TABLE)
    assert "unparsed_entry" not in kinds(result)


def test_a_given_name_alone_over_its_surname_is_not_a_group():
    # A name cut by the cells of a table ("Madame / Françoise / GIVAUDIN", corpus) stays a name.
    result = parse_attendance("Présents :\nMr VRANOLLE\nMme CRESSAC\nFrançoise\nGONELET\n")
    assert "GONELET" in " ".join(names(result))
    assert "commune_heading" not in kinds(result)


def test_prose_with_wide_spaces_is_not_a_table():
    # Three rows of two cells are needed, and a heading in the right column.
    result = parse_attendance("Etaient présents :   Mr VRANOLLE, Mme CRESSAC\n"
                              "Etaient excusés :   Mr ROBETIN\n")
    assert names(result) == ["VRANOLLE", "CRESSAC"]
    assert result.excused == ["ROBETIN"]


def test_a_given_name_alone_after_a_holder_is_not_a_group():
    # Pays Fertois (corpus) wrapped at 40: "… à M. MORREYRAC / Pacôme" in a list with given
    # names: the word alone is the holder's given name.
    result = parse_attendance(
        "Etaient présents : Mme FLIOUSSE BRAROLLE Agathe\nM. MORREYRAC Pacôme\n"
        "Délégués représentés par pouvoir :\nM. DE GIRSINEAU Médéric à M. MORREYRAC\nPacôme\n"
        "Mme BESONNET Jeanne à Mme FLIOUSSE\nBRAROLLE Agathe")
    assert "commune_heading" not in kinds(result)
