"""Proxies, written proxies and délégués suppléants (L2121-20, L5211-6)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from .attendance import (
    CGCT_RULES,
    BodyRules,
    MandateSpan,
    Presence,
    PresenceProblem,
    _counted_present,
    is_present,
)
from .regimes import EXCEPTIONAL_REGIMES, Regimes, regime_on
from .sources import Names, _check_item, _name, _within, follows


@dataclass(frozen=True)
class ProxyGrant:
    """A procuration (pouvoir, L2121-20): ``giver`` asks ``holder`` to vote in their name.

    ``until_item``: "jusqu'à la question 4" gives 4 (inclusive).
    """

    giver: Hashable
    holder: Hashable
    from_item: int | None = None
    until_item: int | None = None


@follows("CGCT L5211-6, 4e alinéa (rédaction de la loi 2019-1461) : « lorsqu'une commune ne "
         "dispose que d'un seul conseiller communautaire », un conseiller suppléant ; jamais au "
         "Bureau (L5211-10)", dated=date(2019, 12, 28))
def commune_seats(mandates: Iterable[MandateSpan], on: date) -> Mapping[Hashable, int]:
    """Commune -> the number of titular seats it holds in the body on a date (L5211-6)."""
    seats: Counter[Hashable] = Counter()
    counted: set[tuple[Hashable, Hashable]] = set()
    for mandate in mandates:
        if (
            not mandate.substitute
            and mandate.commune is not None
            and mandate.start_on <= on
            and (mandate.end_on is None or on <= mandate.end_on)
            and (mandate.commune, mandate.member) not in counted
        ):
            # A member holding two spans on the date (president, then councillor) is one seat.
            counted.add((mandate.commune, mandate.member))
            seats[mandate.commune] += 1
    return MappingProxyType(dict(seats))


@follows("CGCT L5211-6, 4e alinéa (rédaction de la loi 2019-1461) : suppléant de la commune "
         "qui ne dispose que d'un seul conseiller ; L5211-10 (Bureau)", dated=date(2019, 12, 28))
def substitute_designation_problem(
    *,
    seats_of_commune: int | None,
    bureau: bool = False,
    commune_name: str = "",
    same_commune: bool = True,
) -> str:
    """Why a délégué suppléant cannot be designated, in French; "" when they can (L5211-6).

    Only a commune with a single councillor in the communauté has a suppléant
    (``seats_of_commune``: its titular seats in the body on the start date, without the one
    being designated); only in the organe délibérant, never in the Bureau; and for the
    titular member of that commune (``same_commune``).
    """
    commune = f"la commune de {commune_name}" if commune_name else "la commune"
    if bureau:
        return ("Un délégué suppléant ne siège qu'à l'organe délibérant, jamais au Bureau "
                "(article L5211-6 du CGCT).")
    if seats_of_commune is None:
        return ("Indiquez la commune représentée : seule une commune qui ne dispose que d'un "
                "seul conseiller communautaire a un délégué suppléant (article L5211-6 du "
                "CGCT).")
    if seats_of_commune != 1:
        return (f"{commune[0].upper()}{commune[1:]} dispose de {seats_of_commune} sièges de "
                "conseiller titulaire : seule une commune qui ne dispose que d'un seul "
                "conseiller communautaire a un délégué suppléant (article L5211-6 du CGCT).")
    if not same_commune:
        return (f"Le délégué suppléant de {commune} supplée le conseiller titulaire de cette "
                "commune, non celui d'une autre (article L5211-6 du CGCT).")
    return ""


@follows("CGCT L5211-6 (délégué suppléant de la commune qui n'a qu'un conseiller, voix "
         "délibérative en l'absence du titulaire, rédaction de la loi 2019-1461)",
         dated=date(2019, 12, 28))
def designated_substitutes(
    mandates: Iterable[MandateSpan], on: date
) -> Mapping[Hashable, frozenset]:
    """Titular member -> the délégués suppléants designated for them and in office on a date.

    L5211-6: the suppléant of a commune sits "avec voix délibérative" in place of *its*
    titular member when that member is absent and "en a avisé le président"; a suppléant
    mandate with no titular member named designates nobody (the clerk must name one), and
    nor does one whose titular member's commune holds several seats on that date
    (``commune_seats``: only a commune with a single councillor has a suppléant). The notice
    to the president is not recorded: a suppléant entered as sitting is taken as announced.
    """
    mandates = tuple(mandates)
    seats = commune_seats(mandates, on)
    commune_of = {
        mandate.member: mandate.commune for mandate in mandates
        if not mandate.substitute and mandate.commune is not None
        and mandate.start_on <= on and (mandate.end_on is None or on <= mandate.end_on)
    }
    found: dict[Hashable, set] = {}
    for mandate in mandates:
        if (
            mandate.substitute
            and mandate.substitute_for is not None
            and mandate.start_on <= on
            and (mandate.end_on is None or on <= mandate.end_on)
        ):
            commune = commune_of.get(mandate.substitute_for)
            if commune is not None and seats.get(commune, 0) > 1:
                continue
            found.setdefault(mandate.substitute_for, set()).add(mandate.member)
    return MappingProxyType({titular: frozenset(members) for titular, members in found.items()})


def proxy_covers(proxy: ProxyGrant, item: int) -> bool:
    """Whether a proxy was given for an item (L2121-20); bounds are inclusive."""
    return _within(item, proxy.from_item, proxy.until_item)


@follows("CGCT L2121-20 ; EXCEPTIONAL_REGIMES (Covid-19, deux pouvoirs)",
         dated=date(2021, 11, 10))
def max_proxies_per_holder(
    session_date: date,
    regimes: Regimes = EXCEPTIONAL_REGIMES,
    body_rules: BodyRules = CGCT_RULES,
) -> int:
    """L2121-20: a member holds a single proxy; two under an exceptional regime; what the
    body's statutes allow otherwise (``BodyRules.proxies_per_holder``)."""
    regime = regime_on(session_date, regimes, department=body_rules.department)
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
