"""The clerk's calendar lists the PMA reports a member's assembly has not yet taken note of
(L5211-39: the report reaches the members before 30 September of the following year)."""

import datetime

from pma_reports.models import TakingNote
from portal.kernel import deadlines
from portal.models import Organisation


def test_cabbalr_still_has_to_take_note_of_the_2020_report_not_of_2021(pma):
    cabbalr = Organisation.objects.get(slug="cabbalr")
    found = [d for d in deadlines.deadlines_for([cabbalr.pk], datetime.date(2023, 3, 10))
             if d.kind == "activity_report"]
    pending = TakingNote.objects.filter(member_organisation=cabbalr, deliberation__isnull=True)
    assert [d.due_on for d in found] == sorted(
        datetime.date(note.report.year + 1, 9, 30) for note in pending)
    assert datetime.date(2021, 9, 30) in [d.due_on for d in found]  # the 2020 report
    assert datetime.date(2022, 9, 30) not in [d.due_on for d in found]  # 2021: taken note
    assert all(d.legal_basis == "CGCT L5211-39" for d in found)
