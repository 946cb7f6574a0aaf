"""manage.py load_seeds: one command loads every record of the seed documents, in order, and a
second run changes no row; bin/run calls it and nothing else to load."""

import io
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from portal.kernel import seeds

ROOT = Path(__file__).resolve().parents[2]


def _every_row():
    """Every row of every model of the project's apps, as plain values."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label not in {"portal", "deliberations", "pma_reports",
                                         "territory_project"}:
            continue
        # The audit trail records each save, unchanged or not: it is a log, not the records.
        if model.__name__.startswith("Historical"):
            continue
        rows[model._meta.label] = sorted(
            (tuple(sorted((k, repr(v)) for k, v in row.items()))
             for row in model.objects.values()),
        )
    return rows


def test_the_loaders_run_in_the_order_their_data_needs():
    assert [loader.name for loader in seeds.loaders()] == [
        "deliberations", "territory_project", "pma_reports"]


@pytest.mark.django_db(transaction=True)
def test_load_seeds_loads_every_document_and_a_second_run_changes_no_row():
    out = io.StringIO()
    call_command("load_seeds", stdout=out)
    console = out.getvalue()
    assert "2 séances, 219 présences (166 présents, 53 excusés, 0 absents), 38 procurations, " \
        "2 délibérations." in console
    assert "Projet de territoire chargé : 4 priorités, 30 enjeux, 83 objectifs, 220 actions" \
        in console
    assert "2 rapports d'activités" in console
    first = _every_row()
    assert len(first["deliberations.Deliberation"]) == 2
    assert len(first["territory_project.Action"]) == 220
    assert len(first["pma_reports.ActivityReport"]) == 2

    call_command("load_seeds", stdout=io.StringIO())
    second = _every_row()
    changed = [label for label in first if first[label] != second[label]]
    assert changed == []


@pytest.mark.django_db(transaction=True)
def test_load_seeds_says_nothing_in_english(capfd):
    call_command("load_seeds")
    captured = capfd.readouterr()
    console = captured.out + captured.err
    assert "No hostname was supplied" not in console
    assert "succeeded" not in console


def test_a_missing_document_stops_the_command_in_french(tmp_path, db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"Chargement impossible : Fichier « 000_\*\.txt » "
                                           r"introuvable"):
        call_command("load_seeds", seeds_dir=tmp_path, stdout=io.StringIO())


def test_bin_run_loads_the_seeds_with_the_one_command():
    script = (ROOT / "bin" / "run").read_text()
    assert "manage.py load_seeds" in script
    for part in ("load_seed_records", "load_territorial_project", "load_pma_reports"):
        assert part not in script
