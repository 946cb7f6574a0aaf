"""Writes. Each is one atomic function with a verb name, keyword-only arguments and a history
row (STYLE.md habits 2 and 3)."""

import datetime
import functools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from deliberations import numbering, record, rules, selectors
from deliberations.extracts import tasks
from deliberations.models import (
    ATTENDANCE_LOCKED,
    Attendance,
    Deliberation,
    DeliberationStatusChange,
    Proxy,
    Session,
)
from portal.kernel.cache import public_records_changed

STATUS_LABELS = dict(Deliberation.Status.choices)

# What to do first when a step is not allowed from the current state: a clerk reads a
# sentence that tells the way, not only "impossible".
_FIRST_ADOPT = ("Adoptez d'abord la délibération (bouton « Adopter ») : seule une "
                "délibération votée peut être {}.")
_PUBLISHED_IS_FINAL = ("Cette délibération est publiée : elle ne se modifie plus et ne revient "
                       "pas en arrière ; une erreur se corrige par une délibération "
                       "rectificative ou de retrait adoptée par l'assemblée.")
TRANSITION_REFUSALS = {
    ("draft", "transmitted"): _FIRST_ADOPT.format("transmise en préfecture"),
    ("draft", "published"): _FIRST_ADOPT.format("publiée"),
    ("adopted", "adopted"): "Cette délibération est déjà adoptée : transmettez-la en "
    "préfecture ou publiez-la.",
    ("transmitted", "adopted"): "Cette délibération est déjà adoptée et transmise : "
    "enregistrez la date de réception en préfecture, puis publiez-la.",
    ("transmitted", "transmitted"): "Cette délibération est déjà transmise : enregistrez la "
    "date de réception en préfecture, puis publiez-la.",
    ("transmitted", "draft"): "Une délibération transmise en préfecture ne revient pas en "
    "brouillon : son retrait passe par une nouvelle délibération de l'assemblée.",
    ("draft", "draft"): "Cette délibération est déjà un brouillon : complétez-la puis "
    "adoptez-la.",
    **{("published", to): _PUBLISHED_IS_FINAL for to in Deliberation.Status.values},
}


def transition_refusal(from_status: str, to_status: str) -> str:
    """The French sentence refusing a lifecycle step, saying what to do first."""
    return TRANSITION_REFUSALS.get((from_status, to_status)) or (
        f"Passage impossible de l'état « {STATUS_LABELS[from_status]} » à "
        f"« {STATUS_LABELS.get(to_status, to_status)} »."
    )


@transaction.atomic
def deliberation_set_status(
    *, deliberation: Deliberation, to_status: str, by=None, note: str = "",
    assign_act_number: bool = True,
) -> DeliberationStatusChange:
    """Move a deliberation along its lifecycle (rules.ALLOWED_TRANSITIONS) and record it.

    A published act never goes back: it changes only by a rectifying deliberation. At
    adoption an act without a number gets the next one of its body and year (numbering.py),
    unless the caller records an act numbered elsewhere whose number is not known.
    """
    from_status = deliberation.status
    if not rules.can_transition(from_status, to_status):
        raise ValidationError(transition_refusal(from_status, to_status))
    if to_status == Deliberation.Status.ADOPTED:
        _check_adoptable(deliberation)
        if assign_act_number and not deliberation.act_number:
            deliberation.act_number = numbering.next_act_number(
                body=deliberation.session.body, year=deliberation.session.date.year)
    if to_status == Deliberation.Status.PUBLISHED:
        _check_publishable(deliberation)
    deliberation.status = to_status
    deliberation.save()
    if to_status == Deliberation.Status.PUBLISHED:
        # The act's legal record is frozen with its publication, in this transaction: from
        # now on every output renders it, whatever changes around the act (deliberations.record).
        record.record_freeze(deliberation=deliberation)
        # The certified extract is issued once the publication is committed (a PDF failure
        # is logged and never undoes the publication); the public download only serves it.
        transaction.on_commit(
            functools.partial(tasks.issue_after_publication_later, deliberation.pk,
                              getattr(by, "pk", None))
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
    *, deliberation: Deliberation, by=None, published_on: datetime.date | None = None,
    signatory=None, signatory_capacity: str | None = None,
    without_receipt_confirmed: bool = True,
) -> DeliberationStatusChange:
    """Put a deliberation online: adopted (or transmitted) → published, dated today by
    default. An act subject to transmission without a receipt date is not executory yet
    (L2131-1): the admin asks for confirmation (``without_receipt_confirmed=False`` refuses)
    and the history row says the receipt date is "à compléter"."""
    if (deliberation.status == Deliberation.Status.PUBLISHED
            or not rules.can_transition(deliberation.status, Deliberation.Status.PUBLISHED)):
        raise ValidationError(transition_refusal(deliberation.status,
                                                 Deliberation.Status.PUBLISHED))
    missing_receipt = deliberation.subject_to_transmission and deliberation.received_on is None
    if missing_receipt and not without_receipt_confirmed:
        raise ValidationError(
            "Cette délibération est soumise à transmission et sa date de réception en "
            "préfecture n'est pas enregistrée : elle ne sera pas exécutoire à sa publication "
            "(L2131-1). Enregistrez d'abord la réception, ou confirmez la publication sans "
            "elle."
        )
    deliberation.published_on = published_on or deliberation.published_on or timezone.localdate()
    if signatory is not None:
        deliberation.signatory = signatory
    if signatory_capacity is not None:
        deliberation.signatory_capacity = signatory_capacity
    note = "Mise en ligne"
    if missing_receipt:
        note += " ; date de réception en préfecture à compléter"
    change = deliberation_set_status(
        deliberation=deliberation, to_status=Deliberation.Status.PUBLISHED, by=by, note=note,
    )
    if deliberation.rectifies_id is not None:
        # The corrected act's public record now names its rectification (page, API, CSV):
        # its change time moves so that exports filtered on it answer a new ETag. The
        # database lets updated_at change on a published act (immutability.py).
        Deliberation.objects.filter(pk=deliberation.rectifies_id).update(
            updated_at=timezone.now())
    return change


@transaction.atomic
def deliberation_adopt(*, deliberation: Deliberation, by=None) -> DeliberationStatusChange:
    """Draft → adopted, once the quorum is checked on its item (L2121-17)."""
    return deliberation_set_status(deliberation=deliberation,
                                   to_status=Deliberation.Status.ADOPTED, by=by)


@transaction.atomic
def deliberation_transmit(
    *, deliberation: Deliberation, transmitted_on: datetime.date, prefecture_act_id: str = "",
    by=None,
) -> DeliberationStatusChange:
    """Adopted → transmitted to the prefecture through @ctes (L2131-2)."""
    if deliberation.status == Deliberation.Status.ADOPTED and (
            not deliberation.subject_to_transmission):
        raise ValidationError(
            "Cette délibération n'est pas soumise à transmission en préfecture (L2131-2) : "
            "publiez-la directement."
        )
    if transmitted_on and transmitted_on < deliberation.session.date:
        raise ValidationError(
            f"La transmission ne peut précéder la séance du {deliberation.session.date:%d/%m/%Y}."
        )
    deliberation.transmitted_on = transmitted_on
    deliberation.prefecture_act_id = prefecture_act_id or deliberation.prefecture_act_id
    return deliberation_set_status(
        deliberation=deliberation, to_status=Deliberation.Status.TRANSMITTED, by=by,
        note=f"Transmise le {transmitted_on:%d/%m/%Y}"
        + (f" (@ctes {prefecture_act_id})" if prefecture_act_id else ""),
    )


@transaction.atomic
def deliberation_record_receipt(
    *, deliberation: Deliberation, received_on: datetime.date, by=None
) -> DeliberationStatusChange:
    """Record the prefecture's acknowledgement date (@ctes), which makes a published act
    executory (L2131-1). Allowed once transmitted, and on a published act whose receipt was
    left "à compléter" (the date is a fact, not a change of the act)."""
    status = deliberation.status
    if status == Deliberation.Status.DRAFT or status == Deliberation.Status.ADOPTED:
        raise ValidationError(
            "Transmettez d'abord la délibération en préfecture (bouton « Transmettre ») : "
            "la date de réception suit la transmission."
            if deliberation.subject_to_transmission else
            "Cette délibération n'est pas soumise à transmission : il n'y a pas de réception "
            "en préfecture à enregistrer."
        )
    if deliberation.received_on is not None:
        raise ValidationError(
            f"La réception en préfecture est déjà enregistrée (le "
            f"{deliberation.received_on:%d/%m/%Y})."
        )
    if deliberation.transmitted_on and received_on < deliberation.transmitted_on:
        raise ValidationError(
            f"La réception en préfecture ne peut précéder l'envoi du "
            f"{deliberation.transmitted_on:%d/%m/%Y}."
        )
    if received_on < deliberation.session.date:
        raise ValidationError("La réception en préfecture ne peut précéder la séance.")
    Deliberation.objects.filter(pk=deliberation.pk).update(received_on=received_on)
    public_records_changed()  # update() sends no post_save: the public pages must know
    deliberation.received_on = received_on
    if status == Deliberation.Status.PUBLISHED:
        # The frozen record gains the receipt and the executory date it gives, nothing else.
        record.record_amend_publication(deliberation=deliberation)
    # update() sends no signal: the audit trail records the change itself, from the row
    # as stored.
    Deliberation.history.bulk_history_create(
        [Deliberation.objects.get(pk=deliberation.pk)], update=True,
        default_user=by if getattr(by, "pk", None) else None,
    )
    return DeliberationStatusChange.objects.create(
        deliberation=deliberation, from_status=status, to_status=status,
        changed_by=by if getattr(by, "pk", None) else None,
        note=f"Reçue en préfecture le {received_on:%d/%m/%Y}",
    )


@transaction.atomic
def deliberation_withdraw(*, deliberation: Deliberation, reason: str, by=None
                          ) -> DeliberationStatusChange:
    """Adopted → draft: an adoption recorded by mistake is withdrawn before transmission or
    publication, with its reason in the history. Later, only the assembly withdraws an act."""
    if not reason.strip():
        raise ValidationError("Indiquez le motif du retour en brouillon.")
    if deliberation.status == Deliberation.Status.DRAFT:
        raise ValidationError(transition_refusal("draft", "draft"))
    return deliberation_set_status(deliberation=deliberation,
                                   to_status=Deliberation.Status.DRAFT, by=by,
                                   note=f"Retour en brouillon : {reason.strip()}")


@transaction.atomic
def session_attendance_replace(
    *, session: Session, members: list[int], attendances: list[Attendance],
    proxies: list[Proxy], by=None,
) -> tuple[int, int]:
    """Replace the attendance rows of ``members`` and the proxies they gave by the unsaved
    ``attendances`` and ``proxies`` (the grid's changed rows), then check the whole session
    item by item (L2121-17, L2121-20, L5211-6) and the written proxies the proxies rest on
    (at most three consecutive sessions, L2121-20): a problem raises ValidationError and
    nothing is written. A session with published acts refuses any change (ATTENDANCE_LOCKED:
    the published quorum rests on it). Returns the numbers of attendance and proxy rows
    written."""
    if (members or attendances or proxies) and session.has_published_acts():
        raise ValidationError(ATTENDANCE_LOCKED)
    session.attendances.filter(member_id__in=members).delete()
    session.proxies.filter(giver_id__in=members).delete()
    for row in (*attendances, *proxies):
        row.session = session
        # Turns the database constraints into the models' French messages.
        row.full_clean(exclude=["session"], validate_unique=False)
    # bulk_create sends no signal: the *_with_history variants write the audit trail too
    # (the rows deleted above are recorded by the delete signals).
    user = by if getattr(by, "pk", None) else None
    bulk_create_with_history(attendances, Attendance, default_user=user)
    bulk_create_with_history(proxies, Proxy, default_user=user)
    problems = [*selectors.session_problems(session),
                *selectors.stored_written_proxy_problems(session)]
    if problems:
        raise ValidationError(problems)
    if getattr(by, "pk", None) and members:
        from django.contrib.admin.models import CHANGE, LogEntry

        LogEntry.objects.log_actions(
            user_id=by.pk, queryset=[session], action_flag=CHANGE, single_object=True,
            change_message=f"Présences et procurations modifiées pour {len(members)} élu(s).",
        )
    return len(attendances), len(proxies)


# What a rectification takes over from the act it corrects, unless given: the clerk then
# changes only what was wrong.
RECTIFICATION_COPIED_FIELDS = (
    "theme", "title", "report", "president_request", "vote_wording", "decision",
    "appeal_clause", "nature", "matter_code", "budget_year", "budget_name",
    "subject_to_transmission", "is_individual", "rapporteur_id",
)


@transaction.atomic
def deliberation_rectify(
    *, corrected: Deliberation, session: Session, kind: str, slug: str, by=None,
    item_number: int | None = None, **changes,
) -> Deliberation:
    """Start the correction of a published act: a new draft act of ``session``, linked to
    the act it rectifies (``kind``: Deliberation.RectificationKind), with the corrected
    act's texts except ``changes`` (any field of the act: its vote is its own). It follows
    the lifecycle of any act (adopted, then published); once published, both public pages,
    the extract, the API and the CSV carry the link. The corrected act itself is never
    changed (immutability.py)."""
    settable = {field.name for field in Deliberation._meta.concrete_fields if field.editable}
    unknown = set(changes) - (settable - {"session", "item_number", "slug", "rectifies",
                                          "rectification_kind"})
    if unknown:
        raise ValidationError(f"Champs inconnus pour une rectification : {sorted(unknown)}.")
    if kind not in (Deliberation.RectificationKind.MATERIAL_ERROR,
                    Deliberation.RectificationKind.NEW_DELIBERATION):
        raise ValidationError("Indiquez la nature de la rectification : rectificatif d'erreur "
                              "matérielle ou nouvelle délibération.")
    rectification = Deliberation(
        session=session, item_number=item_number, slug=slug, rectifies=corrected,
        rectification_kind=kind,
        **{name: getattr(corrected, name) for name in RECTIFICATION_COPIED_FIELDS},
    )
    for name, value in changes.items():
        setattr(rectification, name, value)
    # The keys save() derives from the session, needed by the checks below.
    rectification.body_id, rectification.session_date, rectification.year = (
        session.body_id, session.date, session.date.year)
    rectification.full_clean()
    rectification.save()
    label = Deliberation.RectificationKind(kind).label
    DeliberationStatusChange.objects.create(
        deliberation=rectification, from_status="", to_status=Deliberation.Status.DRAFT,
        changed_by=by if getattr(by, "pk", None) else None,
        note=f"{label} de la délibération « {corrected.title[:120]} » du "
             f"{corrected.session.date:%d/%m/%Y}"[:255],
    )
    return rectification
