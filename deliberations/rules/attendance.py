"""Presences, members in office and quorum (L2121-17, L5211-6)."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from .regimes import ExceptionalRegime
from .sources import Names, _check_item, _name, _within, follows


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
    # The commune the seat represents (Mandate.commune), None when not recorded.
    commune: Hashable | None = None
    # The voices the statutes give the seat (weighted votes, Mandate.voices).
    voices: int = 1


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


@dataclass(frozen=True)
class BodyRules:
    """The rules a body's own texts set, defaulting to the CGCT ("rules per body").

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
    # The organisation's department (INSEE code): the territorial scope of the exceptional
    # regimes (regime_on, loi 2020-856 art. 2).
    department: str = ""
    # Outside the Covid windows, remote members count only from a designated meeting place
    # (meetings.remote_attendance_problem), or from anywhere when the body reads it so.
    remote_from_designated_places: bool = True
    remote_source: str = "CGCT L5211-11-1 (« en plusieurs lieux ») ; décret n° 2020-904"
    # What "deux tiers du conseil" is counted on (votes.two_thirds_required), and the source.
    two_thirds_basis: str = "all_seats"
    two_thirds_source: str = ("QE n° 68314 (JO AN 2006) ; TA Lille 2004 : tous les sièges du "
                              "conseil")
    # The council's legal number of seats, None when not recorded.
    seats: int | None = None
    # Weighted votes per the statutes (weights.py): voices per seat, in the quorum or not.
    weighted_votes: bool = False
    quorum_in_voices: bool = False
    weights_source: str = ""


CGCT_RULES = BodyRules()
# L5211-10: the Bureau deliberates on delegated powers; L5211-6 gives suppléants a seat in the
# organe délibérant (the Conseil, the Comité) only.
BUREAU_RULES = BodyRules(substitutes_admitted=False)


def is_present(presence: Presence, item: int) -> bool:
    """Whether a presence covers an item (L2121-17: attendance is checked at every item)."""
    return _within(item, presence.from_item, presence.until_item)


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


@follows("CGCT L2121-17 (via L5211-1) : quorum vérifié à chaque question de l'ordre du "
         "jour", dated=date(2021, 11, 10))
def item_range_problem(from_item: int | None, until_item: int | None,
                       item_count: int | None) -> str | None:
    """Why a range of items ("à partir de la question 5", "jusqu'à la question 12") cannot
    be recorded, or None. Quorum and votes are checked per item of the agenda (L2121-17): a
    range is checked against the session's item count, so it cannot be entered before the
    count is known, and it cannot name an item the agenda does not have."""
    if from_item is None and until_item is None:
        return None
    shown = (str(from_item) if from_item == until_item
             else f"{from_item or ''}-{until_item or ''}")
    if item_count is None:
        return (f"Questions « {shown} » : indiquez d'abord le nombre de questions à l'ordre "
                "du jour de la séance ; les questions ne peuvent être vérifiées sans lui.")
    last = max(item for item in (from_item, until_item) if item is not None)
    if last > item_count:
        counted = "1 question" if item_count == 1 else f"{item_count} questions"
        return (f"Questions « {shown} » : la séance ne compte que {counted} à l'ordre du "
                "jour.")
    return None
