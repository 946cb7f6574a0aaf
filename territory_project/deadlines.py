"""The territorial project's deadlines for the clerk's calendar (portal.kernel.deadlines): each
evaluation not yet presented to the Conseil, at its due date ("Un projet à évaluer": every
two years, with the Conseil de développement)."""

import datetime

from django.urls import reverse

from portal.kernel.deadlines import Deadline
from territory_project.models import Evaluation


def evaluation_deadlines(organisation_ids, today: datetime.date):
    evaluations = Evaluation.objects.filter(presented_on__isnull=True).select_related(
        "project__organisation")
    if organisation_ids is not None:
        evaluations = evaluations.filter(project__organisation__in=organisation_ids)
    return [
        Deadline(
            "territory_evaluation", "Évaluation du projet de territoire à présenter",
            evaluation.project.title, evaluation.due_on, evaluation.project.organisation.name,
            "Projet de territoire (engagement d'évaluation)",
            reverse("admin:territory_project_evaluation_change", args=[evaluation.pk]),
        )
        for evaluation in evaluations
    ]
