"""The procès-verbal of a session (L2121-15), drafted from the structured record.

L2121-15 lists what it holds: the date and time, the president, the members present or
represented, the secretary, the quorum, the agenda, the deliberations adopted and the reports
they rest on, the requests for a particular ballot, the results of the votes (for a public
ballot, the names of the voters and their vote) and the substance of the discussions. Everything
but the discussions comes from the session as recorded (attendance, proxies, quorum per item
from rules.py through selectors.py, votes); the secretary types the discussions per item
(MinutesItem). The PDF is rendered from ``minutes_data`` only.
"""

import datetime

from django.template.loader import render_to_string

from deliberations import rules, selectors
from deliberations.extracts.issuing import (
    arrondissement_heading,
    civility_word,
    item_note,
    paragraphs,
    registre_time,
    upper_unaccented,
)
from deliberations.models import Attendance, Deliberation, Minutes, Session
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


def _member_votes(deliberation: Deliberation) -> list[dict]:
    """Per-member votes of a public roll-call ballot (L2121-21: "les noms des votants avec
    l'indication du sens de leur vote"), when the portal records them.

    Per-member votes are ``MemberVote`` rows (related name ``member_votes``, a ``choice`` and,
    for a vote cast by proxy, ``for_member``); without them the PV prints the figures only.
    """
    related = getattr(deliberation, "member_votes", None)
    if related is None:
        return []
    by_proxy = any(f.name == "for_member" for f in related.model._meta.get_fields())
    votes = related.select_related("member", *(["for_member"] if by_proxy else []))
    rows = []
    for vote in votes.order_by("member__last_name", "member__first_name", "pk"):
        name = vote.member.full_name
        proxy_for = getattr(vote, "for_member", None) if by_proxy else None
        if proxy_for is not None:
            name = f"{proxy_for.full_name} (par procuration, {vote.member.full_name})"
        rows.append({"member": name, "vote": vote.get_choice_display()})
    return sorted(rows, key=lambda row: row["member"])


def vote_text(deliberation: Deliberation) -> str:
    """The result of the vote as the PV states it: the figures through rules.vote_result when
    they were recorded, else the registre's wording and the recorded result."""
    if deliberation.result == Deliberation.Result.NOTED:
        wording = deliberation.vote_wording
        return f"Prise d'acte{f' ({wording})' if wording else ''}."
    if deliberation.votes_for is not None and deliberation.votes_against is not None:
        try:
            return rules.vote_result(
                votes_for=deliberation.votes_for,
                votes_against=deliberation.votes_against,
                abstentions=deliberation.abstentions or 0,
                blank_or_null=deliberation.blank_or_null or 0,
                ballot=deliberation.ballot,
                president_voted_for=deliberation.president_voted_for,
            ).explanation
        except ValueError:
            pass  # a tie without the president's vote: fall back on the recorded wording
    parts = [p for p in (deliberation.vote_wording, deliberation.get_result_display()) if p]
    return " — ".join(parts) + "." if parts else "Résultat non renseigné."


def _figures(ranges) -> list[dict]:
    rows = []
    for item_range in ranges:
        f = item_range.figures
        if item_range.last_item is None:
            items = ("Toutes les questions" if item_range.first_item == 1
                     else f"À partir de la question {item_range.first_item}")
        elif item_range.first_item == item_range.last_item:
            items = f"Question {item_range.first_item}"
        else:
            items = f"Questions {item_range.first_item} à {item_range.last_item}"
        rows.append({
            "items": items, "in_office": f.in_office, "present": f.present,
            "represented": f.represented, "votes_available": f.votes_available,
            "quorum_required": f.quorum_required, "quorum_met": f.quorum_met,
        })
    return rows


def minutes_data(minutes: Minutes) -> dict:
    """Everything the procès-verbal prints, as JSON-able values (a dozen queries)."""
    session = Session.objects.select_related(
        "body__organisation", "president", "secretary",
    ).get(pk=minutes.session_id)
    organisation = session.body.organisation
    attendances = list(session.attendances.select_related("member", "replaces").order_by(
        "member__last_name", "member__first_name"))
    proxies = list(session.proxies.select_related("giver", "holder").order_by(
        "giver__last_name", "giver__first_name"))
    table = selectors.session_quorum_table(session)
    items = {item.deliberation_id: item for item in minutes.items.all()}

    def line(row: Attendance) -> str:
        text = row.member.full_name
        if row.replaces_id:
            text += f", suppléant de {row.replaces.full_name}"
        note = item_note(row.from_item, row.until_item)
        return f"{text} {note}" if note else text

    deliberations = []
    for d in examined_deliberations(session):
        item = items.get(d.pk)
        deliberations.append({
            "item_number": d.item_number,
            "act_number": d.act_number,
            "theme": d.theme,
            "title": d.title,
            "rapporteur": d.rapporteur.full_name if d.rapporteur else "",
            "report": d.report,
            "decision": d.decision,
            "ballot": d.get_ballot_display(),
            "ballot_request": item.ballot_request if item else "",
            "vote": vote_text(d),
            "non_voting": sorted(m.full_name for m in d.non_voting_members.all()),
            "withdrawn": sorted(m.full_name for m in d.withdrawn_members.all()),
            "member_votes": _member_votes(d),
            "quorum": _figures(selectors.deliberation_quorum(d, table)),
            "discussion": item.discussion if item else "",
        })
    approved_at = minutes.approved_at
    return {
        "organisation": {"name": organisation.name,
                         "arrondissement": organisation.arrondissement},
        "body": {"name": session.body.name},
        "session": {
            "date": session.date.isoformat(),
            "starts_at": session.starts_at.strftime("%H:%M") if session.starts_at else "",
            "place": session.place,
            "convened_on": session.convened_on.isoformat() if session.convened_on else "",
            "urgent": session.urgent,
            "president": session.president.full_name if session.president else "",
            "president_civility": civility_word(session.president),
            "president_capacity": session.president_capacity,
            "secretary": session.secretary.full_name if session.secretary else "",
            "secretary_civility": civility_word(session.secretary),
        },
        "present": [line(a) for a in attendances if a.status == Attendance.Status.PRESENT],
        "proxies": [
            " ".join(filter(None, [f"{p.giver.full_name} à {p.holder.full_name}",
                                   item_note(p.from_item, p.until_item)]))
            for p in proxies
        ],
        "excused": [line(a) for a in attendances if a.status == Attendance.Status.EXCUSED],
        "absent": [line(a) for a in attendances if a.status == Attendance.Status.ABSENT],
        "quorum": _figures(table),
        "opening": minutes.opening,
        "deliberations": deliberations,
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
