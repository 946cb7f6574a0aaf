"""Appointments by vote (L2121-21)."""

from __future__ import annotations

from collections.abc import Container, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from .sources import Names, _name, follows
from .vocabulary import Ballot
from .votes import (
    _plural,
)

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
         "voter au scrutin secret ; candidature unique prenant effet immédiatement pour les "
         "commissions et organismes extérieurs), via L5211-1 ; L2122-7 via L5211-2 (président "
         "et vice-présidents : un vote même avec un seul candidat)", dated=date(2004, 8, 13))
def appointment_result(
    *,
    rounds: Sequence[Mapping[Hashable, int]],
    born_on: Mapping[Hashable, date | None] = MappingProxyType({}),
    single_candidate: Hashable | None = None,
    names: Names = None,
    feminine: Container = frozenset(),
    secret_ballot_waived: bool = False,
    executive_election: bool = False,
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
    ``executive_election``: the president or a vice-president (L2122-7 via L5211-2): always
    a vote, a single candidacy included, so ``single_candidate`` is refused.
    """
    if executive_election and single_candidate is not None:
        raise ValueError("Même avec une seule candidature, le président et les vice-présidents "
                         "sont élus au scrutin secret à la majorité absolue (L2122-7, via "
                         "L5211-2) : saisissez le résultat du vote.")
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


@follows("CGCT L2121-21 (scrutin secret pour les nominations sauf décision unanime d'y "
         "renoncer, 3e al. ; candidature unique prenant effet immédiatement pour les "
         "commissions et organismes extérieurs seulement, 5e al.) ; L2122-7 via L5211-2 "
         "(président et vice-présidents au scrutin secret à la majorité absolue, trois tours, "
         "même avec un seul candidat)", dated=date(2004, 8, 13))
def appointment_ballot_problems(*, secret_ballot_waived: bool,
                                executive_election: bool,
                                deliberation_ballot: str | None = None,
                                single_candidate: bool = False,
                                commission_or_outside_body: bool = False) -> list[str]:
    """Why an appointment's ballot is not lawful, in French (empty when it is).

    L2122-7 (applied to EPCI by L5211-2): the president and the vice-presidents are elected
    by secret ballot at the absolute majority, relative at the third round, the oldest
    winning a tie, even when a single candidate stands; the assembly cannot waive it.
    L2121-21: other nominations are by secret ballot unless the assembly unanimously
    decides not to (``secret_ballot_waived`` records that decision on the deliberation);
    ``deliberation_ballot`` is how the deliberation was voted, None when unknown. A single
    candidacy takes effect at once only for commissions and outside bodies
    (``commission_or_outside_body``).
    """
    problems = []
    if executive_election:
        if secret_ballot_waived:
            problems.append("L'élection du président et des vice-présidents a lieu au scrutin "
                            "secret : l'assemblée ne peut y renoncer (L2122-7, via L5211-2).")
        if single_candidate:
            problems.append(
                "Même avec une seule candidature, le président et les vice-présidents sont "
                "élus au scrutin secret à la majorité absolue, en trois tours au plus (L2122-7, "
                "via L5211-2) : saisissez le résultat du vote. La prise d'effet immédiate de "
                "L2121-21 ne vaut que pour les commissions et les organismes extérieurs."
            )
        if deliberation_ballot is not None and deliberation_ballot != Ballot.SECRET:
            problems.append("L'élection du président et des vice-présidents a lieu au scrutin "
                            "secret (L2122-7, via L5211-2) : la délibération indique un autre "
                            "mode de scrutin.")
        return problems
    if single_candidate and not commission_or_outside_body:
        problems.append(
            "Une candidature unique ne prend effet immédiatement que pour une commission ou un "
            "organisme extérieur (L2121-21, 5e alinéa) : pour ce poste, l'assemblée vote, au "
            "scrutin secret sauf décision unanime d'y renoncer."
        )
    if (deliberation_ballot is not None and deliberation_ballot != Ballot.SECRET
            and not secret_ballot_waived
            and not (single_candidate and commission_or_outside_body)):
        problems.append(
            "Une nomination a lieu au scrutin secret (L2121-21, 3e alinéa) : la délibération "
            "est votée sans scrutin secret et n'indique pas que l'assemblée a décidé à "
            "l'unanimité d'y renoncer."
        )
    return problems
