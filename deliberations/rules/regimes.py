"""The exceptional regimes (Covid-19) as dated configuration."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import TypeAlias

from .sources import follows

# --- Exceptional regimes (Covid-19) ----------------------------------------------------------


@dataclass(frozen=True)
class ExceptionalRegime:
    """A dated derogation to L2121-17 (quorum) and L2121-20 (proxies), both ends inclusive.

    ``quorum_fraction``: the share of the members in office that makes the quorum (one third
    under every Covid text). ``quorum_counts_represented``: whether members represented by a
    proxy count towards it (the text says "présent", or "présent ou représenté").
    ``proxies_per_holder``: how many proxies a member present may hold. Members attending by
    video where a text allowed remote sessions (ordonnance 2020-391 art. 6) are recorded as
    present by the clerk: the portal has no separate remote status.
    """

    start: date
    end: date
    source: str
    quorum_fraction: Fraction = Fraction(1, 3)
    quorum_counts_represented: bool = False
    proxies_per_holder: int = 2
    # Whether the text let any deliberating body meet by videoconference, members attending
    # from wherever they are (ordonnance 2020-391 art. 6, restored by loi 2020-1379 art. 6 and
    # loi 2021-1465 art. 10).
    remote_sessions: bool = True
    # The departments (INSEE codes) the window covers; empty: the whole country.
    territories: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        return f"régime dérogatoire Covid-19 ({self.source})"


# The Covid-19 derogations for the deliberating bodies of collectivités and their
# groupements (EPCI, syndicats mixtes: DGCL reading confirmed on 7 Dec 2020), in date order.
# Each window is the period its text applied; between them, the ordinary rules of
# L2121-17/L2121-20 apply (e.g. 31 Aug - 14 Nov 2020 and 1 Oct - 10 Nov 2021).
EXCEPTIONAL_REGIMES: tuple[ExceptionalRegime, ...] = (
    # Loi 2020-290 du 23 mars 2020, art. 10 (in force 24 March 2020): "ne délibèrent
    # valablement que lorsque le tiers de leurs membres en exercice est présent", two proxies.
    ExceptionalRegime(
        date(2020, 3, 24), date(2020, 4, 2), "loi n° 2020-290 du 23 mars 2020, art. 10",
        remote_sessions=False,
    ),
    # Ordonnance 2020-391 du 1er avril 2020, art. 2 (in force 3 April 2020), until the end of
    # the state of health emergency (10 July 2020, loi 2020-856): the third is assessed on
    # the members present or represented (DGCL and commentators, e.g. Landot 27 May 2020).
    ExceptionalRegime(
        date(2020, 4, 3), date(2020, 7, 10),
        "ordonnance n° 2020-391 du 1er avril 2020, art. 2, pour l'application de l'art. 10 "
        "de la loi n° 2020-290",
        quorum_counts_represented=True,
    ),
    # Loi 2020-290 art. 10 as rewritten by loi 2020-760 du 22 juin 2020 (in force 11 July
    # 2020): "jusqu'au 30 août 2020", one third of the members in office present.
    ExceptionalRegime(
        date(2020, 7, 11), date(2020, 8, 30),
        "loi n° 2020-290, art. 10, dans sa rédaction issue de la loi n° 2020-760 du "
        "22 juin 2020",
        remote_sessions=False,
    ),
    # Loi 2020-1379 du 14 novembre 2020, art. 6 IV (JO of 15 Nov 2020), for the state of
    # health emergency declared on 17 Oct 2020, extended to 1 June 2021 (loi 2021-160).
    ExceptionalRegime(
        date(2020, 11, 15), date(2021, 6, 1),
        "loi n° 2020-1379 du 14 novembre 2020, art. 6, IV",
    ),
    # Loi 2021-689 du 31 mai 2021 (gestion de la sortie de crise sanitaire) extends art. 6 IV
    # of loi 2020-1379 "jusqu'au 30 septembre 2021".
    ExceptionalRegime(
        date(2021, 6, 2), date(2021, 9, 30),
        "loi n° 2020-1379, art. 6, IV, prorogé par la loi n° 2021-689 du 31 mai 2021",
    ),
    # Loi 2021-1465 du 10 novembre 2021 (vigilance sanitaire, art. 10; JO of 11 Nov 2021)
    # restores the third ("le quorum est fixé au tiers des membres présents") and the two
    # proxies "jusqu'au 31 juillet 2022": the last window. Start: its publication in the
    # Journal officiel of 11 Nov 2021, the earliest day a law applies (art. 1 C. civ.); the
    # AMF note's "depuis le 10 novembre 2021" is the promulgation date, when the text was
    # not yet opposable.
    ExceptionalRegime(
        date(2021, 11, 11), date(2022, 7, 31),
        "loi n° 2021-1465 du 10 novembre 2021, art. 10",
    ),
)

# Windows with a territorial scope: they apply, in their territories, before the national
# windows of the same dates. Loi 2020-856 du 9 juillet 2020, art. 2: the state of health
# emergency "est prorogé jusqu'au 30 octobre 2020 inclus sur le territoire de la Guyane et de
# Mayotte", so the regime of ordonnance 2020-391 (quorum on the members present or
# represented, two proxies, meetings by videoconference) went on there after 10 July 2020.
TERRITORIAL_REGIMES: tuple[ExceptionalRegime, ...] = (
    ExceptionalRegime(
        date(2020, 7, 11), date(2020, 10, 30),
        "ordonnance n° 2020-391 du 1er avril 2020, art. 2 et 6, l'état d'urgence sanitaire "
        "étant prorogé en Guyane et à Mayotte jusqu'au 30 octobre 2020 (loi n° 2020-856 du "
        "9 juillet 2020, art. 2)",
        quorum_counts_represented=True,
        territories=frozenset({"973", "976"}),
    ),
)

Regimes: TypeAlias = tuple[ExceptionalRegime, ...]


@follows(
    "loi 2020-290 art. 10 ; ordonnance 2020-391 art. 2 ; loi 2020-856 art. 2 (Guyane et "
    "Mayotte jusqu'au 30 octobre 2020) ; loi 2020-1379 art. 6 ; loi 2021-689 ; loi 2021-1465 "
    "(JO du 11 novembre 2021, fin au 31 juillet 2022)",
    dated=date(2021, 11, 11),
)
def regime_on(day: date, regimes: Regimes = EXCEPTIONAL_REGIMES, *,
              department: str = "") -> ExceptionalRegime | None:
    """The exceptional regime in force on a session date, None under the ordinary rules.

    ``department``: the INSEE code of the organisation's department; a window with a
    territorial scope (``TERRITORIAL_REGIMES``) applies there first: a session in Cayenne on
    15 Sept 2020 is under ordonnance 2020-391, one in Arras is not.
    """
    for regime in (*TERRITORIAL_REGIMES, *regimes):
        if regime.territories and department not in regime.territories:
            continue
        if regime.start <= day <= regime.end:
            return regime
    return None
