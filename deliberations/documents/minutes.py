"""The procès-verbal of a session (L2121-15), drafted from the structured record.

L2121-15 lists what it holds: the date and time, the president, the members present or
represented, the secretary, the quorum, the agenda, the deliberations adopted and the reports
they rest on, the requests for a particular ballot, the results of the votes (for a public
ballot, the names of the voters and their vote) and the substance of the discussions. Everything
but the discussions comes from the records of the acts (deliberations.record: frozen at
publication, computed by the rules for an act not published yet); the secretary types the
discussions per item (MinutesItem). The PDF is rendered from ``minutes_data`` only.
"""

import datetime

from django.template.loader import render_to_string

from deliberations import record, selectors
from deliberations.extracts.issuing import (
    arrondissement_heading,
    item_note,
    paragraphs,
    registre_time,
    session_heading,
    upper_unaccented,
)
from deliberations.models import Attendance, Deliberation, Minutes, Session
from deliberations.record.builder import session_facts
from portal.kernel.pdf import render_pdf
from portal.kernel.wording import at_place, french_date

TEMPLATE = "deliberations/documents/minutes.html"
STYLESHEET = "deliberations/documents/documents.css"


def examined_deliberations(session: Session):
    """The deliberations the body examined at the session: every one but drafts, in the order
    of the agenda."""
    return (
        session.deliberations.exclude(status=Deliberation.Status.DRAFT)
        .select_related("rapporteur").prefetch_related("non_voting_members", "withdrawn_members")
        .order_by("item_number", "pk")
    )


def _member_votes(vote) -> list[dict]:
    """Per-member votes of a public roll-call ballot (L2121-21: "les noms des votants avec
    l'indication du sens de leur vote"), as the act's record holds them."""
    rows = []
    for line in vote.member_votes:
        name = line.member.name
        if line.for_member is not None:
            name = f"{line.for_member.name} (par procuration, {line.member.name})"
        rows.append({"member": name, "vote": line.choice_label})
    return sorted(rows, key=lambda row: row["member"])


def vote_text(legal) -> str:
    """The result of the vote as the PV states it: the record's outcome and its wording
    (rules.vote_result through deliberations.record), the same sentence as the public page,
    the extract and the API."""
    return legal.vote.wording


def _figures(ranges) -> list[dict]:
    rows = []
    for r in ranges:
        if r.last_item is None:
            items = ("Toutes les questions" if r.first_item == 1
                     else f"À partir de la question {r.first_item}")
        elif r.first_item == r.last_item:
            items = f"Question {r.first_item}"
        else:
            items = f"Questions {r.first_item} à {r.last_item}"
        rows.append({
            "items": items, "in_office": r.in_office, "present": r.present,
            "represented": r.represented, "votes_available": r.votes_available,
            "quorum_required": r.quorum_required, "quorum_met": r.quorum_met,
        })
    return rows


def _session_facts(session: Session, deliberations, records):
    """What the PV says of the session: from the latest frozen record of its acts once one
    is published (what was certified), else computed now from the session as recorded."""
    frozen = [d for d in deliberations if record.frozen_record(d) is not None]
    if frozen:
        latest = max(frozen, key=lambda d: (d.record.frozen_at, d.record.pk))
        return records[latest.pk].session
    return session_facts(session, selectors.session_quorum_table(session))


def minutes_data(minutes: Minutes) -> dict:
    """Everything the procès-verbal prints, as JSON-able values: the session's and each
    examined act's facts from their records (deliberations.record), the discussions typed
    by the secretary."""
    session = Session.objects.select_related("body__organisation").get(pk=minutes.session_id)
    deliberations = list(examined_deliberations(session).select_related("record"))
    records = record.records_for(deliberations)
    facts = _session_facts(session, deliberations, records)
    items = {item.deliberation_id: item for item in minutes.items.all()}

    def line(row) -> str:
        text = row.member.name
        if row.replaces is not None:
            text += f", suppléant de {row.replaces.name}"
        note = item_note(row.from_item, row.until_item)
        return f"{text} {note}" if note else text

    attendance = sorted(facts.attendance, key=lambda row: row.member.name)
    entries = []
    for d in deliberations:
        item = items.get(d.pk)
        legal = records[d.pk]
        entries.append({
            "item_number": legal.act.item_number,
            "act_number": legal.act.act_number,
            "theme": legal.act.theme,
            "title": legal.act.title,
            "rapporteur": legal.act.rapporteur.name if legal.act.rapporteur else "",
            "report": legal.act.report,
            "decision": legal.act.decision,
            "ballot": legal.vote.ballot_label,
            "ballot_request": item.ballot_request if item else "",
            "vote": vote_text(legal),
            "non_voting": sorted(person.name for person in legal.vote.not_voting),
            "withdrawn": sorted(person.name for person in legal.vote.withdrawn),
            "member_votes": _member_votes(legal.vote),
            "quorum": _figures(legal.quorum),
            "discussion": item.discussion if item else "",
        })
    approved_at = minutes.approved_at
    return {
        "organisation": {"name": session.body.organisation.name,
                         "arrondissement": session.body.organisation.arrondissement},
        "body": {"name": session.body.name},
        "session": {**session_heading(facts), "urgent": facts.convocation.urgent},
        "present": [line(a) for a in attendance if a.status == Attendance.Status.PRESENT],
        "proxies": [
            " ".join(filter(None, [f"{p.giver.name} à {p.holder.name}",
                                   item_note(p.from_item, p.until_item)]))
            for p in sorted(facts.proxies, key=lambda proxy: proxy.giver.name)
        ],
        "excused": [line(a) for a in attendance if a.status == Attendance.Status.EXCUSED],
        "absent": [line(a) for a in attendance if a.status == Attendance.Status.ABSENT],
        "quorum": _figures(facts.quorum),
        "opening": minutes.opening,
        "deliberations": entries,
        "approved_at": approved_at.date.isoformat() if approved_at else "",
        "signed_on": minutes.signed_on.isoformat() if minutes.signed_on else "",
    }


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def minutes_context(data: dict) -> dict:
    session = data["session"]
    session_date = _date(session["date"])
    deliberations = [
        {**d, "report_paragraphs": paragraphs(d["report"]),
         "decision_paragraphs": paragraphs(d["decision"]),
         "discussion_paragraphs": paragraphs(d["discussion"])}
        for d in data["deliberations"]
    ]
    first = data["quorum"][0] if data["quorum"] else None
    return {
        "data": data,
        "arrondissement": arrondissement_heading(data["organisation"]["arrondissement"]),
        "organisation_heading": upper_unaccented(data["organisation"]["name"]),
        "session_date_long": french_date(session_date, weekday=True),
        "session_date": french_date(session_date),
        "session_time": registre_time(
            datetime.time.fromisoformat(session["starts_at"]) if session["starts_at"] else None
        ),
        "session_place": at_place(session["place"]),
        "convened_on": french_date(_date(session["convened_on"])),
        "president_capacity": session["president_capacity"] or "Président",
        "opening_figures": first,
        "opening": paragraphs(data["opening"]),
        "deliberations": deliberations,
        "approved_at": french_date(_date(data["approved_at"])),
        "signed_on": french_date(_date(data["signed_on"])),
        "document_title": (f"Procès-verbal de la séance du {data['body']['name']} du "
                           f"{french_date(session_date)}"),
    }


def render_minutes_html(data: dict) -> str:
    return render_to_string(TEMPLATE, minutes_context(data))


def render_minutes_pdf(data: dict) -> bytes:
    """The procès-verbal as PDF/A-3b (portal.kernel.pdf)."""
    return render_pdf(render_minutes_html(data), stylesheet=render_to_string(STYLESHEET))
