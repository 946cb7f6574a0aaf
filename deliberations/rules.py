"""The legal rules of a deliberating body, as pure functions.

Quorum, proxies and per-item figures (CGCT L2121-17, L2121-20, L2131-11), vote results
(L2121-20), executability (L2131-1, L5211-3), appeal and convocation deadlines (R421-1 CJA,
L2121-12) and the deliberation lifecycle.

Standard library only: no Django, no ORM. Callers turn model rows into the dataclasses below,
so these rules are fast to test and shared by views, services, extracts and the API (one copy
of each rule, STYLE.md). Members are arbitrary hashables (primary keys or names); functions
that write French messages take ``names`` to print them (default ``str(member)``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import TypeAlias

Names: TypeAlias = Mapping[Hashable, str] | None
DateWindows: TypeAlias = tuple[tuple[date, date], ...]

# Covid derogations (ordonnance 2020-391, lois 2020-1379 and 2021-1465): a member could hold
# two proxies. Kept as dated configuration, both ends inclusive; the last one ended on
# 31 July 2022.
DEFAULT_DOUBLE_PROXY_WINDOWS: DateWindows = (
    (date(2020, 3, 24), date(2020, 7, 10)),
    (date(2020, 10, 30), date(2022, 7, 31)),
)


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


def is_present(presence: Presence, item: int) -> bool:
    """Whether a presence covers an item (L2121-17: attendance is checked at every item)."""
    return _within(item, presence.from_item, presence.until_item)


def proxy_covers(proxy: ProxyGrant, item: int) -> bool:
    """Whether a proxy was given for an item (L2121-20); bounds are inclusive."""
    return _within(item, proxy.from_item, proxy.until_item)


def quorum_required(in_office: int) -> int:
    """L2121-17: quorum is more than half of the members in office, i.e. ``floor(N/2) + 1``.

    Only members physically present count towards it, never proxies. A body with no member in
    office cannot deliberate, hence the error rather than a quorum of 1.
    """
    if in_office < 1:
        raise ValueError(
            "Le nombre de membres en exercice doit être au moins 1 pour calculer le quorum "
            f"(reçu : {in_office})."
        )
    return math.floor(in_office / 2) + 1


def max_proxies_per_holder(
    session_date: date, windows: DateWindows = DEFAULT_DOUBLE_PROXY_WINDOWS
) -> int:
    """L2121-20: a member holds a single proxy; two inside a Covid window (inclusive bounds)."""
    if any(start <= session_date <= end for start, end in windows):
        return 2
    return 1


@dataclass(frozen=True)
class PresenceProblem:
    """Why a member marked present does not count on an item (L2121-17, L5211-6).

    ``kind`` is ``"not_in_office"`` (not a member in office of the body on the session date),
    ``"substitute_with_titular_present"`` (a suppléant whose titular member is present) or
    ``"duplicate_substitute"`` (a second suppléant for the same titular member).
    ``replaces`` is the titular member the suppléant sits for, if any.
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
) -> tuple[frozenset, tuple[PresenceProblem, ...]]:
    """The members who count as physically present on ``item``, and why others do not.

    L2121-17: quorum counts the members in office physically present; a member withdrawn for a
    personal interest (L2131-11) is not present for that item (and no problem: that is the
    law working). L5211-6: a délégué suppléant counts only in place of an absent titular
    member in office, one suppléant per titular member. ``in_office_members`` None keeps the
    legacy reading where everyone marked present counts.
    """
    rows = [p for p in presences if is_present(p, item)]
    # A member may be listed twice (left, then came back): presence on the item is what counts.
    marked = frozenset(p.member for p in rows)
    if in_office_members is None:
        return marked - withdrawn, ()
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
            if titular in marked:
                problems.append(PresenceProblem(
                    "substitute_with_titular_present", item, member, titular,
                    f"{name} supplée {titular_name}, présent à la question {item} : "
                    "sa présence n'est pas comptée",
                ))
            elif titular in replaced_by:
                problems.append(PresenceProblem(
                    "duplicate_substitute", item, member, titular,
                    f"{name} supplée {titular_name}, déjà suppléé par "
                    f"{_name(replaced_by[titular], names)} à la question {item} : "
                    "sa présence n'est pas comptée",
                ))
            else:
                replaced_by[titular] = member
                counted.add(member)
            continue
        problems.append(PresenceProblem(
            "not_in_office", item, member, titular,
            f"{name} n'est pas membre en exercice de l'assemblée : sa présence n'est pas "
            f"comptée (question {item})",
        ))
    return frozenset(counted), tuple(problems)


def presence_problems(
    *,
    item: int,
    presences: Iterable[Presence],
    in_office_members: frozenset,
    withdrawn: Iterable[Hashable] = (),
    names: Names = None,
) -> tuple[PresenceProblem, ...]:
    """The members marked present who do not count on an item (L2121-17, L5211-6).

    Only members in office count, or a délégué suppléant sitting for an absent titular
    member in office; see ``PresenceProblem`` for the kinds.
    """
    _check_item(item)
    _, problems = _counted_present(
        item=item, presences=presences, withdrawn=frozenset(withdrawn),
        in_office_members=frozenset(in_office_members), names=names,
    )
    return problems


@dataclass(frozen=True)
class ProxyProblem:
    """Why a proxy does not count on an item.

    ``kind`` is one of ``"self_proxy"``, ``"duplicate_giver"``, ``"giver_not_in_office"``,
    ``"giver_withdrawn"``, ``"holder_absent"``, ``"holder_not_in_office"`` and
    ``"too_many_proxies"``. ``message`` is French and names the members and the item.
    """

    kind: str
    item: int
    giver: Hashable
    holder: Hashable
    message: str


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
                f"{giver} s'est retiré pour la question {item} (intérêt personnel, L2131-11) : "
                f"sa procuration à {holder} ne peut être utilisée",
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
                "(intérêt personnel, L2131-11)",
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
    windows: DateWindows,
    names: Names,
) -> tuple[frozenset, tuple[PresenceProblem, ...], tuple[ProxyGrant, ...],
           tuple[ProxyProblem, ...]]:
    _check_item(item)
    presences = tuple(presences)
    withdrawn_set = frozenset(withdrawn)
    office = None if in_office_members is None else frozenset(in_office_members)
    present, presence_issues = _counted_present(
        item=item, presences=presences, withdrawn=withdrawn_set, in_office_members=office,
        names=names,
    )
    effective, proxy_issues = _assess_proxies(
        item=item,
        present=present,
        withdrawn=withdrawn_set,
        proxies=proxies,
        limit=max_proxies_per_holder(session_date, windows),
        names=names,
        in_office_members=office,
        marked_present=frozenset(p.member for p in presences if is_present(p, item)),
    )
    return present, presence_issues, effective, proxy_issues


def proxy_problems(
    *,
    item: int,
    presences: Iterable[Presence],
    proxies: Iterable[ProxyGrant],
    session_date: date,
    windows: DateWindows = DEFAULT_DOUBLE_PROXY_WINDOWS,
    names: Names = None,
    withdrawn: Iterable[Hashable] = (),
    in_office_members: Iterable[Hashable] | None = None,
) -> tuple[ProxyProblem, ...]:
    """The proxies that cannot count on an item, with a French message each (L2121-20).

    A proxy counts when it covers the item, its giver is absent, its holder is present and
    the holder stays within ``max_proxies_per_holder``. A proxy whose giver is present simply
    lapses for that item and is not a problem. Members in ``withdrawn`` left the room for a
    personal interest (L2131-11): they neither hold nor give a proxy on that item. With
    ``in_office_members`` (L2121-17), the giver must be a member in office and the holder
    must count as present (in office, or a suppléant sitting for an absent titular member,
    L5211-6); None keeps the legacy reading where every member counts.
    """
    *_, problems = _figures_on(
        item=item, presences=presences, proxies=proxies, session_date=session_date,
        withdrawn=withdrawn, in_office_members=in_office_members, windows=windows, names=names,
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


def item_figures(
    *,
    item: int,
    in_office: int,
    presences: Iterable[Presence],
    proxies: Iterable[ProxyGrant],
    session_date: date,
    withdrawn: Iterable[Hashable] = (),
    quorum_waived: bool = False,
    windows: DateWindows = DEFAULT_DOUBLE_PROXY_WINDOWS,
    names: Names = None,
    in_office_members: Iterable[Hashable] | None = None,
) -> ItemFigures:
    """Present, represented and quorum for one item (L2121-17, L2121-20, L2131-11, L5211-6).

    Quorum counts members physically present only; a member withdrawn for a personal interest
    (L2131-11) is not present for that item and can neither give nor hold a proxy on it. Only
    effective proxies are represented. With ``in_office_members`` (the members in office on
    the session date, ``members_in_office``), only they count as present, plus a délégué
    suppléant sitting for an absent titular member in office (L5211-6); the others are listed
    in ``problems``. None keeps the legacy reading where everyone marked present counts.
    """
    present, presence_issues, effective, proxy_issues = _figures_on(
        item=item, presences=presences, proxies=proxies, session_date=session_date,
        withdrawn=withdrawn, in_office_members=in_office_members, windows=windows, names=names,
    )
    problems = (*presence_issues, *proxy_issues)
    required = None if quorum_waived else quorum_required(in_office)
    return ItemFigures(
        item=item,
        in_office=in_office,
        present=len(present),
        represented=len(effective),
        votes_available=len(present) + len(effective),
        quorum_required=required,
        quorum_met=required is None or len(present) >= required,
        problems=problems,
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
    windows: DateWindows = DEFAULT_DOUBLE_PROXY_WINDOWS,
    names: Names = None,
    withdrawn: Mapping[int, Iterable[Hashable]] = NO_WITHDRAWALS,
    in_office_members: Iterable[Hashable] | None = None,
) -> list[ItemRange]:
    """The session's figures as ranges of items with identical figures (L2121-17, L2121-20).

    With ``item_count`` the ranges cover items 1..item_count exactly; without it the last range
    is open-ended. Quorum is waived only for the items carried over from a session that lacked
    quorum, and only at the second convocation (L2121-17, second paragraph). ``withdrawn``
    maps an item to the members who left the room for a personal interest on it (L2131-11):
    they are not present on that item only, which therefore forms a range of its own.
    ``in_office_members``: see ``item_figures`` (L2121-17, L5211-6). Adjacent ranges whose
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
            windows=windows,
            names=names,
            in_office_members=office,
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


def vote_result(
    *,
    votes_for: int,
    votes_against: int,
    abstentions: int = 0,
    blank_or_null: int = 0,
    ballot: str = "main_levee",
    president_voted_for: bool | None = None,
) -> VoteOutcome:
    """L2121-20: adopted when votes for exceed votes against.

    Abstentions, blank and null ballots are not votes cast. On a tie the president's vote
    decides, except in a secret ballot where the motion is rejected. With no vote cast at all
    there is no tie to break: the motion is rejected.
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

    votes_cast = votes_for + votes_against
    detail = _vote_detail(votes_for, votes_against, abstentions, blank_or_null)
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
    if president_voted_for is None:
        raise ValueError(
            "En cas de partage des voix, indiquez le sens du vote du président "
            "(voix prépondérante, L2121-20)."
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


def add_months(d: date, months: int) -> date:
    """The same calendar day ``months`` later, or the month's last day when it does not exist
    (how a deadline "de quantième à quantième" ends, e.g. R421-1 CJA)."""
    month_index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(d.day, _last_day_of_month(year, month)))


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Butcher);
    Easter Monday, Ascension and Whit Monday derive from it (Code du travail L3133-1)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def french_public_holidays(year: int) -> frozenset[date]:
    """The 11 metropolitan public holidays (jours fériés, Code du travail L3133-1).

    Alsace-Moselle's extra days (Good Friday, 26 December) are not included: the bodies served
    here sit in the Pas-de-Calais.
    """
    easter = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),
            easter + timedelta(days=1),  # lundi de Pâques
            date(year, 5, 1),
            date(year, 5, 8),
            easter + timedelta(days=39),  # Ascension
            easter + timedelta(days=50),  # lundi de Pentecôte
            date(year, 7, 14),
            date(year, 8, 15),
            date(year, 11, 1),
            date(year, 11, 11),
            date(year, 12, 25),
        }
    )


def _is_working_day(d: date) -> bool:
    return d.weekday() < 5 and d not in french_public_holidays(d.year)


def next_working_day(d: date) -> date:
    """``d`` itself when it is a working day, else the next one (not Saturday, Sunday or a
    public holiday), as a deadline is extended (art. 642 CPC, applied by the Conseil d'État)."""
    while not _is_working_day(d):
        d += timedelta(days=1)
    return d


def appeal_deadline(published_on: date, *, move_to_working_day: bool = True) -> date:
    """The end of the two-month appeal period from publication (R421-1 CJA).

    Same calendar day two months later, clamped to the month's last day; a period ending on a
    Saturday, Sunday or public holiday is extended to the next working day (art. 642 CPC by
    analogy, Conseil d'État case law). DOMAIN.md marks that extension "to confirm": it is
    applied here only, behind ``move_to_working_day``.
    """
    deadline = add_months(published_on, 2)
    return next_working_day(deadline) if move_to_working_day else deadline


def latest_convocation_date(
    session_on: date,
    *,
    urgent: bool = False,
    clear_days: int = 5,
    clear_days_urgent: int = 1,
) -> date:
    """The last day a convocation may be sent (L2121-12, applied to EPCI by L5211-1).

    "Jours francs": neither the day of sending nor the day of the session counts, so
    ``clear_days`` full days must lie between them (5, or 1 in urgency).
    """
    days = clear_days_urgent if urgent else clear_days
    return session_on - timedelta(days=days + 1)


def convocation_is_timely(
    *,
    convened_on: date,
    session_on: date,
    urgent: bool = False,
    clear_days: int = 5,
    clear_days_urgent: int = 1,
) -> bool:
    """Whether a convocation left the required clear days before the session (L2121-12)."""
    latest = latest_convocation_date(
        session_on, urgent=urgent, clear_days=clear_days, clear_days_urgent=clear_days_urgent
    )
    return convened_on <= latest


SECOND_CONVOCATION_MIN_DAYS = 3


def second_convocation_problems(
    *,
    first_session_on: date,
    first_quorum_failed: bool,
    same_body: bool,
    second_session_on: date,
    min_days: int = SECOND_CONVOCATION_MIN_DAYS,
) -> list[str]:
    """Why a session cannot be the second convocation of another one (L2121-17, para. 2).

    Only a session of the same body where the quorum was not reached opens a second
    convocation, held "à trois jours au moins d'intervalle"; it then deliberates without
    quorum on the carried-over items. Read here as at least three days between the two
    session dates (the interval the article sets). Empty list: the link is valid.
    """
    problems = []
    if not same_body:
        problems.append("La séance initiale doit être une séance de la même assemblée.")
    if not first_quorum_failed:
        problems.append(
            "La séance initiale doit être marquée « Annulée / quorum non atteint » : seule une "
            "séance sans quorum ouvre une seconde convocation (L2121-17)."
        )
    if second_session_on < first_session_on + timedelta(days=min_days):
        earliest = first_session_on + timedelta(days=min_days)
        problems.append(
            f"La seconde convocation se tient à {min_days} jours au moins d'intervalle "
            f"(L2121-17) : pas avant le {earliest:%d/%m/%Y}."
        )
    return problems


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
