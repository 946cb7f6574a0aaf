"""The parser on the artefacts of PDF text extraction: words cut by a hyphen at a line end,
told from compound names by evidence from the text itself (``parsing/extraction.py``), and
lists wrapped inside an entry (``parsing/joining.py``). One test per rule, built from real
blocks with personal names replaced by fictitious ones (layout kept); the source is cited at
each test."""

from deliberations.minutes.parsing import parse_attendance
from tests.deliberations.minutes.test_parsing_layouts import kinds, names


def test_a_surname_cut_in_capitals_is_joined_when_the_text_writes_it_whole_elsewhere():
    # Conseil municipal of 5 December 2018 (https://fdocuments.fr/document/proces-verbal-du-
    # conseil-municipal-du-5-decembre-2018cdn12-2019-10-31-p.html), hyphenated: the
    # secretary "TREO- / NNET" is a présent written whole above.
    result = parse_attendance("Présents : Gatien TREONNET, Valentine CHAUSIÈRE\n"
                              "Secrétaire de séance : Gatien TREO-\nNNET\nORDRE DU JOUR")
    assert result.secretary == "Gatien TREONNET"
    assert kinds(result) == []


def test_a_compound_surname_wrapped_at_its_hyphen_keeps_it_when_written_so_elsewhere():
    # Concarneau Cornouaille Agglomération, 19 December 2019
    # (https://fr.readkong.com/page/compte-rendu-conseil-communautaire-4033931): a compound
    # surname wrapped after its hyphen, written whole in the procurations.
    result = parse_attendance(
        "PRESENTS\nP. BRAUNNETIN, S. ROULOLLE-\nGOUNIGNAC, M. NORLETIN.\n"
        "ABSENTS EXCUSES AYANT DONNE POUVOIR\n"
        "B. CHIRNINEAU (Pouvoir à S. ROULOLLE-GOUNIGNAC).")
    assert names(result) == ["P. BRAUNNETIN", "S. ROULOLLE-GOUNIGNAC", "NORLETIN"]
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("B. CHIRNINEAU", "S. ROULOLLE-GOUNIGNAC")]
    assert kinds(result) == []


def test_a_compound_given_name_wrapped_at_its_hyphen_stays_compound():
    # Pornic Agglo Pays de Retz, 26 March 2021: "Jacques- / Marcel", title case on the next
    # line, is two given names, not one word cut.
    result = parse_attendance("Présents : Mme Bernadette QUETILLAC, M. Jacques-\n"
                              "Marcel VARLILLAC, Mme Chantal VAN RALAVEL.")
    assert names(result) == ["Bernadette QUETILLAC", "Jacques-Marcel VARLILLAC",
                             "Chantal VAN RALAVEL"]


def test_a_heading_cut_in_capitals_is_joined_as_a_word_of_the_attendance_vocabulary():
    # Concarneau Cornouaille Agglomération, 19 December 2019 (source above): "PRES- / ENTS".
    result = parse_attendance("ETAT DES PRESENCES\nPRES-\nENTS\n\n"
                              "P. BRAUNNETIN, M. COUNANDIER, O. COUTOUMIER.\nORDRE DU JOUR")
    assert names(result) == ["P. BRAUNNETIN", "COUNANDIER", "O. COUTOUMIER"]


def test_a_commune_heading_cut_in_capitals_is_joined_and_opens_its_own_line():
    # Communauté de communes du Pays Fertois, 28 February 2007
    # (https://fr.doczz.net/doc/2129703/conseil-du-28-f%C3%A9vrier-2007): each commune in
    # capitals over its delegates; "BUSS- / IERES" (COG: Bussières) cut after the delegate of
    # the commune before it.
    result = parse_attendance("Etaient présents : BASSEVELLE\nM. NIINEAU Bastien BUSS-\nIERES\n"
                              "M. FLIRISSON Mathis\nCHANGIS SUR MARNE\nMme GARONNET Albane-Maud")
    assert names(result) == ["NIINEAU Bastien", "FLIRISSON Mathis", "GARONNET Albane-Maud"]
    assert set(kinds(result)) == {"commune_heading"}


def test_an_epci_heading_cut_in_a_heading_line_opens_its_own_line():
    # Pôle métropolitain du Genevois français, 19 September 2013
    # (http://manualzilla.com/doc/6411364/proc%C3%A8s-verbal): "Comm- / unauté de Communes
    # du Pays de Gex" cut at the end of the heading's line.
    result = parse_attendance(
        "Etaient présents les représentants des Etablissements Publics de Coopération "
        "Intercommunale et des communes suivantes : Comm-\nunauté de Communes du Pays de Gex\n"
        "M. Damien GOSSERGUE – Mme Martine RITERGUE\nExcusés : M. Albert LOULOLLE")
    assert names(result) == ["Damien GOSSERGUE", "Martine RITERGUE"]
    assert result.excused == ["Albert LOULOLLE"]


def test_a_capital_cut_without_evidence_in_a_hyphenated_text_is_joined_and_said():
    # Communauté de communes Agly-Fenouillèdes, 21 February 2019, hyphenated at 60 columns:
    # the text cuts its ordinary words ("pou- / voir"), so it cuts capital words too.
    result = parse_attendance(
        "Présents : Cyrille JARDONNEAU, Joachim NESILLAC.\nProcurations : Edmond NAUN-\n"
        "INEAU donne pou-\nvoir à Cyrille JARDONNEAU.")
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Edmond NAUNINEAU", "Cyrille JARDONNEAU")]
    assert [(a.kind, a.text) for a in result.anomalies] == [
        ("guessed_join", "NAUN- / INEAU → NAUNINEAU")]


def test_a_capital_part_no_word_opens_so_is_a_cut_and_said():
    # Conseil municipal de Roure, 8 April 2018 (https://roure.fr/compte_rendu/8-avril-2018/),
    # hyphenated: "SARRO- / NNET" — no French word opens with "nn".
    result = parse_attendance("Présents : Romain CHORDAUDEL, Yolande TENELLEC.\n"
                              "Absents représentés : Félix SARRO-\nNNET pouvoir à Yolande "
                              "TENELLEC.")
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Félix SARRONNET", "Yolande TENELLEC")]
    assert kinds(result) == ["guessed_join"]


def test_a_capital_cut_without_evidence_in_a_text_that_cuts_no_word_keeps_its_hyphen_and_said():
    # Normandie Sud Eure, 21 October 2020 (https://docslib.org/doc/2628159/compte-rendu-
    # conseil-communautaire-du-21-octobre-2020): "PRAT- / ELLEC" in a text that hyphenates no
    # ordinary word may be a compound surname wrapped at its hyphen: kept, said.
    result = parse_attendance("Présents : MM. BRORNAUMIER, NANNANGE.\n"
                              "Excusés : Mme PRAT-\nELLEC (pouvoir à M. BRORNAUMIER).")
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("PRAT-ELLEC", "BRORNAUMIER")]
    assert ("guessed_join", "PRAT- / ELLEC → PRAT-ELLEC") in [
        (a.kind, a.text) for a in result.anomalies]


def test_a_sentence_cut_after_the_list_opens_its_own_line():
    # Conseil municipal de Roure, 8 April 2018 (source above), hyphenated: "… CHORDAUDEL.
    # Mons- / ieur X a été nommé secrétaire": the secretary's sentence does not swallow the
    # end of the procurations.
    result = parse_attendance(
        "Présents : Romain CHORDAUDEL, Yolande TENELLEC.\n"
        "Absents représentés : Félix SARRONNET pouvoir à Yolande\n"
        "TENELLEC, Mathilde-Flavie VASAUDEL\npouvoir à Romain CHORDAUDEL. Mons-\n"
        "ieur Romain CHORDAUDEL a été nommé secrétaire de\nséance.\nORDRE DU JOUR :")
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Félix SARRONNET", "Yolande TENELLEC"), ("Mathilde-Flavie VASAUDEL", "Romain CHORDAUDEL")]
    assert result.secretary == "Romain CHORDAUDEL"
    assert kinds(result) == []


# Montpellier Méditerranée Métropole, 18 April 2019 (https://dokumen.tips/documents/compte-
# rendu-du-conseil-de-mtropole-page-114-secrtariat-gnral-service.html), wrapped at 40.
def test_a_comma_list_line_ending_without_comma_goes_on_with_the_surname_words_below():
    result = parse_attendance("Présents :\nJoachim GRIRRONNET,\n"
                              "Michèle CIDIGNAC-BRASARGUES, Aristide EL\n"
                              "TORNAUDIN, Mathilde DRAVINEAU.")
    assert names(result) == ["Joachim GRIRRONNET", "Michèle CIDIGNAC-BRASARGUES",
                             "Aristide EL TORNAUDIN", "Mathilde DRAVINEAU"]


def test_a_surname_list_line_ending_without_comma_goes_on_with_a_particle_below():
    # Normandie Sud Eure, 21 October 2020 (source above), wrapped at 40: surnames only,
    # "DE CLERNONNEAU / DE PROUNNOUMIER" is one surname.
    result = parse_attendance("Etaient présents : Mme GARNELET, MM. LENNAUDEL, DE CLERNONNEAU\n"
                              "DE PROUNNOUMIER, Mmes GOUVORET, CHOMELLEC.")
    assert names(result) == ["GARNELET", "LENNAUDEL", "DE CLERNONNEAU DE PROUNNOUMIER",
                             "GOUVORET", "CHOMELLEC"]


def test_a_given_name_after_a_full_stop_at_a_line_end_goes_on_with_the_surname_below():
    # Montpellier Méditerranée Métropole (source above): "… RORRARGUES. Perrine /
    # COLEYRAC, suppléant de …", the suppléant's sentence after the list's full stop.
    result = parse_attendance("Présents : Albane MIRDAUZET, Romain RORRARGUES. Perrine\n"
                              "COLEYRAC, suppléant de Romain PRORSONNET.")
    assert names(result) == ["Albane MIRDAUZET", "Romain RORRARGUES", "Perrine COLEYRAC"]


def test_a_page_break_inside_a_list_leaves_no_entry_and_the_list_goes_on():
    # Communauté de communes du Perche (Longny-au-Perche), 18 June 2015
    # (https://doczz.fr/doc/5644681/compte-rendu-cdc-2015-06-18), its list over a page break:
    # the running header stating the page and the page number alone are no one.
    result = parse_attendance(
        "Présents : Mesdames et Messieurs NIRDEYRAC, BROSSETIN, COLLIÈRE,\n"
        "Conseil communautaire du 18 juin 2015 – Page 2/14\n2\n"
        "DEVIGNAC, RERISSON-NOURLOLLE.\nExcusé : M. VARNELET.")
    assert names(result) == ["NIRDEYRAC", "BROSSETIN", "COLLIÈRE", "DEVIGNAC",
                             "RERISSON-NOURLOLLE"]
    assert result.excused == ["VARNELET"]
    assert kinds(result) == []


def test_a_page_break_inside_an_entry_joins_the_two_halves():
    # The same page break between a given name and its surname, the footer written "page 2
    # sur 14" under the page number.
    result = parse_attendance("Présents : Mme Anne NIRDEYRAC, M. Paul\n2\n"
                              "PV du conseil du 18/06/2015 - page 2 sur 14\n"
                              "BROSSETIN, Mme Iris COLLIÈRE.")
    assert names(result) == ["Anne NIRDEYRAC", "Paul BROSSETIN", "Iris COLLIÈRE"]


def test_a_line_opening_in_lower_case_goes_on_with_the_entry_above():
    # SICTOM du secteur de Cérilly, 3 March 2021 (https://fr.readkong.com/page/compte-rendu-
    # du-comite-syndical-du-3-mars-2021-9392431), a page break before the words of a note:
    # "M LAVERGNE Olivier / suppléant M. DUMERY …" is one entry.
    result = parse_attendance(
        "Présent(s) : M. DESFORGES David (Bizeneuille) ; M LAVERGNE Olivier\n"
        "suppléant M. DUMERY Jean-Claude (Le Brethon) ; Mme COLLET Amandine (Le Vilhain).\n"
        "Absent(s) excusé(s) : M. DUMERY Jean-Claude (Le Brethon)")
    assert names(result) == ["DESFORGES David", "LAVERGNE Olivier", "COLLET Amandine"]
    assert result.excused == ["DUMERY Jean-Claude"]


def test_bullets_open_entries_under_a_counted_heading():
    # Comité syndical of 23 September 2016 (https://123dok.net/document/yr3moop8-constat%C3%A9-
    # quorum-atteint-donn%C3%A9-lecture-pouvoirs-pr%C3%A9sidente-premier.html), its lists
    # bulleted: "Membres présents : 60" over "• MMES …", "• MM. …".
    result = parse_attendance(
        "Membres présents : 4\n\n• MMES TOPAUVÉTARD Catherine, CHAMAIBAURNIER Monique,\n\n"
        "• MM. TATROUTIVOIS Christian, GUPLERNIER Jean-Jacques\n\nPOUVOIRS : 1\n\n"
        "• M. GREAUCLITINIER Jean-Pierre donne pouvoir à M. GUPLERNIER Jean-Jacques\n\n"
        "Rappel de l'ordre du jour :")
    assert names(result) == ["TOPAUVÉTARD Catherine", "CHAMAIBAURNIER Monique",
                             "TATROUTIVOIS Christian", "GUPLERNIER Jean-Jacques"]
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("GREAUCLITINIER Jean-Pierre", "GUPLERNIER Jean-Jacques")]
    assert kinds(result) == []


def test_a_dash_bullet_opens_an_entry_and_its_wrapped_line_goes_on_with_it():
    # SIRS de La Landelle, 19 December 2019 (https://www.mairie-lalandelle.fr/Compte-rendu-du-
    # conseil-syndical-SIRS-du-19-decembre-2019.html), bulleted with dashes, one item wrapped
    # after a given name ("- Mme Adèle / GRIRLAVEL").
    result = parse_attendance(
        "Étaient présents :\n- M. Prosper VIRLELET\n- Mme Adèle\nGRIRLAVEL\n"
        "- M. Jules-Placide BASOUVEL\nÉtaient absents avec procuration :\n"
        "- Mr Romain LERAUDIN, pouvoir à M. Jules-Placide BASOUVEL")
    assert names(result) == ["Prosper VIRLELET", "Adèle GRIRLAVEL", "Jules-Placide BASOUVEL"]
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Romain LERAUDIN", "Jules-Placide BASOUVEL")]
    assert kinds(result) == []


def test_any_bullet_mark_opens_an_entry_and_is_no_part_of_the_name():
    # The same list bulleted with squares, as a word processor exports them.
    result = parse_attendance("Étaient présents :\n▪ Prosper VIRLELET\n▪ Adèle GRIRLAVEL\n"
                              "▪ ▪ Jules-Placide BASOUVEL")
    assert names(result) == ["Prosper VIRLELET", "Adèle GRIRLAVEL", "Jules-Placide BASOUVEL"]
    assert kinds(result) == []


def test_a_dash_opening_a_wrapped_line_of_a_dash_separated_list_is_no_bullet():
    # Communauté de communes du Minervois, 24 September 2013 (http://doczz.fr/doc/2637390/
    # compte-rendu-24-septembre---communaut%C3%A9-de-communes-le): "NOM I. – NOM I." wrapped
    # before a dash; the line holds other dashes, so the dash separates, it opens no item.
    result = parse_attendance("Etaient absents : NAUVERGUE H. – CHAUDOUMIER B. - VINONNET G.\n"
                              "– NIRLAVEL S. – DERNEYRAC S.\nORDRE DU JOUR")
    assert result.absent == ["NAUVERGUE H.", "CHAUDOUMIER B.", "VINONNET G.", "NIRLAVEL S.",
                             "DERNEYRAC S."]


def test_a_bullet_before_the_secretarys_sentence_is_dropped():
    # SCoT de Gascogne, 19 December 2019 (https://123dok.net/document/q7wkoodd-compte-rendu-
    # comit%C3%A9-syndical-decembre-cordeliers-camille-desmoulins.html), the sentence bulleted
    # after a blank line.
    result = parse_attendance("Présents : Julien DUCASSE, Henri LAFFORGUE.\n\n"
                              "- Sylvain CORTESE est nommé secrétaire de séance.")
    assert result.secretary == "Sylvain CORTESE"
    assert kinds(result) == []


def test_a_given_name_alone_before_a_comma_is_the_second_given_name_of_the_entry_above():
    # Syndicat scolaire des Bords de l'Ardre, 12 January 2016 (https://www.serzyetprin.fr/
    # ecoles-1/syndicat-scolaire/cr-cs-12-01-2016/), wrapped at 40: a list "NOM Prénom"
    # wrapped between two given names ("TAROUMIER Julien / Marc, …").
    result = parse_attendance(
        "Excusés : Messieurs TOSSAUDIN Serge, POUNNAUDIN\nRodolphe (suppléant), TAROUMIER Julien\n"
        "Marc, DREVIÈRE Jules.")
    assert result.excused == ["TOSSAUDIN Serge", "POUNNAUDIN Rodolphe", "TAROUMIER Julien Marc",
                              "DREVIÈRE Jules"]


def test_a_line_opening_with_a_dash_in_a_comma_list_goes_on_with_the_compound_above():
    # Communauté de communes de la Ténarèze (Condom), 3 March 2021 (https://docslib.org/doc/
    # 10001758/proc%C3%A8s-verbal-du-3-mars-2021), wrapped at 40: compound names written with
    # spaced dashes, one wrapped before its dash ("GRORLIGNAC / - GRIMELLEC").
    result = parse_attendance(
        "PRESENTS : Mmes LOUROLLE Virginie, GRORLIGNAC\n- GRIMELLEC Maud - Tiphaine, MESSARDEL\n"
        "Agathe.")
    assert names(result) == ["LOUROLLE Virginie", "GRORLIGNAC-GRIMELLEC Maud-Tiphaine",
                             "MESSARDEL Agathe"]


def test_a_proxy_holder_without_given_name_at_a_line_end_goes_on_with_the_next_line():
    # Communauté de communes du Pays Fertois, 28 February 2007 (source above), wrapped at 40:
    # "Mme BESONNET Jeanne à Mme FLIOUSSE / BRAROLLE Agathe" (a two-word surname).
    result = parse_attendance(
        "Etaient présents : Mme FLIOUSSE BRAROLLE Agathe\nM. MORREYRAC Pacôme\n"
        "Délégués représentés par pouvoir :\nM. DE GIRSINEAU Médéric à M. MORREYRAC\nPacôme\n"
        "Mme BESONNET Jeanne à Mme FLIOUSSE\nBRAROLLE Agathe")
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("DE GIRSINEAU Médéric", "MORREYRAC Pacôme"),
        ("BESONNET Jeanne", "FLIOUSSE BRAROLLE Agathe")]
    assert kinds(result) == []


def test_a_last_line_opening_with_a_particle_goes_on_with_the_surname_above():
    # SIRESCO, comité of 7 June 2011 (http://docplayer.fr/1264244-approbation-du-proces-verbal-
    # de-la-seance-du-8-fevrier-2011-le-proces-verbal-de-la-seance-du-8-fevrier-est-adopte-a-
    # l-unanimite.html), wrapped at 40: the list's last entry "Caroline TRAUSSERGUE / DE
    # VAURNAUZET", no commune (COG) and no separator after it.
    result = parse_attendance(
        "Etaient présents : Arnaud MALLOLLE, Félix BAULLEYRAC.\n"
        "Etaient excusés : Florence GROULOUMIER,\nFabien TAUVERGUE, Caroline TRAUSSERGUE\n"
        "DE VAURNAUZET")
    assert result.excused == ["Florence GROULOUMIER", "Fabien TAUVERGUE",
                              "Caroline TRAUSSERGUE DE VAURNAUZET"]
    assert kinds(result) == []


def test_a_member_epci_title_wrapped_after_a_word_calling_for_more_is_one_heading():
    # Pôle métropolitain du Genevois français, 19 September 2013 (source above), wrapped at
    # 40: "Communauté de Communes du Pays / Bellegardien" heads its delegates.
    result = parse_attendance(
        "Etaient présents les représentants des communes suivantes :\n"
        "Communauté de Communes du Pays\nBellegardien\n"
        "M. Rémi GRERDARDEL – M. Clément VELAUDEL\nExcusés : M. Albert LOULOLLE")
    assert names(result) == ["Rémi GRERDARDEL", "Clément VELAUDEL"]
    assert set(kinds(result)) == {"commune_heading"}


def test_a_given_name_after_the_words_of_a_note_goes_on_with_a_row_of_names_below():
    # SIRESCO, comité of 7 June 2011 (source above), wrapped at 40: "… délégué(e)s titulaires
    # Lou / CHASONNET Jules- Pacôme NEDANDIER délégué(e)s suppléant(e)s." — the two
    # suppléants in a row without separator, the first cut before its surname.
    result = parse_attendance(
        "Etaient Présents : Arnaud MALLOLLE, Félix BAULLEYRAC, Flora RAUNNONNET, Aude\n"
        "SETELET, délégué(e)s titulaires Lou\nCHASONNET Jules- Pacôme NEDANDIER\n"
        "délégué(e)s suppléant(e)s.\nEtaient excusés : Florence GROULOUMIER")
    assert names(result)[-2:] == ["Lou CHASONNET", "Jules-Pacôme NEDANDIER"]
    assert len(result.present) == 6


# Communauté de communes du Minervois, 24 September 2013 (source above), hyphenated at 60.
def test_a_capital_cut_is_joined_when_another_capital_word_of_the_text_is_shown_cut():
    # "GRAU- / RLERGUE" cannot be two names (no word opens with "rl"): the text cuts its
    # capital words, so "DOUL- / LOLLE" is one surname too (said).
    result = parse_attendance("Etaient présents : ROSARDEL R. – DOUL-\nLOLLE M. - GRAU-\n"
                              "RLERGUE A. - CONAVEL M.J.\nORDRE DU JOUR")
    assert names(result) == ["ROSARDEL R.", "DOULLOLLE M.", "GRAURLERGUE A.", "CONAVEL M.J."]
    assert [anomaly.text for anomaly in result.anomalies] == [
        "DOUL- / LOLLE → DOULLOLLE", "GRAU- / RLERGUE → GRAURLERGUE"]


def test_an_initial_with_a_dash_glued_opening_a_line_ends_the_surname_above():
    # "… CHAUDOUMIER B. - VINONNET / G.– NIRLAVEL S." wrapped before the initial.
    result = parse_attendance("Etaient absents : NAUVERGUE H. – CHAUDOUMIER B. - VINONNET\n"
                              "G.– NIRLAVEL S. – DERNEYRAC S.\nORDRE DU JOUR")
    assert result.absent == ["NAUVERGUE H.", "CHAUDOUMIER B.", "VINONNET G.", "NIRLAVEL S.",
                             "DERNEYRAC S."]


def test_a_heading_cut_after_a_row_label_opens_its_own_line():
    # Communauté de communes du canton de Rocheservière, 17 April 2014 (https://doczz.fr/doc/
    # 4157417/t%C3%A9l%C3%A9charger---communaut%C3%A9-de-communes-du-canton-de), hyphenated:
    # "Les Membres Assi- / stait à la réunion :" — the row label of an empty list, then the
    # heading of the guests.
    result = parse_attendance("Etaient présents : Dorian CLIRLERGUE, Hector DROUVELLEC\n"
                              "Etait absent () :\nLes Membres Assi-\nstait à la réunion :\n"
                              "Yann LARARDEL\nNombre de délégués en exercice : 2")
    assert names(result) == ["Dorian CLIRLERGUE", "Hector DROUVELLEC"]
    assert result.absent == []


# Communauté de communes des Monts de Lacaune et de la Montagne du Haut Languedoc, 8 November
# 2018 (https://docslib.org/doc/7982184/r%C3%A9publique-fran%C3%A7aise-d%C3%A9partement-du-
# tarn-1-avis-sur-le-projet-de-parc-eolien-sur-les-communes-de-viane-berlats-et-esperauss),
# its two-column block flattened onto one line.
def test_a_numbered_agenda_item_inside_a_flattened_line_ends_the_block():
    result = parse_attendance(
        "Sont présents: Marius FANAUDEL, Clovis FAUTAVEL Absents : Irène VERDEZ, Hector "
        "BROTANGE 1. AVIS SUR LE PROJET DE PARC EOLIEN SUR LES COMMUNES DE VIANE, BERLATS ET "
        "ESPERAUSSES")
    assert result.absent == ["Irène VERDEZ", "Hector BROTANGE"]
    assert kinds(result) == []


def test_a_side_secretary_label_in_a_flattened_block_is_read_before_the_next_heading():
    # The side column's "Secrétaire de séance :" inside the présents, its name printed again
    # after the label, and the procurations (which repeat other présents) after the list.
    result = parse_attendance(
        "Sont présents: Marius FANAUDEL, Albert PESAVEL, Basile LOLANGE, Secrétaire de séance "
        ": Julien BARLARGUES, Rémi SERDONNEAU, Albert PESAVEL Aurore GERLORET Pouvoirs : "
        "Clotilde SOMAUZET par Marius FANAUDEL, Dorian JOMAUMIER par Basile LOLANGE Excusés : "
        "Philippe LEVERGUE")
    assert result.secretary == "Albert PESAVEL"
    assert names(result) == ["Marius FANAUDEL", "Albert PESAVEL", "Basile LOLANGE",
                             "Julien BARLARGUES", "Rémi SERDONNEAU", "Aurore GERLORET"]
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Clotilde SOMAUZET", "Marius FANAUDEL"), ("Dorian JOMAUMIER", "Basile LOLANGE")]


def test_a_line_opening_with_a_particle_in_title_case_goes_on_with_the_name_above():
    # Communauté de communes du Sud-Ouest Amiénois, 28 September 2007 (tests/fixtures/minutes/
    # sud-ouest-amienois-2007-09-28): names in title case after « M » without full stop, the
    # line wrapped inside « M Lemaire / De Plitoplarenne » (one surname with its particle).
    result = parse_attendance("Etaient présents :\n"
                              "Délégués titulaires : M Vranolle, Mme Cressac, M Gonelet\n"
                              "De Laurdier, M Souvellec.\n")
    assert len(result.present) == 4
    assert result.present[2].name.endswith("Gonelet De Laurdier")


def test_a_surname_alone_at_a_line_end_of_a_surname_first_list_goes_on_with_the_next_name():
    # Vézère-Monédières-Millesources, 21 September 2020 (https://docslib.org/doc/12400488/
    # conseil-communautaire-du-21-septembre-2020), a page break inside a two-word surname:
    # "…, GRINOUX Denis, FAUFILOUX / CONSARIS Suzon, …" in a list "NOM Prénom".
    result = parse_attendance(
        "TITULAIRES PRESENTS AVEC VOTE: TINBONOT Armand, PLOREL Sabine, GRINOUX Denis, FAUFILOUX\n"
        "Conseil communautaire du 21 septembre 2020 – Page 2/4\n2\n"
        "CONSARIS Suzon, CORSANAS Valentine, MICINEL Damien.")
    assert names(result) == ["TINBONOT Armand", "PLOREL Sabine", "GRINOUX Denis",
                             "FAUFILOUX CONSARIS Suzon", "CORSANAS Valentine", "MICINEL Damien"]


def test_a_page_break_inside_a_table_of_two_columns_leaves_it_one_table():
    # Syndicat des rivières, comité of 21 January 2005 (http://s2rivieres.com/crcs.php?date=
    # 21/01/2005), its table of two columns read column by column (``columns``): the running
    # header and the page number between two rows do not cut the table in two.
    result = parse_attendance(
        "Etaient présents:\n\nSyndics   Etaient excusés:\nMr BRAIDON   Mr MELERT\n"
        "Conseil communautaire du 21 janvier 2005 – Page 2/4\n2\n"
        "Mme BIMERERAC   Mr VAUDOUX\nMr DEUNIROT   Etaient absents:\nMme CAVERT   Mr LOULON\n\n"
        "Compte-rendu du dernier comité syndical")
    assert names(result) == ["BRAIDON", "BIMERERAC", "DEUNIROT", "CAVERT"]
    assert result.excused == ["MELERT", "VAUDOUX"]
    assert result.absent == ["LOULON"]


def test_a_group_label_over_bulleted_names_is_no_one():
    # Syndicat des rivières, 21 January 2005 (source above), the left column's names bulleted.
    result = parse_attendance("Etaient présents:\nSyndics\n• Mr BRAIDON\n• Mme BIMERERAC\n"
                              "• Mr TAUD")
    assert names(result) == ["BRAIDON", "BIMERERAC", "TAUD"]


def test_a_bulleted_name_under_the_secretarys_label_is_the_secretary():
    # Communauté de communes Isle et Crempse en Périgord, 1 December 2020 (https://isle-et-
    # crempse-en-perigord.fr/2021/02/24/pv-conseil-communautaire-1-decembre-2020/), bulleted.
    result = parse_attendance("Présents : M. Julien GRAFF, Mme Fanny BRONET\n"
                              "A été nommée Secrétaire de séance :\n"
                              "• Mme Mathilde Renée BORGARENNE")
    assert result.secretary == "Mathilde Renée BORGARENNE"


def test_a_given_name_after_a_proxys_words_goes_on_with_more_given_names_and_the_surname():
    # Communauté de communes des Coteaux Arrats Gimone, 8 December 2015
    # (https://docslib.org/doc/13020257/departement-du-gers-communaut%C3%A9-de-communes-des-
    # coteaux-arrats-gimone-compte-rendu-du-conseil-communautaire), wrapped at 70: "… a donné
    # procuration à Julien / Clovis GAMY." (two given names, the second wrapped).
    result = parse_attendance(
        "Présents : Julien Clovis GAMY, Cédric BARON.\n"
        "Etaient absents excusés avec procuration : Pascal FELAT a donné\n"
        "procuration à Cédric BARON. Albert de CORNAILLE a donné procuration à Julien\n"
        "Clovis GAMY.")
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Pascal FELAT", "Cédric BARON"), ("Albert de CORNAILLE", "Julien Clovis GAMY")]


def test_a_capitals_line_after_a_line_ending_with_et_is_no_commune():
    # Syndicat des rivières, comité of 11 October 2006 (http://s2rivieres.com/crcs.php?date=
    # 11/10/06), wrapped at 70: "… Messieurs MOUSOT et / SELLONOT" — the list goes on after
    # "et".
    result = parse_attendance(
        "Etaient présents :\n-         Syndicat des Rivières : Madame LETAS, Messieurs MOUSOT et\n"
        "SELLONOT\nEtaient excusés :\n-         Syndics : Messieurs VAUDOUX")
    assert names(result) == ["LETAS", "MOUSOT", "SELLONOT"]


# Porte de DrômArdèche, 31 October 2019 (https://docslib.org/doc/7217237/compte-rendu-du-
# conseil-communautaire-du-jeudi-31-octobre-2019), its paragraph of headings with figures
# wrapped at 70 columns.
def test_a_counted_heading_ending_a_line_opens_the_list_on_the_next_one():
    result = parse_attendance("NOMBRE DE CONSEILLERS EN EXERCICE : 58 Présents titulaires : 41\n"
                              "CHELIER Joachim, NOUFAVEAT Armand, GARERT Paulette, RINILON Maël,\n"
                              "GRINARD Valentin, CHERANT Denis")
    assert names(result)[:2] == ["CHELIER Joachim", "NOUFAVEAT Armand"]
    assert len(result.present) == 6


def test_a_headings_figure_wrapped_onto_the_next_line_stays_the_headings():
    result = parse_attendance("Présents titulaires : 2 CHELIER Joachim, SARAIN DAUSEAS Prudent "
                              "Absents et excusés :\n2 CHELIN Dorian, TANET Joseph")
    assert names(result) == ["CHELIER Joachim", "SARAIN DAUSEAS Prudent"]
    assert result.excused == ["CHELIN Dorian", "TANET Joseph"]


def test_a_counted_heading_wrapped_inside_its_words_is_joined():
    result = parse_attendance(
        "Présents titulaires : 1 CHELIER Joachim Absents et excusés : 2 RAYER Bernadette, BLANC "
        "Clarisse Suppléants\nremplaçant de droit titulaires absents : 1 GRORAIN Basile (pour "
        "RAYER\nBernadette)")
    assert result.excused == ["RAYER Bernadette", "BLANC Clarisse"]
    assert names(result) == ["CHELIER Joachim", "GRORAIN Basile"]
