"""Loads the territorial project from seed 003 (parsing.py reads it; this module stores it).

Idempotent: every row has a natural key (priority number, stake position, objective number,
action position, function number, indicator code), so a second run updates the same rows and
keeps what clerks added (links to deliberations, measurements, evaluations).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from deliberations.models import Deliberation
from portal.kernel import seeds
from territory_project.models import (
    Action,
    Finding,
    Indicator,
    Objective,
    Priority,
    Project,
    SocialFunction,
    Stake,
    Target,
)
from territory_project.parsing import ParsedProject, parse_project

# Which stakes each social function serves. The document does not say it in so many words:
# this is the editor's reading of the consultation's findings against the stakes' titles
# (Habiter's "Protéger les habitations des risques naturels" → the natural-risks stake, and
# so on), matched on words of the stake titles. Clerks can change the links in the admin; a
# new run adds these links again but removes none.
SOCIAL_FUNCTION_STAKES = {
    "Se déplacer": ["part modale de la voiture", "mobilité vertueuse", "désenclavement"],
    "Habiter": ["impact énergétique des logements", "logement digne", "offre de logements",
                "risques naturels"],
    "Travailler": ["attractivité du territoire", "écologie", "formation initiale",
                   "emploi et de la formation", "entrepreneuriat", "innovation"],
    "S'approvisionner": ["qualité en eau", "espaces agricoles", "énergie verte",
                         "circuits courts", "commerces"],
    "Être en forme": ["accès aux soins", "pratique du sport", "écosystèmes"],
    "Apprendre": ["réussite éducative", "illectronisme", "formation continue",
                  "autonomie, la citoyenneté"],
    "S'épanouir": ["offre culturelle", "événements culturels", "paysages", "tranquillité"],
}


class ProjectLoadError(Exception):
    """The project cannot be stored (French message)."""


@dataclass
class LoadSummary:
    priorities: int = 0
    stakes: int = 0
    objectives: int = 0
    actions: int = 0
    social_functions: int = 0
    indicators: int = 0

    def as_french(self) -> str:
        return (
            f"Projet de territoire chargé : {self.priorities} priorités, {self.stakes} enjeux, "
            f"{self.objectives} objectifs, {self.actions} actions, "
            f"{self.social_functions} fonctions sociales, {self.indicators} indicateurs."
        )


def adopting_deliberation(parsed: ParsedProject) -> Deliberation:
    """The Conseil's deliberation that adopted the project (loaded by load_seed_records)."""
    deliberation = (
        Deliberation.objects.select_related("session__body__organisation")
        .filter(session__date=parsed.adopted_on, title__icontains="projet de territoire")
        .first()
    )
    if deliberation is None:
        raise ProjectLoadError(
            f"Délibération d'adoption du {parsed.adopted_on:%d/%m/%Y} introuvable : "
            "lancez d'abord « manage.py load_seed_records »."
        )
    return deliberation


@transaction.atomic
def project_load(*, text: str) -> tuple[Project, LoadSummary]:
    """Create or update the project read from the text of seed 003."""
    parsed = parse_project(text)
    deliberation = adopting_deliberation(parsed)
    organisation = deliberation.session.body.organisation
    project, _ = Project.objects.update_or_create(
        slug=slugify(f"{organisation.slug} {parsed.start_year} {parsed.end_year}"),
        defaults={
            "organisation": organisation,
            "title": parsed.title,
            "start_year": parsed.start_year,
            "end_year": parsed.end_year,
            "adopted_by": deliberation,
            "adopted_on": parsed.adopted_on,
            "evaluation_text": parsed.evaluation_text,
        },
    )
    summary = LoadSummary()
    stakes_by_line: list[tuple[int, int, Stake]] = []
    for parsed_priority in parsed.priorities:
        priority, _ = Priority.objects.update_or_create(
            project=project, number=parsed_priority.number,
            defaults={"title": parsed_priority.title,
                      "introduction": parsed_priority.introduction},
        )
        summary.priorities += 1
        for position, parsed_stake in enumerate(parsed_priority.stakes, start=1):
            stake, _ = Stake.objects.update_or_create(
                priority=priority, position=position,
                defaults={"title": parsed_stake.title, "rationale": parsed_stake.rationale,
                          "figures": parsed_stake.figures,
                          "description": parsed_stake.description},
            )
            summary.stakes += 1
            stakes_by_line.append((parsed_stake.first_line, parsed_stake.last_line, stake))
            for parsed_objective in parsed_stake.objectives:
                objective, _ = Objective.objects.update_or_create(
                    stake=stake, number=parsed_objective.number,
                    defaults={"title": parsed_objective.title},
                )
                summary.objectives += 1
                for action_position, parsed_action in enumerate(parsed_objective.actions,
                                                                start=1):
                    Action.objects.update_or_create(
                        objective=objective, position=action_position,
                        defaults={"title": parsed_action.title},
                    )
                    summary.actions += 1
                objective.actions.filter(position__gt=len(parsed_objective.actions)).delete()
            stake.objectives.exclude(
                number__in=[o.number for o in parsed_stake.objectives]
            ).delete()
        priority.stakes.filter(position__gt=len(parsed_priority.stakes)).delete()

    for parsed_function in parsed.social_functions:
        function, _ = SocialFunction.objects.update_or_create(
            project=project, number=parsed_function.number,
            defaults={"name": parsed_function.name, "slug": slugify(parsed_function.name)},
        )
        summary.social_functions += 1
        for position, text_ in enumerate(parsed_function.findings, start=1):
            Finding.objects.update_or_create(social_function=function, position=position,
                                             defaults={"text": text_})
        function.findings.filter(position__gt=len(parsed_function.findings)).delete()
        keywords = SOCIAL_FUNCTION_STAKES.get(parsed_function.name, [])
        function.stakes.add(*[
            stake for _, _, stake in stakes_by_line
            if any(word in stake.title for word in keywords)
        ])

    for position, parsed_indicator in enumerate(parsed.indicators, start=1):
        stake = next((s for first, last, s in stakes_by_line
                      if first <= parsed_indicator.line <= last), None)
        indicator, _ = Indicator.objects.update_or_create(
            project=project, code=parsed_indicator.code,
            defaults={
                "stake": stake,
                "position": position,
                "label": parsed_indicator.label,
                "unit": parsed_indicator.unit,
                "baseline_value": parsed_indicator.baseline_value,
                "baseline_qualifier": parsed_indicator.baseline_qualifier,
                "baseline_year": parsed_indicator.baseline_year,
                "baseline_period": parsed_indicator.baseline_period,
                "comparison_value": parsed_indicator.comparison_value,
                "comparison_label": parsed_indicator.comparison_label,
                "direction": parsed_indicator.direction,
                "source_sentence": parsed_indicator.source_sentence,
            },
        )
        for target_position, target in enumerate(parsed_indicator.targets, start=1):
            Target.objects.update_or_create(
                indicator=indicator, position=target_position,
                defaults={"kind": target.kind, "value": target.value, "unit": target.unit,
                          "year": target.year, "wording": target.wording,
                          "source_sentence": target.source_sentence},
            )
        indicator.targets.filter(position__gt=len(parsed_indicator.targets)).delete()
        summary.indicators += 1
    return project, summary


def load_from_seeds(seeds_dir) -> seeds.SeedReport:
    """load_seeds' loader of the territorial project 2022-2032 (seed 003), after the
    deliberation that adopts it."""
    from territory_project.parsing import ProjectParseError

    try:
        _, summary = project_load(text=seeds.seed_file(seeds_dir, "003"))
    except (ProjectParseError, ProjectLoadError) as error:
        raise seeds.SeedError(str(error)) from error
    return seeds.SeedReport(summary.as_french())
