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
