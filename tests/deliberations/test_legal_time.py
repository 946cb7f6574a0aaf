"""Legal time, right to the day: the délai franc of the appeal and of the prefect's
review, working days on the calendar of the organisation's department, clear days, the
Covid-19 exceptional regimes, written proxies across sessions, and the rule-change log.

Every case names its source. The dated case tables are collected in ``CASE_TABLES`` so that
the rule-change log test fails when a rule loses its cited source or its table.
"""

from datetime import date

import pytest

from deliberations import rules
from deliberations.rules import (
    EXCEPTIONAL_REGIMES,
    Presence,
    ProxyGrant,
    add_months,
    appeal_deadline,
    clear_days_between,
    convocation_is_timely,
    executory_on,
    item_figures,
    last_day_of_clear_months,
    latest_convocation_date,
    max_proxies_per_holder,
    next_working_day,
    prefect_review_deadline,
    quorum_reached,
    quorum_required,
    regime_on,
    written_proxy_problem,
)
from portal.kernel.calendars import public_holidays
from tests.deliberations.documents import test_document_rules as document_rules

PAS_DE_CALAIS = public_holidays("62")
MOSELLE = public_holidays("57")

CE_2006 = "CE 29 déc. 2006 n° 289818 (délai franc)"
CE_2014 = "CE 19 sept. 2014 n° 362568 (délai franc)"
DOMAIN_EXAMPLE = "DOMAIN.md (exemple cité)"
CPC_642 = "art. 642 CPC (report au jour ouvré)"
L3133_1 = "C. trav. L3133-1 (jours fériés)"
ALSACE_MOSELLE = "C. trav. L3134-13 (droit local d'Alsace-Moselle)"

# --- 1. Appeal deadline (R421-1 CJA, délai franc) ---------------------------------------------

# (published on, department, last day to file, source)
APPEAL_CASES = [
    (date(2022, 12, 14), "62", date(2023, 2, 15), f"seed 003 ; {DOMAIN_EXAMPLE} ; {CE_2006}"),
    (date(2022, 10, 20), "62", date(2022, 12, 21), f"seed 000 ; {DOMAIN_EXAMPLE} ; {CE_2014}"),
    (date(2022, 12, 30), "62", date(2023, 2, 28), f"{DOMAIN_EXAMPLE} (30 déc. → 28 fév.)"),
    (date(2022, 12, 31), "62", date(2023, 3, 1), f"{DOMAIN_EXAMPLE} (31 déc. → 1er mars)"),
    (date(2023, 12, 30), "62", date(2024, 2, 29), f"{DOMAIN_EXAMPLE} (année bissextile)"),
    (date(2023, 12, 31), "62", date(2024, 3, 1), f"{DOMAIN_EXAMPLE} (année bissextile)"),
    (date(2023, 12, 29), "62", date(2024, 2, 29), f"{CE_2006} ; 30 février inexistant"),
    (date(2024, 12, 30), "62", date(2025, 2, 28), f"{CE_2006} ; 31 février inexistant"),
    (date(2022, 12, 28), "62", date(2023, 2, 28), f"{CE_2006} ; 29 février 2023 inexistant"),
    (date(2022, 11, 30), "62", date(2023, 2, 1), f"{CE_2006} ; fin de mois"),
    (date(2023, 6, 30), "62", date(2023, 9, 1), f"{CE_2006} ; fin de mois"),
    (date(2022, 7, 1), "62", date(2022, 9, 2), CE_2014),
    (date(2023, 1, 3), "62", date(2023, 3, 6), f"{CE_2006} ; {CPC_642} (samedi)"),
    (date(2023, 1, 4), "62", date(2023, 3, 6), f"{CE_2006} ; {CPC_642} (dimanche)"),
    (date(2023, 2, 28), "62", date(2023, 5, 2), f"{CPC_642} ; {L3133_1} (1er mai)"),
    (date(2023, 3, 7), "62", date(2023, 5, 9), f"{CPC_642} ; {L3133_1} (8 mai)"),
    (date(2023, 2, 8), "62", date(2023, 4, 11), f"{CPC_642} ; {L3133_1} (Pâques, lundi)"),
    (date(2023, 3, 17), "62", date(2023, 5, 19), f"{CPC_642} ; {L3133_1} (Ascension)"),
    (date(2023, 3, 28), "62", date(2023, 5, 30), f"{CPC_642} ; {L3133_1} (Pentecôte)"),
    (date(2023, 5, 13), "62", date(2023, 7, 17), f"{CPC_642} ; {L3133_1} (14 juillet, vendredi)"),
    (date(2023, 6, 14), "62", date(2023, 8, 16), f"{CPC_642} ; {L3133_1} (15 août)"),
    (date(2023, 8, 31), "62", date(2023, 11, 2), f"{CPC_642} ; {L3133_1} (1er novembre)"),
    (date(2023, 9, 10), "62", date(2023, 11, 13), f"{CPC_642} ; {L3133_1} (11 nov., samedi)"),
    (date(2023, 10, 31), "62", date(2024, 1, 2), f"{CPC_642} ; {L3133_1} (1er janvier)"),
    (date(2024, 2, 29), "62", date(2024, 5, 2), f"{CE_2006} ; {CPC_642} (29 fév. → 1er mai)"),
    # Alsace-Moselle: Good Friday and 26 December are public holidays there only.
    (date(2022, 10, 24), "62", date(2022, 12, 26), f"{CPC_642} ; {L3133_1} (25 déc., dim.)"),
    (date(2022, 10, 24), "57", date(2022, 12, 27), f"{CPC_642} ; {ALSACE_MOSELLE} (26 déc.)"),
    (date(2023, 2, 6), "62", date(2023, 4, 7), f"{CE_2006} ; Vendredi saint ouvré hors AM"),
    (date(2023, 2, 6), "57", date(2023, 4, 11), f"{ALSACE_MOSELLE} (Vendredi saint)"),
    (date(2023, 2, 6), "67", date(2023, 4, 11), f"{ALSACE_MOSELLE} (Bas-Rhin)"),
    (date(2023, 2, 6), "68", date(2023, 4, 11), f"{ALSACE_MOSELLE} (Haut-Rhin)"),
]


@pytest.mark.parametrize(("published_on", "department", "expected", "source"), APPEAL_CASES)
def test_appeal_deadline(published_on, department, expected, source):
    deadline = appeal_deadline(published_on, holidays=public_holidays(department))

    assert deadline == expected, source
    assert deadline.weekday() < 5


def test_appeal_table_covers_at_least_twenty_dated_cases_with_their_source():
    assert len(APPEAL_CASES) >= 20
    assert all(source.strip() for *_, source in APPEAL_CASES)


def test_seed_acts_are_one_day_later_than_the_old_quantieme_reading():
    # The old reading (same calendar day) gave 20 Dec 2022 and 14 Feb 2023: one day short.
    for published_on, old in ((date(2022, 10, 20), date(2022, 12, 20)),
                              (date(2022, 12, 14), date(2023, 2, 14))):
        assert appeal_deadline(published_on, holidays=PAS_DE_CALAIS) == old.replace(
            day=old.day + 1
        )


# (received on, department, last day of the déféré, source)
PREFECT_CASES = [
    (date(2022, 10, 20), "62", date(2022, 12, 21), "L2131-6 CGCT ; seed 000 (reçue le 20/10)"),
    (date(2022, 12, 14), "62", date(2023, 2, 15), "L2131-6 CGCT ; seed 003 (reçue le 14/12)"),
    (date(2023, 2, 6), "57", date(2023, 4, 11), f"L2131-6 CGCT ; {ALSACE_MOSELLE}"),
]


@pytest.mark.parametrize(("received_on", "department", "expected", "source"), PREFECT_CASES)
def test_prefect_review_deadline(received_on, department, expected, source):
    assert prefect_review_deadline(
        received_on, holidays=public_holidays(department)
    ) == expected, source


# (start, months, last day, source)
CLEAR_MONTHS_CASES = [
    (date(2022, 12, 14), 2, date(2023, 2, 15), CE_2006),
    (date(2022, 12, 31), 1, date(2023, 2, 1), CE_2006),
    (date(2023, 1, 30), 1, date(2023, 2, 28), f"{CE_2006} ; 31 février inexistant"),
]


@pytest.mark.parametrize(("start", "months", "expected", "source"), CLEAR_MONTHS_CASES)
def test_last_day_of_clear_months(start, months, expected, source):
    assert last_day_of_clear_months(start, months, PAS_DE_CALAIS) == expected, source


# (start, months, result, source)
ADD_MONTHS_CASES = [
    (date(2022, 10, 21), 2, date(2022, 12, 21), "art. 641 CPC (de quantième à quantième)"),
    (date(2022, 12, 31), 2, date(2023, 2, 28), "art. 641 CPC ; fin de mois"),
    (date(2023, 12, 31), 2, date(2024, 2, 29), "art. 641 CPC ; année bissextile"),
    (date(2022, 11, 30), 3, date(2023, 2, 28), "art. 641 CPC ; fin de mois"),
    (date(2022, 11, 15), 14, date(2024, 1, 15), "art. 641 CPC ; changement d'année"),
    (date(2022, 3, 31), -1, date(2022, 2, 28), "art. 641 CPC ; en arrière"),
]


@pytest.mark.parametrize(("start", "months", "expected", "source"), ADD_MONTHS_CASES)
def test_add_months(start, months, expected, source):
    assert add_months(start, months) == expected, source


# --- 2. Public holidays by department ---------------------------------------------------------

# (day, department, next working day, source)
WORKING_DAY_CASES = [
    (date(2022, 12, 20), "62", date(2022, 12, 20), "mardi ouvré"),
    (date(2023, 3, 4), "62", date(2023, 3, 6), f"{CPC_642} (samedi)"),
    (date(2023, 7, 14), "62", date(2023, 7, 17), f"{L3133_1} puis fin de semaine"),
    (date(2022, 12, 31), "62", date(2023, 1, 2), f"{L3133_1} ; changement d'année"),
    (date(2022, 12, 26), "62", date(2022, 12, 26), f"{L3133_1} : le 26 déc. est ouvré"),
    (date(2022, 12, 26), "57", date(2022, 12, 27), ALSACE_MOSELLE),
    (date(2023, 4, 7), "62", date(2023, 4, 7), f"{L3133_1} : le Vendredi saint est ouvré"),
    (date(2023, 4, 7), "57", date(2023, 4, 11), ALSACE_MOSELLE),
]


@pytest.mark.parametrize(("day", "department", "expected", "source"), WORKING_DAY_CASES)
def test_next_working_day(day, department, expected, source):
    assert next_working_day(day, public_holidays(department)) == expected, source


@pytest.mark.parametrize(("department", "extra"), [("57", 2), ("67", 2), ("68", 2),
                                                   ("62", 0), ("", 0), ("75", 0)])
def test_moselle_and_alsace_get_good_friday_and_26_december_elsewhere_not(department, extra):
    calendar = public_holidays(department)
    national = public_holidays("")

    assert (date(2023, 4, 7) in calendar) is bool(extra)  # Vendredi saint 2023
    assert (date(2023, 12, 26) in calendar) is bool(extra)
    assert len(calendar.of_year(2023)) == len(national.of_year(2023)) + extra == 11 + extra


def test_national_list_of_2023_has_the_eleven_days_of_l3133_1():
    assert PAS_DE_CALAIS.of_year(2023) == frozenset({
        date(2023, 1, 1), date(2023, 4, 10), date(2023, 5, 1), date(2023, 5, 8),
        date(2023, 5, 18), date(2023, 5, 29), date(2023, 7, 14), date(2023, 8, 15),
        date(2023, 11, 1), date(2023, 11, 11), date(2023, 12, 25),
    })


# --- 3. Clear days ----------------------------------------------------------------------------

# (earlier, later, clear days between, source)
CLEAR_DAYS_CASES = [
    (date(2022, 10, 12), date(2022, 10, 18), 5, "L2121-12 ; seed 000 (convoqué le 12/10)"),
    (date(2022, 11, 30), date(2022, 12, 6), 5, "L2121-12 ; seed 003, fin de mois"),
    (date(2022, 12, 30), date(2023, 1, 5), 5, "L2121-12 ; changement d'année"),
    (date(2023, 2, 23), date(2023, 3, 1), 5, "L2121-12 ; février de 28 jours"),
    (date(2024, 2, 24), date(2024, 3, 1), 5, "L2121-12 ; année bissextile"),
    (date(2022, 10, 17), date(2022, 10, 18), 0, "jours francs : veille, aucun jour franc"),
    (date(2022, 10, 18), date(2022, 10, 18), 0, "jours francs : même jour"),
    (date(2022, 10, 19), date(2022, 10, 18), 0, "jours francs : ordre inverse"),
]


@pytest.mark.parametrize(("earlier", "later", "expected", "source"), CLEAR_DAYS_CASES)
def test_clear_days_between(earlier, later, expected, source):
    assert clear_days_between(earlier, later) == expected, source


# (session on, urgent, latest convocation day, source)
LATEST_CONVOCATION_CASES = [
    (date(2022, 10, 18), False, date(2022, 10, 12), "L2121-12 ; seed 000"),
    (date(2022, 12, 6), False, date(2022, 11, 30), "L2121-12 ; seed 003, fin de mois"),
    (date(2023, 1, 5), False, date(2022, 12, 30), "L2121-12 ; changement d'année"),
    (date(2023, 3, 1), False, date(2023, 2, 23), "L2121-12 ; février de 28 jours"),
    (date(2024, 3, 1), False, date(2024, 2, 24), "L2121-12 ; année bissextile"),
    (date(2023, 1, 1), True, date(2022, 12, 30), "L2121-12 ; urgence, un jour franc"),
]


@pytest.mark.parametrize(("session_on", "urgent", "expected", "source"),
                         LATEST_CONVOCATION_CASES)
def test_latest_convocation_date_leaves_the_clear_days(session_on, urgent, expected, source):
    latest = latest_convocation_date(session_on, urgent=urgent)

    assert latest == expected, source
    assert clear_days_between(latest, session_on) == (1 if urgent else 5)


# (convened on, session on, urgent, timely, source)
CONVOCATION_CASES = [
    (date(2022, 12, 30), date(2023, 1, 5), False, True, "L2121-12 ; changement d'année"),
    (date(2022, 12, 31), date(2023, 1, 5), False, False, "L2121-12 ; 4 jours francs"),
    (date(2024, 2, 24), date(2024, 3, 1), False, True, "L2121-12 ; année bissextile"),
    (date(2024, 2, 25), date(2024, 3, 1), False, False, "L2121-12 ; année bissextile"),
    (date(2022, 12, 30), date(2023, 1, 1), True, True, "L2121-12 ; urgence"),
    (date(2022, 12, 31), date(2023, 1, 1), True, False, "L2121-12 ; urgence, la veille"),
]


@pytest.mark.parametrize(("convened_on", "session_on", "urgent", "expected", "source"),
                         CONVOCATION_CASES)
def test_convocation_is_timely_across_month_and_year_ends(convened_on, session_on, urgent,
                                                          expected, source):
    assert convocation_is_timely(
        convened_on=convened_on, session_on=session_on, urgent=urgent
    ) is expected, source


# (published on, received on, subject to transmission, executory on, source)
EXECUTORY_CASES = [
    (date(2022, 10, 20), date(2022, 10, 20), True, date(2022, 10, 20), "L2131-1 ; seed 000"),
    (date(2022, 12, 14), date(2022, 12, 13), True, date(2022, 12, 14), "L2131-1 ; le plus tard"),
    (date(2022, 12, 14), None, True, None, "L2131-1 ; non reçue en préfecture"),
    (date(2022, 12, 14), None, False, date(2022, 12, 14), "L2131-1 ; non transmissible"),
]


@pytest.mark.parametrize(("published_on", "received_on", "transmitted", "expected", "source"),
                         EXECUTORY_CASES)
def test_executory_on(published_on, received_on, transmitted, expected, source):
    assert executory_on(published_on=published_on, received_on=received_on,
                        subject_to_transmission=transmitted) == expected, source


# --- 4. Exceptional regimes (Covid-19) -------------------------------------------------------

# (session date, source fragment of the regime in force or None, source)
REGIME_CASES = [
    (date(2020, 3, 23), None, "avant la loi 2020-290"),
    (date(2020, 3, 24), "2020-290", "loi 2020-290 art. 10"),
    (date(2020, 4, 3), "2020-391", "ordonnance 2020-391 art. 2"),
    (date(2020, 7, 10), "2020-391", "fin du premier état d'urgence (loi 2020-856)"),
    (date(2020, 7, 11), "2020-760", "loi 2020-290 art. 10 réécrit par la loi 2020-760"),
    (date(2020, 8, 30), "2020-760", "« jusqu'au 30 août 2020 »"),
    (date(2020, 8, 31), None, "règles ordinaires"),
    (date(2020, 11, 14), None, "avant la loi 2020-1379"),
    (date(2020, 12, 15), "2020-1379", "loi 2020-1379 art. 6 IV"),
    (date(2021, 6, 1), "2020-1379", "état d'urgence prorogé au 1er juin 2021 (loi 2021-160)"),
    (date(2021, 9, 30), "2021-689", "loi 2021-689 : jusqu'au 30 septembre 2021"),
    (date(2021, 10, 15), None, "entre la loi 2021-689 et la loi 2021-1465"),
    (date(2021, 11, 9), None, "veille de la loi 2021-1465"),
    (date(2021, 11, 10), None, "loi 2021-1465 promulguée, pas encore publiée"),
    (date(2021, 11, 11), "2021-1465", "loi 2021-1465 art. 10 (JO du 11 nov. 2021)"),
    (date(2022, 7, 31), "2021-1465", "loi 2021-1465 : jusqu'au 31 juillet 2022"),
    (date(2022, 8, 1), None, "fin des régimes dérogatoires"),
    (date(2022, 12, 15), None, "règles ordinaires"),
]


@pytest.mark.parametrize(("session_date", "fragment", "source"), REGIME_CASES)
def test_regime_on(session_date, fragment, source):
    regime = regime_on(session_date)
    if fragment is None:
        assert regime is None, source
        assert max_proxies_per_holder(session_date) == 1
    else:
        assert fragment in regime.source, source
        assert regime.quorum_fraction == rules.Fraction(1, 3)
        assert max_proxies_per_holder(session_date) == regime.proxies_per_holder == 2


def test_every_regime_cites_its_text_and_dates_do_not_overlap():
    for earlier, later in zip(EXCEPTIONAL_REGIMES, EXCEPTIONAL_REGIMES[1:], strict=False):
        assert earlier.start <= earlier.end < later.start
    assert all("loi" in r.source or "ordonnance" in r.source for r in EXCEPTIONAL_REGIMES)
    assert EXCEPTIONAL_REGIMES[-1].end == date(2022, 7, 31)


# (in office, session date, quorum required, source)
QUORUM_CASES = [
    (100, date(2020, 12, 15), 34, "loi 2020-1379 art. 6 IV : le tiers"),
    (100, date(2022, 12, 15), 51, "L2121-17 : plus de la moitié"),
    (152, date(2022, 12, 6), 77, "L2121-17 ; seed 003"),
    (103, date(2022, 10, 18), 52, "L2121-17 ; seed 000"),
    (152, date(2021, 3, 1), 51, "loi 2020-1379 art. 6 IV : ceil(152/3)"),
    (103, date(2022, 5, 10), 35, "loi 2021-1465 : ceil(103/3)"),
]


@pytest.mark.parametrize(("in_office", "session_date", "expected", "source"), QUORUM_CASES)
def test_quorum_required_follows_the_regime_of_the_session_date(in_office, session_date,
                                                                 expected, source):
    assert quorum_required(in_office, regime=regime_on(session_date)) == expected, source


# (present, represented, session date, reached, source)
QUORUM_REACHED_CASES = [
    (35, 0, date(2020, 12, 15), True, "loi 2020-1379 art. 6 IV"),
    (35, 0, date(2022, 12, 15), False, "L2121-17"),
    (30, 5, date(2020, 5, 15), True, "ordonnance 2020-391 art. 2 : présents ou représentés"),
    (30, 5, date(2020, 12, 15), False, "loi 2020-1379 art. 6 IV : présents seulement"),
]


@pytest.mark.parametrize(("present", "represented", "session_date", "expected", "source"),
                         QUORUM_REACHED_CASES)
def test_quorum_reached(present, represented, session_date, expected, source):
    regime = regime_on(session_date)
    required = quorum_required(100, regime=regime)
    assert quorum_reached(present=present, represented=represented, required=required,
                          regime=regime) is expected, source


def _session_of_100(session_date, present, proxies=0):
    members = [f"M{n:03d}" for n in range(100)]
    grants = [ProxyGrant(members[present + n], members[n // 2]) for n in range(proxies)]
    return item_figures(
        item=1, in_office=100, presences=[Presence(m) for m in members[:present]],
        proxies=grants, session_date=session_date, in_office_members=members,
    )


def test_acceptance_35_of_100_present_on_15_december_2020_passes_the_quorum():
    # Loi 2020-1379 du 14 novembre 2020, art. 6 IV: one third of the members in office.
    figures = _session_of_100(date(2020, 12, 15), 35)

    assert (figures.quorum_required, figures.present, figures.quorum_met) == (34, 35, True)
    assert "2020-1379" in figures.regime.source


def test_acceptance_35_of_100_present_on_15_december_2022_fails_the_quorum():
    # L2121-17: more than half; the last Covid window ended on 31 July 2022 (loi 2021-1465).
    figures = _session_of_100(date(2022, 12, 15), 35)

    assert (figures.quorum_required, figures.present, figures.quorum_met) == (51, 35, False)
    assert figures.regime is None


def test_ordonnance_2020_391_counts_members_represented_towards_the_third():
    spring = _session_of_100(date(2020, 5, 15), 30, proxies=5)
    autumn = _session_of_100(date(2020, 12, 15), 30, proxies=5)

    assert (spring.represented, spring.quorum_required, spring.quorum_met) == (5, 34, True)
    assert (autumn.represented, autumn.quorum_required, autumn.quorum_met) == (5, 34, False)


def test_two_proxies_per_holder_only_under_a_regime():
    covid = _session_of_100(date(2021, 3, 1), 40, proxies=4)  # M000, M001 hold two each
    ordinary = _session_of_100(date(2021, 10, 15), 40, proxies=4)

    assert (covid.represented, covid.problems) == (4, ())
    assert ordinary.represented == 2
    assert [p.kind for p in ordinary.problems] == ["too_many_proxies", "too_many_proxies"]


# --- 5. Written proxy across sessions (L2121-20) ----------------------------------------------

SESSIONS = ["s1", "s2", "s3", "s4", "s5"]

# (already used in, this session, illness, refused, source)
WRITTEN_PROXY_CASES = [
    (["s1", "s2"], "s3", False, False, "L2121-20 : trois séances consécutives"),
    (["s1", "s2", "s3"], "s4", False, True, "L2121-20 : pas une quatrième"),
    (["s1", "s2", "s3"], "s4", True, False, "L2121-20 : sauf maladie dûment constatée"),
    (["s1"], "s4", False, True, "L2121-20 : validité comptée depuis la première séance"),
    (["s2", "s3"], "s4", False, False, "L2121-20 : s2 à s4, trois séances"),
    ([], "s5", False, False, "L2121-20 : première séance"),
]


@pytest.mark.parametrize(("used_in", "session", "illness", "refused", "source"),
                         WRITTEN_PROXY_CASES)
def test_written_proxy_problem(used_in, session, illness, refused, source):
    message = written_proxy_problem(body_sessions=SESSIONS, used_in=used_in, session=session,
                                    illness=illness, giver_name="OGIEZ Gérard")
    assert (message is not None) is refused, source
    if refused:
        assert "OGIEZ Gérard" in message and "L2121-20" in message
        assert "maladie dûment constatée" in message


# --- 6. Rule-change log -----------------------------------------------------------------------

# Rule -> (what its cited source must name, its dated case table).
CASE_TABLES = {
    "appeal_deadline": (("R421-1", "289818", "362568"), APPEAL_CASES),
    "prefect_review_deadline": (("L2131-6",), PREFECT_CASES),
    "last_day_of_clear_months": (("289818", "362568", "642"), CLEAR_MONTHS_CASES),
    "add_months": (("641",), ADD_MONTHS_CASES),
    "next_working_day": (("642", "L3133-1", "Alsace-Moselle"), WORKING_DAY_CASES),
    "clear_days_between": (("L2121-12", "francs"), CLEAR_DAYS_CASES),
    "latest_convocation_date": (("L2121-12",), LATEST_CONVOCATION_CASES),
    "convocation_is_timely": (("L2121-12",), CONVOCATION_CASES),
    "executory_on": (("L2131-1",), EXECUTORY_CASES),
    "regime_on": (("2020-290", "2020-391", "2020-1379", "2021-689", "2021-1465"),
                  REGIME_CASES),
    "quorum_required": (("L2121-17",), QUORUM_CASES),
    "quorum_reached": (("L2121-17",), QUORUM_REACHED_CASES),
    "max_proxies_per_holder": (("L2121-20",), REGIME_CASES),
    "written_proxy_problem": (("L2121-20", "maladie"), WRITTEN_PROXY_CASES),
    # Session documents: tables in tests/deliberations/documents/.
    "deliberation_list_deadline": (("L2121-25",), document_rules.DELIBERATION_LIST_CASES),
    "minutes_publication_deadline": (("L2121-15",), document_rules.MINUTES_PUBLICATION_CASES),
    "member_communes_deadline": (("L5211-40-2",), document_rules.MEMBER_COMMUNES_CASES),
    "convocation_delay_problem": (("L2121-12",), document_rules.CONVOCATION_DELAY_CASES),
    "minutes_approval_problem": (("L2121-15",), document_rules.MINUTES_APPROVAL_CASES),
    "transmission_target": (("L2131-1", "L2131-2"), document_rules.TRANSMISSION_TARGET_CASES),
    "activity_report_deadline": (("L5211-39",), document_rules.ACTIVITY_REPORT_CASES),
}


@pytest.mark.parametrize("name", sorted(CASE_TABLES))
def test_rule_states_its_source_and_keeps_a_dated_case_table(name):
    fragments, table = CASE_TABLES[name]
    source = rules.RULES[name]  # KeyError: the rule no longer states its source

    assert getattr(rules, name).legal_source is source
    assert isinstance(source.dated, date)
    for fragment in fragments:
        assert fragment in source.text, f"{name} no longer cites {fragment}"
    assert table, f"{name} lost its case table"
    assert all(isinstance(case[0], date) or isinstance(case[0], list | int) for case in table)
    assert all(isinstance(case[-1], str) and case[-1].strip() for case in table), (
        f"every case of {name} names its source"
    )


def test_every_logged_rule_has_a_case_table():
    # The legal-depth rules keep their tables in test_legal_depth.py, the audit's in
    # tests/deliberations/legal/.
    from tests.deliberations.legal.test_rule_cases import CASE_TABLES as AUDIT_CASE_TABLES
    from tests.deliberations.test_legal_depth import CASE_TABLES as DEPTH_CASE_TABLES

    assert set(rules.RULES) == (set(CASE_TABLES) | set(DEPTH_CASE_TABLES)
                                | set(AUDIT_CASE_TABLES))
