"""No CSV the portal serves hands a spreadsheet a formula: every CSV address of the URLconf
(found by walking it, so a new export is covered without a new test) is fetched with a
planted ``=HYPERLINK(`` in the records it lists."""

import csv
import datetime
import decimal
import io
import re

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from deliberations.models import Deliberation
from pma_reports.models import ActivityReport, KeyFigure
from portal.kernel.csv import Writer, cell
from portal.models import Organisation
from territory_project.models import Action, Indicator, Project
from tests.factories import DeliberationFactory

pytestmark = pytest.mark.django_db

PLANTED = '=HYPERLINK("https://evil.example/phish","Cliquez ici")'
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_routes(patterns=None, prefix="", namespace=""):
    """(route, qualified name) of every URL pattern whose address ends in ".csv"."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from csv_routes(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and route.endswith(".csv"):
            yield route, ":".join(filter(None, [namespace, pattern.name]))


def rows_of(response) -> list[list[str]]:
    body = (b"".join(response.streaming_content) if response.streaming
            else response.content)
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def planted_records(db):
    """The seed records, the PMA reports and the territorial project, with a formula typed
    into a key figure, an action, an indicator; and a published act titled with one."""
    call_command("load_seed_records", verbosity=0)
    call_command("load_territorial_project", verbosity=0)
    call_command("load_pma_reports", verbosity=0)
    figure = KeyFigure.objects.filter(report__in=ActivityReport.objects.public()).first()
    KeyFigure.objects.filter(pk=figure.pk).update(label=PLANTED, unit="@SUM(1+1)*cmd|' /C calc'!A0")
    project = Project.objects.get()
    Action.objects.filter(pk=Action.objects.filter(objective__stake__priority__project=project)
                          .first().pk).update(title=PLANTED)
    # An indicator the document dates (2018), so that its CSV rows carry a year.
    Indicator.objects.filter(pk=project.indicators.get(code="energies-renouvelables").pk).update(
        label=PLANTED, unit="+33 6 12 34 56 78")
    seed_act = Deliberation.objects.published().earliest("session__date")
    # The standard SCDL export lists the acts whose required values are held: a SIRET (the
    # seeds state none; a valid test one) and an act number.
    Organisation.objects.filter(pk=seed_act.session.body.organisation_id).update(
        siret="20004165500016")
    DeliberationFactory(session=seed_act.session, item_number=None, published=True,
                        title=PLANTED, act_number="2022-B-099")
    return {"slug": project.slug}


def test_every_csv_served_neutralises_formula_cells(client, planted_records):
    routes = list(csv_routes())
    # The walk finds the exports that exist today (it would find a new one too).
    assert {name for _, name in routes} >= {
        "deliberations:deliberation_csv", "pma_reports:key_figures_csv",
        "territory_project:project_csv", "territory_project:indicators_csv"}
    for route, name in routes:
        parameters = re.findall(r"<(?:\w+:)?(\w+)>", route)
        missing = set(parameters) - set(planted_records)
        assert not missing, f"{route}: give the test a value for {missing}"
        response = client.get(reverse(name, kwargs={p: planted_records[p] for p in parameters}))
        assert response.status_code == 200, route
        assert response["Content-Type"] == "text/csv; charset=utf-8", route
        cells = [value for row in rows_of(response) for value in row]
        assert "'" + PLANTED in cells, f"{route}: the planted formula is not in the file"
        # A negative number the portal writes (a target of -15 %) is read as a number, not as
        # a formula; any other cell starting with a trigger is.
        dangerous = [value for value in cells if value.startswith(TRIGGERS)
                     and not re.fullmatch(r"-\d+(\.\d+)?", value)]
        assert dangerous == [], route


def test_key_figures_csv_neutralises_typed_text_and_keeps_the_figure_a_number(
        client, planted_records):
    response = client.get(reverse("pma_reports:key_figures_csv"))
    header, *rows = rows_of(response)
    (planted,) = [dict(zip(header, row, strict=True)) for row in rows if PLANTED in row[4]]
    assert planted["libelle"] == "'" + PLANTED
    assert planted["unite"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert re.fullmatch(r"\d+(\.\d+)?", planted["valeur"]), planted["valeur"]


def test_indicators_csv_neutralises_a_typed_phone_number_and_keeps_years_and_values(
        client, planted_records):
    response = client.get(reverse("territory_project:indicators_csv",
                                  kwargs=planted_records))
    assert response.content.startswith("\ufeff".encode())  # the BOM spreadsheets need
    header, *rows = rows_of(response)
    planted = [dict(zip(header, row, strict=True)) for row in rows if row[1] == "'" + PLANTED]
    assert planted and {row["unite"] for row in planted} == {"'+33 6 12 34 56 78"}
    for row in planted:
        assert re.fullmatch(r"\d{4}(-\d\d-\d\d)?", row["date_ou_annee"]), row
        assert re.fullmatch(r"-?\d+(\.\d+)?", row["valeur"]), row


@pytest.mark.parametrize("value, written", [
    (PLANTED, "'" + PLANTED),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("Convention 2022-2024 = 3 ans", "Convention 2022-2024 = 3 ans"),
    (-12, "-12"),  # a number written by the portal stays a number
    (decimal.Decimal("-1.5"), "-1.5"),
    (decimal.Decimal("1E+3"), "1000"),
    (datetime.date(2022, 10, 20), "2022-10-20"),
    (None, ""),
])
def test_cell_prefixes_text_a_spreadsheet_would_run_and_leaves_numbers(value, written):
    assert cell(value) == written


def test_writer_refuses_a_column_it_does_not_know():
    writer = Writer(fieldnames=["A", "B"])
    assert writer.writeheader() == "A,B\r\n"
    assert writer.writerow({"A": "=1+1"}) == "'=1+1,\r\n"
    with pytest.raises(ValueError, match="Colonnes inconnues : C"):
        writer.writerow({"C": "x"})
