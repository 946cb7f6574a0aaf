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
