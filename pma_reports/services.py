"""Writes of pma_reports: atomic functions with a verb name (see STYLE.md)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from pma_reports.models import TakingNote


def taking_note_record(*, taking_note: TakingNote, deliberation, by=None) -> TakingNote:
    """Record (or clear, with None) the deliberation by which a member's assembly took note
    of the report (L5211-39). The deliberation must be one of that member's assemblies."""
    if deliberation is not None:
        organisation_id = deliberation.session.body.organisation_id
        if organisation_id != taking_note.member_organisation_id:
            raise ValidationError(
                {"deliberation": "Cette délibération n'a pas été prise par une assemblée de "
                                 f"« {taking_note.member_organisation} »."})
    with transaction.atomic():
        taking_note.deliberation = deliberation
        taking_note.save(update_fields=["deliberation"])
    return taking_note


def report_taking_notes_open(*, report) -> int:
    """One taking-note row per member organisation of the reporting organisation (L5211-39:
    each member's assembly takes note of the report); rows already there are kept. Returns
    how many were created."""
    created = 0
    for member in report.organisation.member_organisations.all():
        created += TakingNote.objects.get_or_create(report=report,
                                                    member_organisation=member)[1]
    return created
