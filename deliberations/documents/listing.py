"""The list of deliberations examined at a session (L2121-25): number, title, result; posted
and put online within a week of the session (rules.deliberation_list_deadline)."""

import datetime

from django.template.loader import render_to_string

from deliberations import record, rules
from deliberations.documents.minutes import STYLESHEET, examined_deliberations
from deliberations.extracts.issuing import arrondissement_heading, upper_unaccented
from deliberations.models import Session
from portal.kernel.pdf import render_pdf
from portal.kernel.wording import french_date

TEMPLATE = "deliberations/documents/deliberation_list.html"


def list_entries(session: Session) -> list[dict]:
    """One entry per deliberation examined (drafts excluded): what the list prints, the
    result as the act's record states it (deliberations.record: the rules' outcome)."""
    deliberations = list(examined_deliberations(session).select_related("record"))
    records = record.records_for(deliberations)
    return [
        {
            "item_number": records[d.pk].act.item_number,
            "act_number": records[d.pk].act.act_number,
            "title": records[d.pk].act.title,
            "result": records[d.pk].vote.outcome_label or "Résultat non renseigné",
        }
        for d in deliberations
    ]


def render_list_pdf(session: Session, entries: list[dict], published_on: datetime.date,
                    version: int = 1) -> bytes:
    organisation = session.body.organisation
    html = render_to_string(TEMPLATE, {
        "session": session,
        "version": version,
        "entries": entries,
        "arrondissement": arrondissement_heading(organisation.arrondissement),
        "organisation_heading": upper_unaccented(organisation.name),
        "session_date": french_date(session.date, weekday=True),
        "published_on": french_date(published_on),
        "deadline": french_date(rules.deliberation_list_deadline(session.date)),
        "document_title": (f"Liste des délibérations examinées — {session.body.name}, séance "
                           f"du {french_date(session.date)}"),
    })
    return render_pdf(html, stylesheet=render_to_string(STYLESHEET))
