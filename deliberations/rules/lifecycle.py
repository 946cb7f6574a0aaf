"""The deliberation lifecycle: allowed transitions and rectifications."""

from __future__ import annotations

from datetime import date

from .vocabulary import DeliberationStatus

# --- Lifecycle ---------------------------------------------------------------------------------

# A deliberation is drafted, adopted by the body, transmitted to the prefect (L2131-2) and
# published (R2131-1). An adopted act not yet sent out may go back to draft to fix a clerical
# error; once published it changes only by a rectification, never by a status change.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    DeliberationStatus.DRAFT: frozenset({DeliberationStatus.ADOPTED}),
    DeliberationStatus.ADOPTED: frozenset({
        DeliberationStatus.TRANSMITTED, DeliberationStatus.PUBLISHED, DeliberationStatus.DRAFT,
    }),
    DeliberationStatus.TRANSMITTED: frozenset({DeliberationStatus.PUBLISHED}),
    DeliberationStatus.PUBLISHED: frozenset(),
}


def can_transition(from_status: str, to_status: str) -> bool:
    """Whether the deliberation lifecycle allows this change (L2131-1, L2131-2, R2131-1)."""
    return to_status in ALLOWED_TRANSITIONS.get(from_status, frozenset())


def rectification_problems(
    *, corrected_status: str, corrected_session_date: date, session_date: date | None,
    same_organisation: bool, is_itself: bool, corrected_published_on: date | None = None,
) -> list[str]:
    """Why an act cannot rectify another, in French (empty when it can). A published act is
    never edited (ALLOWED_TRANSITIONS["published"] is empty): an error is corrected by a new
    act, a rectificatif d'erreur matérielle or a new deliberation, taken by the same
    organisation at the same session or a later one."""
    problems = []
    if is_itself:
        problems.append("Une délibération ne peut se rectifier elle-même.")
    if corrected_status != DeliberationStatus.PUBLISHED:
        problems.append("Seule une délibération publiée se rectifie : tant qu'elle ne l'est "
                        "pas, corrigez-la directement.")
    if not same_organisation:
        problems.append("La délibération rectifiée doit être de la même collectivité.")
    if session_date is not None and session_date < corrected_session_date:
        problems.append(f"La rectification ne peut précéder la séance du "
                        f"{corrected_session_date:%d/%m/%Y} de la délibération rectifiée.")
    # The assembly corrects what it knows to be published: the rectifying act is taken at a
    # session held on or after the day the corrected act was put online (R2131-1).
    elif (session_date is not None and corrected_published_on is not None
          and session_date < corrected_published_on):
        problems.append(f"La rectification doit être décidée lors d'une séance tenue après la "
                        f"publication de la délibération rectifiée (publiée le "
                        f"{corrected_published_on:%d/%m/%Y}) : la séance du "
                        f"{session_date:%d/%m/%Y} la précède.")
    return problems
