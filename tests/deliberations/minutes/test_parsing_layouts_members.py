"""The parser on layouts of the tuned texts collected in the fifth round (Bas-Chablais 2018,
Genevois français 2013, Pornic 2021): members of the body as headings without colon (in
capitals inside a flattened table, or in mixed case on their own line), a heading written in
words, suppléants written "représentant(e) de M. X", a holder named by their office, a
secretary with a capacity in apposition. One test per rule, built from the real block with
personal names replaced by fictitious ones (layout kept); the source is cited at each test.
(A sibling of test_parsing_layouts_notes.py, which is near the ~800-line habit.)"""

from deliberations.minutes.parsing import parse_attendance
from tests.deliberations.minutes.test_parsing_layouts import kinds, names

# Syndicat intercommunal du Bas-Chablais, comité syndical of 19 June 2018
# (https://docslib.org/doc/9046641/compte-rendu-de-la-seance-du-comite-syndical-du-19-juin-
# 2018): a flattened table, "COMMUNE DE X" before each commune's delegates ("NOM Prénom"),
# the commune's name often lost by the extraction.
BAS_CHABLAIS = (
    "PRESENTS :\n\nCOMMUNE D’ BRAULAUDEL Jean-Charles COMMUNE DE QUARORET Colette SATASSOL "
    "Joseph COMMUNE DE CHENS-sur-LEMAN FLASSIÈRE Raymond COMMUNE DE LULLY MANNESSAC Rémi "
    "COMMUNE DE DRAILLANT MARCEL Clovis\n\n"
    "ABSENTS EXCUSES AYANT DONNE POUVOIR :\n\nCOMMUNE DE BRENTHONNE QUEMOLLE Gaël, pouvoir à "
    "QUARORET Colette COMMUNE DE SCIEZ CARLOUSSE Henri, pouvoir à MANNESSAC Rémi\n\n"
    "ASSISTENT EGALEMENT A LA SEANCE :\n\nRISAUDIN Noël Directeur Général des Services\n\n"
    "Monsieur Jean-Prosper SATASSOL, délégué titulaire, a été élu secrétaire de séance")


def test_commune_headings_in_capitals_without_colon_are_taken_out_even_when_their_name_is_lost():
    result = parse_attendance(BAS_CHABLAIS)
    assert names(result) == ["BRAULAUDEL Jean-Charles", "QUARORET Colette", "SATASSOL Joseph",
                             "FLASSIÈRE Raymond", "MANNESSAC Rémi", "MARCEL Clovis"]
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("QUEMOLLE Gaël", "QUARORET Colette"), ("CARLOUSSE Henri", "MANNESSAC Rémi")]
    assert result.anomalies[0].message == (
        "Noms de communes retirés de la liste : « COMMUNE D’ », « COMMUNE DE », « COMMUNE DE "
        "CHENS-sur-LEMAN », « COMMUNE DE LULLY », « COMMUNE DE DRAILLANT ».")


def test_assistent_egalement_in_the_present_tense_lists_no_member():
    result = parse_attendance(BAS_CHABLAIS)
    assert "RISAUDIN Noël" not in names(result) + result.excused + result.absent
    assert not [anomaly for anomaly in result.anomalies
                if "ASSISTENT" in anomaly.message or "RISAUDIN" in anomaly.message]


def test_a_capacity_in_apposition_between_the_secretary_and_the_verb_is_skipped():
    assert parse_attendance(BAS_CHABLAIS).secretary == "Jean-Prosper SATASSOL"


# Syndicat mixte du Genevois français, comité syndical of 19 September 2013
# (http://manualzilla.com/doc/6411364/proc%C3%A8s-verbal): the heading in words over two
# lines, each member on its line in mixed case without colon, "M./Mme Prénom NOM" by dashes.
GENEVOIS = (
    "Etaient présents les représentants des Etablissements Publics de Coopération "
    "Intercommunale et des\ncommunes suivantes :\n"
    "Communauté de Communes du Pays de Gex\n"
    "M. Damien GOSSERGUE – Mme Martine RITERGUE – M. Didier\nQUETANGE\n"
    "Communauté de Communes du Pays Bellegardien\n"
    "M. Rémi GRERDARDEL – Mme Renée\nMarthe DOUMANDIER, représentante de M. Marc DE\n"
    "POUSSETIN\n"
    "Annemasse-Les Voirons Agglomération\n"
    "M. Roland TARLARGUES – M. Nestor MASSANDIER donne pouvoir à M. Roland TARLARGUES\n"
    "Commune de Thonon les Bains\nMme Mireille ROTORET\n"
    "Excusés : M. Albert LOULOLLE – M Marc DE POUSSETIN – M. Nestor MASSANDIER\n"
    "ORDRE DU JOUR")


def test_a_heading_in_words_wrapped_before_its_colon_opens_the_presents():
    result = parse_attendance(GENEVOIS)
    assert names(result) == ["Damien GOSSERGUE", "Martine RITERGUE", "Didier QUETANGE",
                             "Rémi GRERDARDEL", "Renée Marthe DOUMANDIER", "Roland TARLARGUES",
                             "Mireille ROTORET"]


def test_members_written_in_mixed_case_alone_on_their_line_are_headings():
    result = parse_attendance(GENEVOIS)
    assert [anomaly.message for anomaly in result.anomalies] == [
        "Lignes lues comme des noms de communes et non comme des personnes : « Communauté de "
        "Communes du Pays de Gex », « Communauté de Communes du Pays Bellegardien », "
        "« Annemasse-Les Voirons Agglomération », « Commune de Thonon les Bains »."]


def test_representante_de_a_member_is_a_suppleante_sitting_for_them():
    result = parse_attendance(GENEVOIS)
    [substitute] = [entry for entry in result.present if entry.replaces]
    assert (substitute.name, substitute.replaces) == ("Renée Marthe DOUMANDIER",
                                                      "Marc DE POUSSETIN")
    # The titular is excused once; the proxy giver listed again among the excusés is not.
    assert result.excused == ["Albert LOULOLLE", "Marc DE POUSSETIN"]
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Nestor MASSANDIER", "Roland TARLARGUES")]


def test_a_proxy_giver_misspelt_once_among_the_excused_is_counted_once_and_said():
    # The same source: "M. Sylvain VELARDEL donne pouvoir …", then "M. Sylvains VELARDEL"
    # among the excusés.
    result = parse_attendance(
        "Présents : M. Roger FLAUSSOUMIER – M. Sylvain VELARDEL donne pouvoir à M. Roger "
        "FLAUSSOUMIER\nExcusés : M. Albert LOULOLLE – M. Sylvains VELARDEL\nORDRE DU JOUR")
    assert result.excused == ["Albert LOULOLLE"]
    assert [(a.kind, a.text) for a in result.anomalies] == [
        ("duplicate_name", "Sylvains VELARDEL")]
    # Two letters apart: two people, both kept.
    result = parse_attendance(
        "Présents : M. Roger FLAUSSOUMIER – M. Sylvain VELARDEL donne pouvoir à M. Roger "
        "FLAUSSOUMIER\nExcusés : M. Simone VELARDEL\nORDRE DU JOUR")
    assert result.excused == ["Simone VELARDEL"]


def test_a_holder_named_by_office_is_the_present_written_with_that_office():
    # Conseil municipal de Pornic, 26 March 2021 (https://fr.readkong.com/page/conseil-
    # municipal-du-26-mars-2021-3166128), one line.
    result = parse_attendance(
        "Présents : M. Jacques-Marcel VARLILLAC, Maire, Mmes et MM. Colette MOMARDEL, "
        "Pierre-Etienne CLAUNAUZET. Pouvoirs : Mme Bernadette QUETILLAC donne pouvoir à M. le "
        "Maire, Mme Fanny NARDAUDEL donne pouvoir à Mme Colette MOMARDEL. Secrétaire de séance "
        ": Colette MOMARDEL")
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Bernadette QUETILLAC", "Jacques-Marcel VARLILLAC"),
        ("Fanny NARDAUDEL", "Colette MOMARDEL")]
    assert [(a.kind, a.message) for a in result.anomalies] == [(
        "holder_by_office", "Mandataire « le Maire » lu comme « Jacques-Marcel VARLILLAC », "
        "inscrit avec cette fonction parmi les présents.")]
    # No présent written with the office: the holder stays as written, and is reported.
    result = parse_attendance("Présents : Colette MOMARDEL. Pouvoirs : Mme Bernadette QUETILLAC "
                              "donne pouvoir à M. le Maire")
    assert [proxy.holder for proxy in result.proxies] == ["le Maire"]
    assert kinds(result) == ["holder_not_present"]


# Conseil municipal de Meslan, 24 June 2014 (https://expydoc.com/doc/3496180/conseil-
# municipal-24-juin-2014): figures in brackets after the headings, "mandat de vote", a
# surname cut after its first letter at a line break, the mayor in capitals as a holder.
MESLAN = (
    "PRESENTS [3] : Aimé LE VARDESSAC, Denis GEVILLAC, Maxime LE LOURNELLEC, Simon\n"
    "W ALORNIER.\n"
    "ABSENTS EXCUSES AYANT DONNE MANDAT DE VOTE [2]: Prosper MOTIGNAC a donné pouvoir à Simon\n"
    "W ALORNIER, Léonie VORNELLEC a donné pouvoir à AIMÉ LE VARDESSAC\n"
    "SECRETAIRE DE SEANCE : Denis GEVILLAC")


def test_a_figure_in_brackets_after_a_heading_is_a_stated_count_not_a_name():
    result = parse_attendance(MESLAN)
    assert names(result) == ["Aimé LE VARDESSAC", "Denis GEVILLAC", "Maxime LE LOURNELLEC",
                             "Simon W ALORNIER"]
    assert result.stated_counts.present == 4 - 1  # "[3]": a wrong figure is reported
    assert ("count_mismatch", "présents : 3") in [(a.kind, a.text) for a in result.anomalies]


def test_mandat_de_vote_heads_procurations_and_a_holder_in_capitals_is_the_present():
    result = parse_attendance(MESLAN)
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Prosper MOTIGNAC", "Simon W ALORNIER"), ("Léonie VORNELLEC", "Aimé LE VARDESSAC")]
    assert "holder_not_present" not in kinds(result)


# Baud Communauté, 10 September 2020 (https://docslib.org/doc/10829204/proces-verbal-conseil-
# communautaire-du-10-septembre-2020-convocation-du-4-septembre-2020): the "PRESENTS" list
# names every member in office, the two excused proxy givers included.
BAUD = (
    "Conseillers en exercice : 5 Présents : {present} Votants : 5\n"
    "PRESENTS : Bastien GAUVIGNAC, Perrine BANNARDEL, Sandrine CHELORET, Estelle LE "
    "SERLONNEAU, Cécile DERDIÈRE.\n"
    "ABSENTS EXCUSÉS : Cécile DERDIÈRE POUVOIRS :\n"
    "Cécile DERDIÈRE donne pouvoir à Estelle LE SERLONNEAU\n"
    "Secrétaire de séance : M. GAUVIGNAC Bastien")


def test_givers_listed_among_the_presents_are_taken_out_when_the_stated_figures_say_so():
    result = parse_attendance(BAUD.format(present=4))
    assert names(result) == ["Bastien GAUVIGNAC", "Perrine BANNARDEL", "Sandrine CHELORET",
                             "Estelle LE SERLONNEAU"]
    assert result.excused == [] and len(result.proxies) == 1
    assert [(a.kind, a.message) for a in result.anomalies] == [(
        "present_and_excused",
        "La liste des présents nomme aussi des mandants, excusés ou absents (« Cécile "
        "DERDIÈRE ») ; le registre annonce 4 présents et 5 votants : ils n'ont pas siégé et sont "
        "retirés des présents.")]


def test_givers_listed_among_the_presents_stay_when_no_figure_settles_it():
    # "Présents : 5": the figures count the giver as present (arrived late?): as written.
    result = parse_attendance(BAUD.format(present=5))
    assert len(result.present) == 5
    assert "proxy_giver_present" in kinds(result)


def test_sub_headings_under_excuses_continue_the_excused_list():
    # Communauté de communes de la région de Saverne, 8 April 2008 (https://docslib.org/doc/
    # 6011524/affaires-generales): "Membres titulaires :" / "Membres suppléants :" under
    # "Présents :" and again on the "Excusés :" line; a page number after the last stop.
    result = parse_attendance(
        "Présents :\n\nMembres titulaires : MM. Denis SISETTE, Gaston JONNANGE. Mmes Monique "
        "PASCAL.\n\nMembres suppléants : MM. François MASSAUZET. Mme Valérie TRONNAVEL.\n\n"
        "Excusés : Membres titulaires : MM. Paul CHEMAUZET, Benoît VONNIÈRE. Membres "
        "suppléants : MM. Octave CHETARDEL. Mme Claire TAUSSESSAC-TAUTOLLE. 2")
    assert names(result) == ["Denis SISETTE", "Gaston JONNANGE", "Monique PASCAL",
                             "François MASSAUZET", "Valérie TRONNAVEL"]
    assert result.excused == ["Paul CHEMAUZET", "Benoît VONNIÈRE", "Octave CHETARDEL",
                              "Claire TAUSSESSAC-TAUTOLLE"]
    assert kinds(result) == []


# Communauté de communes Agly-Fenouillèdes, 21 February 2019 (https://vdocuments.fr/compte-
# rendu-conseil-de-communaute-n01.html), one line: the header table flattened labels first,
# headings without colon opening sentences, the "Présents" list naming every member.
AGLY = (
    "Nombre de membres : Afférents au Conseil de Communauté : En exercice : Ayant pris part à "
    "la délibération : Date de la Convocation : 6 6 4 14/02/2019 sous la présidence de "
    "Monsieur Cyrille JARDONNEAU, Président. Présents Cyrille JARDONNEAU, Edmond NAUNINEAU, "
    "Clémence CHAURLOLLE, Joachim NESILLAC, Daniel FLOMAVEL, Florence QUERLERGUE. Ont donné "
    "procuration – Suppléant(e)s Edmond NAUNINEAU à Cyrille JARDONNEAU et Daniel FLOMAVEL à "
    "Joachim NESILLAC. Absents excusés Florence QUERLERGUE. Absents non excusés Clémence "
    "CHAURLOLLE. Secrétaire de séance Joachim NESILLAC. COMPTE-RENDU CONSEIL DE COMMUNAUTE")


def test_headings_without_colon_opening_sentences_of_a_flattened_block_are_cut():
    result = parse_attendance(AGLY)
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Edmond NAUNINEAU", "Cyrille JARDONNEAU"), ("Daniel FLOMAVEL", "Joachim NESILLAC")]
    assert (result.excused, result.absent) == (["Florence QUERLERGUE"], ["Clémence CHAURLOLLE"])
    assert result.secretary == "Joachim NESILLAC"


def test_a_table_of_figures_flattened_labels_first_is_read_from_its_end():
    counts = parse_attendance(AGLY).stated_counts
    assert (counts.in_office, counts.voters, counts.present) == (6, 4, None)


def test_members_listed_present_and_elsewhere_are_taken_out_when_the_votants_say_so():
    # 6 listed "Présents", 4 of them listed again: 2 sat, 2 + 2 procurations = 4 votants.
    result = parse_attendance(AGLY)
    assert names(result) == ["Cyrille JARDONNEAU", "Joachim NESILLAC"]
    assert [a.text for a in result.anomalies if a.kind == "present_and_excused"] == [
        "Edmond NAUNINEAU, Clémence CHAURLOLLE, Daniel FLOMAVEL, Florence QUERLERGUE"]


def test_a_sentence_about_a_presents_arrival_is_their_note_not_a_name():
    # Meslan 2014 (source above), wrapped at 70 columns: the sentence under the list goes on
    # on the next line; the item in it is where the présent arrived.
    result = parse_attendance(
        "PRESENTS [3] : Aimé LE VARDESSAC, Denis GEVILLAC, Lucas GRAMOUMIER.\n"
        "Mr Lucas GRAMOUMIER est arrivé au cours de la séance de Conseil\n"
        "Municipal (point n° 5).\nSECRETAIRE DE SEANCE : Denis GEVILLAC")
    assert names(result) == ["Aimé LE VARDESSAC", "Denis GEVILLAC", "Lucas GRAMOUMIER"]
    assert result.present[2].from_item == 5
    assert kinds(result) == []


def test_commune_heading_words_wrapped_at_the_end_of_a_line_of_a_flattened_table():
    # Bas-Chablais 2018 (source above), wrapped at 70 columns: "COMMUNE / D’YVOIRE …",
    # "COMMUNE DE DRAILLANT / MARCEL Clovis", "GRARLARDEL-BELASSOL / Martial, pouvoir à …".
    result = parse_attendance(
        "PRESENTS :\nMANNESSAC Rémi CHALINEAU Marcel\n"
        "ABSENTS EXCUSES AYANT DONNE POUVOIR :\n"
        "COMMUNE DE BRAURNESSAC Yvon, pouvoir à MANNESSAC Rémi COMMUNE DE LULLY "
        "GRARLARDEL-BELASSOL\nMartial, pouvoir à CHALINEAU Marcel\n"
        "ABSENTS EXCUSES :\nCOMMUNE DE FESSY DENNELLEC Sylvain COMMUNE DE DRAILLANT\n"
        "MARCEL Clovis COMMUNE DE MESSERY QUOURLIGNAC Octave COMMUNE\n"
        "D’YVOIRE MILERGUE-PASIÈRE Philibert\n")
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("BRAURNESSAC Yvon", "MANNESSAC Rémi"),
        ("GRARLARDEL-BELASSOL Martial", "CHALINEAU Marcel")]
    assert result.excused == ["DENNELLEC Sylvain", "MARCEL Clovis", "QUOURLIGNAC Octave",
                              "MILERGUE-PASIÈRE Philibert"]


# Communauté de communes des Monts de Lacaune, 8 November 2018 (https://docslib.org/doc/
# 7982184/, the address in full in monts-de-lacaune-2018-11-08.json): the header column
# ("Votants : 29") printed inside the list, and the first agenda item right after the lists.
def test_a_stated_figure_printed_inside_a_list_is_taken_out_and_still_read():
    result = parse_attendance(
        "Présents : 3 Sont présents: Marius FANAUDEL, Joachim CLISSILLAC, Votants : 4 Raymond "
        "CLISSILLAC\n\nPouvoirs : Clotilde SOMAUZET par Marius FANAUDEL\n\n"
        "Absents : Irène VERDEZ, Armand PESAVEL\n\n"
        "1. AVIS SUR LE PROJET DE PARC EOLIEN SUR LES COMMUNES DE VIANE, BERLATS ET ESPERAUSSES")
    assert names(result) == ["Marius FANAUDEL", "Joachim CLISSILLAC", "Raymond CLISSILLAC"]
    assert (result.stated_counts.present, result.stated_counts.voters) == (3, 4)
    assert result.absent == ["Irène VERDEZ", "Armand PESAVEL"]
    assert kinds(result) == []


# CC de la Région de Saverne, 8 April 2008 (procès-verbal N° 3 published by the communauté):
# "Membres titulaires :" / "Membres suppléants :" under both "Présents :" and "Excusés :".
SAVERNE = (
    "Nombre de Conseillers Communautaires en exercice : 4 Présents : 4 Titulaires : 3 "
    "Suppléants : 1\n\nPrésents :\n\nMembres titulaires : MM. Denis SOLETTE, Gaston JARANGE. "
    "Mme Monique PASTEL.\n\nMembres suppléants : M. François MARSAUZET.\n\n"
    "Excusés : Membres titulaires : M. Paul CHARMAUZET. Membres suppléants : MM. Octave "
    "CHATARDEL, Jean-Pierre VITELLAC."
)


def test_excused_suppleants_are_not_counted_against_the_members_in_office():
    result = parse_attendance(SAVERNE)
    assert len(result.present) == 4
    assert result.excused == ["Paul CHARMAUZET", "Octave CHATARDEL", "Jean-Pierre VITELLAC"]
    # 3 titulaires present + 1 titulaire excused = 4 in office; the suppléants, sitting or
    # excused, are not members in office.
    assert result.suppleants == ["François MARSAUZET", "Octave CHATARDEL",
                                 "Jean-Pierre VITELLAC"]
    assert kinds(result) == []


def test_a_list_that_misses_a_titulaire_still_disagrees_with_the_members_in_office():
    result = parse_attendance(SAVERNE.replace("en exercice : 4", "en exercice : 5"))
    assert kinds(result) == ["count_mismatch"]
    assert result.anomalies[0].message == ("Le registre indique 5 membres en exercice, les "
                                           "listes en donnent 7.")


# Syndicat des Rivières (région de Fécamp), comité syndical of 11 October 2006
# (tests/fixtures/minutes/syndicat-des-rivieres-2006-10-11, http://s2rivieres.com/crcs.php?
# date=11/10/06): each dashed line opened by the group it lists, in words, then a plural
# civility covering several surnames.
RIVIERES_GROUPS = (
    "Etaient présents :\n\n-         Syndics : Messieurs VRANOLLE, CRESSAC, GONELET, Madame "
    "LAURDIER\n\n-         Syndicat des Rivières : Madame SOUVELLEC, Messieurs MAROUVEL et "
    "BLANDOUMIER\n\nEtaient excusés :\n\n-         Syndics : Messieurs ROBETIN, BARNAUDIN, "
    "Madame TOVELLEC \n")


def test_a_group_named_in_words_before_a_colon_is_no_person():
    result = parse_attendance(RIVIERES_GROUPS)
    assert names(result) == ["VRANOLLE", "CRESSAC", "GONELET", "LAURDIER", "SOUVELLEC",
                             "MAROUVEL", "BLANDOUMIER"]
    assert result.excused == ["ROBETIN", "BARNAUDIN", "TOVELLEC"]
    assert set(kinds(result)) == {"commune_heading"}  # the groups taken out are said
    # ...as groups of delegates, not as communes.
    assert [anomaly.message for anomaly in result.anomalies] == [
        f"Intitulés de groupes de délégués retirés de la liste : « {group} »."
        for group in ("Syndics", "Syndicat des Rivières", "Syndics")]


# Syndicat mixte pour le Sundgau, conseil syndical of 9 July 2014
# (tests/fixtures/minutes/sundgau-2014-07-09, http://docplayer.fr/8553338): member
# communautés written "Communauté …" without "de communes", each before a colon.
SUNDGAU_MEMBERS = (
    "Sous la présidence de M. Aristide VRANOLLE, Président du Syndicat Mixte pour le Sundgau, "
    "étaient présents : Présents : 106 Communauté d Altkirch : Monsieur Pacôme CRESSAC, "
    "Communauté Ill et Gersbach : Messieurs Aristide VRANOLLE et Félix GONELET, Communauté du "
    "Secteur d Illfurth : Messieurs Jules LAURDIER et Bastien SOUVELLEC. Madame Inès MAROUVEL "
    "(Altenach-suppléante), Messieurs Jules ROBETIN (Altkirch),")


def test_member_communautes_without_de_communes_are_headings():
    result = parse_attendance(SUNDGAU_MEMBERS)
    assert names(result) == ["Pacôme CRESSAC", "Aristide VRANOLLE", "Félix GONELET",
                             "Jules LAURDIER", "Bastien SOUVELLEC", "Inès MAROUVEL",
                             "Jules ROBETIN"]
    removed = next(anomaly.message for anomaly in result.anomalies
                   if anomaly.kind == "commune_heading")
    assert "« Communauté du Secteur d Illfurth »" in removed


def test_a_name_in_title_case_before_a_member_heading_is_not_part_of_a_group_label():
    # In a list written in title case, "Chimeyrac Commune de :" is a name, then the heading
    # of the next commune (Ouvèze-Payre, tests/fixtures/minutes/ouveze-payre-2019-12-10).
    result = parse_attendance("Etaient présents :\n\nCommune d’ : Messieurs Ralisson, "
                              "Chimeyrac Commune de : Monsieur Narnardel\n")
    assert names(result) == ["Ralisson", "Chimeyrac", "Narnardel"]
