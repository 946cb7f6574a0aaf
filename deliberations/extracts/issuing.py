"""Certified extracts ("extraits du registre des délibérations"): render, issue, verify.

An extract is the copy of a registered deliberation certified by the executive (DOMAIN.md,
"Certified extract"). Rendering is HTML + WeasyPrint → PDF/A-3b; issuing stores the file once
with its SHA-256 and a short verification code printed on the PDF (with a QR code pointing to
the public page /verifier/<code>). An issued file never changes: when the certified data
change, a new version is issued and the previous one records that it was superseded.

Extracts are issued on publication (extract_issue_after_publication, run on commit) and by the
admin action; the public download only serves the current issued file and never writes.
"""

import datetime
import hashlib
import json
import logging
import re
import secrets
import zipfile
from dataclasses import dataclass

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from deliberations import record
from deliberations.models import Attendance, Deliberation, IssuedExtract, Session
from portal.kernel.names import strip_accents
from portal.kernel.pdf import render_pdf
from portal.kernel.wording import at_place, french_date, items_wording
from portal.models import Member

TEMPLATE = "deliberations/extract/extract.html"
STYLESHEET = "deliberations/extract/extract.css"

logger = logging.getLogger(__name__)

# Verification codes: no 0/O, 1/I/L, so that a code read aloud or typed from paper is
# unambiguous. 31 symbols ** 10 ≈ 8·10^14 codes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10

# L2121-23 as amended by ordonnance n° 2021-1310 (in force 1 July 2022): deliberations are
# signed by the president and the secretary of the session; before, by the members present.
SIGNATURE_REFORM_DATE = datetime.date(2022, 7, 1)



class ExtractNotAvailable(ValidationError):
    """The deliberation cannot be certified (not published)."""


# ---------------------------------------------------------------------------------------------
# Wording: small pure helpers, one place for each formula of the registre.
# ---------------------------------------------------------------------------------------------
def signature_formula(session_date: datetime.date) -> str:
    """Who signed the registre. L2121-23 (since 1 July 2022): the president and the secretary
    of the session sign; the old formula "Ont signé au registre des délibérations les membres
    présents" applies to sessions held before."""
    if session_date >= SIGNATURE_REFORM_DATE:
        return "Le Président et le secrétaire de séance ont signé le registre,"
    return "Ont signé au registre des délibérations les membres présents,"


def registre_time(value: datetime.time | None) -> str:
    """The hour as the registre writes it: "17 H 30"."""
    return f"{value.hour} H {value.minute:02d}" if value else ""


def upper_unaccented(text: str) -> str:
    """Headings of the registre: capitals without accents ("BETHUNE")."""
    return strip_accents(text).upper()


def _elide(preposition: str, noun: str) -> str:
    """"de" + "Arras" → "d'ARRAS"-style elision before a vowel or a mute h."""
    if noun[:1].lower() in "aeiouyhàâéèêëîïôöûü":
        return f"{preposition[0]}'{noun}"
    return f"{preposition} {noun}"


def arrondissement_heading(arrondissement: str) -> str:
    """"Arrondissement de BETHUNE" (capitals without accents, as the registre prints it)."""
    if not arrondissement:
        return ""
    return f"Arrondissement {_elide('de', upper_unaccented(arrondissement))}"


def civility_word(member: Member | None) -> str:
    if member is None:
        return ""
    return "Madame" if member.civility == Member.Civility.MRS else "Monsieur"


def item_note(from_item: int | None, until_item: int | None) -> str:
    """Per-item mention of the registre in brackets: "(à partir de la question 5)"..."""
    wording = items_wording(from_item, until_item)
    return f"({wording})" if wording else ""


def _with_note(text: str, note: str) -> str:
    return f"{text} {note}" if note else text


_LEAD_WORDS = re.compile(r"^((?:[A-ZÀ-ÖØ-Þ'’]{2,}\s?)+)(?=\s|,|$)")


def paragraphs(text: str) -> list[dict]:
    """Split a text field into paragraphs; a leading verb in capitals ("PREND ACTE", "INFORME"),
    the articles of the decision, is set apart so the template can embolden it."""
    result = []
    for block in re.split(r"\n\s*\n|\r\n\s*\r\n", text.strip()):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        first = lines[0]
        match = _LEAD_WORDS.match(first)
        lead = match.group(1).strip() if match and len(match.group(1).strip()) >= 3 else ""
        rest_first = first[len(lead):] if lead else first
        result.append({"lead": lead, "lines": [rest_first, *lines[1:]]})
    return result


def capacity_lines(capacity: str) -> list[str]:
    """"Par délégation du Président, le Vice-président délégué" → two lines, as on the seal."""
    parts = [part.strip() for part in capacity.split(",") if part.strip()]
    return [f"{part[:1].upper()}{part[1:]}," for part in parts]


# ---------------------------------------------------------------------------------------------
# Certified data: what the extract certifies, and its fingerprint.
# ---------------------------------------------------------------------------------------------
def _civility(person) -> str:
    """The registre's "Madame"/"Monsieur" of a person of the record (civility_word)."""
    if person is None:
        return ""
    return "Madame" if person.civility == "Madame" else "Monsieur"


def session_heading(facts) -> dict:
    """The session as the extract and the procès-verbal head it, from the session part of an
    act's record (record.types.SessionFacts): date, time, place, convocation, president and
    secretary, with the registre's civilities. Each document adds its own lines."""
    secretary = facts.secretaries[0] if facts.secretaries else None
    return {
        "date": facts.date.isoformat(),
        "starts_at": facts.starts_at.strftime("%H:%M") if facts.starts_at else "",
        "place": facts.place,
        "convened_on": (facts.convocation.convened_on.isoformat()
                        if facts.convocation.convened_on else ""),
        "president": facts.president.name if facts.president else "",
        "president_civility": _civility(facts.president),
        "president_capacity": facts.president_capacity,
        "secretary": secretary.name if secretary else "",
        "secretary_civility": _civility(secretary),
    }


def _line(line) -> str:
    text = line.member.name
    if line.replaces is not None:
        text += f", suppléant de {line.replaces.name}"
    note = item_note(line.from_item, line.until_item) or (f"({line.note})" if line.note else "")
    return _with_note(text, note)


def certified_data(deliberation: Deliberation) -> dict:
    """Everything the extract certifies, as plain JSON-able values, taken from the act's
    record (deliberations.record.record_for: the one frozen at publication), so that an
    extract re-issued from an unchanged record certifies the same content, whatever changed
    around the act since (names, mandates, body rules, session details).

    The PDF is rendered from this dict only, and the dict holds only what is printed, so its
    fingerprint changes exactly when the certified text would (issue data aside: code, version
    and date of issue). A change of slug or item number alone does not issue a new version.
    """
    deliberation = (Deliberation.objects.select_related("record").get(pk=deliberation.pk))
    legal = record.record_for(deliberation)
    facts, act, vote, publication = legal.session, legal.act, legal.vote, legal.publication
    executory = publication.executory_on
    if executory is not None and executory > timezone.localdate():
        executory = None
    secretaries = list(facts.secretaries)
    attendance = {status: [_line(a) for a in facts.attendance if a.status == status]
                  for status in Attendance.Status.values}
    data = {
        "organisation": {
            "name": legal.organisation.name,
            "arrondissement": legal.organisation.arrondissement,
            "sub_prefecture": legal.organisation.sub_prefecture,
            "administrative_court": legal.organisation.administrative_court,
        },
        "body": {"name": legal.body.name},
        "session": {
            **session_heading(facts),
            "convocation_posted_at": facts.convocation.posted_at,
            "present": attendance[Attendance.Status.PRESENT],
            "proxies": [
                _with_note(f"{p.giver.name} donne procuration à {p.holder.name}",
                           item_note(p.from_item, p.until_item))
                for p in facts.proxies
            ],
            "excused": attendance[Attendance.Status.EXCUSED],
            "absent": attendance[Attendance.Status.ABSENT],
        },
        "deliberation": {
            "act_number": act.act_number,
            "theme": act.theme,
            "title": act.title,
            "report": act.report,
            "president_request": act.president_request,
            "vote_wording": vote.clerk_wording,
            "decision": act.decision,
            "appeal_clause": act.appeal_clause,
            "subject_to_transmission": publication.subject_to_transmission,
            "received_on": (
                publication.received_on.isoformat() if publication.received_on else ""
            ),
            "published_on": (
                publication.published_on.isoformat() if publication.published_on else ""
            ),
            "executory_on": executory.isoformat() if executory else "",
            "signatory": publication.signatory.name if publication.signatory else "",
            "signatory_capacity": publication.signatory_capacity,
        },
    }
    # Added only when recorded, so that extracts issued before these were printed keep their
    # fingerprint (a new version is issued only when the certified text changes).
    if act.rapporteur is not None:
        data["deliberation"]["rapporteur"] = act.rapporteur.name
        data["deliberation"]["rapporteur_civility"] = _civility(act.rapporteur)
    if vote.votes_for is not None and vote.votes_against is not None:
        data["deliberation"]["votes"] = {
            "for": vote.votes_for,
            "against": vote.votes_against,
            "abstentions": vote.abstentions or 0,
            "blank_or_null": vote.blank_or_null or 0,
            "not_voting": sorted(person.name for person in vote.not_voting),
        }
    # Weighted votes (statutes): the members and their voices on the act's item, as the
    # record holds them; absent for one voice a seat, so those extracts keep their fingerprint.
    if len(legal.quorum) == 1 and legal.quorum[0].voices is not None:
        data["deliberation"]["voices"] = voices_line(legal.quorum[0])
    # The outcome as the rules decided and worded it (rules.vote_result), the same sentence as
    # the public page, the procès-verbal and the API.
    if vote.computed:
        data["deliberation"]["vote_statement"] = vote.wording
    # Appointments (L2121-21) and individual decisions (L2131-1) likewise add keys only when
    # the deliberation has them.
    if legal.appointments:
        data["deliberation"]["appointments"] = [
            {
                "office": appointment.office,
                "wording": appointment.wording or appointment.error,
                "rounds": list(appointment.rounds),
                "candidates": [[name, list(votes)] for name, votes in appointment.candidates],
            }
            for appointment in legal.appointments
        ]
    # L2121-15: "un ou plusieurs secrétaires", all named on the extract.
    if len(secretaries) > 1:
        data["session"]["other_secretaries"] = [person.name for person in secretaries[1:]]
    # A rectification names the act it corrects, which stays as published.
    corrected = legal.rectifies
    if corrected is not None:
        data["deliberation"]["rectifies"] = {
            "kind": corrected.kind_label,
            "title": corrected.title,
            "act_number": corrected.act_number,
            "body": corrected.body,
            "session_date": corrected.session_date.isoformat(),
            "published_on": (corrected.published_on.isoformat()
                             if corrected.published_on else ""),
        }
    if publication.is_individual:
        data["deliberation"]["notifications"] = [
            {"addressee": row.addressee,
             "notified_on": row.notified_on.isoformat() if row.notified_on else ""}
            for row in publication.notifications
        ]
    # The fingerprint of the frozen record the extract renders: printed in the PDF's
    # metadata and on /verifier/, where it is checked against the record as stored.
    frozen = record.frozen_record(deliberation)
    if frozen is not None:
        data["record"] = {"sha256": frozen.sha256, "version": frozen.version}
    return data


def voices_line(figures) -> str:
    """"5 membres en exercice (12 voix), 3 présents (9 voix), 1 représentés (2 voix)": the
    figures of a weighted vote (record.QuorumRange with its voices)."""
    voices = figures.voices
    text = (f"{figures.in_office} membres en exercice ({voices.in_office} voix), "
            f"{figures.present} présents ({voices.present} voix), "
            f"{figures.represented} représentés ({voices.represented} voix)")
    if voices.quorum_required is not None:
        text += f" ; quorum : {voices.quorum_required} voix"
    if voices.source:
        text += f" (votes pondérés : {voices.source})"
    return text


def vote_figures(votes: dict | None) -> str:
    """"Pour : 80 – Contre : 2 – Abstentions : 3 – Ne prennent pas part au vote : 1 (NOM
    Prénom)" as the registre prints the figures of a vote (L2121-20: abstentions, blank and
    null ballots are not votes cast, hence listed apart)."""
    if not votes:
        return ""
    parts = [f"Pour : {votes['for']}", f"Contre : {votes['against']}",
             f"Abstentions : {votes['abstentions']}"]
    if votes.get("blank_or_null"):
        parts.append(f"Blancs et nuls : {votes['blank_or_null']}")
    if votes.get("not_voting"):
        names = ", ".join(votes["not_voting"])
        parts.append(f"Ne prennent pas part au vote : {len(votes['not_voting'])} ({names})")
    return " – ".join(parts)


def report_intro(delib: dict, president_title: str) -> str:
    """Who presents the report: the rapporteur when one is recorded ("Monsieur LECONTE
    Maurice, rapporteur, expose…", the registre's usual form), else the president; nothing
    when the report itself starts by naming who speaks."""
    report = delib["report"].strip().lower()
    if report.startswith(("monsieur le président", "madame la")):
        return ""
    if delib.get("rapporteur"):
        civility = delib.get("rapporteur_civility") or ""
        who = f"{civility} {delib['rapporteur']}".strip()
        return f"{who}, rapporteur, expose à l'Assemblée les éléments suivants :"
    return f"{president_title} expose à l'Assemblée les éléments suivants :"


def content_fingerprint(data: dict) -> str:
    """SHA-256 of the canonical JSON of the certified data (sorted keys, no spaces)."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IssueInfo:
    """What identifies one issued copy (printed on it, outside the fingerprint)."""

    code: str
    version: int
    issued_at: datetime.datetime


def verification_url(code: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("extracts:verify", args=[code])


def qr_code_data_uri(url: str) -> str:
    """The verification URL as a QR code, an SVG data URI (vector: sharp when printed)."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=0)


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def rectifies_wording(rectifies: dict | None) -> str:
    """The line under the title of a rectification: "Rectificatif d'erreur matérielle de la
    délibération n° 12 du Bureau communautaire du 18 octobre 2022 : « OBJET », publiée le
    20 octobre 2022." (empty for any other act)."""
    if not rectifies:
        return ""
    number = f" n° {rectifies['act_number']}" if rectifies["act_number"] else ""
    published = _date(rectifies["published_on"])
    return (f"{rectifies['kind']} de la délibération{number} du {rectifies['body']} du "
            f"{french_date(_date(rectifies['session_date']))} : « {rectifies['title']} »"
            + (f", publiée le {french_date(published)}" if published else "") + ".")


def extract_context(data: dict, issue: IssueInfo) -> dict:
    """Turn certified data into the wording of the registre."""
    session, delib = data["session"], data["deliberation"]
    organisation, body = data["organisation"], data["body"]
    session_date = _date(session["date"])
    president_title = "Madame la Présidente" if session["president_civility"] == "Madame" \
        else "Monsieur le Président"
    report = delib["report"].strip()
    court = organisation["administrative_court"] or "tribunal administratif compétent"
    appeal = delib["appeal_clause"].strip() or (
        "INFORME que cette délibération peut faire l'objet d'un recours gracieux par saisine "
        "de son auteur ou d'un recours contentieux devant le "
        f"{court}, dans un délai de deux mois à compter de sa publication."
    )
    url = verification_url(issue.code)
    local_issued = timezone.localtime(issue.issued_at)
    executory = _date(delib["executory_on"])
    received = _date(delib["received_on"])
    return {
        "data": data,
        "arrondissement": arrondissement_heading(organisation["arrondissement"]),
        "organisation_heading": upper_unaccented(organisation["name"]),
        "body_heading": upper_unaccented(body["name"]),
        "session_date_long": french_date(session_date, weekday=True),
        "session_date": french_date(session_date),
        "session_time": registre_time(
            datetime.time.fromisoformat(session["starts_at"]) if session["starts_at"] else None
        ),
        "session_place": at_place(session["place"]),
        "convened_on": french_date(_date(session["convened_on"])),
        "posted_at": at_place(session["convocation_posted_at"]),
        "president_capacity": session["president_capacity"] or "Président",
        "secretary_elected": "élue" if session["secretary_civility"] == "Madame" else "élu",
        "report_intro": report_intro(delib, president_title),
        "vote_figures": vote_figures(delib.get("votes")),
        "rectifies": rectifies_wording(delib.get("rectifies")),
        "report": paragraphs(report),
        "report_quoted": bool(report) and not report.startswith("«"),
        "president_request": paragraphs(delib["president_request"]),
        # The registre text often carries "Sur proposition de son Président, Le Bureau…".
        "proposal_in_request": "sur proposition" in delib["president_request"].lower(),
        "decision": paragraphs(delib["decision"]),
        "appeal": paragraphs(appeal),
        "signature_formula": signature_formula(session_date),
        "capacity_lines": capacity_lines(delib["signatory_capacity"]),
        "executory": bool(executory),
        "executory_authority": (
            "Sous-préfecture" if organisation["sub_prefecture"] else "Préfecture"
        ),
        "received_on": french_date(received) if delib["subject_to_transmission"] else "",
        "published_on": french_date(_date(delib["published_on"])),
        # An individual decision is executory by its notification (L2131-1).
        "notified_on": ", ".join(
            f"{n['addressee']} le {french_date(_date(n['notified_on']))}"
            for n in delib.get("notifications", []) if n["notified_on"]
        ),
        "issue": issue,
        "issued_on": french_date(local_issued.date()),
        "created_iso": local_issued.replace(microsecond=0).isoformat(),
        "issued_time": f"{local_issued:%H:%M}",
        "verification_url": url,
        "qr_code": qr_code_data_uri(url),
        "document_title": (
            f"Extrait du registre des délibérations du {body['name']} — séance du "
            f"{french_date(session_date)} — {delib['title']}"
        ),
        "keywords": ", ".join(
            k for k in [
                "extrait certifié", "délibération", body["name"], delib["theme"], issue.code,
                *([f"état publié SHA-256 {data['record']['sha256']}"]
                  if data.get("record") else []),
            ] if k
        ),
        "record_sha256": (data.get("record") or {}).get("sha256", ""),
    }


def render_extract_html(data: dict, issue: IssueInfo) -> str:
    return render_to_string(TEMPLATE, extract_context(data, issue))


def render_extract_pdf(data: dict, issue: IssueInfo) -> bytes:
    """The extract as PDF/A-3b through the portal's document machinery (portal.kernel.pdf)."""
    return render_pdf(render_extract_html(data, issue), stylesheet=render_to_string(STYLESHEET))


# ---------------------------------------------------------------------------------------------
# Issuing
# ---------------------------------------------------------------------------------------------
def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """Codes are typed back from paper: ignore case, spaces and dashes."""
    return re.sub(r"[\s\-]", "", code).upper()


def sha256_of(content) -> str:
    """SHA-256 of bytes or of a file object (read by chunks)."""
    digest = hashlib.sha256()
    if isinstance(content, bytes | bytearray):
        digest.update(content)
    else:
        for chunk in iter(lambda: content.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _unused_code() -> str:
    while True:
        code = new_code()
        if not IssuedExtract.objects.filter(code=code).exists():
            return code


def extract_get_or_issue(
    *, deliberation: Deliberation, by=None
) -> tuple[IssuedExtract, bool]:
    """The current extract of a published deliberation, issued now if there is none or if the
    certified data changed since (then the previous version is marked superseded).

    Returns (extract, issued_now). The stored file is never rewritten.
    """
    if not Deliberation.objects.published().filter(pk=deliberation.pk).exists():
        raise ExtractNotAvailable(
            "Seule une délibération publiée peut faire l'objet d'un extrait certifié."
        )
    data = certified_data(deliberation)
    fingerprint = content_fingerprint(data)
    with transaction.atomic():
        # Serialise issuing per deliberation (a no-op on SQLite, which has one writer anyway).
        Deliberation.objects.select_for_update().filter(pk=deliberation.pk).first()
        current = (
            IssuedExtract.objects.filter(deliberation_id=deliberation.pk).current()
            .order_by("-version").first()
        )
        if current is not None and current.content_fingerprint == fingerprint:
            return current, False
        last = IssuedExtract.objects.filter(deliberation_id=deliberation.pk).order_by(
            "-version").values_list("version", flat=True).first()
        issue = IssueInfo(code=_unused_code(), version=(last or 0) + 1,
                          issued_at=timezone.now())
        content = render_extract_pdf(data, issue)
        signed = False
        if settings.EXTRACT_SIGNING_P12:
            from deliberations.extracts.signing import sign_pdf

            content = sign_pdf(content, reason=f"Extrait certifié {issue.code}")
            signed = True
        extract = IssuedExtract(
            deliberation_id=deliberation.pk,
            version=issue.version,
            sha256=sha256_of(content),
            code=issue.code,
            issued_by=by if getattr(by, "pk", None) else None,
            content_fingerprint=fingerprint,
            certified_data=data,
            signed=signed,
        )
        extract.file.save(f"{deliberation.slug}-v{issue.version}-{issue.code}.pdf",
                          ContentFile(content), save=False)
        try:
            with transaction.atomic():
                extract.save()
                # auto_now_add stamps its own "now"; keep the instant printed on the PDF.
                IssuedExtract.objects.filter(pk=extract.pk).update(issued_at=issue.issued_at)
                extract.issued_at = issue.issued_at
                if current is not None:
                    current.superseded_by = extract
                    current.save(update_fields=["superseded_by"])
        except IntegrityError:
            extract.file.storage.delete(extract.file.name)
            raise
    return extract, True


def extract_issue_after_publication(deliberation_id: int, issued_by_id: int | None = None
                                    ) -> None:
    """Issue the certified extract of a deliberation that has just been published.

    Meant for transaction.on_commit() in services.deliberation_set_status: it runs after the
    publication is committed and never raises, so a rendering failure (WeasyPrint, signing,
    storage) is logged and does not undo nor break the publication; the extract can then be
    issued from the admin action. A deliberation that is not (or not yet) published, e.g.
    put online at a future date, is left alone; unchanged certified data issue nothing.
    """
    try:
        deliberation = Deliberation.objects.published().filter(pk=deliberation_id).first()
        if deliberation is None:
            return
        # "Émis par": the user who published (the issue is theirs, run after their commit).
        by = get_user_model().objects.filter(pk=issued_by_id).first() if issued_by_id else None
        extract_get_or_issue(deliberation=deliberation, by=by)
    except Exception:
        logger.exception(
            "Échec de l'émission de l'extrait certifié de la délibération %s après sa "
            "publication.", deliberation_id,
        )


def extract_current(deliberation: Deliberation) -> IssuedExtract | None:
    """The current issued extract (latest version, not superseded) of a deliberation, if it
    is published and one has been issued; None otherwise. One query, and no write: this is
    what the public download serves."""
    return (
        IssuedExtract.objects.current()
        .filter(
            deliberation_id=deliberation.pk,
            deliberation__in=Deliberation.objects.published().filter(pk=deliberation.pk),
        )
        .order_by("-version")
        .first()
    )


def extract_find_by_content(content) -> IssuedExtract | None:
    """The issued extract whose stored bytes hash to the same SHA-256, if any."""
    return (
        IssuedExtract.objects.select_related(
            "deliberation__session__body__organisation", "superseded_by"
        )
        .filter(sha256=sha256_of(content))
        .first()
    )


def session_archive_name(session: Session) -> str:
    return f"extraits-{session.body.organisation.slug}-{session.body.slug}-{session.date:%Y-%m-%d}"


def write_sessions_zip(sessions, target, *, by=None, progress=None) -> int:
    """Write a ZIP of the current extracts of sessions to a file object: one folder per
    session, one PDF per published deliberation (issued now if missing or outdated) and a
    SHA256SUMS.txt. `progress` wraps the iterable of deliberations (e.g. tqdm).
    Returns the number of extracts written."""
    sessions = list(sessions)
    deliberations = list(
        Deliberation.objects.published()
        .filter(session__in=sessions)
        .select_related("session__body__organisation")
        .order_by("session__date", "session_id", "item_number", "pk")
    )
    items = deliberations if progress is None else progress(
        deliberations, total=len(deliberations)
    )
    sums: dict[str, list[str]] = {}
    count = 0
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        for deliberation in items:
            extract, _ = extract_get_or_issue(deliberation=deliberation, by=by)
            folder = session_archive_name(deliberation.session)
            position = f"{deliberation.item_number:03d}-" if deliberation.item_number else ""
            name = f"{position}{deliberation.slug}-v{extract.version}.pdf"
            with extract.file.open("rb") as handle:
                archive.writestr(f"{folder}/{name}", handle.read())
            sums.setdefault(folder, []).append(f"{extract.sha256}  {name}")
            count += 1
        for folder, lines in sums.items():
            archive.writestr(f"{folder}/SHA256SUMS.txt", "\n".join(lines) + "\n")
    return count
