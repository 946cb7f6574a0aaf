"""The PMA activity reports' deadlines for the clerk's calendar (portal.kernel.deadlines): each
member whose assembly has not yet taken note ("prend acte") of a report (L5211-39).

Registered in PmaReportsConfig.ready() (pma_reports/apps.py):
    from pma_reports.deadlines import activity_report_deadlines
    from portal.kernel import deadlines
    deadlines.register(activity_report_deadlines)

L5211-39 dates the sending of the report (before 30 September of the following year), not
the taking note: the calendar shows that date, marked "en cours" rather than "en retard"
(``informative``), so that a clerk sees which reports still await their assembly.
"""

import datetime

from django.db.models import Q
from django.urls import reverse

from deliberations.selectors import activity_report_deadline
from pma_reports.models import TakingNote
from portal.kernel.deadlines import Deadline


def activity_report_deadlines(organisation_ids, today: datetime.date):
    pending = TakingNote.objects.filter(deliberation__isnull=True).select_related(
        "report__organisation", "member_organisation")
    if organisation_ids is not None:
        # The clerk of the member (who puts it on the agenda) and of the reporting body.
        pending = pending.filter(Q(member_organisation__in=organisation_ids)
                                 | Q(report__organisation__in=organisation_ids))
    return [
        Deadline(
            "activity_report", "Rapport d'activités dont il n'a pas été pris acte",
            f"{note.report.title} — {note.member_organisation.name}",
            activity_report_deadline(note.report.year),
            note.member_organisation.name, "CGCT L5211-39",
            reverse("admin:pma_reports_activityreport_change", args=[note.report_id]),
            informative=True,
        )
        for note in pending
    ]
