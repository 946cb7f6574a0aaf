"""Writes. Each is one atomic function with a verb name, keyword-only arguments and a history
row (STYLE.md habits 2 and 3)."""

import datetime
import functools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from deliberations import rules, selectors
from deliberations.extracts import issuing
from deliberations.models import Deliberation, DeliberationStatusChange, Session

STATUS_LABELS = dict(Deliberation.Status.choices)


@transaction.atomic
def deliberation_set_status(
    *, deliberation: Deliberation, to_status: str, by=None, note: str = ""
) -> DeliberationStatusChange:
    """Move a deliberation along its lifecycle (rules.ALLOWED_TRANSITIONS) and record it.

    A published act never goes back: it changes only by a rectifying deliberation.
    """
    from_status = deliberation.status
    if not rules.can_transition(from_status, to_status):
        raise ValidationError(
            f"Passage impossible de l'état « {STATUS_LABELS[from_status]} » à "
            f"« {STATUS_LABELS.get(to_status, to_status)} »."
        )
    if to_status == Deliberation.Status.ADOPTED:
        _check_adoptable(deliberation)
    if to_status == Deliberation.Status.PUBLISHED:
        _check_publishable(deliberation)
    deliberation.status = to_status
    deliberation.save()
    if to_status == Deliberation.Status.PUBLISHED:
        # The certified extract is issued once the publication is committed (a PDF failure
        # is logged and never undoes the publication); the public download only serves it.
        transaction.on_commit(
            functools.partial(issuing.extract_issue_after_publication, deliberation.pk)
        )
    return DeliberationStatusChange.objects.create(
        deliberation=deliberation,
        from_status=from_status,
        to_status=to_status,
        changed_by=by if getattr(by, "pk", None) else None,
        note=note,
    )


def _check_adoptable(deliberation: Deliberation) -> None:
    """L2121-17: a body deliberates only when the quorum is met on the item (checked item by
    item), except on the items carried over to a second convocation (rules.py waives it)."""
    session = deliberation.session
    if session.status != Session.Status.HELD:
        raise ValidationError(
            "La séance doit être enregistrée comme tenue avant l'adoption d'une délibération."
        )
    ranges = selectors.deliberation_quorum(deliberation)
    if not ranges:
        raise ValidationError(
            "Saisissez la liste de présence de la séance avant l'adoption : le quorum doit "
            "être vérifié question par question (L2121-17)."
        )
    for item_range in ranges:
        figures = item_range.figures
        if not figures.quorum_met:
            raise ValidationError(
                f"Quorum non atteint à la question {figures.item} : {figures.present} "
                f"présents pour {figures.quorum_required} requis "
                f"({figures.regime.label if figures.regime else 'L2121-17'}). La question "
                "doit être reportée à une seconde convocation."
            )


def _check_publishable(deliberation: Deliberation) -> None:
    """R2131-1: publication names the signatory and the date put online, and cannot precede
    the session."""
    errors = []
    if deliberation.session.status != Session.Status.HELD:
        errors.append("La séance doit être enregistrée comme tenue avant la publication.")
    if deliberation.published_on is None:
        errors.append("Indiquez la date de mise en ligne avant de publier.")
    elif deliberation.published_on < deliberation.session.date:
        errors.append("La publication ne peut précéder la séance.")
    if deliberation.signatory_id is None:
        errors.append("Indiquez le signataire (nom et qualité) avant de publier (R2131-1).")
    if not deliberation.result:
        errors.append("Indiquez le résultat du vote avant de publier.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def deliberation_publish(
    *, deliberation: Deliberation, by=None, published_on: datetime.date | None = None
) -> DeliberationStatusChange:
    """Put a deliberation online: adopted (or transmitted) → published, dated today by
    default."""
    deliberation.published_on = published_on or deliberation.published_on or timezone.localdate()
    return deliberation_set_status(
        deliberation=deliberation, to_status=Deliberation.Status.PUBLISHED, by=by,
        note="Mise en ligne",
    )
