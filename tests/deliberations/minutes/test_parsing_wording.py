"""The parser on the wording of real French minutes (headings, proxy and substitution phrasing,
secretary phrasing, item conditions) catalogued in docs/minutes-wording.md. One test per rule,
each built from a real block with personal names replaced by fictitious ones (layout, civilities,
separators and punctuation kept); the source is cited at each test.

Where the catalogue found a wording in the brief's list of wordings collected from real minutes
but no public page holding it in the search corpus, the test says so and keeps the layout of the
nearest real block of the tuned corpus (tests/fixtures/minutes)."""

from deliberations.minutes.parsing import parse_attendance
from tests.deliberations.minutes.test_parsing_layouts import kinds, names

# Syndicat intercommunal des eaux Ouvèze-Payre, comité of 10 December 2019
# (tests/fixtures/minutes/ouveze-payre-2019-12-10, https://docslib.org/doc/1939282): présents by
# commune, then one line of procurations written as sentences, then the excused.
OUVEZE_PRESENT = ("Etaient présents :\nCommune de Baix : Messieurs Vanolle, Cressac Commune de "
                  "Meysse : Monsieur Gonelet\n")


def _proxies(result) -> list[tuple[str, str]]:
    return [(proxy.giver, proxy.holder) for proxy in result.proxies]


def test_mandats_heading_lists_procurations():
    # Ouvèze-Payre's "Pouvoirs :" line, its heading written « Mandats » (a wording of the
    # brief's list; no public page with it was found in the search corpus).
    result = parse_attendance(OUVEZE_PRESENT + "Mandats : Monsieur Laurdier a donné pouvoir à "
                              "Monsieur Gonelet\nExcusés : Messieurs Laurdier, Souvellec.")
    assert _proxies(result) == [("Laurdier", "Gonelet")]
    assert result.excused == ["Souvellec"]  # the giver, named again, is counted once
    assert set(kinds(result)) == {"commune_heading"}


def test_delegation_de_vote_headings_list_procurations():
    # The same line under « Délégations de vote », « A donné délégation de vote » and « Ont
    # donné délégation de vote » (wordings of the brief's list, no public page found).
    for heading in ("Délégations de vote", "A donné délégation de vote",
                    "Ont donné délégation de vote"):
        result = parse_attendance(OUVEZE_PRESENT + f"{heading} : Monsieur Laurdier à Monsieur "
                                  "Gonelet")
        assert _proxies(result) == [("Laurdier", "Gonelet")], heading
        assert set(kinds(result)) == {"commune_heading"}, heading


def test_excused_and_represented_headings_list_procurations_without_an_empty_excused_list():
    # Chevincourt, conseil municipal of 6 March 2018 (tests/fixtures/minutes/chevincourt-2018-
    # 03-06): "Absents représentés : X représenté par Y"; the same heading written with
    # « excusés » (« Excusés représentés », « Absents excusés et représentés ») is one list of
    # procurations, not an empty list of excused followed by another.
    for heading in ("Excusés représentés", "Absents excusés représentés",
                    "Absents excusés et représentés"):
        result = parse_attendance("Présents : MM. Aurèle VRANOLLE, Inès BARNAUDIN,\n"
                                  f"{heading} : Jules-Pierre CRESSAC représenté par Inès "
                                  "BARNAUDIN")
        assert _proxies(result) == [("Jules-Pierre CRESSAC", "Inès BARNAUDIN")], heading
        assert not kinds(result), heading


def test_excused_with_a_marked_plural_then_ayant_donne_pouvoir_is_one_heading():
    # Bas-Chablais, 19 June 2018 (tests/fixtures/minutes/bas-chablais-syndicat-2018-06-19):
    # "ABSENTS EXCUSES AYANT DONNE POUVOIR :"; written « Excusé(e)s ayant donné pouvoir » the
    # marked plural must not be cut off as a heading of its own.
    result = parse_attendance("Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN.\n"
                              "Excusé(e)s ayant donné pouvoir : M. Jules CRESSAC à Mme Inès "
                              "BARNAUDIN.")
    assert _proxies(result) == [("Jules CRESSAC", "Inès BARNAUDIN")]
    assert result.excused == []
    assert not kinds(result)


def test_excused_avec_pouvoir_heading_lists_procurations():
    # "Étaient absents avec procuration" (SIRS Le Landelle, tests/fixtures/minutes/sirs-la-
    # landelle-2019-12-19) written of the excused: « Excusés avec pouvoir ».
    result = parse_attendance("Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN.\n"
                              "Excusés avec pouvoir : M. Jules CRESSAC à Mme Inès BARNAUDIN.")
    assert _proxies(result) == [("Jules CRESSAC", "Inès BARNAUDIN")]
    assert not kinds(result)


def test_excused_or_absent_without_a_proxy_headings_are_not_procurations():
    # Chevincourt's "Absent non représenté : X (excusée)", and its variants « Excusés non
    # représentés », « Absents sans procuration »: no procuration there, whatever the words.
    result = parse_attendance("Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN.\n"
                              "Excusés non représentés : M. Jules CRESSAC.\n"
                              "Absents sans procuration : Mme Faustine MAROUVEL.")
    assert result.excused == ["Jules CRESSAC"]
    assert result.absent == ["Faustine MAROUVEL"]
    assert result.proxies == []
    assert not kinds(result)


def test_a_heading_with_its_verb_in_the_singular_is_no_name():
    # "Etait absent excusé :" (Azay-le-Rideau, tests/fixtures/minutes/azay-le-rideau-2016-09-
    # 22) in the present tense: « Est absent : »; "Est" was read as an excused member's name.
    result = parse_attendance("Sont présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN.\n"
                              "Sont excusés : M. Jules CRESSAC.\nEst absent : M. Bastien "
                              "GONELET.")
    assert result.excused == ["Jules CRESSAC"]
    assert result.absent == ["Bastien GONELET"]
    assert not kinds(result)


def test_presents_heading_naming_the_members_as_suivants():
    # "Etaient présents les représentants … et des / communes suivantes :" (Genevois français,
    # tests/fixtures/minutes/genevois-francais-2013-09-19) with the members' title on one line:
    # « Étaient présents les conseillers communautaires suivants : ».
    result = parse_attendance("Étaient présents les conseillers communautaires suivants : M. "
                              "Aurèle VRANOLLE, Mme Inès BARNAUDIN, M. Jules CRESSAC.")
    assert names(result) == ["Aurèle VRANOLLE", "Inès BARNAUDIN", "Jules CRESSAC"]
    assert not kinds(result)


def test_secretary_declared_in_a_sentence():
    # SICGPOV, comité syndical of 26 May 2014 (https://sicgpov.fr/reunion-du-conseil-syndical-
    # seance-du-26-mai-2014/): names in title case with their commune, a procuration inside the
    # excused list, and "M. X est déclaré secrétaire de séance."
    result = parse_attendance(
        "Présents : M. Vranolle et M. Cressac (Orry la Ville), M. Gonelet et Mme Barnaudin "
        "(Pontarmé)\n\nAbsent excusés : Mme Marouvel, Mme Laurdier donne pouvoir à Mme "
        "Barnaudin\n\nAvant de procéder à l'ordre du jour, M. Vranolle fait un rapide tour de "
        "table.\n\nM. Gonelet est déclaré secrétaire de séance.")
    assert names(result) == ["Vranolle", "Cressac", "Gonelet", "Barnaudin"]
    assert _proxies(result) == [("Laurdier", "Barnaudin")]
    assert result.excused == ["Marouvel"]
    assert result.secretary == "Gonelet"
    assert "unparsed_entry" not in kinds(result)


def test_secretary_heading_with_a_participle():
    # "Désignation du secrétaire de séance :" (SIRESCO, tests/fixtures/minutes/siresco-2011-06-
    # 07) written the other way round: « Secrétaire de séance désigné : M. X ».
    result = parse_attendance("Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN.\n"
                              "Procuration : M. Jules CRESSAC a donné procuration à M. Aurèle "
                              "VRANOLLE.\nSecrétaire de séance désigné : Mme Inès BARNAUDIN.")
    assert result.secretary == "Inès BARNAUDIN"
    assert _proxies(result) == [("Jules CRESSAC", "Aurèle VRANOLLE")]
    assert not kinds(result)


def test_substitute_note_with_mr_stops_at_its_closing_bracket():
    # Communauté de communes du Pays Boulageois (https://docplayer.fr/amp/4547275-departement-
    # de-la-moselle-arrondissement-de-boulay-communaute-de-communes-du-pays-boulageois.html):
    # "Excusés : MM ROUGON Raymond, …, Françoise (Supplée par Mr BAYLE Roland), …". The
    # substitute was read with the bracket ("BAYLE Roland)").
    result = parse_attendance("Présents : MM DRAVIN Aurèle, GONELET Bastien.\n"
                              "Excusés : MM CRESSAC Jules, MAROUVEL Françoise (Supplée par Mr "
                              "LAURDIER Roland), SOUVELLEC Pacôme.")
    assert result.excused == ["CRESSAC Jules", "MAROUVEL Françoise", "SOUVELLEC Pacôme"]
    (substitute,) = [entry for entry in result.present if entry.replaces]
    assert (substitute.name, substitute.replaces) == ("LAURDIER Roland", "MAROUVEL Françoise")


def test_an_act_number_in_a_condition_is_no_item_and_is_said():
    # The condition "jusqu'à la délibération n° 2019-45" of the brief's list (no public page
    # found), in a présents list with notes: an act number (year-number) gives no order in the
    # session and was read as item 2019; "(jusqu'au point 13)" stays item 13.
    result = parse_attendance("Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN (jusqu'à la "
                              "délibération n° 2019-45), M. Jules CRESSAC (jusqu'au point 13).")
    barnaudin, cressac = result.present[1], result.present[2]
    assert barnaudin.until_item is None
    assert cressac.until_item == 13
    assert kinds(result) == ["partial_presence"]
    assert "2019-45" in result.anomalies[0].message


def test_procuration_de_x_en_faveur_de_y():
    # "Pouvoir de X à Y" (read since the first corpus) written with « en faveur de », as the
    # brief's list of wordings has it ("procuration de X en faveur de Y"; no public page found),
    # and the verb form « X donne pouvoir en faveur de Y », on Ouvèze-Payre's layout.
    result = parse_attendance(OUVEZE_PRESENT + "Pouvoirs : procuration de Monsieur Laurdier en "
                              "faveur de Monsieur Gonelet, Monsieur Souvellec donne pouvoir en "
                              "faveur de Monsieur Cressac")
    assert _proxies(result) == [("Laurdier", "Gonelet"), ("Souvellec", "Cressac")]
    assert set(kinds(result)) == {"commune_heading"}


def test_porteur_du_pouvoir_de_after_a_presents_name():
    # "(porteur du pouvoir de X)" is read as the holder's note; written after a comma, as the
    # CGCT words it (L2121-20: "porteur d'un pouvoir"), it was an entry of its own that named
    # no one. Layout of Loctudy's présents (tests/fixtures/minutes/loctudy-2021-12-10).
    result = parse_attendance("PRÉSENTS :\nAurèle VRANOLLE, porteur du pouvoir de Jules CRESSAC, "
                              "Inès BARNAUDIN, Bastien GONELET.")
    assert names(result) == ["Aurèle VRANOLLE", "Inès BARNAUDIN", "Bastien GONELET"]
    assert _proxies(result) == [("Jules CRESSAC", "Aurèle VRANOLLE")]
    assert not kinds(result)


def test_a_time_condition_inside_a_bracketed_procuration_is_its_note():
    # "… à Y à partir de 11 heures" (issue 27's list, read since) inside the brackets of "X
    # (pouvoir à Y)" (a conseil municipal of 5 December 2018, tests/fixtures/minutes/conseil-
    # municipal-2018-12-05): the holder's name stops before the condition, which names no item
    # and is said.
    result = parse_attendance("Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN.\n"
                              "Absent ayant donné pouvoir : M. Jules CRESSAC (pouvoir à M. "
                              "Aurèle VRANOLLE à partir de 20h30).")
    assert _proxies(result) == [("Jules CRESSAC", "Aurèle VRANOLLE")]
    assert kinds(result) == ["partial_presence"]


def test_assistaient_a_la_seance_is_the_presents_when_no_other_list_is():
    # "Assistaient à la réunion :" (SEMOCTOM, tests/fixtures/minutes/semoctom-2013-03-14) lists
    # guests under "Etaient présents"; minutes that have no other list write the members under
    # « Assistaient à la séance : » (a heading of the brief's list): read as the présents, and
    # said; under a list of présents it stays the guests.
    alone = parse_attendance("Assistaient à la séance : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN, "
                             "M. Jules CRESSAC.\nAbsents excusés : M. Bastien GONELET.")
    assert names(alone) == ["Aurèle VRANOLLE", "Inès BARNAUDIN", "Jules CRESSAC"]
    assert alone.excused == ["Bastien GONELET"]
    assert kinds(alone) == ["heading_guessed"]
    under = parse_attendance("Etaient présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN.\n"
                             "Assistaient à la séance : M. Jules CRESSAC, directeur.")
    assert names(under) == ["Aurèle VRANOLLE", "Inès BARNAUDIN"]
    assert not kinds(under)


def test_presents_ayant_voix_deliberative_heading():
    # Inforoutes de l'Ardèche, comité syndical of 16 June 2014 (http://www.inforoutes.fr/les-
    # actualites/les-archives/article/compte-rendu-du-comite-syndical-du-794): "Présents ayant
    # voix délibérative", the heading of the list of members who vote.
    result = parse_attendance("Présents ayant voix délibérative : VRANOLLE Aurèle, BARNAUDIN "
                              "Inès, CRESSAC Jules.")
    assert names(result) == ["VRANOLLE Aurèle", "BARNAUDIN Inès", "CRESSAC Jules"]
    assert not kinds(result)


def test_presents_heading_with_a_comma_before_mesdames_et_messieurs():
    # Pays d'Huriel, 23 February 2023 (tests/fixtures/minutes/pays-d-huriel-2023-02-23):
    # "Etaient présents : Mesdames et Messieurs : …"; written with a comma instead of the first
    # colon, « Étaient présents, Mesdames et Messieurs : », it was no heading at all.
    result = parse_attendance("Étaient présents, Mesdames et Messieurs : VRANOLLE A., BARNAUDIN "
                              "I., CRESSAC J.")
    assert names(result) == ["VRANOLLE A.", "BARNAUDIN I.", "CRESSAC J."]
    assert not kinds(result)


def test_secretary_designated_by_the_council_without_a_clause():
    # Longny-au-Perche, 18 June 2015 (tests/fixtures/minutes/longny-au-perche-2015-06-18):
    # "Monsieur X a été désigné secrétaire de séance"; in the active voice, « Le Conseil désigne
    # M. X comme secrétaire de séance », the name was not read (and said).
    result = parse_attendance("Présents : Mesdames et Messieurs VRANOLLE, BARNAUDIN, CRESSAC.\n"
                              "Le Conseil désigne M. CRESSAC comme secrétaire de séance.")
    assert result.secretary == "CRESSAC"
    assert not kinds(result)


def test_remplacant_without_de_names_the_titular():
    # SICTOM du secteur de Cérilly, 3 March 2021 (tests/fixtures/minutes/sictom-cerilly-2021-03-
    # 03): "Mme X remplaçante de M. Y (commune)"; written without « de », « M. X remplaçant M.
    # Y », the entry was not understood.
    result = parse_attendance("Présent(s) : M. VRANOLLE Aurèle (Ainay) ; M. CRESSAC Jules "
                              "remplaçant M. GONELET Bastien (Braize) ; Mme BARNAUDIN Inès "
                              "(Coust).")
    assert names(result) == ["VRANOLLE Aurèle", "CRESSAC Jules", "BARNAUDIN Inès"]
    assert result.present[1].replaces == "GONELET Bastien"
    assert result.excused == ["GONELET Bastien"]


def test_sentences_of_arrival_and_departure_under_the_presents():
    # Meslan, 24 June 2014 (tests/fixtures/minutes/meslan-2014-06-24): "Mr Lucas X est arrivé
    # au cours de la séance (point n° 5)." The other ways minutes write it: « M. X quitte la
    # séance avant le vote du point 7 » (up to item 6), « … après le vote du point 7 » (up to
    # item 7), « Arrivée de Mme Y au point 3 », « Départ de M. Z à 21 h » (a time: said), and
    # « M. X est parti au point 5 », which was read as an arrival.
    base = "PRESENTS [4] : Aurèle VRANOLLE, Inès BARNAUDIN, Jules CRESSAC, Bastien GONELET.\n"
    result = parse_attendance(base + "M. Jules CRESSAC quitte la séance avant le vote du point "
                              "7.\nArrivée de Mme Inès BARNAUDIN au point 3.\nM. Bastien GONELET "
                              "est parti au point 5.")
    vranolle, barnaudin, cressac, gonelet = result.present
    assert (cressac.until_item, barnaudin.from_item, gonelet.until_item) == (6, 3, 4)
    assert gonelet.from_item is None
    assert not kinds(result)
    after = parse_attendance(base + "M. Jules CRESSAC quitte la séance après le vote du point 7."
                             "\nDépart de M. Bastien GONELET à 21 h.")
    assert after.present[2].until_item == 7
    assert [a.kind for a in after.anomalies] == ["partial_presence"]
    assert len(after.present) == 4


def test_ordinal_and_delegated_capacities_after_a_presents_name():
    # Saint-Mamet, 1 October 2013 (tests/fixtures/minutes/saint-mamet-2013-10-01): "C. X,
    # Président, E. Y, …, Vice-Présidents ; …": capacities after the names. « 1ère
    # Vice-Présidente » and « conseiller délégué » were entries of their own.
    result = parse_attendance("Présents : M. Aurèle VRANOLLE, Président, Mme Inès BARNAUDIN, "
                              "1ère Vice-Présidente, M. Jules CRESSAC, conseiller délégué, M. "
                              "Bastien GONELET.")
    assert names(result) == ["Aurèle VRANOLLE", "Inès BARNAUDIN", "Jules CRESSAC",
                             "Bastien GONELET"]
    assert not kinds(result)


def test_pouvoir_a_after_a_comma_inside_a_list_of_excused():
    # Bas-Chablais, 19 June 2018 (tests/fixtures/minutes/bas-chablais-syndicat-2018-06-19):
    # "QUEMOLLE Gaël, pouvoir à QUARORET Colette" under "ABSENTS EXCUSES AYANT DONNE POUVOIR";
    # the same entries in a plain list of excused were not understood.
    result = parse_attendance("Présents : VRANOLLE Aurèle, BARNAUDIN Inès, GONELET Bastien.\n"
                              "Excusés : CRESSAC Jules, pouvoir à VRANOLLE Aurèle ; MAROUVEL "
                              "Faustine, pouvoir à BARNAUDIN Inès ; SOUVELLEC Pacôme.")
    assert _proxies(result) == [("CRESSAC Jules", "VRANOLLE Aurèle"),
                                ("MAROUVEL Faustine", "BARNAUDIN Inès")]
    assert result.excused == ["SOUVELLEC Pacôme"]
    assert not kinds(result)


def test_a_donne_pouvoir_inside_the_brackets_of_an_excused_entry():
    # "X (pouvoir à Y)" (tests/fixtures/minutes/conseil-municipal-2018-12-05) written with the
    # verb, « X (a donné pouvoir à Y) », as Ouvèze-Payre words its procurations: the
    # procuration was lost and the giver counted excused, without anomaly.
    result = parse_attendance("Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN.\n"
                              "Absents excusés : M. Jules CRESSAC (a donné pouvoir à M. Aurèle "
                              "VRANOLLE), M. Bastien GONELET.")
    assert _proxies(result) == [("Jules CRESSAC", "Aurèle VRANOLLE")]
    assert result.excused == ["Bastien GONELET"]
    assert not kinds(result)


def test_substitution_headings_written_with_the_absent_ones():
    # Monts de Lacaune, 8 November 2018 (tests/fixtures/minutes/monts-de-lacaune-2018-11-08):
    # "Suppléés :"; the same list titled « Absents suppléés : » or « Absents représentés par
    # leur suppléant : » (the brief's "Suppléés", "représenté par" as a suppléant): X is
    # excused, Y sits in X's place.
    for heading in ("Absents suppléés", "Absents représentés par leur suppléant"):
        result = parse_attendance("Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN, M. Jules "
                                  f"CRESSAC.\n{heading} : M. Bastien GONELET par M. Jules "
                                  "CRESSAC.")
        assert result.excused == ["Bastien GONELET"], heading
        assert result.present[2].replaces == "Bastien GONELET", heading
        assert result.proxies == [], heading
        assert not kinds(result), heading


# Montry, conseil municipal of 26 January 2017 (tests/fixtures/minutes/montry-2017-01-26): no
# "présents" heading; the members present are listed by office, "Maire :" then "Conseillers
# Municipaux :", the secretary named in a sentence after the opening.
MONTRY = (
    "Maire : F. VRANOLLE\n\nConseillers Municipaux : E. BARNAUDIN, L. CRESSAC, J. GONELET\n\n"
    "Procurations : N. MAROUVEL à L. CRESSAC\n\nAbsents : B. SOUVELLEC\n\n"
    "F. VRANOLLE déclare ouverte, à 20h32, la séance du Conseil Municipal.\n\n"
    "Il est procédé, conformément à l'article L.2121.15 du Code Général des Collectivités "
    "Territoriales, à l'élection d'un secrétaire de séance au sein de l'Assemblée Municipale.\n\n"
    "Le Conseil Municipal nomme à l'unanimité J. GONELET secrétaire de séance , fonction qu'il a "
    "accepté e."
)


def test_lists_headed_by_office_are_the_presents_when_no_presents_heading_is():
    result = parse_attendance(MONTRY)
    assert names(result) == ["F. VRANOLLE", "E. BARNAUDIN", "L. CRESSAC", "J. GONELET"]
    assert _proxies(result) == [("N. MAROUVEL", "L. CRESSAC")]
    assert result.absent == ["B. SOUVELLEC"]
    # A reading without a "présents" heading is said; the narrative after the lists (the
    # opening, "Il est procédé …") is no entry of the absents.
    assert kinds(result) == ["heading_guessed"]


def test_secretary_named_by_the_council_a_l_unanimite():
    assert parse_attendance(MONTRY).secretary == "J. GONELET"


def test_office_headings_under_a_presents_list_and_row_labels_are_no_presents():
    # Under "Étaient présents :", "Président : X" names again a member already listed; and
    # "Le Président" without colon is a row label of a column of headings (Rocheservière,
    # tests/fixtures/minutes/rocheserviere-2014-04-17), not an office heading.
    result = parse_attendance("Étaient présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN.\n"
                              "Président : M. Aurèle VRANOLLE")
    assert names(result) == ["Aurèle VRANOLLE", "Inès BARNAUDIN"]
    assert not kinds(result)


def test_procurations_and_substitutions_run_on_after_the_excused_without_separator():
    # Val Marnaysien, conseil communautaire of 27 May 2019 (tests/fixtures/minutes/val-
    # marnaysien-2019-05-27): "Absents excusés : M. A, B, C Mme D pouvoir à M. E M. F pouvoir à
    # Mme G … Mme H remplacée par sa suppléante Mme I M. J remplacé par son suppléant M. K":
    # the last excused name runs into the first giver, and the procurations and substitutions
    # follow each other without separator (« X pouvoir à Y » without comma, « remplacé(e) par
    # son/sa suppléant(e) »).
    result = parse_attendance(
        "Délégués présents : Mmes BARNAUDIN (Avrigney), MAROUVEL (Marnay) M. CRESSAC (Bay), "
        "GONELET (Pin), LAURDIER (Burgille)\n\nAbsents excusés : M. DRAVIN, SOUVELLEC Mme "
        "VRANOLLE pouvoir à M. CRESSAC M. FRADASSOL pouvoir à Mme MAROUVEL Mme ROBETIN remplacée "
        "par sa suppléante Mme BARNAUDIN M. TORLAUZET remplacé par son suppléant M. LAURDIER")
    assert _proxies(result) == [("VRANOLLE", "CRESSAC"), ("FRADASSOL", "MAROUVEL")]
    assert result.excused == ["DRAVIN", "SOUVELLEC", "ROBETIN", "TORLAUZET"]
    substitutes = {entry.name: entry.replaces for entry in result.present if entry.replaces}
    assert substitutes == {"BARNAUDIN": "ROBETIN", "LAURDIER": "TORLAUZET"}
    assert "guessed_split" in kinds(result)  # the cuts are guesses, said
    assert "unparsed_entry" not in kinds(result)


def test_member_commune_written_in_words_before_the_next_civility():
    # SIETOM de la région de Tournan-en-Brie, comité of 18 May 2015 (tests/fixtures/minutes/
    # sietom-tournan-en-brie-2015-05-18): "ÉTAIENT PRÉSENTS M. X, délégué titulaire, commune
    # d'Andrezel M. Y, délégué titulaire, …, communauté de communes les Sources de l'Yerres
    # (Courpalay) M. Z, …": the member's commune or EPCI in words runs into the next civility.
    result = parse_attendance(
        "ÉTAIENT PRÉSENTS M. Cyrille VRANOLLE, délégué titulaire, commune d’Andrezel M. Raoul "
        "CRESSAC, délégué titulaire, commune de M. Gustave GONELET, délégué titulaire, "
        "communauté de communes les Sources de l’Yerres (Courpalay) Mme Philippine BARNAUDIN, "
        "déléguée suppléante, communauté de communes les Gués de l’Yerres (Coubert)")
    assert names(result) == ["Cyrille VRANOLLE", "Raoul CRESSAC", "Gustave GONELET",
                             "Philippine BARNAUDIN"]
    assert set(kinds(result)) == {"commune_heading"}


# EPTB Charente, comité syndical of 8 February 2018 (tests/fixtures/minutes/eptb-charente-2018-
# 02-08), one paragraph: the members under "ADMINISTRATEURS", each closed by its council
# ("- CD 16"), then "PERSONNELS ADMINISTRATIFS ET INVITÉS" with lists of their own.
EPTB = (
    "ADMINISTRATEURS Étaient présents : Madame Marthe VRANOLLE, Madame Cécile BARNAUDIN - CD 16 "
    "Monsieur Jules CRESSAC - CD 17 Monsieur Jules-Oscar GONELET - CD 86 Absents excusés : "
    "Monsieur Raoul MAROUVEL (pouvoir à Monsieur Jules CRESSAC), Madame Bérénice LAURDIER - CD 17 "
    "PERSONNELS ADMINISTRATIFS ET INVITÉS Étaient présents : Monsieur Bertrand SOUVELLEC, "
    "Directeur-Adjoint ; Madame Colette DRAVIN, Responsable administrative. Étaient absents et "
    "excusés : Monsieur Thibault ROBETIN, chef de service."
)


def test_a_members_council_closing_each_entry_separates_the_entries():
    result = parse_attendance(EPTB)
    assert names(result) == ["Marthe VRANOLLE", "Cécile BARNAUDIN", "Jules CRESSAC",
                             "Jules-Oscar GONELET"]
    assert result.excused == ["Bérénice LAURDIER"]
    assert _proxies(result) == [("Raoul MAROUVEL", "Jules CRESSAC")]
    assert set(kinds(result)) == {"commune_heading"}  # the councils taken out, said


def test_the_lists_of_a_staff_and_guests_part_are_no_members():
    # Its "Étaient présents :" and "Étaient absents et excusés :" name staff and guests.
    result = parse_attendance(EPTB)
    assert "Bertrand SOUVELLEC" not in names(result)
    assert "Thibault ROBETIN" not in result.excused


def test_suppleants_remplacant_heading_and_holders_first_with_pour():
    # Porte de DrômArdèche, conseil communautaire of 31 October 2019 (tests/fixtures/minutes/
    # porte-de-dromardeche-2019-10-31), flattened: « Suppléants remplaçant de droit titulaires
    # absents : 1 X (pour Y) » (X sits for Y), then « Pouvoirs : 9 Y (pour X) », the holder
    # written first and the giver in brackets.
    result = parse_attendance(
        "Présents titulaires : 3 VRANOLLE Aurèle, BARNAUDIN Inès, CRESSAC Jules Absents et "
        "excusés : 3 GONELET Bastien, MAROUVEL Faustine, LAURDIER Pacôme Suppléants remplaçant "
        "de droit titulaires absents : 1 SOUVELLEC Basile (pour LAURDIER Pacôme), Pouvoirs : 2 "
        "VRANOLLE Aurèle (pour GONELET Bastien), CRESSAC Jules (pour MAROUVEL Faustine)")
    assert names(result) == ["VRANOLLE Aurèle", "BARNAUDIN Inès", "CRESSAC Jules",
                             "SOUVELLEC Basile"]
    assert result.present[3].replaces == "LAURDIER Pacôme"
    assert _proxies(result) == [("GONELET Bastien", "VRANOLLE Aurèle"),
                                ("MAROUVEL Faustine", "CRESSAC Jules")]
    assert result.excused == ["LAURDIER Pacôme"]


def test_delegues_suppleants_ayant_pouvoir_de_leur_titulaire_and_m_without_full_stop():
    # Sud-Ouest Amiénois, conseil communautaire of 28 September 2007 (tests/fixtures/minutes/
    # sud-ouest-amienois-2007-09-28): civilities « M » without full stop, « Délégués suppléants
    # ayant pouvoir de son titulaire : M X (suppléant de M Y) » (suppléants sitting, not
    # procurations), and « Secrétaire de séance : M Prénom Nom ».
    result = parse_attendance(
        "Etaient présents :\nDélégués titulaires : M Vranolle, Mme Barnaudin, M Cressac.\n"
        "Délégués suppléants ayant pouvoir de son titulaire : M Gonelet (suppléant de M "
        "Laurdier).\nEtaient absents ou excusés : M Laurdier, M Souvellec.\n"
        "Secrétaire de séance : M Aurèle Vranolle")
    # « M » without its full stop stays with the name in the lists (it may be an initial);
    # the secretary, a given name after it, is read without it.
    assert [name.split()[-1] for name in names(result)] == ["Vranolle", "Barnaudin", "Cressac",
                                                            "Gonelet"]
    assert result.present[3].replaces.split()[-1] == "Laurdier"
    assert result.proxies == []
    assert [name.split()[-1] for name in result.excused] == ["Laurdier", "Souvellec"]
    assert result.secretary == "Aurèle Vranolle"


def test_autres_personnes_presentes_are_guests_and_end_the_excused_list():
    # Communauté de communes de la Vallée d'Abondance, 1 March 2016 (tests/fixtures/minutes/
    # vallee-d-abondance-2016-03-01): the whole block on one line, the staff under « Autres
    # personnes présentes : » right after the last excused name, each with their function.
    result = parse_attendance(
        "Conseillers communautaires présents ou représentés : - Aurèle VRANOLLE - Inès "
        "BARNAUDIN-CRESSAC Conseillers communautaires excusés : - Jules GONELET - Bastien "
        "LAURDIER Autres personnes présentes : - Odile MERCANTIER, directrice aménagement et "
        "développement local à la 2CVA - Hugo SOUVELLEC, secrétaire général de la 2CVA "
        "Ordre du jour : I - AMÉNAGEMENT")
    assert names(result) == ["Aurèle VRANOLLE", "Inès BARNAUDIN-CRESSAC"]
    assert result.excused == ["Jules GONELET", "Bastien LAURDIER"]
    assert result.secretary is None
    assert not kinds(result)


def test_pouvoirs_written_holder_then_pour_giver_in_brackets():
    # Communauté de communes Porte de DrômArdèche, 31 October 2019 (tests/fixtures/minutes/
    # porte-de-dromardeche-2019-10-31): « Pouvoirs : 2 HOLDER (pour GIVER), … », the holder
    # first; the givers, named among the excused too, count once, as givers.
    result = parse_attendance(
        "Présents titulaires : 2 VRANOLLE Aurèle, CRESSAC Inès Absents et excusés : 3 GONELET "
        "Jules, LAURDIER Bastien, MERCANTIER Odile Pouvoirs : 2 VRANOLLE Aurèle (pour GONELET "
        "Jules), CRESSAC Inès (pour MERCANTIER Odile)")
    assert _proxies(result) == [("GONELET Jules", "VRANOLLE Aurèle"),
                                ("MERCANTIER Odile", "CRESSAC Inès")]
    assert result.excused == ["LAURDIER Bastien"]
    assert not kinds(result)


def test_a_given_name_sa_ending_a_line_is_no_possessive():
    # "remplacée par sa / suppléante" wraps after the possessive, written in lower case; a
    # given name "Sa" ending a line of a list does not (Hypothesis found "AA Sa / AA Aa").
    result = parse_attendance("ETAIENT PRESENTS :\nAA Sa\nAA Aa")
    assert names(result) == ["AA Sa", "AA Aa"]
    assert not kinds(result)


def test_member_epci_headings_by_their_short_name():
    # Syndicat mixte of the Sundgau, 9 July 2014 (tests/fixtures/minutes/sundgau-2014-07-09):
    # the member EPCI titled by their short name, « Communauté d Altkirch : » (apostrophe lost),
    # « Communauté de la Largue : », « Communauté Ill et Gersbach : », then their delegates.
    result = parse_attendance(
        "Présents : Communauté d Altkirch : Monsieur Aurèle VRANOLLE, Communauté de la Largue : "
        "Messieurs Jules CRESSAC et Bastien GONELET, Communauté Ill et Gersbach : Monsieur "
        "Pacôme LAURDIER")
    assert names(result) == ["Aurèle VRANOLLE", "Jules CRESSAC", "Bastien GONELET",
                             "Pacôme LAURDIER"]
    assert set(kinds(result)) == {"commune_heading"}


# Communauté de communes Vézère Monédières Millesources, 21 September 2020 (tests/fixtures/
# minutes/vezere-monedieres-millesources-2020-09-21): one flattened block, the headings in
# capitals, the secretary's label « Secrétaire : » right after the last excused.
VEZERE = (
    "TITULAIRES PRESENTS AVEC VOTE: VRANOLLE Aurèle, CRESSAC Inès, GONELET Jules Pierre, "
    "SUPPLEANTS PRESENTS SANS VOTE : LAURDIER Bastien, MERCANTIER Odile, EXCUSES: SOUVELLEC "
    "Hugo (donne procuration à CRESSAC Inès), BARNAUDIN Lucien, BRASSAC Paul, (donne "
    "procuration à VRANOLLE Aurèle), Secrétaire : GONELET Jules Pierre")


def test_presents_avec_vote_are_the_members_and_presents_sans_vote_are_not():
    # Suppléants present without a vote attend while their titular sits: not counted.
    result = parse_attendance(VEZERE)
    assert names(result) == ["VRANOLLE Aurèle", "CRESSAC Inès", "GONELET Jules Pierre"]


def test_secretaire_label_without_de_seance_ends_the_list_it_follows():
    result = parse_attendance("TITULAIRES PRESENTS AVEC VOTE: VRANOLLE Aurèle, CRESSAC Inès, "
                              "EXCUSES: SOUVELLEC Hugo, BARNAUDIN Lucien, Secrétaire : CRESSAC "
                              "Inès")
    assert result.excused == ["SOUVELLEC Hugo", "BARNAUDIN Lucien"]
    assert result.secretary == "CRESSAC Inès"
    assert not kinds(result)


def test_a_bracketed_procuration_after_a_comma_is_the_note_of_the_name_before():
    # « BRASSAC Paul, (donne procuration à …) »: a comma typed before the bracket.
    result = parse_attendance(VEZERE)
    assert _proxies(result) == [("SOUVELLEC Hugo", "CRESSAC Inès"),
                                ("BRASSAC Paul", "VRANOLLE Aurèle")]
    assert result.excused == ["BARNAUDIN Lucien"]
    assert not kinds(result)


def test_a_giver_said_absent_or_excused_before_the_verb():
    # « M. X, excusé, a donné pouvoir à Y » in a list of excused, and the sentence « M. X est
    # absent et a donné pouvoir à Y » under the présents: the word « excusé » / « est absent »
    # between the giver and the verb (no public page found; Ouvèze-Payre's « Monsieur X a donné
    # pouvoir à Monsieur Y », tests/fixtures/minutes/ouveze-payre-2019-12-10, with it).
    listed = parse_attendance("Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN.\nExcusés : M. "
                              "Jules CRESSAC, excusé, a donné pouvoir à M. Aurèle VRANOLLE ; M. "
                              "Bastien GONELET.")
    assert _proxies(listed) == [("Jules CRESSAC", "Aurèle VRANOLLE")]
    assert listed.excused == ["Bastien GONELET"]
    assert not kinds(listed)
    sentence = parse_attendance("Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN.\nM. Jules "
                                "CRESSAC est absent et a donné pouvoir à M. Aurèle VRANOLLE.")
    assert _proxies(sentence) == [("Jules CRESSAC", "Aurèle VRANOLLE")]
    assert names(sentence) == ["Aurèle VRANOLLE", "Inès BARNAUDIN"]
    assert not kinds(sentence)


def test_presents_headings_saying_how_the_members_attend():
    # Sessions by videoconference (L5211-11-1; the tracker's brief): « Présents en
    # présentiel : », « Présents en visioconférence : » — both lists of présents (layout of
    # Saint-Vincent-de-Durfort's « Présents : », tests/fixtures/minutes/saint-vincent-de-
    # durfort-2019-09-16; no public page with these headings was found).
    result = parse_attendance("Présents en présentiel : Aurèle VRANOLLE, Inès BARNAUDIN\n"
                              "Présents en visioconférence : Jules CRESSAC\n"
                              "Absents excusés : Bastien GONELET")
    assert names(result) == ["Aurèle VRANOLLE", "Inès BARNAUDIN", "Jules CRESSAC"]
    assert result.excused == ["Bastien GONELET"]
    assert not kinds(result)


def test_secretary_as_an_apposition_with_a_participle():
    # "M. X, secrétaire de séance, procède à l'appel nominal" (Évreux Portes de Normandie,
    # 7 February 2017, https://pdfdrive.to/dl/recueil-des-actes-administratifs-n2) with the
    # participle: « Madame X, désignée secrétaire de séance. » — a line that also ends the list.
    result = parse_attendance("Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN.\nMadame Inès "
                              "BARNAUDIN, désignée secrétaire de séance.")
    assert result.secretary == "Inès BARNAUDIN"
    assert names(result) == ["Aurèle VRANOLLE", "Inès BARNAUDIN"]
    assert not kinds(result)


def test_invites_and_personnel_headings_are_guests_and_the_members_lists_go_on():
    # The guests' heading of EPTB Charente (tests/fixtures/minutes/eptb-charente-2018-02-08)
    # written short, « INVITES : » or « Personnel administratif : », between two lists of
    # members: its names are no members, and the members' excused after it are read.
    for text in ("PRESENTS : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN\nINVITES : M. Yves LEROY "
                 "(DGS)\nEXCUSES : M. Jules CRESSAC",
                 "Présents : M. Aurèle VRANOLLE, Mme Inès BARNAUDIN\nPersonnel administratif : "
                 "Mme Sylvie ROUX\nAbsents excusés : M. Jules CRESSAC"):
        result = parse_attendance(text)
        assert names(result) == ["Aurèle VRANOLLE", "Inès BARNAUDIN"], text
        assert result.excused == ["Jules CRESSAC"], text
        assert not kinds(result), text


def test_absents_ou_representes_and_delegation_and_mandataires_headings():
    # « Délégations de vote » / « Porteurs d'un pouvoir » (the brief's list, and the CGCT's
    # « porteur d'un pouvoir ») in three more headings, on Ouvèze-Payre's layout
    # (tests/fixtures/minutes/ouveze-payre-2019-12-10; no public page found for these):
    # « Etaient absents ou représentés : » mixes absents and givers, « Absents ayant donné
    # délégation : » lists givers, « Mandataires : X pour Y » lists holders first.
    mixed = parse_attendance(OUVEZE_PRESENT + "Etaient absents ou représentés : Monsieur "
                             "Laurdier (pouvoir à Monsieur Gonelet), Monsieur Souvellec")
    assert _proxies(mixed) == [("Laurdier", "Gonelet")]
    assert mixed.absent == ["Souvellec"]
    delegation = parse_attendance(OUVEZE_PRESENT + "Absents ayant donné délégation : Monsieur "
                                  "Laurdier à Monsieur Gonelet")
    assert _proxies(delegation) == [("Laurdier", "Gonelet")]
    holders = parse_attendance(OUVEZE_PRESENT + "Mandataires : Monsieur Gonelet pour Monsieur "
                               "Laurdier")
    assert _proxies(holders) == [("Laurdier", "Gonelet")]
    for result in (mixed, delegation, holders):
        assert set(kinds(result)) == {"commune_heading"}
