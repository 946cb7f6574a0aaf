"""Dated case tables, each case with its source, for the rules the audit found missing or
debatable: suppléants (L5211-6), the executive's election (L2122-7), nominations (L2121-21),
videoconference and remote attendance (L5211-11-1, loi 3DS), the PV's adoption (L2121-15),
the territorial scope of the Covid regimes (loi 2020-856), the basis of "deux tiers du
conseil" and weighted votes (statutes)."""

from datetime import date

import pytest

from deliberations import rules
from deliberations.rules import (
    BodyRules,
    MandateSpan,
    Presence,
    ProxyGrant,
    item_voices,
    regime_on,
)

L5211_6 = "CGCT L5211-6, 4e al. (loi 2019-1461)"
L2122_7 = "CGCT L2122-7 via L5211-2"
L2121_21 = "CGCT L2121-21"
L5211_11_1 = "CGCT L5211-11-1"
DS3 = "loi 2022-217 (3DS) art. 170"
L2121_15 = "CGCT L2121-15"
LOI_2020_856 = "loi 2020-856 art. 2"

# --- 1. Suppléant only for a commune with a single councillor (L5211-6) ----------------------

# (start of the suppléant's seat, titular seats of the commune, Bureau, expected message
# fragment or "" when allowed, source)
SUBSTITUTE_DESIGNATION_CASES = [
    (date(2020, 7, 15), 1, False, "", f"{L5211_6} : commune à un seul conseiller (Allouagne)"),
    (date(2020, 7, 15), 2, False, "dispose de 2 sièges", f"{L5211_6} : Béthune, 2 sièges"),
    (date(2020, 7, 15), 5, False, "dispose de 5 sièges", f"{L5211_6} : plusieurs conseillers"),
    (date(2020, 7, 15), 1, True, "jamais au Bureau", f"{L5211_6} ; L5211-10 (Bureau)"),
    (date(2020, 7, 15), None, False, "Indiquez la commune", f"{L5211_6} : commune requise"),
    (date(2020, 7, 15), 0, False, "dispose de 0 sièges", f"{L5211_6} : aucun titulaire"),
]


@pytest.mark.parametrize(("start_on", "seats", "bureau", "expected", "source"),
                         SUBSTITUTE_DESIGNATION_CASES)
def test_substitute_designation_problem(start_on, seats, bureau, expected, source):
    message = rules.substitute_designation_problem(seats_of_commune=seats, bureau=bureau,
                                                   commune_name="Béthune")
    if expected:
        assert expected in message and "L5211-6" in message, source
    else:
        assert message == "", source


SEATS = (
    MandateSpan("GACQUERRE", date(2020, 7, 15), commune="Béthune"),
    MandateSpan("DELELIS", date(2020, 7, 15), date(2022, 3, 31), commune="Béthune"),
    MandateSpan("DUCROCQ", date(2020, 7, 15), commune="Allouagne"),
    MandateSpan("LEROY", date(2020, 7, 15), substitute=True, substitute_for="GACQUERRE",
                commune="Béthune"),
    MandateSpan("MARTIN", date(2020, 7, 15), substitute=True, substitute_for="DUCROCQ",
                commune="Allouagne"),
)

# (date, commune -> titular seats, source)
COMMUNE_SEATS_CASES = [
    (date(2022, 3, 31), {"Béthune": 2, "Allouagne": 1}, f"{L5211_6} : deux titulaires"),
    (date(2022, 4, 1), {"Béthune": 1, "Allouagne": 1}, f"{L5211_6} : siège de DELELIS échu"),
]


@pytest.mark.parametrize(("on", "expected", "source"), COMMUNE_SEATS_CASES)
def test_commune_seats(on, expected, source):
    assert dict(rules.commune_seats(SEATS, on)) == expected, source


# (date, titular -> designated suppléants, source)
DESIGNATED_CASES = [
    (date(2022, 3, 31), {"DUCROCQ": frozenset({"MARTIN"})},
     f"{L5211_6} : Béthune a deux sièges, pas de suppléant"),
    (date(2022, 4, 1), {"GACQUERRE": frozenset({"LEROY"}), "DUCROCQ": frozenset({"MARTIN"})},
     f"{L5211_6} : Béthune n'a plus qu'un siège"),
]


@pytest.mark.parametrize(("on", "expected", "source"), DESIGNATED_CASES)
def test_designated_substitutes_only_for_single_councillor_communes(on, expected, source):
    assert dict(rules.designated_substitutes(SEATS, on)) == expected, source


# --- 2 and 3. Executive by secret ballot; nominations by secret ballot unless waived ---------

# (session date, executive, deliberation ballot, waived, single candidacy, commission or
# outside body, expected fragments, source)
APPOINTMENT_BALLOT_CASES = [
    (date(2020, 7, 15), True, "secret", False, True, False,
     ["Même avec une seule candidature"], f"{L2122_7} : candidat unique, vote requis"),
    (date(2020, 7, 15), True, "secret", False, False, False, [], f"{L2122_7} : scrutin secret"),
    (date(2020, 7, 15), True, "show_of_hands", False, False, False,
     ["la délibération indique un autre mode de scrutin"], f"{L2122_7} : main levée refusée"),
    (date(2020, 7, 15), True, "secret", True, False, False,
     ["ne peut y renoncer"], f"{L2122_7} : renonciation impossible"),
    (date(2022, 10, 18), False, "show_of_hands", False, False, False,
     ["Une nomination a lieu au scrutin secret"], f"{L2121_21}, 3e al. : pas de renonciation"),
    (date(2022, 10, 18), False, "show_of_hands", True, False, False, [],
     f"{L2121_21}, 3e al. : renonciation unanime"),
    (date(2022, 10, 18), False, "secret", False, False, False, [], f"{L2121_21} : secret"),
    (date(2022, 10, 18), False, "show_of_hands", False, True, True, [],
     f"{L2121_21}, 5e al. : candidature unique, organisme extérieur"),
    (date(2022, 10, 18), False, "show_of_hands", True, True, False,
     ["ne prend effet immédiatement que pour une commission"],
     f"{L2121_21}, 5e al. : candidature unique hors commission"),
]


@pytest.mark.parametrize(
    ("on", "executive", "ballot", "waived", "single", "outside", "expected", "source"),
    APPOINTMENT_BALLOT_CASES)
def test_appointment_ballot_problems(on, executive, ballot, waived, single, outside, expected,
                                     source):
    problems = rules.appointment_ballot_problems(
        secret_ballot_waived=waived, executive_election=executive, deliberation_ballot=ballot,
        single_candidate=single, commission_or_outside_body=outside)
    assert len(problems) == len(expected), source
    for problem, fragment in zip(problems, expected, strict=True):
        assert fragment in problem, source


def test_an_executive_single_candidate_takes_effect_only_after_a_vote():
    with pytest.raises(ValueError, match="Même avec une seule candidature"):
        rules.appointment_result(rounds=[], single_candidate="A", executive_election=True)
    outcome = rules.appointment_result(rounds=[{"A": 131}], executive_election=True,
                                       names={"A": "GACQUERRE Olivier"})
    assert outcome.wording == ("Élu au premier tour à la majorité absolue : GACQUERRE "
                               "Olivier, 131 voix sur 131 suffrages exprimés (majorité "
                               "absolue : 66).")


# --- 4. Videoconference by kind of organisation and date; remote attendance ------------------

# (session date, organisation kind, department, allowed, source)
VIDEOCONFERENCE_ALLOWED_CASES = [
    (date(2019, 12, 27), "ca", "62", False, f"{L5211_11_1} avant la loi 2019-1461 (JO 28/12)"),
    (date(2019, 12, 28), "ca", "62", True, f"{L5211_11_1} (loi 2019-1461)"),
    (date(2021, 10, 14), "cc", "62", True, f"{L5211_11_1} : EPCI à fiscalité propre"),
    (date(2021, 10, 14), "metropole", "62", True, f"{L5211_11_1} : métropole"),
    (date(2021, 10, 14), "pm", "62", False, f"{L5211_11_1} : syndicat avant {DS3}"),
    (date(2022, 7, 31), "pm", "62", True, "loi 2021-1465 art. 10 : fenêtre Covid"),
    (date(2021, 11, 10), "syndicat", "62", False, "loi 2021-1465 pas encore publiée"),
    (date(2021, 11, 11), "syndicat", "62", True, "loi 2021-1465 (JO du 11/11/2021)"),
    (date(2022, 8, 1), "pm", "62", True, f"{DS3} ; L5711-1, L5731-3"),
    (date(2022, 8, 1), "syndicat", "62", True, f"{DS3} ; L5711-1"),
    (date(2022, 9, 22), "smo", "62", False, "L5721-2 : syndicat mixte ouvert, hors L5211-11-1"),
    (date(2022, 9, 22), "commune", "62", False, f"{L5211_11_1} : EPCI seulement"),
    (date(2020, 5, 12), "commune", "62", True, "ordonnance 2020-391 art. 6"),
    (date(2020, 8, 20), "pm", "62", False, "loi 2020-760 : pas de téléconférence"),
    (date(2020, 9, 15), "pm", "973", True, f"{LOI_2020_856} : Guyane jusqu'au 30/10/2020"),
    (date(2020, 10, 31), "pm", "976", False, f"{LOI_2020_856} : fin à Mayotte"),
]


@pytest.mark.parametrize(("on", "kind", "department", "allowed", "source"),
                         VIDEOCONFERENCE_ALLOWED_CASES)
def test_videoconference_allowed_problem(on, kind, department, allowed, source):
    message = rules.videoconference_allowed_problem(organisation_kind=kind, on=on,
                                                    department=department)
    assert (message == "") is allowed, source
    if not allowed:
        assert "L5211-11-1" in message, source


# (session date, from a designated place, body reads "designated places only", counted, source)
REMOTE_ATTENDANCE_CASES = [
    (date(2021, 3, 11), False, True, True, "loi 2020-1379 art. 6 : depuis tout lieu"),
    (date(2022, 9, 22), True, True, True, f"{L5211_11_1} ; décret 2020-904 : lieu désigné"),
    (date(2022, 9, 22), False, True, False, f"{L5211_11_1} : « plusieurs lieux », domicile"),
    (date(2022, 9, 22), False, False, True, "réglage de l'assemblée : tout lieu (source citée)"),
]


@pytest.mark.parametrize(("on", "designated", "only", "counted", "source"),
                         REMOTE_ATTENDANCE_CASES)
def test_remote_attendance_problem(on, designated, only, counted, source):
    message = rules.remote_attendance_problem(on=on, from_designated_place=designated,
                                              designated_places_only=only, name="LEROY Anne")
    assert (message == "") is counted, source
    if not counted:
        assert message == ("LEROY Anne assiste à distance hors d'un lieu de réunion désigné par "
                           "la convocation : hors période dérogatoire, il n'est pas compté "
                           "présent (CGCT L5211-11-1 (réunion « en plusieurs lieux ») ; "
                           "décret n° 2020-904 du 24 juillet 2020).")


# (session date, meeting places recorded, body reads "designated places only", refused, source)
VIDEOCONFERENCE_PLACES_CASES = [
    (date(2022, 9, 22), "", True, True, f"{L5211_11_1} ; décret 2020-904 : lieux à désigner"),
    (date(2022, 9, 22), "Hôtel communautaire, Béthune ; mairie de Lillers", True, False,
     f"{L5211_11_1} : plusieurs lieux désignés"),
    (date(2022, 9, 22), "", False, False, "réglage de l'assemblée : tout lieu (source citée)"),
    (date(2021, 3, 11), "", True, False, "loi 2020-1379 art. 6 : depuis tout lieu"),
]


@pytest.mark.parametrize(("on", "places", "only", "refused", "source"),
                         VIDEOCONFERENCE_PLACES_CASES)
def test_videoconference_places_problem(on, places, only, refused, source):
    message = rules.videoconference_places_problem(on=on, places=places,
                                                   designated_places_only=only)
    assert (message != "") is refused, source


# --- 5. PV adopted at the next session (L2121-15) --------------------------------------------

BODY_SESSIONS = [date(2022, 10, 18), date(2022, 12, 6), date(2023, 2, 7)]

# (session of the PV, session adopting it, warning expected, source)
MINUTES_APPROVAL_WARNING_CASES = [
    (date(2022, 10, 18), date(2022, 12, 6), "", f"{L2121_15} : séance suivante"),
    (date(2022, 10, 18), date(2023, 2, 7), "et non à la séance suivante du 06/12/2022",
     f"{L2121_15} : deux séances plus tard"),
    (date(2022, 12, 6), date(2023, 2, 7), "", f"{L2121_15} : séance suivante"),
]


@pytest.mark.parametrize(("session_on", "approved_on", "expected", "source"),
                         MINUTES_APPROVAL_WARNING_CASES)
def test_minutes_approval_warning(session_on, approved_on, expected, source):
    warning = rules.minutes_approval_warning(session_on=session_on, approved_on=approved_on,
                                             body_session_dates=BODY_SESSIONS)
    if expected:
        assert expected in warning and "L2121-15" in warning, source
    else:
        assert warning == "", source


# --- 6. Covid regimes with their territorial scope (loi 2020-856) ----------------------------

# (session date, department, fragment of the regime's source or None, source)
TERRITORIAL_REGIME_CASES = [
    (date(2020, 7, 10), "62", "2020-391", "ordonnance 2020-391 : fin de l'état d'urgence"),
    (date(2020, 7, 11), "62", "2020-760", "loi 2020-760 en métropole"),
    (date(2020, 7, 11), "973", "2020-856", f"{LOI_2020_856} : Guyane"),
    (date(2020, 9, 15), "62", None, "règles ordinaires en métropole"),
    (date(2020, 9, 15), "976", "2020-856", f"{LOI_2020_856} : Mayotte"),
    (date(2020, 10, 30), "973", "2020-856", f"{LOI_2020_856} : « jusqu'au 30 octobre 2020 »"),
    (date(2020, 10, 31), "973", None, f"{LOI_2020_856} : fin en Guyane"),
    (date(2020, 9, 15), "971", None, "Guadeloupe : pas de prorogation"),
    (date(2021, 11, 10), "62", None, "loi 2021-1465 promulguée, publiée le lendemain"),
    (date(2021, 11, 11), "62", "2021-1465", "loi 2021-1465, JO du 11 novembre 2021"),
]


@pytest.mark.parametrize(("on", "department", "fragment", "source"), TERRITORIAL_REGIME_CASES)
def test_regime_on_with_its_territorial_scope(on, department, fragment, source):
    regime = regime_on(on, department=department)
    if fragment is None:
        assert regime is None, source
    else:
        assert fragment in regime.source, source


def test_in_guyane_in_september_2020_the_quorum_is_a_third_of_present_or_represented():
    guyane = BodyRules(department="973")
    figures = rules.item_figures(
        item=1, in_office=30, session_date=date(2020, 9, 15), body_rules=guyane,
        presences=[Presence(n) for n in range(8)],
        proxies=[ProxyGrant(8, 0), ProxyGrant(9, 1)],
    )
    assert (figures.quorum_required, figures.present, figures.represented) == (10, 8, 2)
    assert figures.quorum_met is True
    arras = rules.item_figures(
        item=1, in_office=30, session_date=date(2020, 9, 15),
        presences=[Presence(n) for n in range(8)], proxies=[ProxyGrant(8, 0)],
    )
    assert (arras.quorum_required, arras.quorum_met) == (16, False)


# --- 7. The basis of "deux tiers du conseil" --------------------------------------------------

# (session date, basis, seats, in office, for, against, result, source)
TWO_THIRDS_CASES = [
    (date(2022, 12, 6), "all_seats", 152, 150, 101, 10, "rejected",
     "QE 68314 (2006) ; TA Lille 2004 : 102 sur 152 sièges"),
    (date(2022, 12, 6), "all_seats", 152, 150, 102, 10, "adopted", "QE 68314 ; 102 sur 152"),
    (date(2022, 12, 6), "in_office", 152, 150, 100, 10, "adopted", "100 sur 150 en exercice"),
    (date(2022, 12, 6), "votes_cast", 152, 150, 74, 36, "adopted",
     "déclarations du Gouvernement 2014-2015 : 74 sur 110 exprimés"),
    (date(2022, 12, 6), "votes_cast", 152, 150, 73, 37, "rejected", "74 requis sur 110"),
]


@pytest.mark.parametrize(("on", "basis", "seats", "in_office", "votes_for", "votes_against",
                          "result", "source"), TWO_THIRDS_CASES)
def test_two_thirds_of_the_council_on_the_bodys_basis(on, basis, seats, in_office, votes_for,
                                                       votes_against, result, source):
    outcome = rules.vote_result(votes_for=votes_for, votes_against=votes_against,
                                kind=rules.TWO_THIRDS_COUNCIL, two_thirds_basis=basis,
                                seats=seats, in_office=in_office, basis_source=source)
    assert outcome.result == result, source
    assert source in outcome.explanation


def test_two_thirds_on_all_seats_prints_the_basis_and_its_source():
    outcome = rules.vote_result(votes_for=101, votes_against=10, kind=rules.TWO_THIRDS_COUNCIL,
                                seats=152, basis_source=rules.CGCT_RULES.two_thirds_source)
    assert outcome.explanation == (
        "Rejetée : la majorité des deux tiers du conseil n'est pas atteinte (102 voix requises "
        "sur 152 sièges du conseil, base retenue : QE n° 68314 (JO AN 2006) ; TA Lille 2004 : "
        "tous les sièges du conseil), à main levée : 101 voix pour, 10 contre.")


def test_two_thirds_on_all_seats_needs_the_number_of_seats():
    with pytest.raises(ValueError, match="Indiquez le nombre de sièges du conseil"):
        rules.two_thirds_required(basis="all_seats", votes_cast=110, in_office=150)


# --- 8. Weighted votes per the statutes ------------------------------------------------------

# The PMA's committee as a small example: the members' delegates carry the voices the statutes
# give them. (session date, quorum in voices, expected figures, source)
PMA_VOICES = {"CABBALR-1": 3, "CABBALR-2": 3, "CALL-1": 3, "CAHC-1": 2, "DEP-1": 1}
PMA_STATUTES = "Statuts du syndicat, art. 6 (voix par délégué)"
WEIGHTED_CASES = [
    (date(2022, 9, 22), False, (5, 12, 3, 8, 1, 3, 11, None, None),
     f"{PMA_STATUTES} ; quorum L2121-17 en membres"),
    (date(2022, 9, 22), True, (5, 12, 3, 8, 1, 3, 11, 7, True),
     f"{PMA_STATUTES} ; quorum en voix : plus de la moitié de 12"),
]


@pytest.mark.parametrize(("on", "in_voices", "expected", "source"), WEIGHTED_CASES)
def test_item_voices(on, in_voices, expected, source):
    figures = item_voices(
        item=1, session_date=on, voices=PMA_VOICES, in_office_members=PMA_VOICES,
        presences=[Presence("CABBALR-1"), Presence("CALL-1"), Presence("CAHC-1")],
        proxies=[ProxyGrant("CABBALR-2", "CABBALR-1")],
        body_rules=BodyRules(weighted_votes=True, quorum_in_voices=in_voices,
                             weights_source=PMA_STATUTES),
    )
    assert (figures.in_office_members, figures.in_office_voices, figures.present_members,
            figures.present_voices, figures.represented_members, figures.represented_voices,
            figures.voices_available, figures.quorum_required, figures.quorum_met) == expected
    assert rules.voices_wording(figures).startswith(
        "5 membres en exercice (12 voix), 3 présents (8 voix), 1 représentés (3 voix)"), source


# --- Items of a session (L2121-17: the quorum is checked at every item of the agenda) --------

# (session date, from item, until item, item count, expected fragment or "", source)
ITEM_RANGE_CASES = [
    (date(2022, 10, 18), 5, None, 14, "", "seed 000 : OGIEZ « à partir de la question 5 »"),
    (date(2022, 10, 18), None, 13, 14, "", "seed 000 : JURCZYK jusqu'à la question 13"),
    (date(2022, 10, 18), 15, None, 14, "la séance ne compte que 14 questions",
     "CGCT L2121-17 : question hors de l'ordre du jour"),
    (date(2022, 10, 18), 5, None, None, "indiquez d'abord le nombre de questions",
     "CGCT L2121-17 : ordre du jour inconnu"),
]


@pytest.mark.parametrize(("on", "first", "last", "count", "expected", "source"),
                         ITEM_RANGE_CASES)
def test_item_range_problem(on, first, last, count, expected, source):
    problem = rules.item_range_problem(first, last, count)
    if expected:
        assert expected in problem, source
    else:
        assert problem is None, source


CASE_TABLES = {
    "substitute_designation_problem": (("L5211-6",), SUBSTITUTE_DESIGNATION_CASES),
    "commune_seats": (("L5211-6",), COMMUNE_SEATS_CASES),
    "videoconference_allowed_problem": (("L5211-11-1", "2019-1461", "3DS", "170"),
                                        VIDEOCONFERENCE_ALLOWED_CASES),
    "remote_attendance_problem": (("L5211-11-1", "2020-904"), REMOTE_ATTENDANCE_CASES),
    "videoconference_places_problem": (("L5211-11-1", "2020-904"),
                                       VIDEOCONFERENCE_PLACES_CASES),
    "minutes_approval_warning": (("L2121-15",), MINUTES_APPROVAL_WARNING_CASES),
    "two_thirds_required": (("68314", "TA Lille", "2014-2015"), TWO_THIRDS_CASES),
    "item_voices": (("statuts",), WEIGHTED_CASES),
    "item_range_problem": (("L2121-17",), ITEM_RANGE_CASES),
}
# Extended rules keep their first table and gain one here.
EXTENDED_TABLES = {
    "designated_substitutes": DESIGNATED_CASES,
    "appointment_ballot_problems": APPOINTMENT_BALLOT_CASES,
    "regime_on": TERRITORIAL_REGIME_CASES,
}


@pytest.mark.parametrize("name", sorted(CASE_TABLES))
def test_rule_states_its_source_and_keeps_a_dated_case_table(name):
    fragments, table = CASE_TABLES[name]
    source = rules.RULES[name]
    assert getattr(rules, name).legal_source is source
    for fragment in fragments:
        assert fragment in source.text, f"{name} no longer cites {fragment}"
    assert table and all(isinstance(case[0], date) for case in table)
    assert all(isinstance(case[-1], str) and case[-1].strip() for case in table)


@pytest.mark.parametrize("name", sorted(EXTENDED_TABLES))
def test_extended_rules_keep_a_dated_table_for_the_new_cases(name):
    table = EXTENDED_TABLES[name]
    assert name in rules.RULES
    assert table and all(isinstance(case[0], date) and case[-1].strip() for case in table)
