"""Ballots, vote kinds, results and vote counts, member votes (L2121-20, L2121-21)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from .sources import follows
from .vocabulary import Ballot, TwoThirdsBasis, VoteChoice, VoteKind, VoteResult

# --- Votes -------------------------------------------------------------------------------------

BALLOTS = frozenset(Ballot)


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
ORDINARY = VoteKind.ORDINARY  # L2121-20: more votes for than against; casting vote on a tie
ADMINISTRATIVE_ACCOUNT = VoteKind.ADMINISTRATIVE_ACCOUNT  # L1612-12: unless a majority is against
TWO_THIRDS_IN_OFFICE = VoteKind.TWO_THIRDS_IN_OFFICE  # two thirds of the members in office
TWO_THIRDS_CAST = VoteKind.TWO_THIRDS_CAST  # two thirds of the votes cast
CLOSED_SESSION = VoteKind.CLOSED_SESSION  # L5211-11: absolute majority of present or represented
TWO_THIRDS_COUNCIL = VoteKind.TWO_THIRDS_COUNCIL  # two thirds "du conseil": the body's basis
VOTE_KINDS = frozenset(
    {ORDINARY, ADMINISTRATIVE_ACCOUNT, TWO_THIRDS_IN_OFFICE, TWO_THIRDS_CAST, CLOSED_SESSION,
     TWO_THIRDS_COUNCIL}
)
TWO_THIRDS_BASIS_WORDING = {
    TwoThirdsBasis.ALL_SEATS: "sièges du conseil",
    TwoThirdsBasis.IN_OFFICE: "membres en exercice",
    TwoThirdsBasis.VOTES_CAST: "suffrages exprimés",
}


@follows("« Majorité des deux tiers du conseil » (L5216-5 III, L5214-16 IV) : tous les sièges "
         "(QE n° 68314, JO AN 2006 ; TA Lille 2004), membres en exercice, ou suffrages exprimés "
         "(déclarations du Gouvernement, 2014-2015) : réglage de l'assemblée, source affichée",
         dated=date(2015, 8, 7))
def two_thirds_required(*, basis: str, votes_cast: int, in_office: int | None = None,
                        seats: int | None = None) -> tuple[int, int]:
    """(votes required, the number they are two thirds of) for "deux tiers du conseil".

    ``basis`` (TwoThirdsBasis): all the council's seats (``seats``, the legal number,
    vacancies included), the members in office, or the votes cast. The default reading,
    all seats, is the strictest: a decision adopted on it is adopted on the other two.
    """
    if basis == TwoThirdsBasis.ALL_SEATS:
        if not seats:
            raise ValueError("Indiquez le nombre de sièges du conseil (règles propres de "
                             "l'assemblée) : les deux tiers se comptent sur tous ses sièges.")
        total = seats
    elif basis == TwoThirdsBasis.IN_OFFICE:
        if not in_office:
            raise ValueError("Le nombre de membres en exercice est nécessaire pour une majorité "
                             "des deux tiers des membres en exercice.")
        total = in_office
    elif basis == TwoThirdsBasis.VOTES_CAST:
        total = votes_cast
    else:
        raise ValueError(f"Base des deux tiers inconnue : {basis!r}.")
    return math.ceil(Fraction(2 * total, 3)), total


BALLOT_WORDING = {Ballot.SHOW_OF_HANDS: "à main levée", Ballot.ROLL_CALL: "au scrutin public",
                  Ballot.SECRET: "au scrutin secret"}


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
    ballot: str = Ballot.SHOW_OF_HANDS,
    president_voted_for: bool | None = None,
    president_abstained: bool = False,
    kind: str = ORDINARY,
    in_office: int | None = None,
    votes_available: int | None = None,
    two_thirds_basis: str = TwoThirdsBasis.ALL_SEATS,
    seats: int | None = None,
    basis_source: str = "",
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

    TWO_THIRDS_COUNCIL: two thirds "du conseil" on the body's ``two_thirds_basis``
    (``two_thirds_required``), its ``basis_source`` printed with the result.
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
            f"Mode de scrutin inconnu : {ballot!r} (attendu : show_of_hands, roll_call ou secret)."
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
            VoteResult.ADOPTED if adopted else VoteResult.REJECTED, votes_cast,
            adopted and votes_against == 0,
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
        return VoteOutcome(VoteResult.ADOPTED if adopted else VoteResult.REJECTED, votes_cast,
                           adopted and votes_against == 0, False,
                           f"{verdict} ({basis}), {how} : {detail}.")
    if kind == TWO_THIRDS_CAST:
        required = math.ceil(Fraction(2 * votes_cast, 3))
        adopted = votes_cast > 0 and votes_for >= required
        basis = f"{required} voix requises sur {votes_cast} suffrages exprimés"
        verdict = ("Adoptée à la majorité des deux tiers des suffrages exprimés" if adopted
                   else "Rejetée : la majorité des deux tiers des suffrages exprimés n'est pas "
                   "atteinte")
        return VoteOutcome(VoteResult.ADOPTED if adopted else VoteResult.REJECTED, votes_cast,
                           adopted and votes_against == 0, False,
                           f"{verdict} ({basis}), {how} : {detail}.")
    if kind == TWO_THIRDS_COUNCIL:
        required, total = two_thirds_required(basis=two_thirds_basis, votes_cast=votes_cast,
                                              in_office=in_office, seats=seats)
        adopted = total > 0 and votes_for >= required
        what = TWO_THIRDS_BASIS_WORDING[two_thirds_basis]
        basis = f"{required} voix requises sur {total} {what}"
        if basis_source:
            basis += f", base retenue : {basis_source}"
        verdict = ("Adoptée à la majorité des deux tiers du conseil" if adopted
                   else "Rejetée : la majorité des deux tiers du conseil n'est pas atteinte")
        return VoteOutcome(VoteResult.ADOPTED if adopted else VoteResult.REJECTED, votes_cast,
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
            VoteResult.ADOPTED if adopted else VoteResult.REJECTED, votes_cast,
            adopted and votes_against == 0,
            False,
            f"{verdict} : majorité absolue des membres présents ou représentés requise, "
            f"{required} voix sur {votes_available} (article L5211-11 du CGCT), {how} : "
            f"{detail}.",
        )

    if votes_cast == 0:
        return VoteOutcome(
            VoteResult.REJECTED, 0, False, False, f"Rejetée : aucun suffrage exprimé ({detail})."
        )
    if votes_for != votes_against:
        adopted = votes_for > votes_against
        unanimous = votes_against == 0
        verdict = "Adoptée" if adopted else "Rejetée"
        if unanimous:
            verdict += " à l'unanimité des suffrages exprimés"
        return VoteOutcome(
            VoteResult.ADOPTED if adopted else VoteResult.REJECTED, votes_cast, unanimous, False,
            f"{verdict} : {detail}.",
        )
    if ballot == Ballot.SECRET:
        return VoteOutcome(
            VoteResult.REJECTED, votes_cast, False, False,
            "Rejetée : partage des voix au scrutin secret.",
        )
    if president_abstained:
        return VoteOutcome(
            VoteResult.REJECTED, votes_cast, False, False,
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
        VoteResult.ADOPTED if president_voted_for else VoteResult.REJECTED, votes_cast, False, True,
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


# --- Ballot requests and roll-call votes (L2121-21) ---------------------------------------------


@follows("CGCT L2121-21 (scrutin public à la demande du quart des membres présents, scrutin "
         "secret à la demande du tiers ou pour une nomination ; le secret l'emporte)",
         dated=date(2004, 8, 13))
def required_ballot(*, present: int, roll_call_requests: int = 0,
                    secret_requests: int = 0) -> str:
    """The ballot the requests impose (L2121-21): "secret" when at least a third of the
    members present asked for it, else "public" (roll call, names recorded) when at least a
    quarter asked for it, else "show_of_hands". When both thresholds are met the secret ballot
    prevails. ``present``: the members present on the item."""
    if present < 1:
        raise ValueError("Il faut au moins un membre présent pour voter.")
    if secret_requests and 3 * secret_requests >= present:
        return Ballot.SECRET
    if roll_call_requests and 4 * roll_call_requests >= present:
        return Ballot.ROLL_CALL
    return Ballot.SHOW_OF_HANDS


def ballot_request_problems(*, ballot: str, present: int, roll_call_requests: int | None,
                            secret_requests: int | None) -> list[str]:
    """French errors when the recorded ballot does not follow the requests (L2121-21)."""
    if roll_call_requests is None and secret_requests is None:
        return []
    required = required_ballot(present=present, roll_call_requests=roll_call_requests or 0,
                               secret_requests=secret_requests or 0)
    if required == ballot:
        return []
    labels = {Ballot.SECRET: "au scrutin secret", Ballot.ROLL_CALL: "au scrutin public",
              Ballot.SHOW_OF_HANDS: "à main levée"}
    return [
        f"Avec {secret_requests or 0} demande(s) de scrutin secret et {roll_call_requests or 0} "
        f"de scrutin public pour {present} membres présents, le vote a lieu "
        f"{labels[required]} (L2121-21 : le tiers des présents pour le secret, qui l'emporte, "
        "le quart pour le scrutin public)."
    ]


VOTE_CHOICES = tuple(VoteChoice)


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
    if ballot == Ballot.SECRET:
        return ["Au scrutin secret, le sens du vote de chaque membre n'est pas enregistré "
                "(L2121-21)."]
    problems = []
    for choice, label, count in ((VoteChoice.FOR, "pour", votes_for),
                                 (VoteChoice.AGAINST, "contre", votes_against),
                                 (VoteChoice.ABSTENTION, "abstentions", abstentions)):
        if tally[choice] != (count or 0):
            problems.append(
                f"Votes nominatifs « {label} » : {tally[choice]} enregistrés, {count or 0} "
                "au décompte de la délibération."
            )
    return problems
