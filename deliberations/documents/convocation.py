"""The convocation of a session (L2121-10, L2121-12, L5211-1): rendered from the session and
its agenda (items with rapporteur and explanatory note), as an HTML email and a PDF/A
attachment; one message per member in office. ``message_digest`` is the SHA-256 recorded for
each sending: subject, recipient, text, HTML and attachment bytes, so that anyone holding the
message can recompute it."""

import datetime
import hashlib
import re

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from deliberations import rules, selectors
from deliberations.extracts.issuing import arrondissement_heading, paragraphs, upper_unaccented
from deliberations.models import Session
from portal.kernel.pdf import render_pdf
from portal.kernel.wording import at_place, french_date

PDF_TEMPLATE = "deliberations/documents/convocation.html"
EMAIL_TEMPLATE = "deliberations/documents/convocation_email.html"
EMAIL_TEXT_TEMPLATE = "deliberations/documents/convocation_email.txt"
STYLESHEET = "deliberations/documents/documents.css"
TOKEN_SALT = "deliberations.convocation.acknowledgement"
# The acknowledgement link works until the end of the day after the session: a convocation
# read later was not read in time for it, and an old forwarded email acknowledges nothing.
ACKNOWLEDGEMENT_DAYS_AFTER_SESSION = 1


def seat_town(seat_address: str) -> str:
    """"100 avenue de Londres, 62400 Béthune" → "Béthune": where the convocation is signed."""
    last = seat_address.rsplit(",", 1)[-1].strip()
    return re.sub(r"^(?:\d{5}|\d{2} ?\d{3})\s+", "", last)


def signature_block(session: Session) -> dict:
    """Who signs the convocation (L2121-10: the president convenes): the president in office
    on the session date from the mandates, else the session's president; and where."""
    officers = selectors.session_officers(session)
    president = next((o for o in officers if o.capacity in ("Le Président", "La Présidente")),
                     officers[0] if officers else None)
    return {
        "signatory": president.member.full_name if president else "",
        "signatory_capacity": president.capacity if president else "",
        "signed_at": seat_town(session.body.organisation.seat_address),
    }


def convocation_context(session: Session, *, sent_on, urgent: bool) -> dict:
    organisation = session.body.organisation
    items = [
        {"position": item.position, "title": item.title,
         "rapporteur": item.rapporteur.full_name if item.rapporteur else "",
         "note": paragraphs(item.note)}
        for item in session.agenda_items.select_related("rapporteur").order_by("position")
    ]
    return {
        "session": session,
        "organisation": organisation,
        "items": items,
        "urgent": urgent,
        "arrondissement": arrondissement_heading(organisation.arrondissement),
        "organisation_heading": upper_unaccented(organisation.name),
        "session_date": french_date(session.date, weekday=True),
        "session_time": f"{session.starts_at:%H h %M}" if session.starts_at else "",
        "session_place": at_place(session.place),
        "sent_on": french_date(sent_on),
        "latest_on": french_date(rules.latest_convocation_date(session.date, urgent=urgent)),
        "president": session.president.full_name if session.president else "",
        **signature_block(session),
        "ack_until": french_date(acknowledgement_expires_on(session)),
        "document_title": (f"Convocation — {session.body.name}, séance du "
                           f"{french_date(session.date)}"),
    }


def render_convocation_pdf(context: dict) -> bytes:
    return render_pdf(render_to_string(PDF_TEMPLATE, context),
                      stylesheet=render_to_string(STYLESHEET))


def acknowledgement_token(convocation_id: int, member_id: int) -> str:
    """A signed token naming one member's copy of one convocation (no database lookup can
    be guessed: the signature uses SECRET_KEY)."""
    return signing.dumps([convocation_id, member_id], salt=TOKEN_SALT)


def read_token(token: str) -> tuple[int, int] | None:
    try:
        convocation_id, member_id = signing.loads(token, salt=TOKEN_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return convocation_id, member_id


def acknowledgement_expires_on(session: Session) -> datetime.date:
    """The last day on which the acknowledgement link of ``session``'s convocation works."""
    return session.date + datetime.timedelta(days=ACKNOWLEDGEMENT_DAYS_AFTER_SESSION)


def acknowledgement_url(convocation_id: int, member_id: int) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse(
        "deliberations:convocation_acknowledge",
        args=[acknowledgement_token(convocation_id, member_id)])


def build_message(context: dict, *, member, email: str, convocation_id: int, pdf: bytes,
                  pdf_name: str) -> EmailMultiAlternatives:
    personal = {**context, "member": member,
                "ack_url": acknowledgement_url(convocation_id, member.pk)}
    message = EmailMultiAlternatives(
        subject=context["document_title"],
        body=render_to_string(EMAIL_TEXT_TEMPLATE, personal),
        to=[email],
    )
    message.attach_alternative(render_to_string(EMAIL_TEMPLATE, personal), "text/html")
    message.attach(pdf_name, pdf, "application/pdf")
    return message


def message_digest(message: EmailMultiAlternatives) -> str:
    """SHA-256 of what a message carries (subject, recipients, text, alternatives and
    attachments, each length-prefixed so that no two messages share a digest by moving bytes
    from one part to the next)."""
    digest = hashlib.sha256()

    def part(value) -> None:
        data = value if isinstance(value, bytes) else str(value).encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)

    part(message.subject)
    part(",".join(message.to))
    part(message.body)
    for content, mimetype in message.alternatives:
        part(mimetype)
        part(content)
    for name, content, mimetype in message.attachments:
        part(name)
        part(mimetype)
        part(content)
    return digest.hexdigest()
