"""The legal rules of a deliberating body, as pure functions.

Quorum, proxies and per-item figures (CGCT L2121-17, L2121-20, L2131-11), the Covid-19
exceptional regimes as dated configuration, written proxies across sessions (L2121-20), vote
results (L2121-20), executability (L2131-1, L5211-3), legal time (délai franc of the appeal
and of the prefect's review, R421-1 CJA, L2131-6; clear days of the convocation, L2121-12;
working days) and the deliberation lifecycle; issue 17's depth: designated suppléants
(L5211-6, QE n° 49337), a body's own rules from its statutes (``BodyRules``), second
convocations (L2121-17; CE 16 June 1997, Pfister), vote kinds (L1612-12, two thirds,
L5211-11), appointments (L2121-21), individual decisions (L2131-1), ballot requests and
roll-call votes, urgency (L2121-12) and videoconference (L5211-11-1). Each rule records the
text and date it follows in ``RULES`` (``follows``).

Standard library only: no Django, no ORM. Callers turn model rows into the dataclasses below,
so these rules are fast to test and shared by views, services, extracts and the API (one copy
of each rule, STYLE.md). Members are arbitrary hashables (primary keys or names); functions
that write French messages take ``names`` to print them (default ``str(member)``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from types import MappingProxyType
from typing import TypeAlias

Names: TypeAlias = Mapping[Hashable, str] | None
# Anything that answers ``day in holidays``: a set of dates, or the calendar of an
# organisation's department (portal.kernel.calendars.public_holidays). rules.py never picks a
# calendar itself: the selector passes the organisation's.
Holidays: TypeAlias = Container[date]


# --- Rule-change log ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSource:
    """The legal text (article, decision) a rule follows, and the date of that text.

    When the law changes, the rule is rewritten and its source and date change with it; the
    tests keep one dated case table per rule (tests/deliberations/test_legal_time.py).
    """

    text: str
    dated: date


# Function name -> the text it follows. Filled by ``follows``; read by the tests and by
# anyone asking "which version of the law does the portal apply?".
RULES: dict[str, RuleSource] = {}


def follows(text: str, *, dated: date):
    """Record the legal text (and its date) a rule function follows in ``RULES``."""

    def register(function):
        source = RuleSource(text, dated)
        RULES[function.__name__] = source
        function.legal_source = source
        return function

    return register


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
    # proxies "jusqu'au 31 juillet 2022": the last window. Start: the promulgation date, as
    # the AMF note ("depuis le 10 novembre 2021") and the DGCL FAQ of 16 Nov 2021 apply it.
    ExceptionalRegime(
        date(2021, 11, 10), date(2022, 7, 31),
        "loi n° 2021-1465 du 10 novembre 2021, art. 10",
    ),
)

Regimes: TypeAlias = tuple[ExceptionalRegime, ...]


@follows(
    "loi 2020-290 art. 10 ; ordonnance 2020-391 art. 2 ; loi 2020-1379 art. 6 ; "
    "loi 2021-689 ; loi 2021-1465 (fin au 31 juillet 2022)",
    dated=date(2021, 11, 10),
)
def regime_on(day: date, regimes: Regimes = EXCEPTIONAL_REGIMES) -> ExceptionalRegime | None:
    """The exceptional regime in force on a session date, None under the ordinary rules."""
    for regime in regimes:
        if regime.start <= day <= regime.end:
            return regime
    return None


def _name(member: Hashable, names: Names) -> str:
    if names is not None and member in names:
        return names[member]
    return str(member)


def _within(item: int, from_item: int | None, until_item: int | None) -> bool:
    # An open bound means "from the first item" / "until the end of the session".
    return (from_item is None or from_item <= item) and (until_item is None or item <= until_item)


def _check_item(item: int) -> None:
    if item < 1:
        raise ValueError(f"Le numéro de question doit être au moins 1 (reçu : {item}).")


# --- Attendance, mandates and proxies ---------------------------------------------------------


@dataclass(frozen=True)
class Presence:
    """A member marked present at a session, possibly for some items only.

    ``from_item``: "à partir de la question N"; ``until_item``: present up to and including
    that item. Attendance is recorded per item because quorum is checked at every item
    (L2121-17). ``replaces``: the titular member a délégué suppléant sits for (L5211-6); the
    suppléant counts only on the items where that titular member, in office, is absent.
    """

    member: Hashable
    from_item: int | None = None
    until_item: int | None = None
    replaces: Hashable | None = None


@dataclass(frozen=True)
class ProxyGrant:
    """A procuration (pouvoir, L2121-20): ``giver`` asks ``holder`` to vote in their name.

    ``until_item``: "jusqu'à la question 4" gives 4 (inclusive).
    """

    giver: Hashable
    holder: Hashable
    from_item: int | None = None
    until_item: int | None = None


@dataclass(frozen=True)
class MandateSpan:
    """A seat held in a body over a date range; ``end_on`` None means still held.

    A délégué suppléant (L5211-6) holds no seat of their own: ``substitute`` spans never count
    among the members in office.
    """

    member: Hashable
    start_on: date
    end_on: date | None = None
    substitute: bool = False
    # The titular member this délégué suppléant is designated for (Mandate.substitute_for).
    substitute_for: Hashable | None = None


def members_in_office(mandates: Iterable[MandateSpan], on: date) -> frozenset:
    """The "membres en exercice" on a date: titular seats held that day (L2121-17).

    Both ends of a span are inclusive. Substitutes are excluded: they sit in place of an
    absent titular member, who remains the one in office.
    """
    return frozenset(
        mandate.member
        for mandate in mandates
        if not mandate.substitute
        and mandate.start_on <= on
        and (mandate.end_on is None or on <= mandate.end_on)
    )


@follows("CGCT L5211-6 (délégué suppléant de la commune qui n'a qu'un conseiller, voix "
         "délibérative en l'absence du titulaire, rédaction de la loi 2019-1461)",
         dated=date(2019, 12, 27))
def designated_substitutes(
    mandates: Iterable[MandateSpan], on: date
) -> Mapping[Hashable, frozenset]:
    """Titular member -> the délégués suppléants designated for them and in office on a date.

    L5211-6: the suppléant of a commune sits "avec voix délibérative" in place of *its*
    titular member when that member is absent and "en a avisé le président"; a suppléant
    mandate with no titular member named designates nobody (the clerk must name one). The
    notice to the president is not recorded: a suppléant entered as sitting is taken as
    announced.
    """
    found: dict[Hashable, set] = {}
    for mandate in mandates:
        if (
            mandate.substitute
            and mandate.substitute_for is not None
            and mandate.start_on <= on
            and (mandate.end_on is None or on <= mandate.end_on)
        ):
            found.setdefault(mandate.substitute_for, set()).add(mandate.member)
    return MappingProxyType({titular: frozenset(members) for titular, members in found.items()})


@dataclass(frozen=True)
class BodyRules:
    """The rules a body's own texts set, defaulting to the CGCT (issue 17, "rules per body").

    A syndicat mixte's committee follows its statutes where the CGCT leaves them room
    (L5711-1, L5721-2 via L5731-3; CE 18 Oct 2018 n° 421197): they may count members
    represented in the quorum, let a member hold more proxies or set another convocation
    delay. ``substitutes_admitted``: whether délégués suppléants sit at all (L5211-6 admits
    them to the organe délibérant only, never to the Bureau). Each ``*_source`` names the
    text a value comes from, printed beside the figures.
    """

    quorum_counts_represented: bool = False
    quorum_source: str = "CGCT L2121-17"
    proxies_per_holder: int = 1
    proxies_source: str = "CGCT L2121-20"
    convocation_clear_days: int = 5
    convocation_source: str = "CGCT L2121-12"
    substitutes_admitted: bool = True


CGCT_RULES = BodyRules()
# L5211-10: the Bureau deliberates on delegated powers; L5211-6 gives suppléants a seat in the
# organe délibérant (the Conseil, the Comité) only.
BUREAU_RULES = BodyRules(substitutes_admitted=False)


def is_present(presence: Presence, item: int) -> bool:
    """Whether a presence covers an item (L2121-17: attendance is checked at every item)."""
    return _within(item, presence.from_item, presence.until_item)


def proxy_covers(proxy: ProxyGrant, item: int) -> bool:
    """Whether a proxy was given for an item (L2121-20); bounds are inclusive."""
    return _within(item, proxy.from_item, proxy.until_item)


@follows("CGCT L2121-17 (via L5211-1) ; régimes dérogatoires : EXCEPTIONAL_REGIMES",
         dated=date(2021, 11, 10))
def quorum_required(in_office: int, *, regime: ExceptionalRegime | None = None) -> int:
    """L2121-17: quorum is more than half of the members in office, i.e. ``floor(N/2) + 1``.

    Under an exceptional regime (``regime_on``), the fraction of that regime (one third:
    ``ceil(N/3)`` members). Only members physically present count towards it, except under
    a regime that counts members represented (``quorum_counts_represented``). A body with no
    member in office cannot deliberate, hence the error rather than a quorum of 1.
    """
    if in_office < 1:
        raise ValueError(
            "Le nombre de membres en exercice doit être au moins 1 pour calculer le quorum "
            f"(reçu : {in_office})."
        )
    if regime is not None:
        return math.ceil(in_office * regime.quorum_fraction)
    return math.floor(in_office / 2) + 1


@follows("CGCT L2121-17 ; EXCEPTIONAL_REGIMES (Covid-19) ; statuts d'un syndicat mixte "
         "(L5711-1, L5721-2 ; CE 18 oct. 2018 n° 421197)", dated=date(2021, 11, 10))
def quorum_reached(
    *,
    present: int,
    represented: int,
    required: int,
    regime: ExceptionalRegime | None = None,
    body_rules: BodyRules = CGCT_RULES,
) -> bool:
    """Whether the quorum is reached: members present only (L2121-17), plus members
    represented where the regime's text counts them (ordonnance 2020-391 art. 2) or, outside
    an exceptional regime, where the body's statutes do (syndicat mixte, L5711-1 / L5721-2;
    CE 18 Oct 2018 n° 421197)."""
    if regime is not None:
        counts_represented = regime.quorum_counts_represented
    else:
        counts_represented = body_rules.quorum_counts_represented
    counted = present + (represented if counts_represented else 0)
    return counted >= required


@follows("CGCT L2121-20 ; EXCEPTIONAL_REGIMES (Covid-19, deux pouvoirs)",
         dated=date(2021, 11, 10))
def max_proxies_per_holder(
    session_date: date,
    regimes: Regimes = EXCEPTIONAL_REGIMES,
    body_rules: BodyRules = CGCT_RULES,
) -> int:
    """L2121-20: a member holds a single proxy; two under an exceptional regime; what the
    body's statutes allow otherwise (``BodyRules.proxies_per_holder``)."""
    regime = regime_on(session_date, regimes)
    if regime is not None:
        return max(regime.proxies_per_holder, body_rules.proxies_per_holder)
    return body_rules.proxies_per_holder


# L2121-20: "Un même pouvoir ne peut être valable pour plus de trois séances consécutives."
WRITTEN_PROXY_MAX_SESSIONS = 3


@follows("CGCT L2121-20, 3e alinéa (trois séances consécutives, sauf maladie dûment constatée)",
         dated=date(1996, 2, 24))
def written_proxy_problem(
    *,
    body_sessions: Iterable[Hashable],
    used_in: Iterable[Hashable],
    session: Hashable,
    illness: bool = False,
    giver_name: str = "",
    max_sessions: int = WRITTEN_PROXY_MAX_SESSIONS,
) -> str | None:
    """Why one written proxy cannot serve at ``session``, or None (L2121-20).

    A written proxy (pouvoir) is valid for at most three consecutive sessions of the same
    body, except when its giver's illness is certified ("maladie dûment constatée").
    ``body_sessions``: the body's sessions in date order; ``used_in``: the sessions the same
    document already serves. The validity is counted from the first session it served, so a
    document used at sessions 1 and 4 spans four consecutive sessions even if unused at 2-3.
    """
    if illness:
        return None
    order = {key: index for index, key in enumerate(body_sessions)}
    if session not in order:
        raise ValueError("La séance doit figurer parmi les séances de l'assemblée.")
    positions = [order[key] for key in (*used_in, session) if key in order]
    span = max(positions) - min(positions) + 1
    if span <= max_sessions:
        return None
    return (
        f"Le pouvoir écrit de {giver_name or 'ce mandant'} ne peut valoir pour plus de "
        f"{max_sessions} séances consécutives de la même assemblée (L2121-20) : cette séance "
        f"serait la {span}e. Sauf maladie dûment constatée, un nouveau pouvoir est nécessaire. "
        "Rien n'a été enregistré."
    )


@dataclass(frozen=True)
class PresenceProblem:
    """Why a member marked present does not count on an item (L2121-17, L5211-6).

    ``kind`` is ``"not_in_office"`` (not a member in office of the body on the session date),
    ``"substitute_with_titular_present"`` (a suppléant whose titular member is present),
    ``"duplicate_substitute"`` (a second suppléant for the same titular member),
    ``"not_designated_substitute"`` (someone who is not the suppléant designated for that
    titular member) or ``"substitute_not_admitted"`` (a suppléant in a body that admits none,
    the Bureau). ``replaces`` is the titular member the suppléant sits for, if any.
    """

    kind: str
    item: int
    member: Hashable
    replaces: Hashable | None
    message: str


def _counted_present(
    *,
    item: int,
    presences: Iterable[Presence],
    withdrawn: frozenset,
    in_office_members: frozenset | None,
    names: Names,
    substitutes: Mapping[Hashable, frozenset] | None = None,
    body_rules: BodyRules = CGCT_RULES,
) -> tuple[frozenset, tuple[PresenceProblem, ...], Mapping[Hashable, Hashable]]:
    """The members who count as physically present on ``item``, why others do not, and the
    titular members replaced by their suppléant on it (titular -> suppléant).

    L2121-17: quorum counts the members in office physically present; a member withdrawn for a
    personal interest (L2131-11) is not present for that item (and no problem: that is the
    law working). L5211-6: a délégué suppléant counts only in place of an absent titular
    member in office, only if designated for that member (``substitutes``, from the mandates;
    None skips that check), only in a body that admits suppléants (not the Bureau), one
    suppléant per titular member. ``in_office_members`` None keeps the legacy reading where
    everyone marked present counts.
    """
    rows = [p for p in presences if is_present(p, item)]
    # A member may be listed twice (left, then came back): presence on the item is what counts.
    marked = frozenset(p.member for p in rows)
    if in_office_members is None:
        return marked - withdrawn, (), MappingProxyType({})
    counted: set[Hashable] = set()
    problems: list[PresenceProblem] = []
    seen: set[Hashable] = set()
    replaced_by: dict[Hashable, Hashable] = {}
    for row in rows:
        member = row.member
        if member in seen:
            continue
        seen.add(member)
        if member in withdrawn:
            continue
        if member in in_office_members:
            counted.add(member)
            continue
        name = _name(member, names)
        titular = row.replaces
        if titular is not None and titular in in_office_members:
            titular_name = _name(titular, names)

            def problem(kind: str, message: str) -> None:
                problems.append(PresenceProblem(kind, item, member, titular, message))  # noqa: B023

            if not body_rules.substitutes_admitted:
                problem(
                    "substitute_not_admitted",
                    f"{name} ne peut siéger comme suppléant de {titular_name} : le délégué "
                    "suppléant ne siège qu'à l'organe délibérant, pas au Bureau (L5211-6) ; "
                    f"sa présence n'est pas comptée (question {item})",
                )
            elif substitutes is not None and member not in substitutes.get(titular, ()):
                problem(
                    "not_designated_substitute",
                    f"{name} n'est pas le délégué suppléant désigné de {titular_name} "
                    f"(L5211-6) : sa présence n'est pas comptée (question {item})",
                )
            elif titular in marked:
                problem(
                    "substitute_with_titular_present",
                    f"{name} supplée {titular_name}, présent à la question {item} : "
                    "sa présence n'est pas comptée",
                )
            elif titular in replaced_by:
                problem(
                    "duplicate_substitute",
                    f"{name} supplée {titular_name}, déjà suppléé par "
                    f"{_name(replaced_by[titular], names)} à la question {item} : "
                    "sa présence n'est pas comptée",
                )
            else:
                replaced_by[titular] = member
                counted.add(member)
            continue
        problems.append(PresenceProblem(
            "not_in_office", item, member, titular,
            f"{name} n'est pas membre en exercice de l'assemblée : sa présence n'est pas "
            f"comptée (question {item})",
        ))
    return frozenset(counted), tuple(problems), MappingProxyType(replaced_by)


def presence_problems(
    *,
    item: int,
    presences: Iterable[Presence],
    in_office_members: frozenset,
    withdrawn: Iterable[Hashable] = (),
    names: Names = None,
    substitutes: Mapping[Hashable, frozenset] | None = None,
    body_rules: BodyRules = CGCT_RULES,
) -> tuple[PresenceProblem, ...]:
    """The members marked present who do not count on an item (L2121-17, L5211-6).

    Only members in office count, or the délégué suppléant designated for an absent titular
    member in office (``substitutes``: ``designated_substitutes``), in a body that admits
    suppléants; see ``PresenceProblem`` for the kinds.
    """
    _check_item(item)
    _, problems, _ = _counted_present(
        item=item, presences=presences, withdrawn=frozenset(withdrawn),
        in_office_members=frozenset(in_office_members), names=names,
        substitutes=substitutes, body_rules=body_rules,
    )
    return problems


@dataclass(frozen=True)
class ProxyProblem:
    """Why a proxy does not count on an item.

    ``kind`` is one of ``"self_proxy"``, ``"duplicate_giver"``, ``"giver_not_in_office"``,
    ``"giver_withdrawn"``, ``"giver_replaced"`` (the giver's suppléant sits on the item),
    ``"holder_absent"``, ``"holder_not_in_office"`` and ``"too_many_proxies"``. ``message``
    is French and names the members and the item.
    """

    kind: str
    item: int
    giver: Hashable
    holder: Hashable
    message: str


# Why a member leaves the room for an item, as the proxy messages print it.
PERSONAL_INTEREST = "intérêt personnel, L2131-11"
ADMINISTRATIVE_ACCOUNT_WITHDRAWAL = "vote du compte administratif, L1612-12 et L2121-14"


def _proxies_already_held(count: int) -> str:
    if count == 1:
        return "une procuration"
    if count == 2:
        return "deux procurations"
    return f"{count} procurations"


def _assess_proxies(
    *,
    item: int,
    present: frozenset,
    withdrawn: frozenset,
    proxies: Iterable[ProxyGrant],
    limit: int,
    names: Names,
    in_office_members: frozenset | None = None,
    marked_present: frozenset = frozenset(),
    replaced_by: Mapping[Hashable, Hashable] = MappingProxyType({}),
    withdrawal_reasons: Mapping[Hashable, str] = MappingProxyType({}),
) -> tuple[tuple[ProxyGrant, ...], tuple[ProxyProblem, ...]]:
    """Split the proxies covering ``item`` into effective ones and problems (L2121-20).

    ``present`` holds the members who count as present. With ``in_office_members``, a proxy
    only counts when its giver is a member in office (L2121-17, L2121-20: a member gives
    their vote, a non-member has none to give); a holder marked present (``marked_present``)
    who does not count as present cannot use it either.

    Input order decides which proxy counts when a giver or a holder appears too often: the
    register lists proxies in the order they were received.
    """
    effective: list[ProxyGrant] = []
    problems: list[ProxyProblem] = []
    givers_seen: set[Hashable] = set()
    held: Counter[Hashable] = Counter()

    def problem(kind: str, proxy: ProxyGrant, message: str) -> None:
        problems.append(ProxyProblem(kind, item, proxy.giver, proxy.holder, message))

    for proxy in proxies:
        if not proxy_covers(proxy, item):
            continue
        giver, holder = _name(proxy.giver, names), _name(proxy.holder, names)
        if proxy.giver == proxy.holder:
            problem("self_proxy", proxy, f"{giver} ne peut se donner procuration à lui-même")
            continue
        if proxy.giver in givers_seen:
            problem(
                "duplicate_giver",
                proxy,
                f"{giver} a donné plusieurs procurations pour la question {item}",
            )
            continue
        givers_seen.add(proxy.giver)
        if in_office_members is not None and proxy.giver not in in_office_members:
            problem(
                "giver_not_in_office",
                proxy,
                f"{giver} n'est pas membre en exercice : sa procuration n'est pas comptée "
                f"(question {item})",
            )
            continue
        if proxy.giver in withdrawn:
            # L2131-11: an interested member takes no part in the vote, not even by proxy.
            problem(
                "giver_withdrawn",
                proxy,
                f"{giver} s'est retiré pour la question {item} "
                f"({withdrawal_reasons.get(proxy.giver, PERSONAL_INTEREST)}) : "
                f"sa procuration à {holder} ne peut être utilisée",
            )
            continue
        if proxy.giver in replaced_by:
            # QE n° 49337 (JO AN), AdCF note of Aug 2015: a titular member replaced by their
            # suppléant cannot also vote by proxy, or the seat would count twice.
            substitute = _name(replaced_by[proxy.giver], names)
            problem(
                "giver_replaced",
                proxy,
                f"{giver} est remplacé par son suppléant {substitute} à la question {item} : "
                f"sa procuration à {holder} n'est pas comptée, un siège ne vote qu'une fois "
                "(L5211-6 ; réponse ministérielle QE n° 49337)",
            )
            continue
        if proxy.giver in present:
            # The giver votes in person: the proxy lapses for this item, which is normal.
            continue
        if proxy.holder in withdrawn:
            problem(
                "holder_absent",
                proxy,
                f"{holder}, mandataire de {giver}, s'est retiré pour la question {item} "
                f"({withdrawal_reasons.get(proxy.holder, PERSONAL_INTEREST)})",
            )
            continue
        if proxy.holder not in present and proxy.holder in marked_present:
            problem(
                "holder_not_in_office",
                proxy,
                f"{holder}, mandataire de {giver}, n'est pas compté parmi les membres en "
                f"exercice présents : la procuration n'est pas comptée (question {item})",
            )
            continue
        if proxy.holder not in present:
            problem(
                "holder_absent",
                proxy,
                f"{holder}, mandataire de {giver}, n'est pas présent à la question {item}",
            )
            continue
        if held[proxy.holder] >= limit:
            problem(
                "too_many_proxies",
                proxy,
                f"{holder} détient déjà {_proxies_already_held(limit)} "
                f"pour la question {item}",
            )
            continue
        held[proxy.holder] += 1
        effective.append(proxy)
    return tuple(effective), tuple(problems)


def _figures_on(
    *,
    item: int,
    presences: Iterable[Presence],
    proxies: Iterable[ProxyGrant],
    session_date: date,
    withdrawn: Iterable[Hashable],
    in_office_members: Iterable[Hashable] | None,
    regimes: Regimes,
    names: Names,
    substitutes: Mapping[Hashable, frozenset] | None = None,
    body_rules: BodyRules = CGCT_RULES,
    withdrawal_reasons: Mapping[Hashable, str] = MappingProxyType({}),
) -> tuple[frozenset, tuple[PresenceProblem, ...], tuple[ProxyGrant, ...],
           tuple[ProxyProblem, ...]]:
    _check_item(item)
    presences = tuple(presences)
    withdrawn_set = frozenset(withdrawn)
    office = None if in_office_members is None else frozenset(in_office_members)
    present, presence_issues, replaced_by = _counted_present(
        item=item, presences=presences, withdrawn=withdrawn_set, in_office_members=office,
        names=names, substitutes=substitutes, body_rules=body_rules,
    )
    effective, proxy_issues = _assess_proxies(
        item=item,
        present=present,
        withdrawn=withdrawn_set,
        proxies=proxies,
        limit=max_proxies_per_holder(session_date, regimes, body_rules),
        names=names,
        in_office_members=office,
        marked_present=frozenset(p.member for p in presences if is_present(p, item)),
        replaced_by=replaced_by,
        withdrawal_reasons=withdrawal_reasons,
    )
    return present, presence_issues, effective, proxy_issues


def proxy_problems(
    *,
    item: int,
    presences: Iterable[Presence],
    proxies: Iterable[ProxyGrant],
    session_date: date,
    regimes: Regimes = EXCEPTIONAL_REGIMES,
    names: Names = None,
    withdrawn: Iterable[Hashable] = (),
    in_office_members: Iterable[Hashable] | None = None,
    substitutes: Mapping[Hashable, frozenset] | None = None,
    body_rules: BodyRules = CGCT_RULES,
) -> tuple[ProxyProblem, ...]:
    """The proxies that cannot count on an item, with a French message each (L2121-20).

    A proxy counts when it covers the item, its giver is absent, its holder is present and
    the holder stays within ``max_proxies_per_holder``. A proxy whose giver is present simply
    lapses for that item and is not a problem. Members in ``withdrawn`` left the room for a
    personal interest (L2131-11): they neither hold nor give a proxy on that item. With
    ``in_office_members`` (L2121-17), the giver must be a member in office and the holder
    must count as present (in office, or a suppléant sitting for an absent titular member,
    L5211-6); None keeps the legacy reading where every member counts. A titular member
    replaced by their suppléant on the item cannot be represented as well (QE n° 49337).
    """
    *_, problems = _figures_on(
        item=item, presences=presences, proxies=proxies, session_date=session_date,
        withdrawn=withdrawn, in_office_members=in_office_members, regimes=regimes, names=names,
        substitutes=substitutes, body_rules=body_rules,
    )
    return problems


# --- Figures per item and per session ---------------------------------------------------------


@dataclass(frozen=True)
class ItemFigures:
    """The figures recorded for an item: in office, present, represented, quorum (L2121-17).

    ``quorum_required`` is None when quorum is waived (carried-over item of a second
    convocation); ``quorum_met`` is then True. ``problems`` lists the presences that do not
    count (``PresenceProblem``, L2121-17, L5211-6) then the proxies that do not count
    (``ProxyProblem``, L2121-20).
    """

    item: int
    in_office: int
    present: int
    represented: int
    votes_available: int
    quorum_required: int | None
    quorum_met: bool
    problems: tuple[PresenceProblem | ProxyProblem, ...]
    # The exceptional regime in force on the session date (regime_on), None when ordinary.
    regime: ExceptionalRegime | None = None
    # The body's own rules the figures were computed with (statutes, or the CGCT).
    body_rules: BodyRules = CGCT_RULES


def item_figures(
    *,
    item: int,
    in_office: int,
    presences: Iterable[Presence],
    proxies: Iterable[ProxyGrant],
    session_date: date,
    withdrawn: Iterable[Hashable] = (),
    quorum_waived: bool = False,
    regimes: Regimes = EXCEPTIONAL_REGIMES,
    names: Names = None,
    in_office_members: Iterable[Hashable] | None = None,
    substitutes: Mapping[Hashable, frozenset] | None = None,
    body_rules: BodyRules = CGCT_RULES,
    withdrawal_reasons: Mapping[Hashable, str] = MappingProxyType({}),
) -> ItemFigures:
    """Present, represented and quorum for one item (L2121-17, L2121-20, L2131-11, L5211-6).

    The quorum and the proxies a member may hold follow the regime in force on
    ``session_date`` (``regime_on``: one third and two proxies during the Covid windows).
    Quorum counts members physically present only (unless the regime counts those
    represented); a member withdrawn for a personal interest
    (L2131-11) is not present for that item and can neither give nor hold a proxy on it. Only
    effective proxies are represented. With ``in_office_members`` (the members in office on
    the session date, ``members_in_office``), only they count as present, plus a délégué
    suppléant sitting for an absent titular member in office (L5211-6); the others are listed
    in ``problems``. None keeps the legacy reading where everyone marked present counts.
    """
    present, presence_issues, effective, proxy_issues = _figures_on(
        item=item, presences=presences, proxies=proxies, session_date=session_date,
        withdrawn=withdrawn, in_office_members=in_office_members, regimes=regimes, names=names,
        substitutes=substitutes, body_rules=body_rules, withdrawal_reasons=withdrawal_reasons,
    )
    problems = (*presence_issues, *proxy_issues)
    regime = regime_on(session_date, regimes)
    required = None if quorum_waived else quorum_required(in_office, regime=regime)
    return ItemFigures(
        item=item,
        in_office=in_office,
        present=len(present),
        represented=len(effective),
        votes_available=len(present) + len(effective),
        quorum_required=required,
        quorum_met=required is None or quorum_reached(
            present=len(present), represented=len(effective), required=required, regime=regime,
            body_rules=body_rules,
        ),
        problems=problems,
        regime=regime,
        body_rules=body_rules,
    )


NO_WITHDRAWALS: Mapping[int, Iterable[Hashable]] = MappingProxyType({})


@dataclass(frozen=True)
class ItemRange:
    """Consecutive items sharing the same figures; ``last_item`` None means "and following".

    ``figures`` are computed on ``first_item`` (problem messages name that item).
    """

    first_item: int
    last_item: int | None
    figures: ItemFigures


def breakpoints(presences: Iterable[Presence], proxies: Iterable[ProxyGrant]) -> list[int]:
    """The sorted items where attendance or proxies may change (L2121-17: quorum per item).

    Item 1, every ``from_item`` and the item after every ``until_item``.
    """
    items = {1}
    for bounded in (*presences, *proxies):
        if bounded.from_item is not None:
            items.add(bounded.from_item)
        if bounded.until_item is not None:
            items.add(bounded.until_item + 1)
    return sorted(item for item in items if item >= 1)


def _problem_key(problem: PresenceProblem | ProxyProblem) -> tuple:
    if isinstance(problem, PresenceProblem):
        return (problem.kind, problem.member, problem.replaces)
    return (problem.kind, problem.giver, problem.holder)


def _same_figures(a: ItemFigures, b: ItemFigures) -> bool:
    # Problems name their item, so compare what they are about rather than their wording.
    def key(figures: ItemFigures) -> tuple:
        return (
            figures.in_office,
            figures.present,
            figures.represented,
            figures.quorum_required,
            figures.quorum_met,
            tuple(_problem_key(p) for p in figures.problems),
        )

    return key(a) == key(b)


def session_table(
    *,
    in_office: int,
    presences: Iterable[Presence],
    proxies: Iterable[ProxyGrant],
    session_date: date,
    item_count: int | None = None,
    carried_over_items: Iterable[int] = (),
    second_convocation: bool = False,
    regimes: Regimes = EXCEPTIONAL_REGIMES,
    names: Names = None,
    withdrawn: Mapping[int, Iterable[Hashable]] = NO_WITHDRAWALS,
    in_office_members: Iterable[Hashable] | None = None,
    substitutes: Mapping[Hashable, frozenset] | None = None,
    body_rules: BodyRules = CGCT_RULES,
    withdrawal_reasons: Mapping[int, Mapping[Hashable, str]] = NO_WITHDRAWALS,
) -> list[ItemRange]:
    """The session's figures as ranges of items with identical figures (L2121-17, L2121-20).

    With ``item_count`` the ranges cover items 1..item_count exactly; without it the last range
    is open-ended. Quorum is waived only for the items carried over from a session that lacked
    quorum, and only at the second convocation (L2121-17, second paragraph). ``withdrawn``
    maps an item to the members who left the room for a personal interest on it (L2131-11):
    they are not present on that item only, which therefore forms a range of its own;
    ``withdrawal_reasons`` (item -> member -> reason) names another reason, e.g. the
    president leaving for the compte administratif (L1612-12, L2121-14).
    ``substitutes``, ``body_rules``: see ``item_figures``. ``in_office_members``: see
    ``item_figures`` (L2121-17, L5211-6). Adjacent ranges whose
    figures turn out identical are merged.
    """
    if item_count is not None and item_count < 1:
        raise ValueError(f"Une séance compte au moins une question (reçu : {item_count}).")
    # Read once: the iterables are walked again for every range.
    presence_rows, proxy_rows = tuple(presences), tuple(proxies)
    waived = frozenset(carried_over_items) if second_convocation else frozenset()
    withdrawn_on = {item: frozenset(members) for item, members in withdrawn.items()}
    withdrawn_on = {item: members for item, members in withdrawn_on.items() if members}
    office = None if in_office_members is None else frozenset(in_office_members)

    starts = set(breakpoints(presence_rows, proxy_rows))
    for item in (*waived, *withdrawn_on):
        starts.update((item, item + 1))
    ordered = sorted(s for s in starts if s >= 1 and (item_count is None or s <= item_count))

    ranges: list[ItemRange] = []
    for index, first in enumerate(ordered):
        if index + 1 < len(ordered):
            last: int | None = ordered[index + 1] - 1
        else:
            last = item_count
        figures = item_figures(
            item=first,
            in_office=in_office,
            presences=presence_rows,
            proxies=proxy_rows,
            session_date=session_date,
            withdrawn=withdrawn_on.get(first, ()),
            quorum_waived=first in waived,
            regimes=regimes,
            names=names,
            in_office_members=office,
            substitutes=substitutes,
            body_rules=body_rules,
            withdrawal_reasons=withdrawal_reasons.get(first, MappingProxyType({})),
        )
        if ranges and _same_figures(ranges[-1].figures, figures):
            ranges[-1] = ItemRange(ranges[-1].first_item, last, ranges[-1].figures)
        else:
            ranges.append(ItemRange(first, last, figures))
    return ranges


# --- Votes -------------------------------------------------------------------------------------

BALLOTS = frozenset({"main_levee", "public", "secret"})


@dataclass(frozen=True)
class VoteOutcome:
    """The result of a vote (L2121-20); ``unanimous`` means unanimity of the votes cast."""

    result: str
    votes_cast: int
    unanimous: bool
    casting_vote_used: bool
    explanation: str


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _vote_detail(votes_for: int, votes_against: int, abstentions: int, blank_or_null: int) -> str:
    parts = [f"{votes_for} voix pour", f"{votes_against} contre"]
    if abstentions:
        parts.append(_plural(abstentions, "abstention", "abstentions"))
    if blank_or_null:
        parts.append(_plural(blank_or_null, "bulletin blanc ou nul", "bulletins blancs ou nuls"))
    return ", ".join(parts)


# Vote kinds (Deliberation.VoteKind): which majority decides.
ORDINARY = "ordinary"  # L2121-20: more votes for than against; casting vote on a tie
ADMINISTRATIVE_ACCOUNT = "administrative_account"  # L1612-12: unless a majority is against
TWO_THIRDS_IN_OFFICE = "two_thirds_in_office"  # two thirds of the members in office
TWO_THIRDS_CAST = "two_thirds_cast"  # two thirds of the votes cast
CLOSED_SESSION = "closed_session"  # L5211-11: absolute majority of present or represented
VOTE_KINDS = frozenset(
    {ORDINARY, ADMINISTRATIVE_ACCOUNT, TWO_THIRDS_IN_OFFICE, TWO_THIRDS_CAST, CLOSED_SESSION}
)
BALLOT_WORDING = {"main_levee": "à main levée", "public": "au scrutin public",
                  "secret": "au scrutin secret"}


@follows("CGCT L2121-20 (majorité absolue des suffrages exprimés, voix prépondérante du "
         "président sauf scrutin secret) ; L1612-12 (compte administratif) ; L5211-11 (huis "
         "clos) ; majorités des deux tiers (L5216-5 III intérêt communautaire, L5211-10 "
         "vice-présidents)", dated=date(2015, 8, 7))
def vote_result(
    *,
    votes_for: int,
    votes_against: int,
    abstentions: int = 0,
    blank_or_null: int = 0,
    ballot: str = "main_levee",
    president_voted_for: bool | None = None,
    president_abstained: bool = False,
    kind: str = ORDINARY,
    in_office: int | None = None,
    votes_available: int | None = None,
) -> VoteOutcome:
    """The result of a vote, worded as the registre writes it (``explanation``).

    ``kind`` ORDINARY (L2121-20): adopted when votes for exceed votes against; abstentions,
    blank and null ballots are not votes cast. On a tie the president's vote decides, except
    in a secret ballot where the motion is rejected. With no vote cast the motion is rejected.
    A tie where the president abstained (``president_abstained``) is recorded as rejected,
    not refused: the casting vote of L2121-20 is the vote the president casts, and a
    president who abstains casts none, so votes for do not exceed votes against. (The other
    reading — the president "must" decide — has no text behind it.)

    ADMINISTRATIVE_ACCOUNT (L1612-12): "le compte administratif est arrêté si une majorité
    des voix ne s'est pas dégagée contre son adoption", in a public or secret ballot: 60 for
    and 60 against adopts it, in a secret ballot too.

    TWO_THIRDS_IN_OFFICE: at least two thirds of the members in office (``in_office``) vote
    for; TWO_THIRDS_CAST: at least two thirds of the votes cast. "A la majorité des deux tiers
    du conseil" (intérêt communautaire, L5216-5 III; vice-presidents above 20 %, L5211-10):
    the clerk picks the basis the text or the prefecture's reading gives; 70 for / 40 against
    in a 152-seat council is rejected on both (102 needed, or 74 of 110 cast).

    CLOSED_SESSION (L5211-11): the decision to sit in camera needs the absolute majority of
    the members present or represented (``votes_available``), not of the votes cast.
    """
    counts = {
        "pour": votes_for,
        "contre": votes_against,
        "abstentions": abstentions,
        "blancs ou nuls": blank_or_null,
    }
    negative = [label for label, count in counts.items() if count < 0]
    if negative:
        raise ValueError(f"Un décompte ne peut être négatif ({', '.join(negative)}).")
    if ballot not in BALLOTS:
        raise ValueError(
            f"Mode de scrutin inconnu : {ballot!r} (attendu : main_levee, public ou secret)."
        )
    if kind not in VOTE_KINDS:
        raise ValueError(f"Nature de vote inconnue : {kind!r}.")

    votes_cast = votes_for + votes_against
    detail = _vote_detail(votes_for, votes_against, abstentions, blank_or_null)
    how = BALLOT_WORDING[ballot]

    if kind == ADMINISTRATIVE_ACCOUNT:
        adopted = not votes_against > votes_for
        wording = (
            "Le compte administratif est arrêté, une majorité des voix ne s'étant pas dégagée "
            "contre son adoption" if adopted else
            "Le compte administratif n'est pas arrêté, une majorité des voix s'étant dégagée "
            "contre son adoption"
        )
        return VoteOutcome(
            "adopted" if adopted else "rejected", votes_cast, adopted and votes_against == 0,
            False, f"{wording} (article L1612-12 du CGCT), {how} : {detail}.",
        )
    if kind == TWO_THIRDS_IN_OFFICE:
        if not in_office:
            raise ValueError("Le nombre de membres en exercice est nécessaire pour une majorité "
                             "des deux tiers des membres en exercice.")
        required = math.ceil(Fraction(2 * in_office, 3))
        adopted = votes_for >= required
        basis = f"{required} voix requises sur {in_office} membres en exercice"
        verdict = ("Adoptée à la majorité des deux tiers des membres en exercice" if adopted
                   else "Rejetée : la majorité des deux tiers des membres en exercice n'est pas "
                   "atteinte")
        return VoteOutcome("adopted" if adopted else "rejected", votes_cast,
                           adopted and votes_against == 0, False,
                           f"{verdict} ({basis}), {how} : {detail}.")
    if kind == TWO_THIRDS_CAST:
        required = math.ceil(Fraction(2 * votes_cast, 3))
        adopted = votes_cast > 0 and votes_for >= required
        basis = f"{required} voix requises sur {votes_cast} suffrages exprimés"
        verdict = ("Adoptée à la majorité des deux tiers des suffrages exprimés" if adopted
                   else "Rejetée : la majorité des deux tiers des suffrages exprimés n'est pas "
                   "atteinte")
        return VoteOutcome("adopted" if adopted else "rejected", votes_cast,
                           adopted and votes_against == 0, False,
                           f"{verdict} ({basis}), {how} : {detail}.")
    if kind == CLOSED_SESSION:
        if not votes_available:
            raise ValueError("Le nombre de membres présents ou représentés est nécessaire pour "
                             "le vote du huis clos (L5211-11).")
        required = votes_available // 2 + 1
        adopted = votes_for >= required
        verdict = ("L'assemblée décide de se réunir à huis clos" if adopted else
                   "L'assemblée ne décide pas le huis clos")
        return VoteOutcome(
            "adopted" if adopted else "rejected", votes_cast, adopted and votes_against == 0,
            False,
            f"{verdict} : majorité absolue des membres présents ou représentés requise, "
            f"{required} voix sur {votes_available} (article L5211-11 du CGCT), {how} : "
            f"{detail}.",
        )

    if votes_cast == 0:
        return VoteOutcome(
            "rejected", 0, False, False, f"Rejetée : aucun suffrage exprimé ({detail})."
        )
    if votes_for != votes_against:
        adopted = votes_for > votes_against
        unanimous = votes_against == 0
        verdict = "Adoptée" if adopted else "Rejetée"
        if unanimous:
            verdict += " à l'unanimité des suffrages exprimés"
        return VoteOutcome(
            "adopted" if adopted else "rejected", votes_cast, unanimous, False,
            f"{verdict} : {detail}.",
        )
    if ballot == "secret":
        return VoteOutcome(
            "rejected", votes_cast, False, False, "Rejetée : partage des voix au scrutin secret."
        )
    if president_abstained:
        return VoteOutcome(
            "rejected", votes_cast, False, False,
            f"Rejetée : partage des voix ({votes_for} pour, {votes_against} contre), le "
            "président s'étant abstenu, sa voix n'est pas prépondérante (L2121-20).",
        )
    if president_voted_for is None:
        raise ValueError(
            "En cas de partage des voix, indiquez le sens du vote du président "
            "(voix prépondérante, L2121-20), ou qu'il s'est abstenu."
        )
    verdict = "Adoptée" if president_voted_for else "Rejetée"
    return VoteOutcome(
        "adopted" if president_voted_for else "rejected", votes_cast, False, True,
        f"{verdict} : partage des voix ({votes_for} pour, {votes_against} contre), "
        "voix prépondérante du président.",
    )


def check_vote_counts(
    *,
    votes_for: int,
    votes_against: int,
    abstentions: int,
    blank_or_null: int,
    votes_available: int,
    non_voting: int = 0,
) -> list[str]:
    """French errors when the recorded vote cannot be right (L2121-20); empty when it is fine.

    Everyone who may vote (present or represented) either votes, abstains, casts a blank or null
    ballot, or takes no part ("ne prend pas part au vote"), so the ballots cannot exceed the
    votes available minus those taking no part.
    """
    errors = []
    counts = {
        "Le nombre de voix pour": votes_for,
        "Le nombre de voix contre": votes_against,
        "Le nombre d'abstentions": abstentions,
        "Le nombre de bulletins blancs ou nuls": blank_or_null,
        "Le nombre de membres ne prenant pas part au vote": non_voting,
    }
    for label, count in counts.items():
        if count < 0:
            errors.append(f"{label} ne peut être négatif ({count}).")
    if non_voting > votes_available:
        errors.append(
            f"{non_voting} membres ne prenant pas part au vote, plus que les "
            f"{votes_available} votants possibles (présents et représentés)."
        )
    total = votes_for + votes_against + abstentions + blank_or_null
    limit = votes_available - non_voting
    if total > limit:
        errors.append(
            f"Le total des votes ({total}) dépasse le nombre de votants possibles ({limit} : "
            f"{votes_available} présents et représentés, moins {non_voting} ne prenant pas "
            "part au vote)."
        )
    return errors


# --- Dates ------------------------------------------------------------------------------------


@follows("CGCT L2131-1 (via L5211-3), rédaction de l'ordonnance 2021-1310",
         dated=date(2022, 7, 1))
def executory_on(
    *,
    published_on: date | None,
    received_on: date | None,
    subject_to_transmission: bool = True,
) -> date | None:
    """L2131-1 (via L5211-3): executory once published and, if it must be transmitted to the
    prefect (L2131-2), once received there. None while a required date is missing."""
    if not subject_to_transmission:
        return published_on
    if published_on is None or received_on is None:
        return None
    return max(published_on, received_on)


def _last_day_of_month(year: int, month: int) -> int:
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return (next_month - timedelta(days=1)).day


@follows("Calcul « de quantième à quantième » des délais en mois (art. 641 CPC)",
         dated=date(1976, 1, 1))
def add_months(d: date, months: int) -> date:
    """The same calendar day ``months`` later, or the month's last day when it does not exist
    (a period in months ends "de quantième à quantième", art. 641 CPC)."""
    month_index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(d.day, _last_day_of_month(year, month)))


def is_working_day(d: date, holidays: Holidays) -> bool:
    """Neither a Saturday, a Sunday nor a public holiday of the given calendar."""
    return d.weekday() < 5 and d not in holidays


@follows("Art. 642 CPC (délai expirant un samedi, dimanche ou jour férié prorogé), appliqué par "
         "le juge administratif ; jours fériés : Code du travail L3133-1 et droit local "
         "d'Alsace-Moselle", dated=date(2008, 5, 1))
def next_working_day(d: date, holidays: Holidays) -> date:
    """``d`` itself when it is a working day, else the next one (not Saturday, Sunday or a
    public holiday of ``holidays``, the calendar of the organisation's department), as a
    deadline is extended (art. 642 CPC, applied by the administrative courts)."""
    while not is_working_day(d, holidays):
        d += timedelta(days=1)
    return d


@follows("Délai franc de deux mois : R421-1 CJA ; CE 29 déc. 2006 n° 289818 ; "
         "CE 19 sept. 2014 n° 362568 ; art. 642 CPC", dated=date(2014, 9, 19))
def last_day_of_clear_months(start: date, months: int, holidays: Holidays) -> date:
    """The last day to act in a "délai franc" of ``months`` months that starts from ``start``
    (publication, notification, receipt).

    Neither the starting day nor the day of expiry counts: the period runs from the day
    after ``start`` and the last day is that day's calendar date ``months`` later, clamped to
    the month's last day (CE 29 Dec 2006 n° 289818; CE 19 Sept 2014 n° 362568), moved to the
    next working day when it falls on a Saturday, Sunday or public holiday (art. 642 CPC).
    """
    return next_working_day(add_months(start + timedelta(days=1), months), holidays)


@follows("R421-1 CJA (deux mois à compter de la publication), délai franc : CE 29 déc. 2006 "
         "n° 289818, CE 19 sept. 2014 n° 362568", dated=date(2014, 9, 19))
def appeal_deadline(published_on: date, *, holidays: Holidays) -> date:
    """The last day a recours contentieux may be filed against a deliberation (R421-1 CJA).

    Two months from publication, a délai franc (``last_day_of_clear_months``): published
    14 Dec 2022 → 15 Feb 2023 inclusive; 20 Oct 2022 → 21 Dec 2022; 30 Dec → 28/29 Feb;
    31 Dec → 1 Mar. ``holidays``: the calendar of the organisation's department.
    """
    return last_day_of_clear_months(published_on, 2, holidays)


@follows("CGCT L2131-6 (déféré préfectoral dans les deux mois suivant la transmission), "
         "délai franc du contentieux administratif (CE 29 déc. 2006 n° 289818)",
         dated=date(2014, 9, 19))
def prefect_review_deadline(received_on: date, *, holidays: Holidays) -> date:
    """The last day the prefect may refer the act to the administrative court (déféré
    préfectoral, L2131-6): two months from receipt in the prefecture, counted as the other
    contentious periods (délai franc, next working day). A recours gracieux by the prefect
    within that period extends it; the portal does not record one."""
    return last_day_of_clear_months(received_on, 2, holidays)


@follows("Jours francs (L2121-12 CGCT : « cinq jours francs au moins avant celui de la "
         "réunion ») : ni le jour de l'envoi ni celui de la réunion ne comptent",
         dated=date(1996, 2, 24))
def clear_days_between(earlier: date, later: date) -> int:
    """The number of clear days ("jours francs") between two dates: the whole days strictly
    between them, neither the first nor the last counting (0 when they are adjacent or in
    the wrong order). Every "N jours francs" rule of the portal goes through it."""
    return max(0, (later - earlier).days - 1)


@follows("CGCT L2121-12 (via L5211-1) : cinq jours francs, un jour franc en urgence",
         dated=date(1996, 2, 24))
def latest_convocation_date(
    session_on: date,
    *,
    urgent: bool = False,
    clear_days: int = 5,
    clear_days_urgent: int = 1,
) -> date:
    """The last day a convocation may be sent (L2121-12, applied to EPCI by L5211-1).

    "Jours francs": neither the day of sending nor the day of the session counts, so
    ``clear_days`` full days must lie between them (5, or 1 in urgency): the latest day with
    ``clear_days_between(day, session_on) >= days`` (the inverse of that function).
    """
    days = clear_days_urgent if urgent else clear_days
    return session_on - timedelta(days=days + 1)


@follows("CGCT L2121-12 (via L5211-1)", dated=date(1996, 2, 24))
def convocation_is_timely(
    *,
    convened_on: date,
    session_on: date,
    urgent: bool = False,
    clear_days: int = 5,
    clear_days_urgent: int = 1,
) -> bool:
    """Whether a convocation left the required clear days before the session (L2121-12)."""
    required = clear_days_urgent if urgent else clear_days
    return clear_days_between(convened_on, session_on) >= required and convened_on < session_on


@follows("CGCT L2121-12 (via L5211-1) : délai compté depuis l'envoi de la convocation, "
         "jours francs", dated=date(1996, 2, 24))
def convocation_delay_problem(
    *,
    sent_on: date | None,
    session_on: date,
    urgent: bool = False,
    clear_days: int = 5,
    clear_days_urgent: int = 1,
) -> str:
    """Why the convocation of a session is late (L2121-12), in French; "" when it is not.

    ``sent_on``: the day the convocation was actually sent (the recorded sending, never a
    typed date). In an emergency the delay is one clear day and the assembly must rule on the
    emergency at the opening of the session.
    """
    if sent_on is None:
        return "Aucune convocation n'a été envoyée (L2121-12)."
    if convocation_is_timely(convened_on=sent_on, session_on=session_on, urgent=urgent,
                             clear_days=clear_days, clear_days_urgent=clear_days_urgent):
        return ""
    required = clear_days_urgent if urgent else clear_days
    got = clear_days_between(sent_on, session_on)
    return (
        f"Convocation envoyée le {sent_on:%d/%m/%Y} : {got} jour{'s' if got > 1 else ''} "
        f"franc{'s' if got > 1 else ''} avant la séance, il en faut {required}"
        f"{' en urgence' if urgent else ''} (L2121-12)."
    )


@follows("CGCT L2121-25 (rédaction de l'ordonnance 2021-1310) : « Dans un délai d'une semaine, "
         "la liste des délibérations examinées […] est affichée […] et mise en ligne »",
         dated=date(2022, 7, 1))
def deliberation_list_deadline(session_on: date) -> date:
    """The last day the list of deliberations examined at a session may be posted and put
    online (L2121-25): within a week of the session, i.e. seven days after it."""
    return session_on + timedelta(days=7)


@follows("CGCT L2121-15 (rédaction de l'ordonnance 2021-1310) : le procès-verbal est « publié "
         "sous forme électronique […] dans la semaine qui suit » la séance où il est arrêté",
         dated=date(2022, 7, 1))
def minutes_publication_deadline(approved_on: date) -> date:
    """The last day the procès-verbal may be published online (L2121-15): within the week
    following the session where it was adopted ("arrêté")."""
    return approved_on + timedelta(days=7)


@follows("CGCT L5211-40-2 (loi 2019-1461) : les conseillers municipaux des communes membres "
         "sont destinataires de la liste des délibérations « dans un délai d'un mois » et du "
         "procès-verbal", dated=date(2019, 12, 27))
def member_communes_deadline(start: date) -> date:
    """The last day to send the councillors of the member communes the list of deliberations
    (from the session) or the procès-verbal (from its adoption): within a month (L5211-40-2),
    counted from date to date (art. 641 CPC)."""
    return add_months(start, 1)


@follows("CGCT L2121-15 : le procès-verbal est arrêté au commencement de la séance qui suit",
         dated=date(2022, 7, 1))
def minutes_approval_problem(*, session_on: date, approved_on: date) -> str:
    """Why a session cannot adopt the procès-verbal of another one (L2121-15); "" if it can:
    the PV is adopted ("arrêté") at a later session of the same body."""
    if approved_on <= session_on:
        return ("Le procès-verbal est arrêté lors d'une séance postérieure à celle qu'il "
                "relate (L2121-15).")
    return ""


@follows("CGCT L2131-1 et L2131-2 : pas de délai général de transmission ni de publication "
         "(l'acte n'est exécutoire qu'une fois transmis et publié) ; objectif du greffe",
         dated=date(2022, 7, 1))
def transmission_target(start: date, *, days: int) -> date:
    """The clerk's target date to transmit (or publish) an act, ``days`` after ``start``.

    L2131-1 and L2131-2 set no general deadline: an act untransmitted or unpublished is
    simply not executory. The number of days is the organisation's own target (setting),
    not a legal limit; the calendar says so through its legal basis."""
    return start + timedelta(days=days)


@follows("CGCT L5211-39 : le président adresse chaque année, avant le 30 septembre, au maire de "
         "chaque commune membre un rapport retraçant l'activité de l'établissement",
         dated=date(1999, 7, 12))
def activity_report_deadline(activity_year: int) -> date:
    """The last day the report on a year's activity reaches the members (L5211-39): before
    30 September of the following year. The members' assemblies then take note of it in
    public session, at a date the article does not fix."""
    return date(activity_year + 1, 9, 30)


# CE 16 June 1997, Pfister, n° 142691: "à trois jours au moins d'intervalle" (L2121-17) means
# three clear days between the sending of the new convocation and the second session.
SECOND_CONVOCATION_CLEAR_DAYS = 3


@follows("CGCT L2121-17, 2e alinéa (« à trois jours au moins d'intervalle ») ; CE 16 juin "
         "1997, Pfister, n° 142691 : trois jours francs entre l'envoi de la nouvelle "
         "convocation et la séance", dated=date(1997, 6, 16))
def second_convocation_problems(
    *,
    first_session_on: date,
    first_quorum_failed: bool,
    same_body: bool,
    second_session_on: date,
    convened_on: date | None,
    clear_days: int = SECOND_CONVOCATION_CLEAR_DAYS,
) -> list[str]:
    """Why a session cannot be the second convocation of another one (L2121-17, para. 2).

    Only a session of the same body where the quorum failed opens a second convocation: a
    session closed for lack of quorum, or a held session that lost it at some item (those
    items are carried over, ``items_to_carry_over``). The new convocation is sent after the
    first session and at least three clear days before the second one (CE 16 June 1997,
    Pfister, n° 142691; ``clear_days_between``): sent 18 Oct 2022, the second session can be
    held on 22 Oct, not 21. It then deliberates without quorum on the carried-over items.
    Empty list: the link is valid.
    """
    problems = []
    if not same_body:
        problems.append("La séance initiale doit être une séance de la même assemblée.")
    if not first_quorum_failed:
        problems.append(
            "La séance initiale doit avoir manqué le quorum (séance « Annulée / quorum non "
            "atteint », ou tenue et quorum perdu en cours de séance) : seule une séance sans "
            "quorum ouvre une seconde convocation (L2121-17)."
        )
    if convened_on is None:
        problems.append(
            "Indiquez la date d'envoi de la nouvelle convocation : trois jours francs au moins "
            "doivent la séparer de la seconde séance (L2121-17 ; CE 16 juin 1997, Pfister)."
        )
        return problems
    if convened_on < first_session_on:
        problems.append(
            f"La nouvelle convocation ne peut précéder la séance initiale du "
            f"{first_session_on:%d/%m/%Y} : elle suit le constat de l'absence de quorum."
        )
    if clear_days_between(convened_on, second_session_on) < clear_days:
        earliest = convened_on + timedelta(days=clear_days + 1)
        problems.append(
            f"La seconde convocation se tient à {clear_days} jours francs au moins de l'envoi "
            f"de la nouvelle convocation (L2121-17 ; CE 16 juin 1997, Pfister, n° 142691) : "
            f"convoquée le {convened_on:%d/%m/%Y}, pas avant le {earliest:%d/%m/%Y}."
        )
    return problems


@follows("CGCT L2121-17 (quorum vérifié à chaque question ; questions restantes reportées à "
         "une seconde convocation)", dated=date(1996, 2, 24))
def items_to_carry_over(ranges: Iterable[ItemRange], item_count: int | None = None) -> tuple:
    """The items a session could not deliberate for lack of quorum (L2121-17), to be carried
    over to a second convocation: every item of a range whose quorum is not met. A quorum
    lost at item 15 of 20 gives items 15 to 20; an open last range stops at ``item_count``
    (or at its first item when the agenda size is unknown)."""
    items: list[int] = []
    for item_range in ranges:
        if item_range.figures.quorum_met:
            continue
        last = item_range.last_item
        if last is None:
            last = item_count if item_count is not None else item_range.first_item
        items.extend(range(item_range.first_item, last + 1))
    return tuple(items)


# --- Lifecycle ---------------------------------------------------------------------------------

# A deliberation is drafted, adopted by the body, transmitted to the prefect (L2131-2) and
# published (R2131-1). An adopted act not yet sent out may go back to draft to fix a clerical
# error; once published it changes only by a rectification, never by a status change.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"adopted"}),
    "adopted": frozenset({"transmitted", "published", "draft"}),
    "transmitted": frozenset({"published"}),
    "published": frozenset(),
}


def can_transition(from_status: str, to_status: str) -> bool:
    """Whether the deliberation lifecycle allows this change (L2131-1, L2131-2, R2131-1)."""
    return to_status in ALLOWED_TRANSITIONS.get(from_status, frozenset())


def rectification_problems(
    *, corrected_status: str, corrected_session_date: date, session_date: date | None,
    same_organisation: bool, is_itself: bool,
) -> list[str]:
    """Why an act cannot rectify another, in French (empty when it can). A published act is
    never edited (ALLOWED_TRANSITIONS["published"] is empty): an error is corrected by a new
    act, a rectificatif d'erreur matérielle or a new deliberation, taken by the same
    organisation at the same session or a later one."""
    problems = []
    if is_itself:
        problems.append("Une délibération ne peut se rectifier elle-même.")
    if corrected_status != "published":
        problems.append("Seule une délibération publiée se rectifie : tant qu'elle ne l'est "
                        "pas, corrigez-la directement.")
    if not same_organisation:
        problems.append("La délibération rectifiée doit être de la même collectivité.")
    if session_date is not None and session_date < corrected_session_date:
        problems.append(f"La rectification ne peut précéder la séance du "
                        f"{corrected_session_date:%d/%m/%Y} de la délibération rectifiée.")
    return problems


# --- Appointments (L2121-21) -------------------------------------------------------------------

ROUND_ORDINALS = {1: "premier", 2: "second", 3: "troisième"}
MAX_ROUNDS = 3


@dataclass(frozen=True)
class AppointmentOutcome:
    """The result of an election of a person (nomination, L2121-21).

    ``elected``: the member elected, None while no round decided; ``round``: the deciding
    round (0 for a single candidacy taking effect at once); ``wording``: as the registre
    writes it ("Élu au troisième tour à la majorité relative…").
    """

    elected: Hashable | None
    round: int | None
    wording: str


def _votes(count: int) -> str:
    return _plural(count, "voix", "voix")


@follows("CGCT L2121-21 (scrutin secret pour les nominations, majorité absolue aux deux "
         "premiers tours, relative au troisième, le plus âgé à égalité ; unanimité pour ne pas "
         "voter au scrutin secret ; candidature unique prenant effet immédiatement), via "
         "L5211-1", dated=date(2004, 8, 13))
def appointment_result(
    *,
    rounds: Sequence[Mapping[Hashable, int]],
    born_on: Mapping[Hashable, date | None] = MappingProxyType({}),
    single_candidate: Hashable | None = None,
    names: Names = None,
    feminine: Container = frozenset(),
    secret_ballot_waived: bool = False,
) -> AppointmentOutcome:
    """Who is elected, at which round, and the registre's wording (L2121-21).

    ``rounds``: the votes per candidate in each round (blank and null ballots are not votes
    cast and are left out). Rounds 1 and 2 elect at the absolute majority of the votes cast
    (more than half); round 3 at the relative majority, and on a tie "l'élection est acquise
    au plus âgé" (``born_on``). ``single_candidate``: one candidacy for the post, the
    appointment "prend effet immédiatement" with no vote. Refuses (ValueError, French) a
    fourth round, a round after someone was elected, or a tie at round 3 without the
    candidates' birth dates. ``secret_ballot_waived``: the assembly decided unanimously not
    to vote by secret ballot (L2121-21, 4th para.); the wording says so.
    """
    outcome = _appointment_result(rounds, born_on, single_candidate, names, feminine)
    if secret_ballot_waived and outcome.round:
        return AppointmentOutcome(
            outcome.elected, outcome.round,
            outcome.wording + " L'assemblée a décidé à l'unanimité de ne pas procéder au "
            "scrutin secret (article L2121-21 du CGCT).",
        )
    return outcome


def _appointment_result(rounds, born_on, single_candidate, names, feminine):
    def elected_word(member: Hashable) -> str:
        return "Élue" if member in feminine else "Élu"

    if single_candidate is not None:
        if rounds:
            raise ValueError("Une candidature unique prend effet immédiatement : aucun tour de "
                             "scrutin n'est à saisir (L2121-21).")
        return AppointmentOutcome(
            single_candidate, 0,
            f"{_name(single_candidate, names)}, "
            f"{'seule candidate' if single_candidate in feminine else 'seul candidat'}, est "
            f"{elected_word(single_candidate).lower()} : une seule candidature ayant été "
            "déposée, la nomination prend effet immédiatement (article L2121-21 du CGCT).",
        )
    if len(rounds) > MAX_ROUNDS:
        raise ValueError("L'élection se fait en trois tours au plus (L2121-21).")
    for number, votes in enumerate(rounds, start=1):
        if any(count < 0 for count in votes.values()):
            raise ValueError("Un nombre de voix ne peut être négatif.")
        cast = sum(votes.values())
        ordinal = ROUND_ORDINALS[number]
        last = number == len(rounds)
        if number < MAX_ROUNDS:
            majority = cast // 2 + 1
            winners = [member for member, count in votes.items() if cast and count >= majority]
            if winners:
                if not last:
                    raise ValueError(
                        f"{_name(winners[0], names)} était élu au {ordinal} tour : aucun tour "
                        "suivant ne peut être saisi."
                    )
                winner = winners[0]
                return AppointmentOutcome(
                    winner, number,
                    f"{elected_word(winner)} au {ordinal} tour à la majorité absolue : "
                    f"{_name(winner, names)}, {_votes(votes[winner])} sur {cast} suffrages "
                    f"exprimés (majorité absolue : {majority}).",
                )
            if last:
                return AppointmentOutcome(
                    None, None,
                    f"Aucun candidat n'a obtenu la majorité absolue au {ordinal} tour "
                    f"({majority} voix sur {cast} suffrages exprimés) : il est procédé à un "
                    f"{ROUND_ORDINALS[number + 1]} tour.",
                )
            continue
        best = max(votes.values(), default=0)
        leaders = [member for member, count in votes.items() if count == best]
        if not leaders or best == 0:
            raise ValueError("Aucune voix au troisième tour : rien ne départage les candidats.")
        if len(leaders) == 1:
            winner = leaders[0]
            return AppointmentOutcome(
                winner, number,
                f"{elected_word(winner)} au troisième tour à la majorité relative : "
                f"{_name(winner, names)}, {_votes(best)} sur {cast} suffrages exprimés.",
            )
        missing = [member for member in leaders if born_on.get(member) is None]
        if missing:
            raise ValueError(
                "Égalité de voix au troisième tour : indiquez la date de naissance de "
                + ", ".join(_name(member, names) for member in missing)
                + " (l'élection est acquise au plus âgé, L2121-21)."
            )
        winner = min(leaders, key=lambda member: born_on[member])
        return AppointmentOutcome(
            winner, number,
            f"{elected_word(winner)} au troisième tour à la majorité relative, au bénéfice de "
            f"l'âge : {_name(winner, names)}, {_votes(best)} sur {cast} suffrages exprimés, à "
            "égalité avec "
            + ", ".join(_name(member, names) for member in leaders if member != winner)
            + " (article L2121-21 du CGCT).",
        )
    return AppointmentOutcome(None, None, "Aucun tour de scrutin n'est saisi.")


@follows("CGCT L2121-21, 4e alinéa (unanimité pour ne pas voter au scrutin secret, sauf texte "
         "l'imposant) ; L2122-7 via L5211-2 (président et vice-présidents au scrutin secret)",
         dated=date(2004, 8, 13))
def appointment_ballot_problems(*, secret_ballot_waived: bool,
                                executive_election: bool) -> list[str]:
    """Why an appointment's ballot is not lawful (L2121-21): the assembly may decide, only
    unanimously (``secret_ballot_waived`` records that unanimous decision), not to vote by
    secret ballot, but never for the election of the president and vice-presidents, which
    the law requires to be secret (L2122-7, applied by L5211-2)."""
    problems = []
    if secret_ballot_waived and executive_election:
        problems.append("L'élection du président et des vice-présidents a lieu au scrutin "
                        "secret : l'assemblée ne peut y renoncer (L2122-7, via L5211-2).")
    return problems


# --- Individual decisions (L2131-1) -----------------------------------------------------------


@follows("CGCT L2131-1 (rédaction de l'ordonnance 2021-1310, en vigueur le 1er juillet 2022) : "
         "exécutoire dès la notification aux intéressés et la transmission au représentant de "
         "l'État ; R421-1 CJA (deux mois à compter de la notification)", dated=date(2022, 7, 1))
def individual_executory_on(
    *,
    notified_on: Iterable[date | None],
    received_on: date | None,
    subject_to_transmission: bool = True,
) -> date | None:
    """When an individual decision is executory (L2131-1): once notified to the person
    concerned and, when it must be transmitted to the prefect, once received there; its
    publication plays no part. With several addressees, the act is executory for each one
    from their own notification; this returns the date it is executory for all of them (the
    latest), None while one is not notified or the receipt is missing. The appeal period of
    each addressee runs from their notification (``appeal_deadline`` of that date)."""
    dates = list(notified_on)
    if not dates or any(day is None for day in dates):
        return None
    if subject_to_transmission:
        if received_on is None:
            return None
        dates.append(received_on)
    return max(dates)


# --- Ballot requests and roll-call votes (L2121-21) ---------------------------------------------


@follows("CGCT L2121-21 (scrutin public à la demande du quart des membres présents, scrutin "
         "secret à la demande du tiers ou pour une nomination ; le secret l'emporte)",
         dated=date(2004, 8, 13))
def required_ballot(*, present: int, roll_call_requests: int = 0,
                    secret_requests: int = 0) -> str:
    """The ballot the requests impose (L2121-21): "secret" when at least a third of the
    members present asked for it, else "public" (roll call, names recorded) when at least a
    quarter asked for it, else "main_levee". When both thresholds are met the secret ballot
    prevails. ``present``: the members present on the item."""
    if present < 1:
        raise ValueError("Il faut au moins un membre présent pour voter.")
    if secret_requests and 3 * secret_requests >= present:
        return "secret"
    if roll_call_requests and 4 * roll_call_requests >= present:
        return "public"
    return "main_levee"


def ballot_request_problems(*, ballot: str, present: int, roll_call_requests: int | None,
                            secret_requests: int | None) -> list[str]:
    """French errors when the recorded ballot does not follow the requests (L2121-21)."""
    if roll_call_requests is None and secret_requests is None:
        return []
    required = required_ballot(present=present, roll_call_requests=roll_call_requests or 0,
                               secret_requests=secret_requests or 0)
    if required == ballot:
        return []
    labels = {"secret": "au scrutin secret", "public": "au scrutin public",
              "main_levee": "à main levée"}
    return [
        f"Avec {secret_requests or 0} demande(s) de scrutin secret et {roll_call_requests or 0} "
        f"de scrutin public pour {present} membres présents, le vote a lieu "
        f"{labels[required]} (L2121-21 : le tiers des présents pour le secret, qui l'emporte, "
        "le quart pour le scrutin public)."
    ]


VOTE_CHOICES = ("for", "against", "abstention", "not_voting")


@follows("CGCT L2121-21 (au scrutin public, le registre porte les noms des votants et le sens "
         "de leur vote) ; L2121-15 (procès-verbal)", dated=date(2021, 10, 7))
def member_vote_problems(
    *,
    choices: Iterable[str],
    ballot: str,
    votes_for: int | None,
    votes_against: int | None,
    abstentions: int | None,
) -> list[str]:
    """French errors when the votes recorded per member do not fit the vote: names are
    recorded in a public (roll-call) ballot, never in a secret one, and their tally must
    equal the counts entered for the deliberation."""
    tally = Counter(choices)
    unknown = set(tally) - set(VOTE_CHOICES)
    if unknown:
        raise ValueError(f"Sens de vote inconnu : {', '.join(sorted(unknown))}.")
    if not tally:
        return []
    if ballot == "secret":
        return ["Au scrutin secret, le sens du vote de chaque membre n'est pas enregistré "
                "(L2121-21)."]
    problems = []
    for choice, label, count in (("for", "pour", votes_for), ("against", "contre", votes_against),
                                 ("abstention", "abstentions", abstentions)):
        if tally[choice] != (count or 0):
            problems.append(
                f"Votes nominatifs « {label} » : {tally[choice]} enregistrés, {count or 0} "
                "au décompte de la délibération."
            )
    return problems


# --- Urgency (L2121-12) -------------------------------------------------------------------------


@follows("CGCT L2121-12, 3e alinéa (via L5211-1) : urgence, un jour franc au moins ; le président "
         "en rend compte dès l'ouverture de la séance et l'assemblée se prononce sur l'urgence",
         dated=date(1996, 2, 24))
def urgency_problems(
    *,
    convened_on: date,
    session_on: date,
    urgent: bool,
    ruling: str,
    clear_days: int = 5,
    clear_days_urgent: int = 1,
) -> list[str]:
    """Why a convocation sent in urgency is not justified (L2121-12): the shorter delay (one
    clear day) stands only when the assembly rules on the urgency at the opening of the
    session (``ruling``: "upheld", or "referred" when it sends the discussion to a later
    session). Empty when the ordinary delay was kept, or the urgency ruled on."""
    short = clear_days_between(convened_on, session_on) < clear_days
    if not short:
        return []
    if not urgent:
        return []  # convocation_is_timely already reports the late convocation
    problems = []
    if clear_days_between(convened_on, session_on) < clear_days_urgent:
        problems.append(
            f"Même en urgence, la convocation part {clear_days_urgent} jour franc au moins "
            "avant la séance (L2121-12)."
        )
    if ruling == "":
        problems.append(
            "Convocation en urgence : l'assemblée ne s'est pas prononcée sur l'urgence à "
            "l'ouverture de la séance (L2121-12) ; sans ce vote, le délai d'un jour franc n'est "
            "pas justifié."
        )
    elif ruling == "referred":
        problems.append(
            "L'assemblée a renvoyé la discussion à une séance ultérieure (L2121-12) : les "
            "questions renvoyées ne sont pas délibérées à cette séance."
        )
    return problems


# --- Videoconference (L5211-11-1) ---------------------------------------------------------------


@follows("CGCT L5211-11-1 (réunion de l'organe délibérant d'un EPCI à fiscalité propre par "
         "téléconférence : scrutin public seulement, report si le scrutin secret est demandé, "
         "exclusions)", dated=date(2019, 12, 27))
def videoconference_problems(
    *,
    bureau: bool,
    ballot: str,
    secret_requests: int | None = None,
    present: int | None = None,
    executive_election: bool = False,
    initial_budget: bool = False,
    external_appointment: bool = False,
) -> list[str]:
    """Why an item cannot be deliberated in a session held by videoconference (L5211-11-1).

    The article opens videoconference to the organe délibérant only, not the Bureau; votes
    are public only ("le vote se fait au scrutin public"), and when the secret ballot is
    asked for by the members who may obtain it (a third of those present, L2121-21) the
    president postpones the item; the election of the president and the bureau, the initial
    budget and the appointments of L2121-33 are excluded. Members attending remotely count
    as present for quorum: the clerk records them as present (Attendance.remote).
    """
    problems = []
    if bureau:
        problems.append("Le Bureau ne peut se réunir par téléconférence : L5211-11-1 ne vise "
                        "que l'organe délibérant.")
    if ballot == "secret":
        problems.append("En téléconférence, le vote a lieu au scrutin public (L5211-11-1).")
    if secret_requests and present and 3 * secret_requests >= present:
        problems.append("Le scrutin secret est demandé par le tiers des présents : en "
                        "téléconférence, le président reporte la question à une séance "
                        "ultérieure (L5211-11-1).")
    excluded = [label for flag, label in (
        (executive_election, "l'élection du président et du bureau"),
        (initial_budget, "l'adoption du budget primitif"),
        (external_appointment, "les désignations au sein d'organismes extérieurs (L2121-33)"),
    ) if flag]
    if excluded:
        problems.append("Une réunion par téléconférence ne peut porter sur "
                        + ", ".join(excluded) + " (L5211-11-1).")
    return problems
