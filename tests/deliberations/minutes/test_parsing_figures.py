"""Stated figures ("En exercice : 42 Présents : 27 Votants : 34") read in every layout, and
used as arbiter between two readings of a block that contradicts itself (``figures.py``,
``arbiter.py``); a block that names one person twice (``anomalies.py``). One test per rule,
built from real blocks with personal names replaced by fictitious ones (layout kept); the
source is cited at each test."""

from deliberations.minutes.parsing import parse_attendance
from tests.deliberations.minutes.test_parsing_layouts import kinds, names


def counts(text: str) -> tuple:
    stated = parse_attendance(text).stated_counts
    return (stated.in_office, stated.present, stated.voters, stated.proxies, stated.absent,
            stated.excused)


# --- reading the figures -----------------------------------------------------------------------

# Communauté de communes Cœur de Combrailles, 6 March 2015 (source in
# coeur-de-combrailles-2015-03-06.json): "Votants (présents ou représentés) : 22"; the same
# figure is often printed "Présents ou représentés : 22" without the word votants.
def test_presents_ou_representes_is_the_number_of_votants_not_of_procurations():
    block = ("Présents : DUPONT Jean, MARTIN Anne\nProcurations : LEROY Marc à DUPONT Jean\n")
    assert counts("Nombre de membres :\nEn exercice : 3 - Présents : 2 – Votants (présents ou "
                  "représentés) : 3.\n" + block)[:4] == (3, 2, 3, None)
    assert counts("En exercice : 3 - Présents : 2 – Présents ou représentés : 3.\n"
                  + block)[:4] == (3, 2, 3, None)
    assert kinds(parse_attendance("Nombre de présents ou représentés : 3\n" + block)) == []


# Communauté de communes Agly-Fenouillèdes, 21 February 2019 (source in
# agly-fenouilledes-2019-02-21.json): the header table flattened labels first; an extraction
# that loses the colons as well prints the labels and then the values.
def test_a_table_of_figures_flattened_without_colons_pairs_its_values_in_order():
    text = ("Nombre de membres Afférents au Conseil de Communauté En exercice Présents Votants "
            "6 6 4 5 14/02/2019\nPrésents : Cyrille JARDONNEAU, Joachim NESILLAC, Daniel FLOMAVEL, "
            "Edmond NAUNINEAU\nProcurations : Florence QUERLERGUE à Cyrille JARDONNEAU\n"
            "Absents : Clémence CHAURLOLLE")
    assert counts(text)[:3] == (6, 4, 5)
    # The first value is never its last label's ("Votants 6").
    assert counts("En exercice Présents Votants\n42 27 34\nPrésents : DUPONT Jean")[:3] == (
        42, 27, 34)


def test_a_table_of_figures_with_a_value_missing_is_not_read():
    # Which label lost its value cannot be told: none is read, rather than a wrong one.
    assert counts("Afférents En exercice Présents Votants 45 42 27\nPrésents : DUPONT Jean"
                  )[:3] == (None, None, None)


# Syndicat mixte du SCoT de Gascogne, 19 December 2019 (source in
# scot-de-gascogne-2019-12-19.json): one block of figures per group of deliberations.
def test_the_votants_go_with_the_block_of_figures_whose_presents_count():
    text = ("Présents : Gilles AUBERTIN, Marcel BRUNAC\n\n2019_C13\n\nNombre de délégués en "
            "exercice : 5 Nombre de présents : 1\n\nNombre de votants : 1\n\nNombre de "
            "procurations : 0\n\n2019_C14 ; 2019_C15 Nombre de délégués en exercice : 5 Nombre "
            "de présents : 2\n\nNombre de votants : 2\n\nNombre de procurations : 0\n")
    result = parse_attendance(text)
    assert counts(text)[:4] == (5, 2, 2, 0)
    assert "votants : 1" not in [anomaly.text for anomaly in result.anomalies]


# Communauté de communes de Saint-Mamet, 1 October 2013 (source in
# saint-mamet-2013-10-01.json) prints "En exercice 31 Présents 25 Votants 25 Excusé(e)s …";
# other registres add "Absents" and "Excusés" figures in the same run, and "dont N pouvoirs".
def test_absent_and_excused_figures_are_read_apart():
    assert counts("Nombre de conseillers En exercice 4 Présents 2 Absents 2 Excusé(e)s 1\n"
                  "Présents : DUPONT Jean, MARTIN Anne") == (4, 2, None, None, 2, 1)
    assert counts("Absents non excusés : 1 Absents excusés : 2\nPrésents : DUPONT Jean")[4:] == (
        1, 2)
    assert counts("Votants : 3 (dont 1 pouvoir)\nPrésents : DUPONT Jean")[2:4] == (3, 1)


# SIRESCO, 7 June 2011 (source in siresco-2011-06-07.json) writes its figures in sentences
# ("Le nombre de … présents est de : 17 Le quorum de 17 membres présents étant réuni, …");
# sentences also put the figure before its word: "…, 17 membres présents, 2 pouvoirs, 19
# votants". Read only where no figure of that kind has its label first, never from an item
# number, a quorum, or a number opening a line (a page number).
def test_a_figure_written_before_its_word_in_a_sentence_is_read():
    assert counts("Le Conseil Syndical s'est réuni, 3 membres présents, 1 pouvoir, 4 votants.\n"
                  "Présents : DUPONT Jean")[:4] == (None, 3, 4, 1)
    assert counts("Le nombre de délégués présents est de : 2 Le quorum de 17 membres présents "
                  "étant réuni.\nPrésents : DUPONT Jean")[1] == 2
    assert counts("Le quorum de 17 membres présents étant réuni.\nPrésents : DUPONT Jean, "
                  "arrivé à la question 2 présents\n12\nvotants")[1:3] == (None, None)


# Communauté de communes Normandie Sud Eure, 21 October 2020 (source in
# normandie-sud-eure-2020-10-21.json) and the comité syndical of 23 September 2016 (source
# in comite-syndical-2016-09-23.json), as a narrower page extracts them: a line cut between
# a label and its value, or inside a label by a hyphen.
def test_a_figure_wrapped_away_from_its_label_is_still_read():
    assert counts("En exercice : 71 Présents : 61 Votants :\n65\n\nLe quorum est atteint, le "
                  "conseil peut délibérer.\nPrésents : DUPONT Jean")[:3] == (71, 61, 65)
    assert counts("Le nombre de délégués suppléants présents est de\n: 02 Le quorum est "
                  "atteint\nPrésents : DUPONT Jean")[1] == 2
    assert counts("Membres présents : 60\n\nMM. TATROUTIVOIS Christian\n POUV-\nOIRS : 6\n\n"
                  "M. GREAUCLITINIER Jean-Pierre donne pouvoir à M. TATROUTIVOIS Christian"
                  )[1:4] == (60, None, 6)


def test_a_numbered_list_after_a_heading_is_no_figure():
    assert counts("Présents :\n1 DUPONT Jean\n2 MARTIN Anne\nPouvoirs :\n1 LEROY Marc à "
                  "DUPONT Jean")[1:4] == (None, None, None)


# Syndicat mixte pour le Sundgau, 9 July 2014 (source in sundgau-2014-07-09.json): "En
# fonction : 126" says "en exercice"; PETR Cœur de Lorraine 2020 (source above) words its
# présents "conseillers qui assistent à la séance", others "assistant à la séance"; Agly's
# table label "Ayant pris part au vote" also stands inline.
def test_synonyms_of_en_exercice_presents_and_votants_are_read():
    assert counts("PROCES VERBAL DU CONSEIL SYNDICAL du 09 juillet 2014 à ALTKIRCH En fonction "
                  ": 5 Sous la présidence de M. Raoul PELERT, Président, étaient présents : "
                  "Présents : 4 Communauté d Altkirch : Monsieur Ambroise GRAISEUX")[:2] == (5, 4)
    assert counts("Nombre de conseillers assistant à la séance : 2\nPrésents : DUPONT Jean, "
                  "MARTIN Anne")[1] == 2
    assert counts("Ayant pris part au vote : 3\nPrésents : DUPONT Jean")[2] == 3
    assert counts("Présents : DUPONT Jean, élu en fonction de 3 critères")[0] is None


def test_a_time_or_a_date_after_a_label_is_no_figure():
    assert counts("Présents : DUPONT Jean\nExcusés : MARTIN Anne 12/03, LEROY Marc (absent 19h)"
                  )[4:] == (None, None)


# --- the figures checked against the lists -----------------------------------------------------

def test_absent_and_excused_figures_that_no_reading_explains_are_said():
    text = ("Présents : DUPONT Jean, MARTIN Anne\nProcurations : LEROY Marc à DUPONT Jean\n"
            "Excusés : PETIT Luc\nAbsents : 4 Excusés : 3")
    result = parse_attendance(text)
    assert [anomaly.text for anomaly in result.anomalies if anomaly.kind == "count_mismatch"
            ] == ["excusés : 3", "absents : 4"]


def test_absent_figure_counting_every_member_not_present_agrees():
    # 1 excusé, 1 mandant, 1 absent: "Absents : 3" counts everyone not present.
    result = parse_attendance(
        "En exercice : 5 Absents : 3 Excusés : 2\nPrésents : DUPONT Jean, MARTIN Anne\n"
        "Procurations : LEROY Marc à DUPONT Jean\nExcusés : PETIT Luc\nAbsents : BRUN Paul")
    assert kinds(result) == []


# --- the figures as arbiter --------------------------------------------------------------------

# SCoT de Gascogne 2019 (source above): "Représentés : X représenté par Y" when the registre
# states "Nombre de procurations : 0" is a suppléant sitting (already a rule); the same holds
# when the registre states as many procurations as the *other* ones.
def test_represented_by_is_a_substitute_when_the_procurations_figure_counts_only_the_others():
    result = parse_attendance(
        "Présents : Gilles AUBERTIN, Marcel BRUNAC\n\nProcurations : Sylvie CORTESE à Gilles "
        "AUBERTIN\n\nReprésentés : Julien DUCASSE représenté par Jérôme DUFFAUT\n\n"
        "Nombre de délégués en exercice : 5 Nombre de présents : 3\n\nNombre de procurations : 1")
    assert names(result) == ["Gilles AUBERTIN", "Marcel BRUNAC", "Jérôme DUFFAUT"]
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Sylvie CORTESE", "Gilles AUBERTIN")]
    assert result.excused == ["Julien DUCASSE"]
    assert [anomaly.message for anomaly in result.anomalies if anomaly.kind == "substitute"] == [
        "« Julien DUCASSE représenté par Jérôme DUFFAUT » est lu comme une suppléance, le "
        "registre annonce 1 procuration, autant que les autres : « Jérôme DUFFAUT » siège à la "
        "place de « Julien DUCASSE »."]


def test_represented_by_is_a_substitute_when_the_presents_figure_counts_the_representatives():
    # No procurations figure, but "présents : 3" counts the 2 listed and the representative.
    result = parse_attendance(
        "Présents : Gilles AUBERTIN, Marcel BRUNAC\n\nReprésentés : Julien DUCASSE représenté "
        "par Jérôme DUFFAUT\n\nNombre de délégués en exercice : 4 Nombre de présents : 3")
    assert names(result) == ["Gilles AUBERTIN", "Marcel BRUNAC", "Jérôme DUFFAUT"]
    assert result.proxies == [] and result.excused == ["Julien DUCASSE"]
    assert "substitute" in kinds(result) and "count_mismatch" not in kinds(result)


def test_represented_by_stays_a_procuration_when_the_figures_count_it_as_one():
    result = parse_attendance(
        "Présents : Gilles AUBERTIN, Marcel BRUNAC\n\nReprésentés : Julien DUCASSE représenté "
        "par Marcel BRUNAC\n\nNombre de présents : 2 Nombre de procurations : 1")
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Julien DUCASSE", "Marcel BRUNAC")]
    assert kinds(result) == []


# Communauté de communes Agly-Fenouillèdes 2019 (source above): the présents list names the
# members in office, the givers and absents again; here the figures stated are the members
# in office and the absents (who include those represented).
def test_presents_listed_elsewhere_are_taken_out_when_in_office_less_absents_says_so():
    result = parse_attendance(
        "En exercice : 4 Absents : 2\nPrésents Cyrille JARDONNEAU, Edmond NAUNINEAU, Clémence "
        "CHAURLOLLE, Joachim NESILLAC. Ont donné procuration Edmond NAUNINEAU à Cyrille "
        "JARDONNEAU. Absents non excusés Clémence CHAURLOLLE. Secrétaire de séance Joachim "
        "NESILLAC.")
    assert names(result) == ["Cyrille JARDONNEAU", "Joachim NESILLAC"]
    assert [anomaly.message for anomaly in result.anomalies
            if anomaly.kind == "present_and_excused"] == [
        "La liste des présents nomme aussi des mandants, excusés ou absents (« Edmond NAUNINEAU "
        "», « Clémence CHAURLOLLE ») ; le registre annonce 4 membres en exercice dont 2 absents "
        ": ils n'ont pas siégé et sont retirés des présents."]


# --- figures that count otherwise than the lists, explained ------------------------------------

# PETR Cœur de Lorraine, 2 March 2020 (source in petr-coeur-de-lorraine-2020-03-02.json):
# "(suppléante avec voix délibérative)" among the présents, "(suppléant)" among the excusés;
# the members in office are the titulaires.
def test_in_office_figure_counting_titulaires_only_agrees_with_suppleants_marked_in_notes():
    result = parse_attendance(
        "Nombre de conseillers en exercice : 3\n\nEtaient présents :\n\nCORBIN Xavier CALMET "
        "Marc\n\nKUHN Florence (suppléante avec voix délibérative)\n\nEtaient excusés :\n\n"
        "Mme ANSELIN M. PERROTIN (suppléant) M. JOURDAIN (S)\n")
    assert len(result.present) == 3 and len(result.excused) == 3
    assert "count_mismatch" not in kinds(result)


# Communauté de communes de la région de Doué-la-Fontaine, 28 January 2011 (source in
# doue-la-fontaine-2011-01-28.json): the suppléantes sitting are named among the présents and
# again "représenté par sa suppléante"; "en exercice" counts the titulaires.
def test_in_office_figure_counting_titulaires_only_agrees_with_suppleants_sitting():
    result = parse_attendance(
        "Etaient présents : M. Arnaud NAUSSONNET, Mme Clarisse SODAUDIN. Absents excusés : Mme "
        "Lydie BAURASSOL qui donne pouvoir à M. Arnaud NAUSSONNET ; M. Edouard BORDINEAU, "
        "représenté par sa suppléante, Mme Clarisse SODAUDIN. Nombre de membres du Conseil "
        "communautaire en exercice : 3 Nombre de membres titulaires ou suppléants présents : 2 "
        "Nombre de votants : 3")
    assert result.present[1].replaces == "Edouard BORDINEAU"
    assert "count_mismatch" not in kinds(result)
    # Without the substitution the same figure is a disagreement, and said.
    other = parse_attendance(
        "Etaient présents : M. Arnaud NAUSSONNET, Mme Clarisse SODAUDIN. Absents excusés : Mme "
        "Lydie BAURASSOL, M. Edouard BORDINEAU. Nombre de membres en exercice : 3")
    assert [anomaly.text for anomaly in other.anomalies if anomaly.kind == "count_mismatch"] == [
        "membres en exercice : 3"]


# SIRS Le Coudray-Saint-Germer – La Landelle – Le Vauroux, 19 December 2019 (source in
# sirs-la-landelle-2019-12-19.json): a procuration to a holder marked "(absente)" carries no
# vote, and the votants stated do not count it; the absent holder is still reported.
def test_votants_figure_not_counting_a_procuration_to_an_absent_holder_agrees():
    result = parse_attendance(
        "Étaient présents :\n• Mme Sidonie PRAUDIN\n• M. Josué CERNAVEL\n"
        "Étaient absents avec procuration :\n"
        "• Mme Léa MORLANDIN, pouvoir à M. Josué CERNAVEL\n"
        "• Mme Adèle GRIRLAVEL, pouvoir à Mme Sidonie VRERRASSOL (absente)\n\n"
        "Nombre de membres en exercice 4\n\nNombre de membres présents 2\n\nNombre de votants 3\n")
    assert len(result.proxies) == 2
    assert "holder_not_present" in kinds(result)
    assert "votants : 3" not in [anomaly.text for anomaly in result.anomalies]


# Commune de Chevincourt, 6 March 2018 (source in chevincourt-2018-03-06.json): the mayor who
# presides is named in the preamble only, and holds a procuration "représenté par": a member
# left out of the list, not a suppléant, even when a présents figure counts her.
def test_represented_by_the_president_named_in_the_preamble_stays_a_procuration():
    result = parse_attendance(
        "Le Conseil Municipal s’est réuni en séance ordinaire le 06 mars 2018, sous la "
        "présidence de Madame VRALOLLE Agathe, Maire.\n\nNombre de conseillers en exercice : 4\n"
        "Nombre de présents : 3\n\nPrésents : MM.  Mathilde-Thaïs VRARROUVEL, Capucine "
        "CHIRLARDEL,\n\nAbsents représentés : Jules-Placide SOUREYRAC représenté par Agathe "
        "VRALOLLE\n\nSecrétaire de séance : Madame Mathilde-Thaïs VRARROUVEL")
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Jules-Placide SOUREYRAC", "Agathe VRALOLLE")]
    assert "substitute" not in kinds(result)
    assert "count_mismatch" in kinds(result)


# Chevincourt 2018 (source above): "13 en exercice", the lists name 12 — the mayor who presides
# is in none of them. The lists stay as written (they are what is counted); the disagreement
# is said with what may explain it.
def test_a_figure_one_above_the_lists_names_the_president_left_out_of_them():
    result = parse_attendance(
        "Le Conseil Municipal s’est réuni en séance ordinaire le 06 mars 2018, sous la "
        "présidence de Madame VRALOLLE Agathe, Maire.\n\nNombre de conseillers en exercice : 4\n"
        "\nPrésents : MM.  Mathilde-Thaïs VRARROUVEL, Capucine CHIRLARDEL,\n\nAbsents "
        "représentés : Jules-Placide SOUREYRAC représenté par Agathe VRALOLLE\n\n"
        "Secrétaire de séance : Madame Mathilde-Thaïs VRARROUVEL")
    assert len(result.present) == 2
    assert [anomaly.message for anomaly in result.anomalies if anomaly.kind == "count_mismatch"
            ] == ["Le registre indique 4 membres en exercice, les listes en donnent 3. La "
                  "différence est peut-être « VRALOLLE Agathe », qui préside la séance "
                  "(préambule) et ne figure parmi les présents, mandants, excusés ou absents "
                  "d'aucune liste."]


# Cœur de Combrailles 2015 (source above) labels its votants "présents ou représentés"; a
# registre that prints that figure under "Présents" is said so, the lists kept.
def test_a_presents_figure_counting_the_procurations_too_is_said_so():
    result = parse_attendance(
        "En exercice : 4 - Présents : 3.\nPrésents : DUPONT Jean, MARTIN Anne\n"
        "Procurations : LEROY Marc à DUPONT Jean\nExcusés : PETIT Luc")
    assert len(result.present) == 2
    assert [anomaly.message for anomaly in result.anomalies if anomaly.kind == "count_mismatch"
            ] == ["Le registre indique 3 présents, les listes en donnent 2. Le chiffre compte "
                  "peut-être aussi la procuration (présents ou représentés)."]


# Doué-la-Fontaine 2011 (source above) states "titulaires ou suppléants présents : 26"; a
# registre stating the titulaires présents alone leaves out the suppléants sitting.
def test_a_presents_figure_of_titulaires_only_leaves_out_the_suppleants_sitting():
    result = parse_attendance(
        "Etaient présents : M. Arnaud NAUSSONNET, Mme Clarisse SODAUDIN. Absents excusés : M. "
        "Edouard BORDINEAU, représenté par sa suppléante, Mme Clarisse SODAUDIN. Nombre de "
        "membres titulaires présents : 1")
    assert len(result.present) == 2
    assert "count_mismatch" not in kinds(result)


# Syndicat scolaire des Bords de l'Ardre, 12 January 2016 (source in
# bords-de-l-ardre-2016-01-12.json): a suppléant "(suppléant et non votant)" sits beside his
# titular member; the first vote of the extract counts the présents less him.
def test_a_votants_figure_leaves_out_a_suppleant_sitting_without_vote():
    result = parse_attendance(
        "Présents : Mesdames FLALETIN Marthe, COURDORET Véronique, Messieurs FONILLAC Albert, "
        "FLIRDONNET Julien Fabien (suppléant et non votant), COVOUMIER Léon (suppléant et "
        "votant).\n\nAbsents excusés : Mesdames VISAUMIER Karine (suppléante), FALAUZET "
        "Noémie.\n\nNombre de votants : 4\n\nSecrétaire de séance : Madame FLALETIN Marthe")
    assert len(result.present) == 5
    assert "count_mismatch" not in kinds(result)


# --- a text that names one person twice --------------------------------------------------------

# Communauté de communes du Val Marnaysien, 27 May 2019 (source in
# val-marnaysien-2019-05-27.json): a titular member named among the excusés under "M." and,
# under "Mme", as replaced by her suppléante: one person, counted once. Written in that order
# the substitution finds her listed already (``builder._substitute``); written the other way
# round, the second listing is taken out and said.
def test_a_replaced_titular_also_listed_among_the_excuses_counts_once():
    forward = parse_attendance(
        "Délégués présents : Mmes RILGINET (Avrigney-Virey), FONERT (Courcuire) M. CLELCARON "
        "(Bay)\nAbsents excusés : M. DURAND, CILVONEL, THOMAS Mme CILVONEL remplacée par sa "
        "suppléante Mme RILGINET")
    assert forward.excused == ["DURAND", "CILVONEL", "THOMAS"]
    assert [(entry.name, entry.replaces) for entry in forward.present if entry.replaces] == [
        ("RILGINET", "CILVONEL")]
    reverse = parse_attendance(
        "Délégués présents : Mmes RILGINET (Avrigney-Virey), FONERT (Courcuire) M. CLELCARON "
        "(Bay)\nAbsents excusés : Mme CILVONEL remplacée par sa suppléante Mme RILGINET, M. "
        "DURAND, CILVONEL, THOMAS")
    assert sorted(reverse.excused) == ["CILVONEL", "DURAND", "THOMAS"]
    assert [anomaly.text for anomaly in reverse.anomalies if anomaly.kind == "duplicate_name"
            ] == ["CILVONEL"]


def test_two_excuses_of_one_surname_told_apart_by_their_given_names_stay_two():
    result = parse_attendance(
        "Présents : RILGINET Anne, FONERT Luc\nExcusés : CILVONEL Paul, CILVONEL Marie "
        "remplacée par sa suppléante RILGINET Anne")
    assert result.excused == ["CILVONEL Paul", "CILVONEL Marie"]
    assert "duplicate_name" not in kinds(result)


# Roannais Agglomération, 28 October 2021 (source in roannais-agglomeration-2021-10-28.json):
# a conseiller among the présents "(arrivé en cours de séance)" is also in the table of the
# absents, column "Ni pouvoir": absent until he arrived, counted present and said.
def test_a_present_who_arrived_during_the_session_and_is_listed_absent_counts_present():
    result = parse_attendance(
        "# Etaient présents :\n\nClaudine Cherier - Maurice Raroux - Nassim Chinat (arrivé en "
        "cours de séance) - Paul Plerain\n\n# Etaient absents :\n\nCf page suivante.\n\n"
        "|Absents|Ni pouvoir|Suppléant|Pouvoir donné à…|Ni suppléant|\n|---|---|---|---|---|\n"
        "|Julien-Michel Filfonet|X| | | |\n|Nassim Chinat|X| | |(arrivé en cours de séance)|\n")
    assert len(result.present) == 4
    assert result.absent == ["Julien-Michel Filfonet"]
    assert [anomaly.text for anomaly in result.anomalies
            if anomaly.kind == "present_and_excused"] == ["Nassim Chinat"]


def test_a_present_for_the_whole_session_also_listed_absent_stays_a_contradiction():
    result = parse_attendance(
        "Présents : Claudine Cherier, Nassim Chinat\nAbsents : Nassim Chinat, Paul Plerain")
    assert result.absent == ["Nassim Chinat", "Paul Plerain"]
    assert "present_and_excused" in kinds(result)
