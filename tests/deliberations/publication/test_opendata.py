"""SCDL "Délibérations" 2.1.5 CSV export (issue point 3)."""

import csv
import io
import re

import pytest
from django.urls import reverse

from deliberations import selectors
from deliberations.models import Deliberation, matter_full_name
from deliberations.publication.opendata import CSV_COLUMNS, SCDL_COLUMNS
from portal.models import Mandate
from tests.factories import DeliberationFactory

# Fixtures `seed_records` and `draft`.
pytest_plugins = ["tests.portal.public_data"]
pytestmark = pytest.mark.django_db

EXPECTED_COLUMNS = [
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM", "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE",
    "VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
]
# Formats of the SCDL schema; "" is allowed everywhere but in the columns listed as required.
FORMATS = {
    "COLL_SIRET": r"^\d{14}$",
    "DELIB_DATE": r"^\d{4}-\d{2}-\d{2}$",
    "DELIB_MATIERE_CODE": r"^\d\.\d{1,2}$",
    "DELIB_MATIERE_NOM": r"^[^A-Z]+/[^A-Z]+$",
    "BUDGET_ANNEE": r"^\d{4}$",
    "PREF_DATE": r"^\d{4}-\d{2}-\d{2}$",
    "VOTE_EFFECTIF": r"^\d+$",
    "VOTE_REEL": r"^\d+$",
    "VOTE_POUR": r"^\d+$",
    "VOTE_CONTRE": r"^\d+$",
    "VOTE_ABSTENTION": r"^\d+$",
    "DELIB_URL": r"^https?://[^\s]+/deliberations/[^\s]+/\d{4}/[^\s]+/$",
}
REQUIRED = {"COLL_NOM", "DELIB_DATE", "DELIB_OBJET", "DELIB_URL"}


def _rows(client, **params):
    response = client.get(reverse("deliberations:deliberation_csv"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")  # strict UTF-8, no BOM
    assert not text.startswith("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=",")
    header, *rows = list(reader)
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def test_columns_names_and_order(client, seed_records):
    header, rows = _rows(client)
    # The SCDL columns, in order, then the portal's rectification links.
    assert header[:17] == EXPECTED_COLUMNS == SCDL_COLUMNS
    assert header == CSV_COLUMNS == [*SCDL_COLUMNS, "DELIB_RECTIFIE_URL",
                                     "DELIB_RECTIFIEE_PAR_URL"]
    assert len(rows) == Deliberation.objects.published().count()


def test_values_match_the_scdl_formats(client, seed_records):
    DeliberationFactory(
        published=True, session=Deliberation.objects.published().first().session,
        item_number=None, act_number="2022-BUDGET-1", budget_year=2023,
        budget_name="Budget principal", prefecture_act_id="062-200041655-20221214-X-DE",
        matter_code="7.10", votes_for=12, votes_against=1, abstentions=0,
        title="Budget primitif\n2023 ; « décision modificative »",
    )
    _, rows = _rows(client)
    for row in rows:
        for column, value in row.items():
            if column in REQUIRED:
                assert value, (column, row)
            if value and column in FORMATS:
                assert re.match(FORMATS[column], value), (column, value)
        assert "\n" not in row["DELIB_OBJET"]
    budget = next(r for r in rows if r["DELIB_ID"] == "2022-BUDGET-1")
    assert budget["DELIB_MATIERE_NOM"] == "finances locales/divers" == matter_full_name("7.10")
    assert (budget["BUDGET_ANNEE"], budget["BUDGET_NOM"]) == ("2023", "Budget principal")
    assert (budget["VOTE_POUR"], budget["VOTE_CONTRE"], budget["VOTE_ABSTENTION"]) == (
        "12", "1", "0")
    assert budget["PREF_ID"] == "062-200041655-20221214-X-DE"


def test_vote_figures_come_from_the_selectors(client, seed_records):
    _, rows = _rows(client)
    by_url = {row["DELIB_URL"]: row for row in rows}
    for deliberation in Deliberation.objects.published():
        row = by_url["http://testserver" + deliberation.get_absolute_url()]
        ranges = selectors.deliberation_quorum(deliberation)
        session = deliberation.session
        in_office = (Mandate.objects.in_office(session.date).titular()
                     .filter(body=session.body).count())
        assert row["VOTE_EFFECTIF"] == str(in_office)
        available = {r.figures.votes_available for r in ranges}
        assert row["VOTE_REEL"] == (str(available.pop()) if len(available) == 1 else "")
        assert row["DELIB_MATIERE_NOM"] == deliberation.matter_full_name
        assert row["DELIB_DATE"] == deliberation.session.date.isoformat()


def test_missing_values_are_empty(client):
    deliberation = DeliberationFactory(published=True, matter_code="", act_number="")
    _, rows = _rows(client)
    (row,) = rows
    assert row["DELIB_MATIERE_CODE"] == row["DELIB_MATIERE_NOM"] == row["DELIB_ID"] == ""
    assert row["VOTE_POUR"] == row["BUDGET_ANNEE"] == row["VOTE_EFFECTIF"] == ""
    assert row["DELIB_OBJET"] == deliberation.title


def test_export_follows_the_list_filters(client, seed_records):
    _, rows = _rows(client, q="projet de territoire")
    assert len(rows) == 1
    assert "PROJET DE TERRITOIRE" in rows[0]["DELIB_OBJET"]
    _, rows = _rows(client, date_from="2030-01-01")
    assert rows == []
    invalid = client.get(reverse("deliberations:deliberation_csv"), {"year": "1999"})
    assert invalid.status_code == 400  # never a full export for a filter it cannot apply


def test_seed_rows_carry_the_registre_figures(client, seed_records):
    """Exact figures of the two real sessions: 152 in office and 128 votes (Conseil of
    6 Dec 2022); 103 in office and 74 votes on every item (Bureau of 18 Oct 2022)."""
    _, rows = _rows(client)
    figures = {
        row["DELIB_DATE"]: (row["COLL_NOM"], row["VOTE_EFFECTIF"], row["VOTE_REEL"])
        for row in rows
    }
    name = "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane"
    assert figures == {
        "2022-12-06": (name, "152", "128"),
        "2022-10-18": (name, "103", "74"),
    }
