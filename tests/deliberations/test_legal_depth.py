"""Legal depth: the rules real sessions hit beyond the common case.

Suppléants (L5211-6, QE n° 49337), second convocations (L2121-17; CE 16 June 1997, Pfister,
n° 142691), quorum lost during a held session, vote kinds (compte administratif L1612-12,
two-thirds majorities, closed session L5211-11, a tie with the president abstaining) and the
rules a body's own statutes set (L5711-1, L5721-2; CE 18 Oct 2018 n° 421197).

Every case names its source; the dated case tables are collected in ``CASE_TABLES`` (read by
the rule-change log test of test_legal_time.py) so that a rule losing its cited source or
its table fails.
"""

from datetime import date

import pytest

from deliberations import rules
from deliberations.rules import (
    ADMINISTRATIVE_ACCOUNT,
    ADMINISTRATIVE_ACCOUNT_WITHDRAWAL,
    BUREAU_RULES,
    CGCT_RULES,
    CLOSED_SESSION,
    ORDINARY,
    TWO_THIRDS_CAST,
    TWO_THIRDS_IN_OFFICE,
    BodyRules,
    MandateSpan,
    Presence,
    ProxyGrant,
    designated_substitutes,
    item_figures,
    items_to_carry_over,
    quorum_reached,
    second_convocation_problems,
    session_table,
    vote_result,
)

L5211_6 = "CGCT L5211-6 (délégué suppléant)"
QE_49337 = "QE n° 49337 ; note AdCF août 2015 (pas de pouvoir du titulaire suppléé)"
PFISTER = "CE 16 juin 1997, Pfister, n° 142691"
L2121_17 = "CGCT L2121-17 (quorum à chaque question, seconde convocation)"
L1612_12 = "CGCT L1612-12 (compte administratif)"
L5216_5 = "CGCT L5216-5 III (intérêt communautaire, deux tiers)"
L5211_11 = "CGCT L5211-11 (huis clos)"
L2121_20 = "CGCT L2121-20 (voix prépondérante)"
STATUTES = "L5711-1, L5721-2 ; CE 18 oct. 2018 n° 421197 (statuts du syndicat mixte)"

# --- 1. Suppléants (L5211-6) -----------------------------------------------------------------

# Council: A, B and T are the members in office; S is T's designated suppléant, X a stranger
# (S2: another commune's suppléant). Figures on item 1.
IN_OFFICE = frozenset({"A", "B", "T"})
SPANS = (
    MandateSpan("A", date(2020, 7, 15)),
    MandateSpan("B", date(2020, 7, 15)),
    MandateSpan("T", date(2020, 7, 15)),
    MandateSpan("S", date(2020, 7, 15), substitute=True, substitute_for="T"),
    MandateSpan("S2", date(2020, 7, 15), substitute=True, substitute_for="B"),
    MandateSpan("OLD", date(2014, 4, 1), date(2020, 7, 14), substitute=True, substitute_for="T"),
)
SUBSTITUTES = designated_substitutes(SPANS, date(2022, 10, 18))
NAMES = {"A": "ALPHA Anne", "B": "BETA Bruno", "T": "TITULAIRE Thierry",
         "S": "SUPPLÉANT Serge", "S2": "AUTRE Sophie", "X": "ÉTRANGER Xavier"}

# (date of the source, presences, proxies, body rules, present, represented, problems, source)
SUBSTITUTE_CASES = [
    (date(2015, 8, 1), [Presence("A"), Presence("B"), Presence("S", replaces="T")], [],
     CGCT_RULES, 3, 0, [], f"{L5211_6} : le suppléant désigné siège, titulaire absent"),
    (date(2015, 8, 1), [Presence("A"), Presence("B"), Presence("X", replaces="T")], [],
     CGCT_RULES, 2, 0,
     [("not_designated_substitute", "ÉTRANGER Xavier n'est pas le délégué suppléant désigné de "
       "TITULAIRE Thierry (L5211-6) : sa présence n'est pas comptée (question 1)")],
     f"{L5211_6} : un inconnu comme suppléant est refusé"),
    (date(2015, 8, 1), [Presence("A"), Presence("S2", replaces="T")], [], CGCT_RULES, 1, 0,
     [("not_designated_substitute", "AUTRE Sophie n'est pas le délégué suppléant désigné de "
       "TITULAIRE Thierry (L5211-6) : sa présence n'est pas comptée (question 1)")],
     f"{L5211_6} : le suppléant d'un autre titulaire"),
    (date(2015, 8, 1), [Presence("A"), Presence("OLD", replaces="T")], [], CGCT_RULES, 1, 0,
     [("not_designated_substitute", "OLD n'est pas le délégué suppléant désigné de "
       "TITULAIRE Thierry (L5211-6) : sa présence n'est pas comptée (question 1)")],
     f"{L5211_6} : suppléant du mandat précédent (fin le 14/07/2020)"),
    (date(2015, 8, 1), [Presence("A"), Presence("S", replaces="T")], [], BUREAU_RULES, 1, 0,
     [("substitute_not_admitted", "SUPPLÉANT Serge ne peut siéger comme suppléant de TITULAIRE "
       "Thierry : le délégué suppléant ne siège qu'à l'organe délibérant, pas au Bureau "
       "(L5211-6) ; sa présence n'est pas comptée (question 1)")],
     f"{L5211_6} : pas de suppléant au Bureau (L5211-10)"),
    # The seat counted twice: S sits for T and T's proxy to A would add a fourth vote.
    (date(2015, 8, 1), [Presence("A"), Presence("B"), Presence("S", replaces="T")],
     [ProxyGrant("T", "A")], CGCT_RULES, 3, 0,
     [("giver_replaced", "TITULAIRE Thierry est remplacé par son suppléant SUPPLÉANT Serge à la "
       "question 1 : sa procuration à ALPHA Anne n'est pas comptée, un siège ne vote qu'une "
       "fois (L5211-6 ; réponse ministérielle QE n° 49337)")],
     f"{QE_49337} : siège compté deux fois"),
    (date(2015, 8, 1), [Presence("A"), Presence("S", replaces="T")], [ProxyGrant("T", "S")],
     CGCT_RULES, 2, 0,
     [("giver_replaced", "TITULAIRE Thierry est remplacé par son suppléant SUPPLÉANT Serge à la "
       "question 1 : sa procuration à SUPPLÉANT Serge n'est pas comptée, un siège ne vote "
       "qu'une fois (L5211-6 ; réponse ministérielle QE n° 49337)")],
     f"{QE_49337} : pouvoir donné à son propre suppléant"),
    # No suppléant sits: the titular member's proxy counts as usual.
    (date(2015, 8, 1), [Presence("A"), Presence("B")], [ProxyGrant("T", "A")], CGCT_RULES, 2, 1,
     [], f"{QE_49337} a contrario ; CGCT L2121-20"),
]


@pytest.mark.parametrize(
    ("dated", "presences", "proxies", "body_rules", "present", "represented", "problems",
     "source"),
    SUBSTITUTE_CASES,
)
def test_suppleants(dated, presences, proxies, body_rules, present, represented, problems,
                    source):
    figures = item_figures(
        item=1, in_office=3, presences=presences, proxies=proxies,
        session_date=date(2022, 10, 18), names=NAMES, in_office_members=IN_OFFICE,
        substitutes=SUBSTITUTES, body_rules=body_rules,
    )

    assert (figures.present, figures.represented) == (present, represented), source
    assert [(p.kind, p.message) for p in figures.problems] == problems, source
    # Never more votes than seats held by the members present and represented.
    assert figures.votes_available <= len(IN_OFFICE)


def test_designated_substitutes_follow_the_mandates_on_the_date():
    assert SUBSTITUTES == {"T": frozenset({"S"}), "B": frozenset({"S2"})}
    assert designated_substitutes(SPANS, date(2019, 1, 1)) == {"T": frozenset({"OLD"})}


# --- 2. Second convocation (L2121-17 ; CE Pfister 1997) --------------------------------------

# (first session, new convocation sent, second session, accepted, source)
SECOND_CONVOCATION_CASES = [
    (date(2022, 10, 18), date(2022, 10, 18), date(2022, 10, 21), False,
     f"{PFISTER} : 19 et 20 oct. seulement, deux jours francs"),
    (date(2022, 10, 18), date(2022, 10, 18), date(2022, 10, 22), True,
     f"{PFISTER} : 19, 20 et 21 oct., trois jours francs"),
    (date(2022, 10, 18), date(2022, 10, 19), date(2022, 10, 22), False,
     f"{PFISTER} : le délai court de l'envoi de la nouvelle convocation"),
    (date(2022, 10, 18), date(2022, 10, 17), date(2022, 10, 25), False,
     f"{L2121_17} : la nouvelle convocation suit la séance sans quorum"),
    (date(2022, 12, 30), date(2022, 12, 30), date(2023, 1, 3), True,
     f"{PFISTER} : jours francs calendaires (31 déc., 1er janv. férié, 2 janv.)"),
]


@pytest.mark.parametrize(("first_on", "convened_on", "second_on", "accepted", "source"),
                         SECOND_CONVOCATION_CASES)
def test_second_convocation_three_clear_days_after_the_new_convocation(
    first_on, convened_on, second_on, accepted, source
):
    problems = second_convocation_problems(
        first_session_on=first_on, first_quorum_failed=True, same_body=True,
        convened_on=convened_on, second_session_on=second_on,
    )

    assert (problems == []) is accepted, (source, problems)


# Five members in office, quorum 3: A, B and C present, C leaves after item 14 of 20.
LOST_AT_15 = dict(
    in_office=5, presences=[Presence("A"), Presence("B"), Presence("C", until_item=14)],
    proxies=[ProxyGrant("D", "A")], session_date=date(2022, 10, 18), item_count=20,
    in_office_members=frozenset("ABCDE"),
)

# (date of the source, table arguments, items carried over, source)
CARRY_OVER_CASES = [
    (date(1996, 2, 24), LOST_AT_15, tuple(range(15, 21)),
     f"{L2121_17} : quorum perdu à la question 15 sur 20"),
    (date(1996, 2, 24), {**LOST_AT_15, "presences": [Presence("A"), Presence("B"),
                                                      Presence("C")]}, (),
     f"{L2121_17} : quorum tenu toute la séance"),
    (date(1996, 2, 24), {**LOST_AT_15, "presences": [Presence("A"), Presence("B"),
                                                      Presence("C", from_item=3)]}, (1, 2),
     f"{L2121_17} : quorum atteint à partir de la question 3"),
]


@pytest.mark.parametrize(("dated", "arguments", "carried_over", "source"), CARRY_OVER_CASES)
def test_items_without_quorum_are_carried_over(dated, arguments, carried_over, source):
    table = session_table(**arguments)

    assert items_to_carry_over(table, arguments["item_count"]) == carried_over, source


def test_carried_over_items_are_deliberated_without_quorum_at_the_second_convocation():
    first = session_table(**LOST_AT_15)
    carried = items_to_carry_over(first, 20)
    # Second session: items 15 to 20 become items 1 to 6 there; only A comes.
    second = session_table(
        in_office=5, presences=[Presence("A")], proxies=[], session_date=date(2022, 10, 22),
        item_count=len(carried), carried_over_items=range(1, len(carried) + 1),
        second_convocation=True, in_office_members=frozenset("ABCDE"),
    )

    assert [(r.first_item, r.last_item, r.figures.present, r.figures.quorum_required,
             r.figures.quorum_met) for r in second] == [(1, 6, 1, None, True)]


# --- 3. Vote kinds ---------------------------------------------------------------------------

# (date of the source, kind, for, against, abstentions, ballot, in office, present or
# represented, president abstained, result, explanation, source)
VOTE_CASES = [
    (date(1996, 2, 24), ADMINISTRATIVE_ACCOUNT, 60, 60, 0, "secret", 152, 120, False, "adopted",
     "Le compte administratif est arrêté, une majorité des voix ne s'étant pas dégagée contre "
     "son adoption (article L1612-12 du CGCT), au scrutin secret : 60 voix pour, 60 contre.",
     f"{L1612_12} : partage au scrutin secret"),
    (date(1996, 2, 24), ADMINISTRATIVE_ACCOUNT, 59, 61, 2, "show_of_hands", 152, 122, False,
     "rejected",
     "Le compte administratif n'est pas arrêté, une majorité des voix s'étant dégagée contre "
     "son adoption (article L1612-12 du CGCT), à main levée : 59 voix pour, 61 contre, "
     "2 abstentions.", f"{L1612_12} : majorité contre"),
    (date(1996, 2, 24), ADMINISTRATIVE_ACCOUNT, 0, 0, 40, "show_of_hands", 152, 40, False,
     "adopted",
     "Le compte administratif est arrêté, une majorité des voix ne s'étant pas dégagée contre "
     "son adoption (article L1612-12 du CGCT), à main levée : 0 voix pour, 0 contre, "
     "40 abstentions.", f"{L1612_12} : aucune majorité contre"),
    (date(2004, 8, 13), TWO_THIRDS_IN_OFFICE, 70, 40, 0, "show_of_hands", 152, 110, False,
     "rejected",
     "Rejetée : la majorité des deux tiers des membres en exercice n'est pas atteinte (102 voix "
     "requises sur 152 membres en exercice), à main levée : 70 voix pour, 40 contre.",
     f"{L5216_5} : conseil de 152 sièges (CABBALR)"),
    (date(2004, 8, 13), TWO_THIRDS_CAST, 70, 40, 0, "show_of_hands", 152, 110, False, "rejected",
     "Rejetée : la majorité des deux tiers des suffrages exprimés n'est pas atteinte (74 voix "
     "requises sur 110 suffrages exprimés), à main levée : 70 voix pour, 40 contre.",
     f"{L5216_5} : lecture « suffrages exprimés »"),
    (date(2004, 8, 13), TWO_THIRDS_IN_OFFICE, 102, 10, 0, "show_of_hands", 152, 120, False,
     "adopted",
     "Adoptée à la majorité des deux tiers des membres en exercice (102 voix requises sur 152 "
     "membres en exercice), à main levée : 102 voix pour, 10 contre.", L5216_5),
    (date(2004, 8, 13), TWO_THIRDS_CAST, 74, 37, 3, "roll_call", 152, 120, False, "adopted",
     "Adoptée à la majorité des deux tiers des suffrages exprimés (74 voix requises sur 111 "
     "suffrages exprimés), au scrutin public : 74 voix pour, 37 contre, 3 abstentions.",
     L5216_5),
    (date(2004, 8, 13), CLOSED_SESSION, 60, 10, 50, "show_of_hands", 152, 120, False, "rejected",
     "L'assemblée ne décide pas le huis clos : majorité absolue des membres présents ou "
     "représentés requise, 61 voix sur 120 (article L5211-11 du CGCT), à main levée : 60 voix "
     "pour, 10 contre, 50 abstentions.", f"{L5211_11} : la majorité des votants ne suffit pas"),
    (date(2004, 8, 13), CLOSED_SESSION, 61, 0, 0, "show_of_hands", 152, 120, False, "adopted",
     "L'assemblée décide de se réunir à huis clos : majorité absolue des membres présents ou "
     "représentés requise, 61 voix sur 120 (article L5211-11 du CGCT), à main levée : 61 voix "
     "pour, 0 contre.", L5211_11),
    (date(1996, 2, 24), ORDINARY, 50, 50, 3, "show_of_hands", 152, 103, True, "rejected",
     "Rejetée : partage des voix (50 pour, 50 contre), le président s'étant abstenu, sa voix "
     "n'est pas prépondérante (L2121-20).", f"{L2121_20} : le président s'abstient"),
]


@pytest.mark.parametrize(
    ("dated", "kind", "votes_for", "votes_against", "abstentions", "ballot", "in_office",
     "available", "abstained", "result", "explanation", "source"),
    VOTE_CASES,
)
def test_vote_kinds(dated, kind, votes_for, votes_against, abstentions, ballot, in_office,
                    available, abstained, result, explanation, source):
    outcome = vote_result(
        votes_for=votes_for, votes_against=votes_against, abstentions=abstentions,
        ballot=ballot, kind=kind, in_office=in_office, votes_available=available,
        president_abstained=abstained,
    )

    assert (outcome.result, outcome.explanation) == (result, explanation), source


def test_administrative_account_president_is_neither_present_nor_proxy():
    """L1612-12, L2121-14: the president withdraws for the compte administratif; the proxy
    they hold and the one they gave are lost on that item only."""
    presences = [Presence("P"), Presence("A"), Presence("B")]
    proxies = [ProxyGrant("G", "P")]
    kwargs = dict(in_office=5, presences=presences, proxies=proxies,
                  session_date=date(2022, 6, 30), in_office_members=frozenset("PABGH"),
                  names={"P": "PRÉSIDENT Paul", "G": "GIVER Gilles"}, regimes=())
    ordinary = item_figures(item=3, **kwargs)
    account = item_figures(item=3, withdrawn={"P"},
                           withdrawal_reasons={"P": ADMINISTRATIVE_ACCOUNT_WITHDRAWAL}, **kwargs)

    assert (ordinary.present, ordinary.represented) == (3, 1)
    assert (account.present, account.represented) == (2, 0)
    assert [p.message for p in account.problems] == [
        "PRÉSIDENT Paul, mandataire de GIVER Gilles, s'est retiré pour la question 3 (vote du "
        "compte administratif, L1612-12 et L2121-14)"
    ]


# --- 6. Rules per body (statutes) ------------------------------------------------------------

PMA_STATUTES = BodyRules(quorum_counts_represented=True, quorum_source="Statuts, art. 9",
                         proxies_per_holder=2, proxies_source="Statuts, art. 9")

# (date of the source, present, represented, required, body rules, reached, source)
QUORUM_BY_BODY_CASES = [
    (date(1996, 2, 24), 5, 2, 6, CGCT_RULES, False, "CGCT L2121-17 : présents seulement"),
    (date(2018, 10, 18), 5, 2, 6, PMA_STATUTES, True, f"{STATUTES} : présents ou représentés"),
    (date(2018, 10, 18), 3, 2, 6, PMA_STATUTES, False, STATUTES),
]


@pytest.mark.parametrize(("dated", "present", "represented", "required", "body_rules",
                          "reached", "source"), QUORUM_BY_BODY_CASES)
def test_quorum_follows_the_bodys_statutes(dated, present, represented, required, body_rules,
                                           reached, source):
    assert quorum_reached(present=present, represented=represented, required=required,
                          body_rules=body_rules) is reached, source


def test_statutes_may_let_a_member_hold_two_proxies_outside_covid_windows():
    figures = [
        item_figures(item=1, in_office=4, presences=[Presence("A"), Presence("B")],
                     proxies=[ProxyGrant("C", "A"), ProxyGrant("D", "A")],
                     session_date=date(2023, 3, 1), body_rules=body_rules)
        for body_rules in (CGCT_RULES, PMA_STATUTES)
    ]
    assert [(f.represented, [p.kind for p in f.problems]) for f in figures] == [
        (1, ["too_many_proxies"]), (2, []),
    ]


# --- 4. Appointments (L2121-21) --------------------------------------------------------------

L2121_21 = "CGCT L2121-21 (nominations)"
BORN = {"A": date(1960, 5, 2), "B": date(1955, 1, 9), "C": date(1970, 3, 3)}
APPOINTMENT_NAMES = {"A": "ALPHA Anne", "B": "BETA Bruno", "C": "GAMMA Claire"}

# (date of the source, rounds, single candidate, elected, round, wording, source)
APPOINTMENT_CASES = [
    (date(2004, 8, 13), [{"A": 60, "B": 40}], None, "A", 1,
     "Élue au premier tour à la majorité absolue : ALPHA Anne, 60 voix sur 100 suffrages "
     "exprimés (majorité absolue : 51).", f"{L2121_21} : majorité absolue au premier tour"),
    (date(2004, 8, 13), [{"A": 50, "B": 50}], None, None, None,
     "Aucun candidat n'a obtenu la majorité absolue au premier tour (51 voix sur 100 suffrages "
     "exprimés) : il est procédé à un second tour.", f"{L2121_21} : 50 voix ne sont pas 51"),
    (date(2004, 8, 13), [{"A": 40, "B": 35, "C": 25}, {"A": 45, "B": 40, "C": 15}], None,
     None, None,
     "Aucun candidat n'a obtenu la majorité absolue au second tour (51 voix sur 100 suffrages "
     "exprimés) : il est procédé à un troisième tour.", L2121_21),
    (date(2004, 8, 13), [{"A": 40, "B": 35, "C": 25}, {"A": 45, "B": 40, "C": 15},
                         {"A": 47, "B": 43, "C": 10}], None, "A", 3,
     "Élue au troisième tour à la majorité relative : ALPHA Anne, 47 voix sur 100 suffrages "
     "exprimés.", f"{L2121_21} : majorité relative au troisième tour"),
    (date(2004, 8, 13), [{"A": 40, "B": 40, "C": 20}, {"A": 45, "B": 45, "C": 10},
                         {"A": 48, "B": 48, "C": 4}], None, "B", 3,
     "Élu au troisième tour à la majorité relative, au bénéfice de l'âge : BETA Bruno, 48 voix "
     "sur 100 suffrages exprimés, à égalité avec ALPHA Anne (article L2121-21 du CGCT).",
     f"{L2121_21} : égalité au troisième tour, le plus âgé (né en 1955) est élu"),
    (date(2004, 8, 13), [], "C", "C", 0,
     "GAMMA Claire, seule candidate, est élue : une seule candidature ayant été déposée, la "
     "nomination prend effet immédiatement (article L2121-21 du CGCT).",
     f"{L2121_21} : candidature unique"),
]


@pytest.mark.parametrize(("dated", "rounds", "single", "elected", "round_number", "wording",
                          "source"), APPOINTMENT_CASES)
def test_appointments(dated, rounds, single, elected, round_number, wording, source):
    outcome = rules.appointment_result(
        rounds=rounds, born_on=BORN, single_candidate=single, names=APPOINTMENT_NAMES,
        feminine={"A", "C"},
    )

    assert (outcome.elected, outcome.round, outcome.wording) == (
        elected, round_number, wording), source


@pytest.mark.parametrize(("rounds", "message"), [
    ([{"A": 60, "B": 40}, {"A": 50, "B": 50}],
     "ALPHA Anne était élu au premier tour : aucun tour suivant ne peut être saisi."),
    ([{"A": 1}, {"A": 1}, {"A": 1}, {"A": 1}], "L'élection se fait en trois tours au plus "
     "(L2121-21)."),
    ([{"A": 40, "C": 40, "B": 20}] * 3,
     "Égalité de voix au troisième tour : indiquez la date de naissance de ALPHA Anne, "
     "GAMMA Claire (l'élection est acquise au plus âgé, L2121-21)."),
])
def test_appointments_refused(rounds, message):
    with pytest.raises(ValueError) as error:
        rules.appointment_result(rounds=rounds, born_on={"B": BORN["B"]},
                                 names=APPOINTMENT_NAMES)
    assert str(error.value) == message


def test_unanimous_choice_not_to_vote_by_secret_ballot():
    outcome = rules.appointment_result(rounds=[{"A": 60, "B": 40}], names=APPOINTMENT_NAMES,
                                       secret_ballot_waived=True)
    assert outcome.wording.endswith(
        "L'assemblée a décidé à l'unanimité de ne pas procéder au scrutin secret (article "
        "L2121-21 du CGCT).")


# (date of the source, waived, executive election, problems, source)
APPOINTMENT_BALLOT_CASES = [
    (date(2004, 8, 13), True, False, [], f"{L2121_21}, 4e alinéa"),
    (date(2004, 8, 13), True, True,
     ["L'élection du président et des vice-présidents a lieu au scrutin secret : l'assemblée "
      "ne peut y renoncer (L2122-7, via L5211-2)."], "CGCT L2122-7 via L5211-2"),
    (date(2004, 8, 13), False, True, [], "CGCT L2122-7"),
]


@pytest.mark.parametrize(("dated", "waived", "executive", "problems", "source"),
                         APPOINTMENT_BALLOT_CASES)
def test_appointment_ballot(dated, waived, executive, problems, source):
    assert rules.appointment_ballot_problems(
        secret_ballot_waived=waived, executive_election=executive) == problems, source


# --- 5. Individual decisions (L2131-1) --------------------------------------------------------

L2131_1 = "CGCT L2131-1 (ord. 2021-1310, 1er juillet 2022)"

# (date of the source, notified on, received on, subject to transmission, executory, source)
INDIVIDUAL_CASES = [
    (date(2022, 7, 1), [date(2022, 11, 3)], date(2022, 10, 20), True, date(2022, 11, 3),
     f"{L2131_1} : exécutoire à la notification"),
    (date(2022, 7, 1), [date(2022, 11, 3)], date(2022, 11, 10), True, date(2022, 11, 10),
     f"{L2131_1} : et à la réception en préfecture"),
    (date(2022, 7, 1), [None], date(2022, 10, 20), True, None,
     f"{L2131_1} : la publication ne suffit pas"),
    (date(2022, 7, 1), [date(2022, 11, 3)], None, False, date(2022, 11, 3),
     f"{L2131_1} : non transmissible"),
    (date(2022, 7, 1), [date(2022, 11, 3), date(2022, 11, 7)], date(2022, 10, 20), True,
     date(2022, 11, 7), f"{L2131_1} : exécutoire pour tous à la dernière notification"),
]


@pytest.mark.parametrize(("dated", "notified", "received", "subject", "executory", "source"),
                         INDIVIDUAL_CASES)
def test_individual_decision_executory_on_notification(dated, notified, received, subject,
                                                       executory, source):
    assert rules.individual_executory_on(
        notified_on=notified, received_on=received, subject_to_transmission=subject,
    ) == executory, source


def test_individual_decision_appeal_runs_from_notification():
    # Notified Thursday 3 Nov 2022: délai franc from 4 Nov, last day Wednesday 4 Jan 2023.
    assert rules.appeal_deadline(date(2022, 11, 3), holidays=frozenset()) == date(2023, 1, 4)


# --- 7. Ballot requests and roll-call votes (L2121-21) ----------------------------------------

# (date of the source, present, roll-call requests, secret requests, ballot, source)
BALLOT_REQUEST_CASES = [
    (date(2004, 8, 13), 62, 16, 0, "roll_call", f"{L2121_21} : 16 ≥ 62/4 (seed 000 : 62 présents)"),
    (date(2004, 8, 13), 62, 15, 0, "show_of_hands", f"{L2121_21} : 15 < 62/4"),
    (date(2004, 8, 13), 62, 0, 21, "secret", f"{L2121_21} : 21 ≥ 62/3"),
    (date(2004, 8, 13), 62, 16, 20, "roll_call", f"{L2121_21} : 20 < 62/3, le public seul"),
    (date(2004, 8, 13), 62, 30, 21, "secret", f"{L2121_21} : le secret l'emporte"),
    (date(2004, 8, 13), 104, 26, 35, "secret", f"{L2121_21} : seed 003, 104 présents"),
]


@pytest.mark.parametrize(("dated", "present", "roll_call", "secret", "ballot", "source"),
                         BALLOT_REQUEST_CASES)
def test_ballot_requests(dated, present, roll_call, secret, ballot, source):
    assert rules.required_ballot(present=present, roll_call_requests=roll_call,
                                 secret_requests=secret) == ballot, source


# (date of the source, choices, ballot, for, against, abstentions, problems, source)
MEMBER_VOTE_CASES = [
    (date(2021, 10, 7), ["for", "for", "against", "abstention", "not_voting"], "roll_call", 2, 1,
     1, [], f"{L2121_21} : scrutin public nominatif"),
    (date(2021, 10, 7), ["for", "against"], "roll_call", 2, 1, 0,
     ["Votes nominatifs « pour » : 1 enregistrés, 2 au décompte de la délibération."],
     f"{L2121_21} : le décompte et les noms concordent"),
    (date(2021, 10, 7), ["for"], "secret", 1, 0, 0,
     ["Au scrutin secret, le sens du vote de chaque membre n'est pas enregistré (L2121-21)."],
     f"{L2121_21} : secret du vote"),
]


@pytest.mark.parametrize(("dated", "choices", "ballot", "votes_for", "votes_against",
                          "abstentions", "problems", "source"), MEMBER_VOTE_CASES)
def test_member_votes(dated, choices, ballot, votes_for, votes_against, abstentions, problems,
                      source):
    assert rules.member_vote_problems(
        choices=choices, ballot=ballot, votes_for=votes_for, votes_against=votes_against,
        abstentions=abstentions,
    ) == problems, source


# --- 8. Urgency (L2121-12) --------------------------------------------------------------------

L2121_12 = "CGCT L2121-12, 3e alinéa (urgence)"
NOT_RULED = ("Convocation en urgence : l'assemblée ne s'est pas prononcée sur l'urgence à "
             "l'ouverture de la séance (L2121-12) ; sans ce vote, le délai d'un jour franc "
             "n'est pas justifié.")

# (date of the source, convened on, session on, urgent, ruling, problems, source)
URGENCY_CASES = [
    (date(1996, 2, 24), date(2022, 10, 16), date(2022, 10, 18), True, "", [NOT_RULED],
     f"{L2121_12} : un jour franc, urgence non votée"),
    (date(1996, 2, 24), date(2022, 10, 16), date(2022, 10, 18), True, "upheld", [],
     f"{L2121_12} : urgence reconnue à l'ouverture"),
    (date(1996, 2, 24), date(2022, 10, 17), date(2022, 10, 18), True, "upheld",
     ["Même en urgence, la convocation part 1 jour franc au moins avant la séance "
      "(L2121-12)."], f"{L2121_12} : la veille, aucun jour franc"),
    (date(1996, 2, 24), date(2022, 10, 12), date(2022, 10, 18), True, "", [],
     f"{L2121_12} : cinq jours francs tenus, l'urgence est sans objet"),
    (date(1996, 2, 24), date(2022, 10, 16), date(2022, 10, 18), True, "referred",
     ["L'assemblée a renvoyé la discussion à une séance ultérieure (L2121-12) : les questions "
      "renvoyées ne sont pas délibérées à cette séance."], f"{L2121_12} : renvoi"),
]


@pytest.mark.parametrize(("dated", "convened_on", "session_on", "urgent", "ruling", "problems",
                          "source"), URGENCY_CASES)
def test_urgency_needs_the_assemblys_ruling(dated, convened_on, session_on, urgent, ruling,
                                            problems, source):
    assert rules.urgency_problems(convened_on=convened_on, session_on=session_on,
                                  urgent=urgent, ruling=ruling) == problems, source


# --- 8. Videoconference (L5211-11-1) ------------------------------------------------------

L5211_11_1 = "CGCT L5211-11-1 (téléconférence)"
PUBLIC_ONLY = "En téléconférence, le vote a lieu au scrutin public (L5211-11-1)."

# (date of the source, arguments, problems, source)
VIDEOCONFERENCE_CASES = [
    (date(2019, 12, 27), {"bureau": False, "ballot": "roll_call"}, [], L5211_11_1),
    (date(2019, 12, 27), {"bureau": True, "ballot": "show_of_hands"},
     ["Le Bureau ne peut se réunir par téléconférence : L5211-11-1 ne vise que l'organe "
      "délibérant."], f"{L5211_11_1} : organe délibérant seulement"),
    (date(2019, 12, 27), {"bureau": False, "ballot": "secret"}, [PUBLIC_ONLY],
     f"{L5211_11_1} : scrutin public"),
    (date(2019, 12, 27), {"bureau": False, "ballot": "show_of_hands", "secret_requests": 21,
                          "present": 62},
     ["Le scrutin secret est demandé par le tiers des présents : en téléconférence, le "
      "président reporte la question à une séance ultérieure (L5211-11-1)."],
     f"{L5211_11_1} : report de la question"),
    (date(2019, 12, 27), {"bureau": False, "ballot": "show_of_hands", "initial_budget": True,
                          "executive_election": True},
     ["Une réunion par téléconférence ne peut porter sur l'élection du président et du "
      "bureau, l'adoption du budget primitif (L5211-11-1)."], f"{L5211_11_1} : exclusions"),
]


@pytest.mark.parametrize(("dated", "arguments", "problems", "source"), VIDEOCONFERENCE_CASES)
def test_videoconference(dated, arguments, problems, source):
    assert rules.videoconference_problems(**arguments) == problems, source


CASE_TABLES = {
    "videoconference_problems": (("L5211-11-1",), VIDEOCONFERENCE_CASES),
    "urgency_problems": (("L2121-12",), URGENCY_CASES),
    "appointment_result": (("L2121-21",), APPOINTMENT_CASES),
    "appointment_ballot_problems": (("L2121-21", "L2122-7"), APPOINTMENT_BALLOT_CASES),
    "individual_executory_on": (("L2131-1", "R421-1"), INDIVIDUAL_CASES),
    "required_ballot": (("L2121-21",), BALLOT_REQUEST_CASES),
    "member_vote_problems": (("L2121-21",), MEMBER_VOTE_CASES),
    "designated_substitutes": (("L5211-6",), SUBSTITUTE_CASES),
    "second_convocation_problems": (("L2121-17", "142691"), SECOND_CONVOCATION_CASES),
    "items_to_carry_over": (("L2121-17",), CARRY_OVER_CASES),
    "vote_result": (("L2121-20", "L1612-12", "L5211-11", "L5216-5"), VOTE_CASES),
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
