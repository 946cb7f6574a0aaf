"""The parser on layouts met in the blocks added to the corpus in the second round (tuned set:
PETR Cœur de Lorraine, SCoT de Gascogne, SCoT du Bassin Annécien, Syndicat mixte du Val de
Loir, SICTOM de Cérilly, Loctudy, the Marmagne comité) and in other public minutes, each
source cited at its test: one test per rule, built from the real block with personal names
replaced by fictitious ones (layout kept). The communes told from surnames come from the
official list (COG, ``deliberations/minutes/parsing/data/``)."""

from deliberations.minutes.parsing import parse_attendance
from deliberations.minutes.parsing.commune_runs import strip_commune_runs
from deliberations.minutes.parsing.communes import commune_key, epci_key, is_commune, is_epci
from tests.deliberations.minutes.test_parsing_layouts import kinds, names

# Énergies Vienne, comité of 9 December 2014
# (https://dokumen.tips/documents/1-approbation-du-proces-verbal-du-bureau.html): the table of
# communes and delegates flattened onto one line, here without its colons.
VIENNE_WITHOUT_COLONS = (
    "Étaient présents ANGLIERS Aristide VRANOLLE ANTRAN Pacôme CRESSAC ARCHIGNY Félix GONELET "
    "AVAILLES EN CHATELLERAULT Jules-Placide LAURDIER BASSES Jules-Mathis SOUVELLEC BEAUMONT "
    "Bastien BLANDOUMIER BERRIE Faustine MAROUVEL BEUXES Jules ROBETIN - BONNEUIL MATOURS Inès "
    "BARNAUDIN BOURNAND Aristide FRADASSOL -")


def test_the_official_list_knows_communes_and_epci_in_any_spelling():
    assert is_commune("AVAILLES EN CHATELLERAULT") and is_commune("Saint-Genis-Pouilly")
    assert is_commune("ST GENIS POUILLY") and is_commune("LA FERTE S/ JOUARRE")
    assert not is_commune("VRANOLLE") and not is_commune("DUPONT")
    assert is_epci("CDC DU BAZADAIS") and is_epci("Communauté de communes du Bazadais")
    assert commune_key("Saint-Genis-Pouilly") == "saint genis pouilly"
    assert epci_key("CA du Grand Cahors") == "grand cahors"


def test_communes_running_into_prenom_nom_without_colons_are_taken_out_by_the_official_list():
    result = parse_attendance(VIENNE_WITHOUT_COLONS)
    assert names(result) == [
        "Aristide VRANOLLE", "Pacôme CRESSAC", "Félix GONELET", "Jules-Placide LAURDIER",
        "Jules-Mathis SOUVELLEC", "Bastien BLANDOUMIER", "Faustine MAROUVEL", "Jules ROBETIN",
        "Inès BARNAUDIN", "Aristide FRADASSOL"]
    assert [(anomaly.kind, anomaly.message) for anomaly in result.anomalies] == [
        ("commune_heading", "Noms de communes retirés de la liste : « ANGLIERS », « ANTRAN », "
         "« ARCHIGNY », « AVAILLES EN CHATELLERAULT », « BASSES », « BEAUMONT », « BERRIE », "
         "« BEUXES », « BONNEUIL MATOURS », « BOURNAND ».")]


def test_communes_before_nom_prenom_without_colons_are_taken_out_likewise():
    # The same block with the names written surname first: the commune is then the start of
    # each run of capitals, not its end.
    result = parse_attendance(
        "Étaient présents ANGLIERS VRANOLLE Aristide ANTRAN CRESSAC Pacôme ARCHIGNY GONELET "
        "Félix BEAUMONT BLANDOUMIER Bastien BERRIE MAROUVEL Faustine")
    assert names(result) == ["VRANOLLE Aristide", "CRESSAC Pacôme", "GONELET Félix",
                             "BLANDOUMIER Bastien", "MAROUVEL Faustine"]
    assert kinds(result) == ["commune_heading"]


def test_without_communes_of_the_list_the_run_is_not_cut_and_the_block_is_flagged():
    # Hamlets that are not communes: nothing tells them from surnames; the reading is
    # reported, never returned as if it were sure.
    result = parse_attendance(
        "Étaient présents CHARDONNIERE Aristide VRANOLLE TOUCHEBRAULT Pacôme CRESSAC "
        "PUYGIRAUD Félix GONELET")
    assert "commune_heading" not in kinds(result)
    assert {"glued_names", "unparsed_entry", "unread_text"} & set(kinds(result))


def test_heading_with_its_qualifier_in_parentheses_and_guests_presents_egalement():
    # PETR Cœur de Lorraine, conseil syndical of 2 March 2020 (corpus).
    result = parse_attendance(
        "Etaient présents :\nCORBIN Xavier CALMET Marc\nKUHN Florence (suppléante avec voix "
        "délibérative)\nEtaient excusés :\nMme ANSELIN M. WENGER\nEtaient absents (titulaires) :"
        "\nM. BRIGNON M. JOLIVET\nÉtaient présents également :\nMme BRULARD, chargée de mission "
        "PETR Ordre du jour :")
    assert names(result) == ["CORBIN Xavier", "CALMET Marc", "KUHN Florence"]
    assert result.excused == ["ANSELIN", "WENGER"]
    assert result.absent == ["BRIGNON", "JOLIVET"]
    assert set(kinds(result)) == {"glued_names"}


def test_secretary_named_with_the_commune_they_come_from():
    # Syndicat mixte du Val de Loir, comité of 15 December 2020 (corpus).
    result = parse_attendance(
        "Etaient présents : Mmes AUBRIOT, RABOUILLET, MM BESNARD, LORIN.\n"
        "Le Comité Syndical a choisi pour secrétaire : Monsieur LORIN de la commune de Château "
        "l'Hermitage")
    assert names(result) == ["AUBRIOT", "RABOUILLET", "BESNARD", "LORIN"]
    assert result.secretary == "LORIN"
    assert result.anomalies == []


def test_holders_written_first_under_porteurs_d_un_pouvoir():
    # Syndicat mixte du SCoT de la région de Châlons-en-Champagne, comité of 7 May 2003
    # (https://docslib.org/doc/8672990/comite-syndical-du-syndicat-mixte-du-schema-de): three
    # "holder pour giver" written one after the other without separator.
    result = parse_attendance(
        "Etaient présents : Mme ANCELLIN Agnès, Mme BUY Berthe, M. HANNETEL Henri\n"
        "Etaient porteurs d'un pouvoir : Mme ANCELLIN pour M. PERARDEL Mme BUY pour M. HOGDAL "
        "M. HANNETEL pour M. ARNOULD Hubert")
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("PERARDEL", "ANCELLIN"), ("HOGDAL", "BUY"), ("ARNOULD Hubert", "HANNETEL")]
    assert kinds(result) == ["guessed_split"]


def test_holder_first_a_le_pouvoir_de():
    # The sentence of a conseil's minutes quoted on
    # https://docplayer.fr/amp/4547275-departement-de-la-moselle-arrondissement-de-boulay-communaute-de-communes-du-pays-boulageois.html
    result = parse_attendance(
        "Présents : Madame Nathalie LEHUÉDÉ\nProcurations : Madame Nathalie LEHUÉDÉ a le pouvoir "
        "de Madame Annie AUBOIRON pour la représenter et voter en son nom.")
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Annie AUBOIRON", "Nathalie LEHUÉDÉ")]
    assert result.anomalies == []


def test_substitute_written_as_a_note_supplee_par():
    # Communauté de communes du Pays Boulageois (same page): "Françoise (Supplée par Mr X)",
    # the titular's surname lost by the extraction.
    result = parse_attendance(
        "Présents : MM PITOIS Richard, BAYARD Roland, ROUGIER Raymond, BERNIER Eric\n"
        "Excusés : MM ISNARD Christian, Françoise (Supplée par Mr BAYARD Roland), PIQUET Paul.")
    assert result.excused == ["ISNARD Christian", "Françoise", "PIQUET Paul"]
    assert [(entry.name, entry.replaces) for entry in result.present if entry.replaces] == [
        ("BAYARD Roland", "Françoise")]


def test_suppleant_followed_by_the_titular_without_de_and_m_without_full_stop():
    # SICTOM du secteur de Cérilly, comité of 3 March 2021 (corpus).
    result = parse_attendance(
        "Présent(s) : MME CLAVIER Sabrina (Le Brethon) ; M LAVERGNE Olivier suppléant M. DUMERY "
        "Jean-Claude (Le Brethon) ;Mme COLLET Amandine (Le Vilhain) ; M CHOPIN Bernard "
        "(Valigny). Absent(s) excusé(s) : M. TRONCHE Thierry (Ainay-le-Château)")
    assert names(result) == ["CLAVIER Sabrina", "LAVERGNE Olivier", "COLLET Amandine",
                             "CHOPIN Bernard"]
    assert result.present[1].replaces == "DUMERY Jean-Claude"
    assert result.excused == ["TRONCHE Thierry", "DUMERY Jean-Claude"]
    assert result.anomalies == []


def test_one_civility_for_several_names_with_mm_without_full_stop():
    # Syndicat mixte du Val de Loir (corpus): "Mmes A, B, MM C, D" under each member EPCI,
    # and two proxies to the same holder on one line without separator.
    result = parse_attendance(
        "Etaient présents :\nDélégués de la Communauté de Communes de Loir Lucé Bercé : Mmes "
        "AUBRIOT, RABOUILLET, MM BESNARD, ARDOUIN.\nEtaient excusés/absents : Mmes MAUDUIT, MM "
        "BOURDAIS.\nPouvoir : Madame MAUDUIT donne pouvoir à Monsieur ARDOUIN Monsieur GIRAUDET "
        "donne pouvoir à Monsieur ARDOUIN")
    assert names(result) == ["AUBRIOT", "RABOUILLET", "BESNARD", "ARDOUIN"]
    assert result.excused == ["BOURDAIS"]
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("MAUDUIT", "ARDOUIN"), ("GIRAUDET", "ARDOUIN")]
    assert {"commune_heading", "guessed_split", "holder_multiple_proxies"} == set(kinds(result))


def test_spaced_dash_inside_a_compound_surname_and_present_list_holding_a_giver():
    # Loctudy, conseil municipal of 10 December 2021 (corpus).
    result = parse_attendance(
        "PRÉSENTS :\nChristine ZANETTI, Sylvain COSQUER, Anne PRIGENT.\n"
        "ABSENTS AYANT DONNE PROCURATION :\nSylvain COSQUER a donné procuration à Christine "
        "ZANETTI,\nABSENTS :\nMarie-Bernard DEL RIO – MORVAN\nSECRÉTAIRE DE SÉANCE : Anne "
        "PRIGENT")
    assert result.absent == ["Marie-Bernard DEL RIO-MORVAN"]
    assert [(anomaly.kind, anomaly.message) for anomaly in result.anomalies] == [
        ("guessed_join", "Tiret entouré d'espaces lu comme un nom composé : « Marie-Bernard "
                         "DEL RIO – MORVAN » → « Marie-Bernard DEL RIO-MORVAN »."),
        ("proxy_giver_present", "« Sylvain COSQUER » donne procuration mais figure parmi les "
                                "présents pour toutes les questions.")]


def test_titulaires_and_suppleants_under_each_member_title_are_the_delegates_sitting():
    # Syndicat mixte du SCoT du Bassin Annécien, comité of 29 June 2010 (corpus).
    result = parse_attendance(
        "sous la présidence de Monsieur Antoine de MENTHON.\n"
        "COMMUNAUTE DE L'AGGLOMERATION D'ANNECY\nTitulaires : Joseph GRIOLET, Serge LESTIER\n"
        "Suppléants : René DESVIGNES\nProcurations :\nAbsents excusés : Michel AMOURDIN, Jean\n"
        "BOUTRAIS\nCOMMUNAUTE DE COMMUNES FIER ET USSES\nTitulaires :, Henri CARLOTTI\n"
        "Suppléants : /\nProcurations : Ollivier TOCQUET à Henri CARLOTTI\n"
        "Absents excusés : Ollivier TOCQUET, Bernard SEIGNOL\n")
    # The president of the preamble is in none of the lists of this extract: he presides,
    # so he sits (counted first, and said).
    assert names(result) == ["Antoine de MENTHON", "Joseph GRIOLET", "Serge LESTIER",
                             "René DESVIGNES", "Henri CARLOTTI"]
    assert result.excused == ["Michel AMOURDIN", "Jean BOUTRAIS", "Bernard SEIGNOL"]
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Ollivier TOCQUET", "Henri CARLOTTI")]
    assert kinds(result) == ["empty_section", "president_unlisted"]


def test_titulaires_right_under_absents_stay_absent():
    # The same sub-headings under a heading written alone (SCoT du Bassin Annécien's
    # sub-headings, Marmagne comité's "Délégués titulaires / communes").
    result = parse_attendance(
        "Présents Délégués titulaires / communes : M. Alain GURETOT (ANNOIX), M. Jean-Luc "
        "GEAUDIER (AZY), Délégués suppléants / communes avec voix délibérative : M. Joël "
        "COURVILLE (ALLOUIS)\nAbsents excusés :\nTitulaires : Michel AMOURDIN\n"
        "Suppléants : Jean BOUTRAIS\n")
    assert names(result) == ["Alain GURETOT", "Jean-Luc GEAUDIER", "Joël COURVILLE"]
    assert result.excused == ["Michel AMOURDIN", "Jean BOUTRAIS"]
    assert result.anomalies == []


def test_heading_followed_by_its_figure_alone_then_the_list_on_the_next_lines():
    # A comité syndical of 23 September 2016 (corpus, comite-syndical-2016-09-23): "Membres
    # présents : 60" and "POUVOIRS : 6" alone on their lines, one civility for the whole list
    # ("MMES …", "MM. …"), a particle in title case opening a surname written first, and six
    # proxies on one line without separator, the block closed by "Rappel de l'ordre du jour".
    result = parse_attendance(
        "Membres présents : 3\n\nMMES TOPAUVÉTARD Catherine, CHAMAIBAURNIER Monique,\n\n"
        "MM. De MEAUBREAULAS Anne-Jacques\n\nPOUVOIRS : 2\n\nM. GREAUCLITINIER Jean-Pierre donne "
        "pouvoir à Mme TOPAUVÉTARD Catherine M. BRAFOUDEL Raynald donne pouvoir à M. De "
        "MEAUBREAULAS Anne-Jacques\n\nRappel de l'ordre du jour :\n")
    assert names(result) == ["TOPAUVÉTARD Catherine", "CHAMAIBAURNIER Monique",
                             "De MEAUBREAULAS Anne-Jacques"]
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("GREAUCLITINIER Jean-Pierre", "TOPAUVÉTARD Catherine"),
        ("BRAFOUDEL Raynald", "De MEAUBREAULAS Anne-Jacques")]
    assert (result.stated_counts.present, result.stated_counts.proxies) == (3, 2)
    assert kinds(result) == ["guessed_split"]


def test_a_stated_figure_alone_is_not_a_heading_when_no_list_follows():
    result = parse_attendance("Présents : 22\nVotants : 25\nPrésents : DUPONT Jean, MARTIN Anne")
    assert names(result) == ["DUPONT Jean", "MARTIN Anne"]
    assert result.stated_counts.present == 22


def test_suppleant_followed_by_the_titulars_name_in_title_case():
    # Roannais Agglomération, conseil communautaire of 28 October 2021 (text kept in
    # https://github.com/alberto-lorente/RAGtor, data/example_markdown.md): names "Prénom
    # Nom" in title case separated by spaced dashes, the substitute's note "(Suppléant X)".
    result = parse_attendance(
        "# Etaient présents :\n\nChristine Aranda - Marcel Augagneur - Yves Meunié (Suppléant "
        "Laurence Boissy) - Nabih Nedjar (arrivé en cours de séance) - Anne Pilat.\n")
    assert names(result) == ["Christine Aranda", "Marcel Augagneur", "Yves Meunié",
                             "Nabih Nedjar", "Anne Pilat"]
    assert result.present[2].replaces == "Laurence Boissy"
    assert result.excused == ["Laurence Boissy"]
    assert kinds(result) == ["partial_presence"]


def test_suppleant_followed_by_a_commune_is_the_members_capacity():
    # The Meurthe-et-Moselle syndicat des eaux's notes (see test_parsing_layouts.py) with a
    # commune of the official list written in title case after "suppléant".
    result = parse_attendance(
        "Étaient présents : Marin LEBRASSOL (titulaire BARBONVILLE), Dorian EURELLEC "
        "(suppléant Saint Bauzile)")
    assert [(entry.name, entry.replaces) for entry in result.present] == [
        ("Marin LEBRASSOL", None), ("Dorian EURELLEC", None)]
    assert result.anomalies == []


def test_present_figure_stated_as_members_who_attend_or_take_part():
    # PETR Cœur de Lorraine ("Nombre de conseillers qui assistent à la séance : 12") and Val
    # de Loir ("Nombre de membres qui ont pris part aux délibérations : 25") (corpus): the
    # figure is checked against the list.
    result = parse_attendance(
        "Nombre de conseillers qui assistent à la séance : 3\n"
        "Etaient présents :\nCORBIN Xavier CALMET Marc\n")
    assert result.stated_counts.present == 3
    assert [(anomaly.kind, anomaly.message) for anomaly in result.anomalies
            if anomaly.kind == "count_mismatch"] == [
        ("count_mismatch", "Le registre indique 3 présents, les listes en donnent 2.")]
    result = parse_attendance(
        "Nombre de membres qui ont pris part aux délibérations : 2 Nombre de pouvoirs : 0\n"
        "Etaient présents : Mmes AUBRIOT, RABOUILLET.\n")
    assert (result.stated_counts.present, result.stated_counts.proxies) == (2, 0)
    assert result.anomalies == []


def test_names_wrapped_by_the_extraction_after_a_note_or_a_note_of_substitution():
    # Lines wrapped where the PDF extraction cut them: Ardèche Musique et Danse ("Berthe /
    # MIROUSSE (titulaire)"), SIAEP de Condom Caussens ("remplacé par son suppléant LOSSINEAU
    # / Georges") and SICTOM de Cérilly ("M LAVERGNE / Olivier suppléant …", "remplaçante de
    # M. VANDAMME / Anthony (Le Vilhain)"), all in the corpus.
    result = parse_attendance(
        "Etaient absents ou excusés :\nMesdames : Maud GODETIN (suppléante), Berthe\n"
        "MIROUSSE (titulaire), Colombe\nFLARASSIN (titulaire)\n")
    assert result.excused == ["Maud GODETIN", "Berthe MIROUSSE", "Colombe FLARASSIN"]
    result = parse_attendance(
        "PRESENTS : MM. FANETIN Jules-Philémon, RILLOLLE Hugues remplacé par son suppléant "
        "LOSSINEAU\nGeorges, GADAUDIN Placide.\n")
    assert names(result) == ["FANETIN Jules-Philémon", "LOSSINEAU Georges", "GADAUDIN Placide"]
    assert result.present[1].replaces == "RILLOLLE Hugues"
    result = parse_attendance(
        "Présent(s) : MME CLAVIER Sabrina (Le Brethon) ; M LAVERGNE\nOlivier suppléant M. "
        "DUMERY Jean-Claude (Le Brethon) ;Mme COLLET Amandine (Le Vilhain) ; Mme DUPLAIX Sabrina "
        "remplaçante de M. VANDAMME\nAnthony (Le Vilhain) ; Mme LE BIHAN Pascale\n")
    assert names(result) == ["CLAVIER Sabrina", "LAVERGNE Olivier", "COLLET Amandine",
                             "DUPLAIX Sabrina", "LE BIHAN Pascale"]
    assert [entry.replaces for entry in result.present] == [
        None, "DUMERY Jean-Claude", None, "VANDAMME Anthony", None]


def test_secretary_wrapped_by_the_extraction_inside_the_name():
    # Alliance Nord-Ouest ("Secrétaire de séance : Mademoiselle / TRILETIN"), SIRESCO
    # ("Désignation du secrétaire de séance : Madame Sophie / TRAURLELET est désignée …") and
    # Val de Loir ("… Monsieur LORIN de la / commune de …"), corpus blocks wrapped where a
    # PDF extraction may cut them.
    for block, secretary in (
            ("Etaient présents : DUPONT Jean\nSecrétaire de séance : Mademoiselle\nTRILETIN.\n"
             "Convocation aux membres du Comité", "TRILETIN"),
            ("Présents : DUPONT Jean\nDésignation du secrétaire de séance : Madame Sophie\n"
             "TRAURLELET est désignée secrétaire de séance", "Sophie TRAURLELET"),
            ("Présents : Mmes AUBRIOT, MM LORIN\nLe Comité Syndical a choisi pour secrétaire : "
             "Monsieur LORIN de la\ncommune de Château l'Hermitage", "LORIN"),
            # A complete name is not lengthened by the heading on the next line.
            ("Présents : DUPONT Jean\nSecrétaire de séance : Mathieu NORLETIN\n"
             "ETAT DES PRESENCES", "Mathieu NORLETIN")):
        assert parse_attendance(block).secretary == secretary


def test_blocks_flattened_onto_one_line_keep_their_headings_and_secretary():
    # Corpus blocks flattened onto one line as a PDF extraction may: the comité of 23
    # September 2016 ("Membres présents : 60 MMES …"), Concarneau Cornouaille ("ETAT DES
    # PRESENCES PRESENTS P. BRAUNNETIN, …", a heading in capitals without colon) and Roure
    # ("… Romain CHORDAUDEL. Monsieur Jules Camille SIRNAUDEL a été nommé secrétaire").
    result = parse_attendance(
        "Compte-rendu de la réunion du Comité Syndical du 23 septembre 2016 Membres présents : "
        "2 MMES TOPAUVÉTARD Catherine, CHAMAIBAURNIER Monique, POUVOIRS : 0 Rappel de l'ordre "
        "du jour :")
    assert names(result) == ["TOPAUVÉTARD Catherine", "CHAMAIBAURNIER Monique"]
    assert result.stated_counts.present == 2
    result = parse_attendance(
        "Secrétaire de séance : Mathieu NORLETIN ETAT DES PRESENCES PRESENTS P. BRAUNNETIN, M. "
        "COUNANDIER, M. NORLETIN")
    # "M." reads as "Monsieur" here, as in the block's own layout (initial or civility).
    assert names(result) == ["P. BRAUNNETIN", "COUNANDIER", "NORLETIN"]
    result = parse_attendance(
        "Présents : Romain CHORDAUDEL, Jules Camille SIRNAUDEL. Absents représentés : "
        "Mathilde-Flavie VASAUDEL pouvoir à Romain CHORDAUDEL. Monsieur Jules Camille "
        "SIRNAUDEL a été nommé secrétaire de séance.")
    assert result.secretary == "Jules Camille SIRNAUDEL"
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Mathilde-Flavie VASAUDEL", "Romain CHORDAUDEL")]


def test_the_official_list_is_a_small_file_with_its_source_loaded_only_when_needed():
    import gzip

    from deliberations.minutes.parsing import communes

    for name in ("communes.txt.gz", "epci.txt.gz"):
        path = communes.DATA / name
        assert path.stat().st_size < 1_000_000
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            assert lines.readline().startswith(
                "# Source: @etalab/decoupage-administratif 6.0.0 (Etalab, from INSEE's COG)")
    assert len(communes._load("communes.txt.gz")) == 37319
    communes._load.cache_clear()
    parse_attendance("Présents : DUPONT Jean, MARTIN Anne")
    assert communes._load.cache_info().currsize == 0
    parse_attendance(VIENNE_WITHOUT_COLONS)
    assert communes._load.cache_info().currsize == 2


def test_proxy_holder_wrapped_between_given_name_and_surname():
    # Roure, conseil municipal of 8 April 2018 (corpus), wrapped inside the holder's name.
    result = parse_attendance(
        "Présents : Romain CHORDAUDEL, Yolande TENELLEC.\nAbsents représentés : Félix SARRONNET "
        "pouvoir à Yolande\nTENELLEC, Mathilde-Flavie VASAUDEL pouvoir à Romain CHORDAUDEL.\n")
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("Félix SARRONNET", "Yolande TENELLEC"), ("Mathilde-Flavie VASAUDEL", "Romain CHORDAUDEL")]
    assert result.anomalies == []


def test_heading_wrapped_before_its_colon():
    # Montpellier Méditerranée Métropole, conseil of 18 April 2019 (corpus), one paragraph
    # wrapped where "Présents :" keeps its space before the colon.
    result = parse_attendance(
        "Nombre de membres en exercice : 92 Présents\n: Fabien BOROUMIER, Lorraine CHERDIÈRE.\n")
    assert names(result) == ["Fabien BOROUMIER", "Lorraine CHERDIÈRE"]


# SIVOM « Sologne Bourbonnaise », assemblée générale of 19 November 2019
# (tests/fixtures/minutes/sivom-sologne-bourbonnaise-2019-11-19, https://docslib.org/doc/
# 1829788): the whole block on one line; the présents a table of two columns of communes
# flattened, communes in capitals with their particles in lower case running into "M. NOM",
# "MM. A et B", "/" for a commune without delegate present; the excused and the procurations
# "M. X de COMMUNE" separated by " - ".
SOLOGNE_FLAT = (
    "Etaient présents : BEAULON LUSIGNY M. VRANOLLE / BESSAY sur ALLIER MERCY Mme CRESSAC / "
    "CHAPEAU MOLINET M. GONELET MM. LAURDIER et SOUVELLEC LA CHAPELLE aux CHASSES MONETAY sur "
    "LOIRE MM. MAROUVEL et de BLANDOUMIER COULANGES LE PIN Mme ROBETIN et M. BARNAUDIN / "
    "Absents excusés : M. TOVELLEC de CHAPEAU - MM. FERNASSOL et de la PRUDELLE de LAMENAY SUR "
    "LOIRE - M. DELORGUE d’YZEURE Avaient donné pouvoir : M. TOVELLEC à M. GONELET de CHAPEAU "
    "- Mme VIGNAUZET à Mme CRESSAC de DOMPIERRE SUR BESBRE")


def test_communes_running_into_civility_surname_entries_on_one_line_are_taken_out():
    result = parse_attendance(SOLOGNE_FLAT)
    assert names(result) == ["VRANOLLE", "CRESSAC", "GONELET", "LAURDIER", "SOUVELLEC",
                             "MAROUVEL", "de BLANDOUMIER", "ROBETIN", "BARNAUDIN"]
    removed = result.anomalies[0].message
    assert "« BESSAY sur ALLIER », « MERCY »" in removed
    assert "« LA CHAPELLE aux CHASSES »" in removed


def test_a_commune_after_each_surname_is_no_particle():
    result = parse_attendance(SOLOGNE_FLAT)
    assert result.excused == ["FERNASSOL", "de la PRUDELLE", "DELORGUE"]  # TOVELLEC gave a proxy
    assert [(proxy.giver, proxy.holder) for proxy in result.proxies] == [
        ("TOVELLEC", "GONELET"), ("VIGNAUZET", "CRESSAC")]


def test_a_surname_run_that_is_no_commune_leaves_the_line_to_the_other_rules():
    # "DURANDEAU PETITOT" is no commune of the official list: the line is not read as a table
    # of communes, and stays for the other rules and their anomalies.
    line = "BEAULON M. VRANOLLE DURANDEAU PETITOT Mme CRESSAC M. GONELET M. LAURDIER"
    assert strip_commune_runs(line) == (line, [])
    assert strip_commune_runs(line.replace("DURANDEAU PETITOT", "MERCY"))[1] == ["BEAULON",
                                                                                "MERCY"]
