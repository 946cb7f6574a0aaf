"""load_territorial_project on the real seeds: the whole structure, idempotent, linked to the
Conseil's deliberation of 6 December 2022."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from territory_project.models import (
    Action,
    Finding,
    Indicator,
    Objective,
    Priority,
    SocialFunction,
    Stake,
)

from .test_parsing import EXPECTED_TOTALS, PRIORITY_TITLES


def _rows():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True))
            for model in (Priority, Stake, Objective, Action, SocialFunction, Finding,
                          Indicator)}


def test_the_whole_structure_is_stored_in_order(project):
    assert list(project.priorities.order_by("number").values_list("title", flat=True)) == (
        PRIORITY_TITLES)
    for priority in project.priorities.all():
        stakes, objectives, actions = EXPECTED_TOTALS[priority.number]
        assert priority.stakes.count() == stakes
        assert Objective.objects.filter(stake__priority=priority).count() == objectives
        assert Action.objects.filter(objective__stake__priority=priority).count() == actions
    assert project.social_functions.count() == 7
    assert Finding.objects.count() == 21
    assert project.indicators.count() == 23
    waste = project.indicators.get(code="dechets-par-habitant")
    assert (waste.baseline_value, waste.comparison_value, waste.stake.title) == (
        770, 500, "Protéger les écosystèmes et réduire les polluants atmosphériques et sonores")
    moving = project.social_functions.get(name="Se déplacer")
    assert [s.title[:30] for s in moving.stakes.order_by("priority__number", "position")] == [
        "Réduire sensiblement la part m", "Développer une mobilité vertue",
        "Garantir le désenclavement ave",
    ]


def test_second_run_keeps_the_same_rows(project):
    before = _rows()
    out = io.StringIO()
    call_command("load_territorial_project", stdout=out)
    assert _rows() == before
    assert "4 priorités, 30 enjeux, 83 objectifs, 220 actions" in out.getvalue()


def test_project_is_linked_to_the_adopting_deliberation(project):
    deliberation = project.adopted_by
    assert deliberation.slug == "conseil-communautaire-2022-12-06-projet-de-territoire"
    assert deliberation.session.date == datetime.date(2022, 12, 6)
    assert project.adopted_on == datetime.date(2022, 12, 6)
    assert project.organisation.slug == "cabbalr"
    assert list(deliberation.adopted_projects.all()) == [project]


@pytest.mark.django_db
def test_loader_needs_the_seed_records_first():
    with pytest.raises(CommandError, match="load_seed_records"):
        call_command("load_territorial_project")
