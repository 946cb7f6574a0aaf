"""The parser on the layouts French minutes use that its first corpus did not hold: one test per
layout, each built from a real block (personal names replaced by fictitious ones, layout kept:
capitals, civilities, separators, notes, headings, line breaks).

Sources of the blocks not in tests/fixtures/minutes: Syndicat Énergies Vienne, comité of
9 December 2014 (https://dokumen.tips/documents/1-approbation-du-proces-verbal-du-bureau.html);
Pays Loire Beauce, comité syndical of 11 February 2016
(https://doczz.fr/doc/5399596/pv-s%C3%A9ance-11.02.2016---pays-loire). The quoted phrasings
("Délégués de la Communauté de Communes de … :", "donne pouvoir à … Monsieur … donne pouvoir
à …", "(pouvoir M. X)", "à partir de l'élection du 5ème Vice-Président", "Etaient suppléés",
"(jusqu'à 11 heures)") are those collected from the minutes of other bodies in the tracker's
account of the parser's misses.
"""

import json
from pathlib import Path

import pytest

from deliberations.minutes.parsing import PresentEntry, ProxyEntry, parse_attendance
from deliberations.minutes.parsing.corpus import SILENTLY_WRONG, check_text

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "minutes"


def kinds(result) -> list[str]:
    return [anomaly.kind for anomaly in result.anomalies]


def names(result) -> list[str]:
    return [entry.name for entry in result.present]


# Énergies Vienne, 9 December 2014: a table of communes and delegates flattened onto one line,
# each commune in capitals running into the delegate's "Prénom NOM".
VIENNE_FLAT = (
    "Délégués présents ou représentés (ayant donné pouvoir) : Arrondissement Châtellerault : "
    "ANGLIERS : Aristide VRANOLLE ANTRAN : Pacôme CRESSAC ARCHIGNY : Félix GONELET AVAILLES EN "
    "CHATELLERAULT : Jules-Placide LAURDIER BASSES : Jules-Mathis SOUVELLEC BEAUMONT : Bastien "
    "BLANDOUMIER BERRIE : Faustine MAROUVEL BEUXES : Jules ROBETIN - BONNEUIL MATOURS : Inès "
    "BARNAUDIN BOURNAND : Aristide FRADASSOL -"
)


def test_one_line_block_with_commune_headings_in_capitals_gives_every_delegate():
    result = parse_attendance(VIENNE_FLAT)
    assert names(result) == [
        "Aristide VRANOLLE", "Pacôme CRESSAC", "Félix GONELET", "Jules-Placide LAURDIER",
        "Jules-Mathis SOUVELLEC", "Bastien BLANDOUMIER", "Faustine MAROUVEL", "Jules ROBETIN",
        "Inès BARNAUDIN", "Aristide FRADASSOL",
    ]
    (headings,) = [anomaly for anomaly in result.anomalies if anomaly.kind == "commune_heading"]
    assert "« AVAILLES EN CHATELLERAULT »" in headings.message
    assert "« BONNEUIL MATOURS »" in headings.message


def test_one_line_block_is_never_empty_without_an_anomaly():
    # The same block with its commune headings and names run together without colons: the
    # parser cannot tell communes from surnames; it must say so rather than return nothing.
    text = "Étaient présents " + VIENNE_FLAT.split(" : ", 1)[1].replace(" : ", " ")
    result = parse_attendance(text)
    assert result.present or result.anomalies
    assert len(result.present) == 10 or {"glued_names", "unread_text", "empty_section",
                                         "unparsed_entry"} & set(kinds(result))


def test_one_line_block_with_communes_running_into_civility_and_name():
    # The syndicat mixte's comité the tracker describes (communes in capitals running straight
    # into "M./Mme NOM Prénom"), written with the communes of the Énergies Vienne block.
    result = parse_attendance(
        "Etaient présents : ANGLIERS M. VRANOLLE Aristide ANTRAN Mme CRESSAC Pauline M. "
        "GONELET Félix AVAILLES EN CHATELLERAULT M. LAURDIER Jules-Placide (suppléant de M. "
        "SOUVELLEC Jules-Mathis) BEAUMONT BERRIE Mme MAROUVEL Faustine Excusés : M. ROBETIN "
        "Jules, Mme BARNAUDIN Inès")
    assert names(result) == ["VRANOLLE Aristide", "CRESSAC Pauline", "GONELET Félix",
                             "LAURDIER Jules-Placide", "MAROUVEL Faustine"]
    assert result.present[3].replaces == "SOUVELLEC Jules-Mathis"
    assert result.excused == ["ROBETIN Jules", "BARNAUDIN Inès", "SOUVELLEC Jules-Mathis"]
    assert [(anomaly.kind, anomaly.message) for anomaly in result.anomalies] == [
        ("commune_heading", "Noms de communes retirés de la liste : « ANGLIERS », « ANTRAN », "
                            "« AVAILLES EN CHATELLERAULT », « BEAUMONT BERRIE ».")]


@pytest.mark.parametrize("path", sorted(
    path for path in CORPUS.glob("*.txt")
    if not json.loads(path.with_suffix(".json").read_text(encoding="utf-8")).get("held_back")),
    ids=lambda path: path.stem)
def test_every_tuned_block_flattened_onto_one_line_is_exact_or_flagged(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["expected"]
    flat = " ".join(path.read_text(encoding="utf-8").split())
    outcome = check_text(path.stem, flat, expected, parse_attendance)
    assert outcome.verdict != SILENTLY_WRONG, outcome.differences


def test_delegates_grouped_under_their_member_communaute_de_communes():
    result = parse_attendance(
        "Etaient présents : Délégués de la Communauté de Communes du Bazadais : Mmes "
        "TRARNASSOL, SAUSETIN, MM. PRELARGUES, RORRARDEL. Délégués de la Communauté de "
        "Communes du Réolais : M. BOUVONNET")
    assert names(result) == ["TRARNASSOL", "SAUSETIN", "PRELARGUES", "RORRARDEL", "BOUVONNET"]
    assert kinds(result) == ["commune_heading"]


def test_delegates_grouped_under_capital_headings_one_of_them_empty():
    result = parse_attendance(
        "Etaient présents(es) :\n\nCDC DE CONVERGENCE GARONNE :\n\nCDC DU BAZADAIS :PRELARGUES "
        "Médéric (T), TRARNASSOL Faustine (T), SAUSETIN Diane (S).\n\nCDCRURALES DE L’ENTRE "
        "DEUX MERS : SERVAUDIN Célestin (T).")
    assert names(result) == ["PRELARGUES Médéric", "TRARNASSOL Faustine", "SAUSETIN Diane",
                             "SERVAUDIN Célestin"]
    assert set(kinds(result)) == {"commune_heading"}
    assert "« CDC DE CONVERGENCE GARONNE »" in result.anomalies[0].message


def test_one_civility_for_several_names_and_the_members_commune_in_brackets():
    # Pays Loire Beauce, 11 February 2016.
    result = parse_attendance(
        "Étaient présents Mesdames et Messieurs les délégué(e)s du Pays : Monsieur Placide "
        "GUDASSOL (Artenay), Mesdames Agathe BENOUVEL\n(Baccon), Mélanie MAHAUDIN (Le Bardon), "
        "Messieurs Damien FAUSSAC (Beaugency), Jules-Gontran ROBELET (Bricy), Yvon PINARDEL\n"
        "(Bucy Saint Liphard), Madame Agathe BUSSIÈRE (Communauté de Communes de la Beauce "
        "Loirétaine), Messieurs Mathis FAUGOUMIER\n(Communauté de Communes du Val des Mauves et "
        "Chaingy), Bastien TEXANDIER (Chevilly)\nAvait donné pouvoir : Madame Pauline MINASSOL "
        "(Boulay les Barres) à Monsieur Jules-Gontran ROBELET (Bricy),")
    assert names(result) == [
        "Placide GUDASSOL", "Agathe BENOUVEL", "Mélanie MAHAUDIN", "Damien FAUSSAC",
        "Jules-Gontran ROBELET", "Yvon PINARDEL", "Agathe BUSSIÈRE", "Mathis FAUGOUMIER",
        "Bastien TEXANDIER"]
    assert result.proxies == [ProxyEntry("Pauline MINASSOL", "Jules-Gontran ROBELET")]
    assert result.anomalies == []


def test_empty_item_between_separators_is_reported():
    result = parse_attendance(
        "Etaient présents : Délégués de la Communauté de Communes du Bazadais : Mmes "
        "TRARNASSOL, SAUSETIN, MM. PRELARGUES, RORRARDEL, , GIVARDEL.")
    assert names(result) == ["TRARNASSOL", "SAUSETIN", "PRELARGUES", "RORRARDEL", "GIVARDEL"]
    assert "empty_entry" in kinds(result)


def test_several_proxies_on_one_line_without_separator():
    result = parse_attendance(
        "Présents : Adèle VARNIER, Basile TORNET, Camille FLOUVEL\n"
        "Procurations : Madame Diane SAVELLEC donne pouvoir à Monsieur Basile TORNET Monsieur "
        "Edgar MOULARD donne pouvoir à Madame Camille FLOUVEL")
    assert result.proxies == [ProxyEntry("Diane SAVELLEC", "Basile TORNET"),
                              ProxyEntry("Edgar MOULARD", "Camille FLOUVEL")]
    assert kinds(result) == ["guessed_split"]


def test_a_substitution_and_a_proxy_run_together_after_excused_with_proxy():
    result = parse_attendance(
        "Etaient présents : LECLERC Christian, MARTIN Denis\n"
        "Excusés ayant donné procuration : DIRELLEC Gaspard, suppléé par SIRRASSIN Damien "
        "MONELET Lambert, pouvoir à LECLERC Christian")
    assert result.present[-1] == PresentEntry("SIRRASSIN Damien", replaces="DIRELLEC Gaspard")
    assert result.excused == ["DIRELLEC Gaspard"]
    assert result.proxies == [ProxyEntry("MONELET Lambert", "LECLERC Christian")]
    assert "guessed_split" in kinds(result)


def test_proxy_without_a_to_among_the_present_is_held_by_the_present_member():
    result = parse_attendance(
        "Présents : Adèle VARNIER, Basile TORNET (pouvoir M. Edgar MOULARD), Camille FLOUVEL")
    assert names(result) == ["Adèle VARNIER", "Basile TORNET", "Camille FLOUVEL"]
    assert result.proxies == [ProxyEntry("Edgar MOULARD", "Basile TORNET")]
    assert result.anomalies == []


def test_proxies_with_an_hour_or_an_event_condition_are_kept_and_flagged():
    result = parse_attendance(
        "Présents : Adèle VARNIER, Basile TORNET, Camille FLOUVEL\n"
        "Pouvoirs : Edgar MOULARD à Basile TORNET à partir de l'élection du 5ème "
        "Vice-Président, Diane SAVELLEC à Camille FLOUVEL à partir de 11 heures")
    assert result.proxies == [ProxyEntry("Edgar MOULARD", "Basile TORNET"),
                              ProxyEntry("Diane SAVELLEC", "Camille FLOUVEL")]
    assert kinds(result) == ["partial_presence", "partial_presence"]
    assert "« à partir de 11 heures »" in result.anomalies[1].message


def test_proxy_with_an_item_condition_is_read_as_items():
    result = parse_attendance(
        "Présents : Adèle VARNIER, Basile TORNET\n"
        "Pouvoirs : Edgar MOULARD à Basile TORNET jusqu'à la question 4")
    assert result.proxies == [ProxyEntry("Edgar MOULARD", "Basile TORNET", until_item=4)]
    assert result.anomalies == []


def test_etaient_supplees_x_par_y():
    result = parse_attendance(
        "Présents : Adèle VARNIER, Basile TORNET, Camille FLOUVEL\n"
        "Etaient suppléés : Edgar MOULARD par Camille FLOUVEL")
    assert result.present[2] == PresentEntry("Camille FLOUVEL", replaces="Edgar MOULARD")
    assert result.excused == ["Edgar MOULARD"]
    assert result.proxies == []


def test_represente_par_is_a_substitute_when_the_registre_states_no_proxy():
    text = ("Nombre de membres en exercice : 4 Présents : 3 Procurations : 0\n"
            "Présents : Adèle VARNIER, Basile TORNET, Camille FLOUVEL\n"
            "Absents représentés : Edgar MOULARD représenté par Camille FLOUVEL")
    result = parse_attendance(text)
    assert result.proxies == []
    assert result.excused == ["Edgar MOULARD"]
    assert result.present[2] == PresentEntry("Camille FLOUVEL", replaces="Edgar MOULARD")
    assert kinds(result) == ["substitute"]
    # Without "0 procuration" stated, the same words are a procuration.
    result = parse_attendance(text.replace(" Procurations : 0", ""))
    assert result.proxies == [ProxyEntry("Edgar MOULARD", "Camille FLOUVEL")]


def test_presence_bounded_by_an_hour_is_kept_and_flagged():
    result = parse_attendance(
        "Présents : Adèle VARNIER (jusqu'à 11 heures), Basile TORNET, Camille FLOUVEL "
        "(arrivée à 10h30)")
    assert names(result) == ["Adèle VARNIER", "Basile TORNET", "Camille FLOUVEL"]
    assert kinds(result) == ["partial_presence", "partial_presence"]
    assert result.anomalies[0].message.startswith("Présence limitée « jusqu'à 11 heures »")


def test_absents_non_excuses_are_absent():
    text = (CORPUS / "longny-au-perche-2015-06-18.txt").read_text(encoding="utf-8")
    result = parse_attendance(text)
    assert (len(result.present), result.excused, result.absent) == (26, [], ["TROUNNAUZET"])


@pytest.mark.parametrize("heading", ["Excusés/absents", "Absents ou excusés",
                                     "Etaient absents ou excusés", "Excusés - absents"])
def test_combined_excused_and_absent_headings_are_one_excused_list(heading):
    result = parse_attendance(f"Présents : Adèle VARNIER, Basile TORNET\n"
                              f"{heading} : Edgar MOULARD, Diane SAVELLEC")
    assert (result.excused, result.absent) == (["Edgar MOULARD", "Diane SAVELLEC"], [])


def test_absent_non_represente_with_excusee_note_is_excused():
    text = (CORPUS / "chevincourt-2018-03-06.txt").read_text(encoding="utf-8")
    result = parse_attendance(text)
    assert (result.excused, result.absent) == (["Capucine CHORLARDEL"], [])
    assert result.proxies == [ProxyEntry("Jules-Placide SOUREYRAC", "Agathe VRALOLLE")]
    # The Maire who holds the proxy presides and is named in the preamble only.
    assert "holder_not_present" in kinds(result)


def test_present_list_that_also_names_a_proxy_giver_is_flagged():
    result = parse_attendance(
        "Présents : Romain CHORDAUDEL, Jules Camille SIRNAUDEL, Capucine MOUSASSOL, Félix "
        "SARRONNET.\nAbsents représentés : Félix SARRONNET pouvoir à Capucine MOUSASSOL.")
    assert len(result.present) == 4
    assert kinds(result) == ["proxy_giver_present"]


def test_stated_figures_that_disagree_with_the_lists_are_flagged():
    result = parse_attendance("Présents : 40 Votants : 42\nPrésents : Adèle VARNIER, Basile "
                              "TORNET")
    assert [anomaly.message for anomaly in result.anomalies] == [
        "Le registre indique 40 présents, les listes en donnent 2.",
        "Le registre indique 42 votants, les listes en donnent 2.",
    ]


def test_heading_glued_to_the_last_present_and_a_holder_marked_absent():
    text = (CORPUS / "sirs-la-landelle-2019-12-19.txt").read_text(encoding="utf-8")
    result = parse_attendance(text)
    assert names(result) == ["Prosper VIRLELET", "Josué CERNAVEL", "Jules-Placide BASOUVEL",
                             "Flavie PARDASSIN"]
    assert result.proxies == [ProxyEntry("Romain LERAUDIN", "Jules-Placide BASOUVEL"),
                              ProxyEntry("Adèle GRIRLAVEL", "Sidonie VRERRASSOL")]
    assert result.secretary == "Josué CERNAVEL"
    assert "holder_not_present" in kinds(result)


def test_heading_with_nothing_under_it_is_reported():
    result = parse_attendance("Présents : Adèle VARNIER, Basile TORNET\nExcusés :\n"
                              "Absents : Edgar MOULARD")
    assert result.excused == []
    assert [(anomaly.kind, anomaly.text) for anomaly in result.anomalies] == [
        ("empty_section", "excusés")]


def test_surnames_left_unread_in_a_section_are_reported_with_their_line():
    result = parse_attendance("Présents : Adèle VARNIER, Basile TORNET\n"
                              "Excusés : Edgar MOULARD 3 voix GAUTRIN")
    assert any(anomaly.kind in {"unread_text", "unparsed_entry"} and "GAUTRIN" in anomaly.text
               for anomaly in result.anomalies)


def test_no_present_member_read_is_an_anomaly():
    result = parse_attendance("Excusés : Edgar MOULARD, Diane SAVELLEC")
    assert result.present == []
    assert kinds(result) == ["empty_section"]



def test_heading_en_tant_que_titulaires_and_a_capacity_between_name_and_proxy():
    # Argentan Intercom, conseil communautaire of 3 February 2015
    # (https://docslib.org/doc/4058754/compte-rendu-succinct-du-3-f%C3%A9vrier-2015), a part of
    # each list.
    result = parse_attendance(
        "Etaient présents en tant que titulaires :\n\nCHAUDONNET Jules-Léandre, 1er "
        "vice-président , TERNELLEC Damien, 2ème vice-président , DAUNOUVEL Jules-Kilian 4ème "
        "vice-président, RIVIÈRE Inès, 5ème vice-présidente , VRELISSON Joachim , 6 ème "
        "vice-président , BEIGNAC Agathe, GRARETIN Félix.\n\nExcusés : BRIRELET Léandre, "
        "Président , qui a donné pouvoir à CHAUDONNET Jules-Léandre, GORAUDEL Rodolphe 3ème "
        "vice-président, MAULIGNAC Josué qui a donné pouvoir à BEIGNAC Agathe, FORNESSAC "
        "Faustine qui a donné pouvoir à TERNELLEC Damien, MOULEYRAC Flavie, FARSISSON Gontran, "
        "COULELET Berthe, GOUNELET Prosper qui a donné pouvoir à GRARETIN Félix.")
    assert names(result) == ["CHAUDONNET Jules-Léandre", "TERNELLEC Damien",
                             "DAUNOUVEL Jules-Kilian", "RIVIÈRE Inès", "VRELISSON Joachim",
                             "BEIGNAC Agathe", "GRARETIN Félix"]
    assert result.excused == ["GORAUDEL Rodolphe", "MOULEYRAC Flavie", "FARSISSON Gontran",
                              "COULELET Berthe"]
    assert result.proxies == [
        ProxyEntry("BRIRELET Léandre", "CHAUDONNET Jules-Léandre"),
        ProxyEntry("MAULIGNAC Josué", "BEIGNAC Agathe"),
        ProxyEntry("FORNESSAC Faustine", "TERNELLEC Damien"),
        ProxyEntry("GOUNELET Prosper", "GRARETIN Félix")]
    assert result.anomalies == []


def test_full_stop_between_entries_and_givers_listed_without_their_holders():
    # Montpellier Méditerranée Métropole, conseil of 18 April 2019
    # (https://dokumen.tips/documents/compte-rendu-du-conseil-de-mtropole-page-114-secrtariat-gnral-service.html),
    # the présents cut short.
    result = parse_attendance(
        "Nombre de membres en exercice : 92 Présents : Fabien BOROUMIER, Lorraine CHERDIÈRE, "
        "Jules-Mathis CRARNAUDIN, Romain BRADIÈRE, Célestin PROLAUDIN. Paloma COLEYRAC, "
        "suppléant de Rodolphe PRORSONNET. Absent(es) ayant voté par procuration en "
        "application des articles L. 2121-20 et L.5211-1 du Code général des collectivités "
        "territoriales: Rosy FIRDOUVEL, Hippolyte DE DOUSAUZET")
    assert names(result) == ["Fabien BOROUMIER", "Lorraine CHERDIÈRE", "Jules-Mathis CRARNAUDIN",
                             "Romain BRADIÈRE", "Célestin PROLAUDIN", "Paloma COLEYRAC"]
    assert result.present[-1].replaces == "Rodolphe PRORSONNET"
    # The givers are listed without their holders: said, never dropped silently.
    assert result.proxies == []
    unread = [anomaly.text for anomaly in result.anomalies if anomaly.kind == "unparsed_entry"]
    assert unread == ["Rosy FIRDOUVEL", "Hippolyte DE DOUSAUZET"]


def test_table_flattened_by_columns_communes_then_names_cut_over_cells():
    # Communauté de communes de la Vanne et du Pays d'Othe, conseil of 15 September 2015
    # (http://doczz.fr/doc/5484573/conseil-communautaire-du-15-septembre-2015), the first
    # rows: the communes' column, then the delegates', names cut over two or three cells.
    result = parse_attendance(
        "Étaient présents :\nARCES DILO\nARCES DILO\nBAGNEAUX\nBOEURS EN\nOTHE\nCERILLY\n"
        "CERISIERS\nMonsieur BEZAUDIN\nMonsieur VANNELET\nMonsieur WIRLISSON\nJoachim\nMadame\n"
        "Faustine\nGIVASSOL\nMonsieur LOUETIN\nMonsieur HARPELLEC")
    assert names(result) == ["BEZAUDIN", "VANNELET", "WIRLISSON Joachim", "Faustine GIVASSOL",
                             "LOUETIN", "HARPELLEC"]
    assert kinds(result) == ["commune_heading"]


def test_sub_heading_with_its_figures_and_each_members_commune_in_the_note():
    # A syndicat des eaux of Meurthe-et-Moselle, comité of 22 June 2019
    # (https://docslib.org/download/6329569/compte-rendu-du-comite-syndical-22-06-2019), the
    # first delegates.
    result = parse_attendance(
        "Étaient présents : Membres (36/72) : Marin LEBRASSOL (titulaire BARBONVILLE), Dorian "
        "EURELLEC (titulaire BORVILLE), Bastien DURIGNAC et Jules- Lucien PICANDIER (titulaires "
        "CHARMOIS), Célestin CENARDEL (titulaire CLAYEURES), Agathe MAROUSSE (titulaire DAMAS "
        "AUX BOIS), GEORLOLLE Pacôme (titulaire MORIVILLER)")
    assert names(result) == ["Marin LEBRASSOL", "Dorian EURELLEC", "Bastien DURIGNAC",
                             "Jules-Lucien PICANDIER", "Célestin CENARDEL", "Agathe MAROUSSE",
                             "GEORLOLLE Pacôme"]
    assert kinds(result) == ["guessed_join"]
