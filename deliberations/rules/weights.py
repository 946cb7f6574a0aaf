"""Weighted votes: the voices a syndicat's statutes give each seat, in figures and quorum."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from .attendance import CGCT_RULES, BodyRules, MandateSpan, Presence, quorum_required
from .proxies import ProxyGrant, _figures_on
from .regimes import EXCEPTIONAL_REGIMES, ExceptionalRegime, Regimes, regime_on
from .sources import follows


@dataclass(frozen=True)
class VoiceFigures:
    """An item's figures in voices as well as members (statutes of a syndicat mixte).

    ``quorum_required`` is in voices when the statutes count the quorum in voices
    (``BodyRules.quorum_in_voices``), None otherwise (the quorum stays in members,
    L2121-17). ``source``: the statutes' article, printed beside the figures.
    """

    in_office_members: int
    in_office_voices: int
    present_members: int
    present_voices: int
    represented_members: int
    represented_voices: int
    voices_available: int
    quorum_required: int | None
    quorum_met: bool | None
    source: str


@follows("CGCT L5212-7, L5711-1 et L5721-2 : les statuts d'un syndicat peuvent donner à chaque "
         "membre un nombre de délégués ou de voix fonction de sa population ou de sa "
         "contribution ; quorum en voix seulement si les statuts le prévoient (sinon L2121-17, "
         "en membres)", dated=date(2004, 8, 13))
def item_voices(
    *,
    item: int,
    presences: Iterable[Presence],
    proxies: Iterable[ProxyGrant],
    session_date: date,
    voices: Mapping[Hashable, int],
    in_office_members: Iterable[Hashable],
    withdrawn: Iterable[Hashable] = (),
    substitutes: Mapping[Hashable, frozenset] | None = None,
    body_rules: BodyRules = CGCT_RULES,
    regimes: Regimes = EXCEPTIONAL_REGIMES,
) -> VoiceFigures:
    """Members and voices in office, present and represented on an item, and, when the
    statutes say so, the quorum in voices (more than half of the voices in office, or the
    regime's fraction). ``voices``: member -> the voices of their seat (1 when missing). A
    suppléant sitting for a titular member carries that member's voices; a proxy carries
    its giver's voices to the holder (the proxies that count are those of ``item_figures``).
    """
    office = frozenset(in_office_members)
    presences = tuple(presences)
    present, _, effective, _ = _figures_on(
        item=item, presences=presences, proxies=proxies, session_date=session_date,
        withdrawn=withdrawn, in_office_members=office, regimes=regimes, names=None,
        substitutes=substitutes, body_rules=body_rules,
        withdrawal_reasons=MappingProxyType({}),
    )
    regime = regime_on(session_date, regimes, department=body_rules.department)
    return voice_figures(present=present, effective=effective, in_office_members=office,
                         presences=presences, voices=voices, body_rules=body_rules,
                         regime=regime)


def voice_figures(
    *,
    present: Iterable[Hashable],
    effective: Iterable[ProxyGrant],
    in_office_members: frozenset,
    presences: Iterable[Presence],
    voices: Mapping[Hashable, int],
    body_rules: BodyRules,
    regime: ExceptionalRegime | None,
) -> VoiceFigures:
    """The voices of the members counted present and of the effective proxies of an item
    (``item_figures`` passes what it counted, so the two never disagree)."""
    present, effective = frozenset(present), tuple(effective)
    replaced = {p.member: p.replaces for p in presences if p.replaces is not None}

    def weight(member: Hashable) -> int:
        # A suppléant sitting for a titular member carries that member's voices.
        seat = member if member in in_office_members else replaced.get(member, member)
        return voices.get(seat, 1)

    in_office_voices = sum(voices.get(member, 1) for member in in_office_members)
    present_voices = sum(weight(member) for member in present)
    represented_voices = sum(voices.get(proxy.giver, 1) for proxy in effective)
    required = met = None
    if body_rules.quorum_in_voices:
        required = quorum_required(in_office_voices, regime=regime)
        counts_represented = (regime.quorum_counts_represented if regime is not None
                              else body_rules.quorum_counts_represented)
        met = present_voices + (represented_voices if counts_represented else 0) >= required
    return VoiceFigures(
        in_office_members=len(in_office_members),
        in_office_voices=in_office_voices,
        present_members=len(present),
        present_voices=present_voices,
        represented_members=len(effective),
        represented_voices=represented_voices,
        voices_available=present_voices + represented_voices,
        quorum_required=required,
        quorum_met=met,
        source=body_rules.weights_source,
    )


def seat_voices(mandates: Iterable[MandateSpan], on: date) -> Mapping[Hashable, int]:
    """Member -> the voices of the titular seat they hold on a date (statutes); a member
    holding two spans that day keeps the larger."""
    found: dict[Hashable, int] = {}
    for mandate in mandates:
        if (not mandate.substitute and mandate.start_on <= on
                and (mandate.end_on is None or on <= mandate.end_on)):
            found[mandate.member] = max(found.get(mandate.member, 0), mandate.voices)
    return MappingProxyType(found)


def voices_wording(figures: VoiceFigures) -> str:
    """How the record prints the figures of a weighted vote: members and voices."""
    def both(members: int, voices: int, label: str) -> str:
        return f"{members} {label} ({voices} voix)"

    parts = [
        both(figures.in_office_members, figures.in_office_voices, "membres en exercice"),
        both(figures.present_members, figures.present_voices, "présents"),
        both(figures.represented_members, figures.represented_voices, "représentés"),
    ]
    text = ", ".join(parts)
    if figures.quorum_required is not None:
        text += f" ; quorum : {figures.quorum_required} voix"
    if figures.source:
        text += f" (votes pondérés : {figures.source})"
    return text
