"""Writes of the session documents: atomic functions with a verb name and keyword-only
arguments (STYLE.md). A published procès-verbal or list never changes; a registre changes
only by a new version."""

import datetime
import io

import pypdf
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from deliberations import rules
from deliberations.documents import convocation as convocation_doc
from deliberations.documents import listing
from deliberations.documents import minutes as minutes_doc
from deliberations.documents import registre as registre_doc
from deliberations.documents import selectors as document_selectors
from deliberations.documents.files import store
from deliberations.models import (
    Convocation,
    ConvocationDelivery,
    DeliberationList,
    Minutes,
    MinutesItem,
    Registre,
    Session,
)
from portal.models import Body

PUBLISHED_MINUTES = ("Le procès-verbal est signé et publié : il ne peut plus être modifié "
                     "(article L2121-15).")


def _require_held(session: Session, what: str) -> None:
    if session.status != Session.Status.HELD:
        raise ValidationError(f"La séance doit être enregistrée comme tenue avant {what}.")


# --- Procès-verbal (L2121-15) -----------------------------------------------------------------


@transaction.atomic
def minutes_draft(*, session: Session, by=None) -> Minutes:
    """Open (or complete) the procès-verbal of a held session: one item per deliberation
    examined, where the secretary writes the substance of the discussions."""
    _require_held(session, "la rédaction du procès-verbal")
    minutes, _ = Minutes.objects.select_for_update().get_or_create(session=session)
    if minutes.status != Minutes.Status.DRAFT:
        return minutes
    known = set(minutes.items.values_list("deliberation_id", flat=True))
    MinutesItem.objects.bulk_create([
        MinutesItem(minutes=minutes, deliberation=d)
        for d in minutes_doc.examined_deliberations(session) if d.pk not in known
    ])
    return minutes


def minutes_check_editable(minutes: Minutes) -> None:
    """Only a draft is edited: once adopted the text is the one the body voted."""
    if minutes.status == Minutes.Status.PUBLISHED:
        raise ValidationError(PUBLISHED_MINUTES)
    if minutes.status == Minutes.Status.APPROVED:
        raise ValidationError("Le procès-verbal a été arrêté par l'assemblée : il ne peut "
                              "plus être modifié.")


@transaction.atomic
def minutes_set_discussion(*, item: MinutesItem, discussion: str, ballot_request: str = "",
                           by=None) -> MinutesItem:
    minutes = Minutes.objects.select_for_update().get(pk=item.minutes_id)
    minutes_check_editable(minutes)
    item.discussion = discussion
    item.ballot_request = ballot_request
    item.save(update_fields=["discussion", "ballot_request"])
    return item


@transaction.atomic
def minutes_approve(*, minutes: Minutes, at_session: Session, by=None) -> Minutes:
    """The body adopts ("arrête") the procès-verbal at the start of a later session of the
    same body (L2121-15)."""
    minutes = Minutes.objects.select_for_update(of=("self",)).select_related("session").get(
        pk=minutes.pk)
    if minutes.status != Minutes.Status.DRAFT:
        raise ValidationError("Ce procès-verbal a déjà été arrêté.")
    if at_session.body_id != minutes.session.body_id:
        raise ValidationError("Le procès-verbal est arrêté par la même assemblée.")
    problem = rules.minutes_approval_problem(session_on=minutes.session.date,
                                             approved_on=at_session.date)
    if problem:
        raise ValidationError(problem)
    _require_held(at_session, "d'y arrêter un procès-verbal")
    minutes.approved_at = at_session
    minutes.status = Minutes.Status.APPROVED
    minutes.save(update_fields=["approved_at", "status", "updated_at"])
    # L2121-15 names the next session: a later adoption is recorded, with a warning.
    minutes.approval_warning = rules.minutes_approval_warning(
        session_on=minutes.session.date, approved_on=at_session.date,
        body_session_dates=Session.objects.filter(
            body_id=at_session.body_id, status=Session.Status.HELD,
            date__gt=minutes.session.date, date__lt=at_session.date,
        ).values_list("date", flat=True),
    )
    return minutes


@transaction.atomic
def minutes_publish(*, minutes: Minutes, signed_on: datetime.date, by=None,
                    today: datetime.date | None = None) -> Minutes:
    """Signed by the president and the secretary, the PV is rendered as PDF/A, stored with its
    SHA-256 and published; read-only from now on."""
    today = today or timezone.localdate()
    # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    minutes = Minutes.objects.select_for_update(of=("self",)).select_related(
        "session", "approved_at").get(pk=minutes.pk)
    if minutes.status == Minutes.Status.PUBLISHED:
        raise ValidationError(PUBLISHED_MINUTES)
    if minutes.status != Minutes.Status.APPROVED:
        raise ValidationError("Le procès-verbal doit être arrêté par l'assemblée avant sa "
                              "signature et sa publication (L2121-15).")
    if signed_on < minutes.approved_at.date or signed_on > today:
        raise ValidationError("La signature suit l'adoption du procès-verbal et ne peut être "
                              "datée dans le futur.")
    minutes.signed_on = signed_on
    content = minutes_doc.render_minutes_pdf(minutes_doc.minutes_data(minutes))
    minutes.sha256 = store(minutes.file, f"pv-{minutes.session_id}.pdf", content)
    minutes.published_on = today
    minutes.status = Minutes.Status.PUBLISHED
    minutes.save()
    return minutes


# --- List of deliberations examined (L2121-25) ------------------------------------------------


@transaction.atomic
def deliberation_list_publish(*, session: Session, by=None,
                              today: datetime.date | None = None) -> DeliberationList:
    """Generate the list of deliberations examined at a held session, as PDF/A, and publish
    it on the session's page. Published once: its entries and file stay as published."""
    today = today or timezone.localdate()
    session = Session.objects.select_for_update(of=("self",)).select_related(
        "body__organisation").get(pk=session.pk)
    _require_held(session, "la publication de la liste des délibérations")
    if DeliberationList.objects.filter(session=session).exists():
        raise ValidationError("La liste des délibérations de cette séance est déjà publiée.")
    if today < session.date:
        raise ValidationError("La liste ne peut être publiée avant la séance.")
    entries = listing.list_entries(session)
    document = DeliberationList(session=session, entries=entries, published_on=today,
                                created_by=by if getattr(by, "pk", None) else None)
    content = listing.render_list_pdf(session, entries, today)
    document.sha256 = store(document.file, f"liste-{session.pk}.pdf", content)
    document.save()
    return document


@transaction.atomic
def deliberation_list_republish(*, session: Session, by=None,
                                today: datetime.date | None = None) -> tuple[DeliberationList,
                                                                             bool]:
    """A new version of the session's list when its acts changed since the list was
    published (an act added, retitled, numbered or voted since): rendered and published
    today, the earlier version kept (file and entries). Unchanged acts publish nothing.
    Returns (list, republished_now)."""
    today = today or timezone.localdate()
    document = DeliberationList.objects.select_for_update().select_related(
        "session__body__organisation").filter(session=session).first()
    if document is None:
        raise ValidationError("La liste des délibérations de cette séance n'est pas encore "
                              "publiée : publiez-la d'abord.")
    entries = listing.list_entries(document.session)
    if entries == document.entries:
        return document, False
    document.earlier_versions = [*document.earlier_versions, {
        "version": document.version, "published_on": document.published_on.isoformat(),
        "file": document.file.name, "sha256": document.sha256, "entries": document.entries,
    }]
    document.version += 1
    document.entries = entries
    document.published_on = today
    content = listing.render_list_pdf(document.session, entries, today,
                                      version=document.version)
    document.sha256 = store(document.file, f"liste-{session.pk}-v{document.version}.pdf",
                            content)
    document.save()
    return document, True


# --- Registre (L2121-23, R2121-9) -------------------------------------------------------------


@transaction.atomic
def registre_generate(*, body: Body, year: int, by=None) -> tuple[Registre, bool]:
    """The current registre of a body for a year: a new version when the published acts of
    that year changed since the last one (or when there is none), else the last one. Older
    versions are kept. Returns (registre, generated_now)."""
    # Lock the body row so that two clerks do not number the same version twice.
    Body.objects.select_for_update().filter(pk=body.pk).first()
    data = registre_doc.registre_data(body, year)
    fingerprint = registre_doc.fingerprint(data)
    latest = Registre.objects.filter(body=body, year=year).order_by("-version").first()
    if latest is not None and latest.content_fingerprint == fingerprint:
        return latest, False
    version = latest.version + 1 if latest else 1
    content = registre_doc.render_registre_pdf(data, version=version)
    registre = Registre(body=body, year=year, version=version,
                        content_fingerprint=fingerprint, act_count=len(data["acts"]),
                        page_count=len(pypdf.PdfReader(io.BytesIO(content)).pages),
                        generated_by=by if getattr(by, "pk", None) else None)
    registre.sha256 = store(registre.file, f"registre-{body.pk}-{year}-v{version}.pdf",
                            content)
    registre.save()
    return registre, True


# --- Convocation (L2121-10, L2121-12, L5211-1) -----------------------------------------------


def convocation_check_sendable(*, session: Session, sent_on: datetime.date) -> None:
    """Why a session cannot be convened now (ValidationError in French): the preview before
    sending and the sending itself refuse alike."""
    if session.status not in (Session.Status.DRAFT, Session.Status.CONVENED):
        raise ValidationError("Seule une séance en préparation peut être convoquée.")
    if Convocation.objects.filter(session=session).exists():
        raise ValidationError("La convocation de cette séance a déjà été envoyée.")
    if sent_on >= session.date:
        raise ValidationError("La convocation est envoyée avant la séance (L2121-12).")
    if not session.agenda_items.exists():
        raise ValidationError("L'ordre du jour est vide : ajoutez ses questions avant "
                              "d'envoyer la convocation (L2121-10).")


@transaction.atomic
def convocation_send(*, session: Session, urgent: bool = False, by=None, now=None,
                     connection=None) -> tuple[Convocation, list]:
    """Render the convocation of a session (PDF/A with the agenda and notes), email it to
    every member in office on the session date who has a convocation address, and record
    the convocation and each sending (time, SHA-256 of the message). The session becomes
    "convoquée" and its convocation date is the day of sending. Returns the convocation and
    the members in office without an address (to be convened by post).

    The messages are sent inside the transaction: if the mail server refuses one, nothing is
    recorded and the clerk is told (messages already accepted by the server cannot be
    recalled; the error says so)."""
    from django.core.mail import get_connection

    now = now or timezone.now()
    sent_on = timezone.localdate(now)
    session = Session.objects.select_for_update(of=("self",)).select_related(
        "body__organisation", "president").get(pk=session.pk)
    convocation_check_sendable(session=session, sent_on=sent_on)
    # Each organisation convenes at the addresses its own clerks keep; the preview showed
    # the same split (documents.selectors.convocation_recipients).
    addresses, by_post = document_selectors.convocation_recipients(session)
    context = convocation_doc.convocation_context(session, sent_on=sent_on, urgent=urgent)
    pdf = convocation_doc.render_convocation_pdf(context)
    convocation = Convocation(session=session, sent_at=now, urgent=urgent,
                              subject=context["document_title"],
                              html=render_to_string(convocation_doc.PDF_TEMPLATE, context),
                              sent_by=by if getattr(by, "pk", None) else None)
    pdf_name = f"convocation-{session.pk}.pdf"
    convocation.sha256 = store(convocation.file, pdf_name, pdf)
    convocation.save()
    messages, deliveries = [], []
    for member_id in sorted(addresses, key=lambda pk: addresses[pk].member.full_name):
        address = addresses[member_id]
        message = convocation_doc.build_message(
            context, member=address.member, email=address.email,
            convocation_id=convocation.pk, pdf=pdf, pdf_name=pdf_name)
        messages.append(message)
        deliveries.append(ConvocationDelivery(
            convocation=convocation, member_id=member_id, email=address.email, sent_at=now,
            sha256=convocation_doc.message_digest(message)))
    try:
        (connection or get_connection()).send_messages(messages)
    except Exception as error:  # any transport failure: nothing is recorded
        raise ValidationError(
            f"Échec de l'envoi de la convocation ({error}). Rien n'a été enregistré ; des "
            "messages ont pu partir avant l'erreur.") from error
    ConvocationDelivery.objects.bulk_create(deliveries)
    session.status = Session.Status.CONVENED
    session.convened_on = sent_on
    session.urgent = urgent
    session.save(update_fields=["status", "convened_on", "urgent"])
    return convocation, by_post


@transaction.atomic
def convocation_acknowledge(*, convocation_id: int, member_id: int, now=None):
    """Record when a member acknowledged receipt (the button of the acknowledgement page; the
    first time only). Refused once the link has expired (convocation.
    acknowledgement_expires_on): nothing is recorded."""
    delivery = ConvocationDelivery.objects.select_for_update().select_related(
        "convocation__session").filter(convocation_id=convocation_id,
                                       member_id=member_id).first()
    if delivery is None:
        return None
    now = now or timezone.now()
    expires_on = convocation_doc.acknowledgement_expires_on(delivery.convocation.session)
    if delivery.opened_at is None and timezone.localdate(now) > expires_on:
        raise ValidationError(
            f"Ce lien d'accusé de réception a expiré le {expires_on:%d/%m/%Y} au soir : la "
            "réception n'a pas été enregistrée.")
    if delivery.opened_at is None:
        delivery.opened_at = now
        delivery.save(update_fields=["opened_at"])
    return delivery
