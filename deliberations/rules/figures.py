"""Figures per item and per session: present, represented, quorum (L2121-17)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from .attendance import (
    CGCT_RULES,
    BodyRules,
    Presence,
    PresenceProblem,
    quorum_reached,
    quorum_required,
)
from .proxies import (
    ProxyGrant,
    ProxyProblem,
    _figures_on,
)
from .regimes import EXCEPTIONAL_REGIMES, ExceptionalRegime, Regimes, regime_on
from .sources import Names
from .weights import VoiceFigures, voice_figures

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
    # Weighted votes (statutes): the same figures in voices, None when every seat has one.
    voices: VoiceFigures | None = None


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
    voices: Mapping[Hashable, int] | None = None,
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
    ``voices`` (member -> voices of the seat, ``seat_voices``): a body whose statutes weight
    the votes gets the figures in voices too, and its quorum in voices when the statutes
    say so (``BodyRules.quorum_in_voices``).
    """
    presences = tuple(presences)
    present, presence_issues, effective, proxy_issues = _figures_on(
        item=item, presences=presences, proxies=proxies, session_date=session_date,
        withdrawn=withdrawn, in_office_members=in_office_members, regimes=regimes, names=names,
        substitutes=substitutes, body_rules=body_rules, withdrawal_reasons=withdrawal_reasons,
    )
    problems = (*presence_issues, *proxy_issues)
    regime = regime_on(session_date, regimes, department=body_rules.department)
    required = None if quorum_waived else quorum_required(in_office, regime=regime)
    weighted = None
    if voices is not None and in_office_members is not None:
        weighted = voice_figures(
            present=present, effective=effective, in_office_members=frozenset(in_office_members),
            presences=presences, voices=voices, body_rules=body_rules, regime=regime,
        )
    met = required is None or quorum_reached(
        present=len(present), represented=len(effective), required=required, regime=regime,
        body_rules=body_rules,
    )
    if weighted is not None and weighted.quorum_required is not None and required is not None:
        met = bool(weighted.quorum_met)
    return ItemFigures(
        item=item,
        in_office=in_office,
        present=len(present),
        represented=len(effective),
        votes_available=len(present) + len(effective),
        quorum_required=required,
        quorum_met=met,
        problems=problems,
        regime=regime,
        body_rules=body_rules,
        voices=weighted,
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
            figures.voices,
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
    voices: Mapping[Hashable, int] | None = None,
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
    ``item_figures`` (L2121-17, L5211-6); ``voices``: see ``item_figures``. Adjacent ranges whose
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
            voices=voices,
        )
        if ranges and _same_figures(ranges[-1].figures, figures):
            ranges[-1] = ItemRange(ranges[-1].first_item, last, ranges[-1].figures)
        else:
            ranges.append(ItemRange(first, last, figures))
    return ranges
