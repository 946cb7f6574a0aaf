"""Writes of the session documents: atomic functions with a verb name and keyword-only
arguments (STYLE.md). A published procès-verbal or list never changes; a registre changes
only by a new version."""

import datetime
import io

import pypdf
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from deliberations import rules
from deliberations.documents import listing
from deliberations.documents import minutes as minutes_doc
from deliberations.documents import registre as registre_doc
from deliberations.documents.files import store
from deliberations.models import DeliberationList, Minutes, MinutesItem, Registre, Session
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
    minutes = Minutes.objects.select_for_update().select_related("session").get(pk=minutes.pk)
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
    return minutes


@transaction.atomic
def minutes_publish(*, minutes: Minutes, signed_on: datetime.date, by=None,
                    today: datetime.date | None = None) -> Minutes:
    """Signed by the president and the secretary, the PV is rendered as PDF/A, stored with its
    SHA-256 and published; read-only from now on."""
    today = today or timezone.localdate()
    minutes = Minutes.objects.select_for_update().select_related(
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
    session = Session.objects.select_for_update().select_related("body__organisation").get(
        pk=session.pk)
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
