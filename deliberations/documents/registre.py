"""The registre of a body for a year (L2121-23, R2121-9 as rewritten by décret 2021-1311).

Every published deliberation of the year in date order (session date, then item number),
one after the other, with a table of contents giving each act's page, numbered pages and,
for each session, the signature blocks of the president and the secretary. The same PDF is
printed, signed and bound (the paper registre) and kept as the complementary digital
registre. Its content fingerprint decides whether a new version is needed.
"""

import hashlib
import json

from django.template.loader import render_to_string

from deliberations import record
from deliberations.documents.minutes import STYLESHEET
from deliberations.extracts.issuing import (
    arrondissement_heading,
    paragraphs,
    signature_formula,
    upper_unaccented,
)
from deliberations.models import Deliberation
from portal.kernel.pdf import render_pdf
from portal.kernel.wording import french_date
from portal.models import Body

TEMPLATE = "deliberations/documents/registre.html"


def registre_deliberations(body: Body, year: int):
    """The published deliberations of a body and a year, in date order."""
    return (
        Deliberation.objects.published()
        .filter(body=body, year=year)
        .select_related("session__president", "session__secretary", "signatory")
        .order_by("session_date", "session__starts_at", "session_id", "item_number", "pk")
    )


def registre_data(body: Body, year: int) -> dict:
    """What the registre prints (JSON-able), one query."""
    acts = []
    deliberations = list(registre_deliberations(body, year).select_related("record"))
    records = record.records_for(deliberations)
    for d in deliberations:
        session = d.session
        facts = records[d.pk].session
        acts.append({
            "session_date": session.date.isoformat(),
            "item_number": d.item_number,
            "act_number": d.act_number,
            "theme": d.theme,
            "title": d.title,
            "report": d.report,
            "president_request": d.president_request,
            "vote_wording": d.vote_wording,
            # The outcome and names as the act's record states them (deliberations.record).
            "result": records[d.pk].vote.outcome_label,
            "decision": d.decision,
            "published_on": d.published_on.isoformat() if d.published_on else "",
            "president": facts.president.name if facts.president else "",
            "secretary": facts.secretaries[0].name if facts.secretaries else "",
        })
    return {"organisation": body.organisation.name,
            "arrondissement": body.organisation.arrondissement,
            "body": body.name, "year": year, "acts": acts}


def fingerprint(data: dict) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def render_registre_pdf(data: dict, *, version: int) -> bytes:
    import datetime

    acts = []
    for index, act in enumerate(data["acts"], start=1):
        session_date = datetime.date.fromisoformat(act["session_date"])
        acts.append({
            **act,
            "anchor": f"acte-{index}",
            "session_date_long": french_date(session_date),
            "published_on_long": french_date(
                datetime.date.fromisoformat(act["published_on"]) if act["published_on"]
                else None),
            "report_paragraphs": paragraphs(act["report"]),
            "request_paragraphs": paragraphs(act["president_request"]),
            "decision_paragraphs": paragraphs(act["decision"]),
            "signature_formula": signature_formula(session_date),
        })
    html = render_to_string(TEMPLATE, {
        "data": data,
        "acts": acts,
        "version": version,
        "arrondissement": arrondissement_heading(data["arrondissement"]),
        "organisation_heading": upper_unaccented(data["organisation"]),
        "document_title": f"Registre des délibérations — {data['body']} — {data['year']}",
    })
    return render_pdf(html, stylesheet=render_to_string(STYLESHEET))
