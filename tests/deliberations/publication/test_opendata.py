"""Open data: the SCDL "Délibérations" 2.1.5 CSV, checked with frictionless against the table
schema kept in the repository, and the extended CSV with the portal's own columns."""

import csv
import datetime
import html as html_lib
import io
import json

import pytest
from django.urls import reverse
from frictionless import Resource, Schema

from deliberations import selectors
from deliberations.models import Deliberation, matter_full_name
from deliberations.publication.opendata import (
    EXTENDED_COLUMNS,
    SCDL_COLUMNS,
    SCDL_SCHEMA_PATH,
)
from portal.models import Mandate, Organisation
from tests.factories import BodyFactory, DeliberationFactory, OrganisationFactory, SessionFactory

# Fixtures `seed_records` and `draft`.
pytest_plugins = ["tests.portal.public_data"]
pytestmark = pytest.mark.django_db

# SCDL Délibérations 2.1.5, https://schema.data.gouv.fr/scdl/deliberations/, in order.
EXPECTED_COLUMNS = [
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM", "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE",
    "VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
]
CABBALR = "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane"
# A Luhn-valid SIRET set by the tests: the seed documents state none.
TEST_SIRET = "20004165500016"


def _text(client, name="deliberations:deliberation_csv", **params):
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")  # strict UTF-8, no BOM
    assert not text.startswith("\ufeff")
    return text


def _rows(client, name="deliberations:deliberation_csv", **params):
    header, *rows = list(csv.reader(io.StringIO(_text(client, name, **params))))
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def scdl_errors(text: str) -> list:
    """Every error frictionless finds in the CSV against the repository's schema, plus the
    two checks Validata adds (its custom_checks): PREF_DATE not before DELIB_DATE, and the
    matter's name that of its @ctes code."""
    schema = Schema.from_descriptor(json.loads(SCDL_SCHEMA_PATH.read_text(encoding="utf-8")))
    report = Resource(data=text.encode("utf-8"), format="csv", encoding="utf-8",
                      schema=schema).validate()
    errors = report.flatten(["rowNumber", "fieldName", "type", "message"])
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        if row["PREF_DATE"] and row["PREF_DATE"] < row["DELIB_DATE"]:
            errors.append([number, "PREF_DATE", "compare-columns-value", row["PREF_DATE"]])
        if row["DELIB_MATIERE_NOM"] != matter_full_name(row["DELIB_MATIERE_CODE"]):
            errors.append([number, "DELIB_MATIERE_NOM", "nomenclature-actes-value",
                           row["DELIB_MATIERE_NOM"]])
    return errors


@pytest.fixture
def numbered_acts(db):
    """Acts whose every required SCDL value is held, one with every optional value too."""
    organisation = OrganisationFactory(name=CABBALR, slug="cabbalr", siret=TEST_SIRET)
    session = SessionFactory(body=BodyFactory(organisation=organisation, name="Bureau"),
                             date=datetime.date(2022, 12, 6))
    budget = DeliberationFactory(
        published=True, session=session, item_number=None, act_number="2022-B-001",
        budget_year=2023, budget_name="Budget principal", prefecture_act_id="SPREF0622",
        matter_code="7.10", votes_for=12, votes_against=1, abstentions=0,
        title="Budget primitif\n2023 ; « décision modificative »",
    )
    plain = DeliberationFactory(published=True, session=session, act_number="2022-B-002",
                                matter_code="8.4")
    return budget, plain


def test_the_schema_kept_in_the_repository_names_its_source_and_version():
    schema = json.loads(SCDL_SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["version"] == "2.1.5"
    assert schema["path"] == "https://schema.data.gouv.fr/scdl/deliberations/"
    assert [field["name"] for field in schema["fields"]] == EXPECTED_COLUMNS == SCDL_COLUMNS
    required = [f["name"] for f in schema["fields"] if f["constraints"].get("required")]
    assert required == ["COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE",
                        "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM", "DELIB_OBJET"]


def test_standard_export_has_exactly_the_schema_columns_and_passes_frictionless(
        client, numbered_acts):
    text = _text(client)
    assert text.split("\r\n")[0] == ",".join(EXPECTED_COLUMNS)
    assert scdl_errors(text) == []
    # (Same session; an act without item number comes first on SQLite, last on PostgreSQL.)
    rows = {row["DELIB_ID"]: row for row in csv.DictReader(io.StringIO(text))}
    assert sorted(rows) == ["2022-B-001", "2022-B-002"]
    budget = rows["2022-B-001"]
    assert budget["COLL_SIRET"] == TEST_SIRET
    assert budget["DELIB_OBJET"] == "Budget primitif 2023 ; « décision modificative »"
    assert budget["DELIB_MATIERE_NOM"] == "finances locales/divers"
    assert (budget["BUDGET_ANNEE"], budget["BUDGET_NOM"]) == ("2023", "Budget principal")
    assert (budget["VOTE_POUR"], budget["VOTE_CONTRE"], budget["VOTE_ABSTENTION"]) == (
        "12", "1", "0")
    assert (budget["DELIB_DATE"], budget["PREF_DATE"]) == ("2022-12-06", "2022-12-08")


def test_the_validator_fails_on_an_extra_column_or_an_empty_required_value(
        client, numbered_acts):
    """The check is real: the old file (two extra columns, empty DELIB_ID) fails it."""
    header, *rows = list(csv.reader(io.StringIO(_text(client))))

    def written(header, rows):
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows([header, *rows])
        return out.getvalue()

    extra = written([*header, "DELIB_RECTIFIE_URL"], [[*row, ""] for row in rows])
    assert [e[2] for e in scdl_errors(extra)] == ["extra-label"]
    rows[0][2] = ""
    assert [e[:3] for e in scdl_errors(written(header, rows))] == [
        [2, "DELIB_ID", "constraint-error"]]


def test_acts_without_a_required_value_are_left_out_and_the_list_says_why(client, seed_records):
    """The seed documents state neither the SIRET nor the act numbers: both seed acts are
    left out of the standard export, and the list page says so and why."""
    _, rows = _rows(client)
    assert rows == []
    html = html_lib.unescape(
        client.get(reverse("deliberations:deliberation_list")).content.decode())
    assert ("Télécharger au format CSV (schéma SCDL « Délibérations » 2.1.5)</a> : "
            "0 délibération sur 2.") in html
    assert "2 délibérations : la collectivité n'a pas enregistré son SIRET (COLL_SIRET) ;" in html
    assert "2 délibérations : l'acte n'a pas de numéro (DELIB_ID) ;" in html
    assert "matière @ctes" not in html  # both seed acts have their matter
    assert reverse("deliberations:deliberation_csv_extended") in html
    # Once the organisation records its SIRET, only the act numbers are missing.
    Organisation.objects.filter(slug="cabbalr").update(siret=TEST_SIRET)
    html = html_lib.unescape(
        client.get(reverse("deliberations:deliberation_list")).content.decode())
    assert "SIRET (COLL_SIRET)" not in html
    assert "2 délibérations : l'acte n'a pas de numéro (DELIB_ID) ;" in html


def test_a_complete_list_says_nothing_is_left_out(client, numbered_acts):
    html = html_lib.unescape(
        client.get(reverse("deliberations:deliberation_list")).content.decode())
    assert "laissée" not in html
    assert "2.1.5)</a></li>" in html


def _coverage_by_aggregate(deliberations):
    """The figures as one aggregate over every act of the set (what scdl_coverage computed
    before it read only the acts left out): the reference it must agree with."""
    from django.db.models import Count

    from deliberations.publication.opendata import SCDL_INCOMPLETE, SCDL_REQUIRED_HELD

    counts = deliberations.order_by().aggregate(
        total=Count("pk"), left_out=Count("pk", filter=SCDL_INCOMPLETE),
        **{key: Count("pk", filter=q) for key, (q, _) in SCDL_REQUIRED_HELD.items()})
    reasons = [(counts[key], reason) for key, (_, reason) in SCDL_REQUIRED_HELD.items()
               if counts[key]]
    return counts["total"], counts["left_out"], reasons


def test_scdl_coverage_reads_only_the_acts_left_out_and_follows_each_publication(
        django_assert_num_queries):
    from deliberations.publication.opendata import scdl_coverage

    with_siret = BodyFactory(organisation=OrganisationFactory(siret=TEST_SIRET))
    without_siret = BodyFactory(organisation=OrganisationFactory(siret=""))
    session = SessionFactory(body=with_siret)
    for n in range(1, 4):
        DeliberationFactory(published=True, session=session, act_number=f"2022-C-{n:03d}")
    DeliberationFactory(published=True, session=session, act_number="2022-C-004",
                        matter_code="")
    DeliberationFactory(session=session, act_number="", matter_code="")  # a draft
    other = SessionFactory(body=without_siret)
    for n in range(1, 3):
        DeliberationFactory(published=True, session=other, act_number=f"2022-B-{n:03d}")
    published = Deliberation.objects.published()
    siret = "la collectivité n'a pas enregistré son SIRET (COLL_SIRET)"
    number = "l'acte n'a pas de numéro (DELIB_ID)"
    matter = "l'acte n'a pas de matière @ctes (DELIB_MATIERE_CODE et DELIB_MATIERE_NOM)"

    def coverage(deliberations):
        found = scdl_coverage(deliberations)
        total, left_out, reasons = _coverage_by_aggregate(deliberations)
        assert (found["left_out"], found["reasons"]) == (left_out, reasons)
        if left_out:
            assert (found["total"], found["exported"]) == (total, total - left_out)
        return found

    assert coverage(published) == {"total": 6, "exported": 3, "left_out": 3,
                                   "reasons": [(2, siret), (1, matter)]}
    assert coverage(published.filter(body=with_siret)) == {
        "total": 4, "exported": 3, "left_out": 1, "reasons": [(1, matter)]}
    # Nothing left out: the bodies without SIRET and the incomplete acts, nothing else read.
    complete = published.filter(body=with_siret, matter_code="5.7")
    with django_assert_num_queries(2):
        found = scdl_coverage(complete)
    assert found == {"total": None, "exported": None, "left_out": 0, "reasons": []}
    assert _coverage_by_aggregate(complete) == (3, 0, [])

    DeliberationFactory(published=True, session=session, act_number="")
    assert coverage(published.filter(body=with_siret)) == {
        "total": 5, "exported": 3, "left_out": 2, "reasons": [(1, number), (1, matter)]}
    Organisation.objects.filter(pk=without_siret.organisation_id).update(siret=TEST_SIRET)
    assert coverage(published) == {"total": 7, "exported": 5, "left_out": 2,
                                   "reasons": [(1, number), (1, matter)]}


def test_extended_export_holds_every_published_act_with_the_portal_columns(
        client, seed_records):
    header, rows = _rows(client, "deliberations:deliberation_csv_extended")
    assert header == EXTENDED_COLUMNS == [
        *EXPECTED_COLUMNS, "SEANCE_PRESENTS", "SEANCE_REPRESENTES", "QUORUM_REQUIS",
        "DELIB_RECTIFIE_URL", "DELIB_RECTIFIEE_PAR_URL"]
    assert len(rows) == Deliberation.objects.published().count() == 2
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


def test_extended_rows_carry_the_registre_figures(client, seed_records):
    """Exact figures of the two real sessions. Conseil of 6 Dec 2022: 152 in office, 104
    present, 24 represented, 128 votes, quorum 77. Bureau of 18 Oct 2022: 103 in office and
    74 votes on every item, quorum 52; the members present vary over the items (OGIEZ from
    question 5, JURCZYK from question 14) and the registre does not give the act's item, so
    the count present and represented is left empty rather than guessed."""
    _, rows = _rows(client, "deliberations:deliberation_csv_extended")
    figures = {
        row["DELIB_DATE"]: (row["COLL_NOM"], row["VOTE_EFFECTIF"], row["VOTE_REEL"],
                            row["SEANCE_PRESENTS"], row["SEANCE_REPRESENTES"],
                            row["QUORUM_REQUIS"], row["DELIB_ID"], row["COLL_SIRET"])
        for row in rows
    }
    assert figures == {
        "2022-12-06": (CABBALR, "152", "128", "104", "24", "77", "", ""),
        "2022-10-18": (CABBALR, "103", "74", "", "", "52", "", ""),
    }


def test_missing_values_are_empty_in_the_extended_export(client):
    deliberation = DeliberationFactory(published=True, matter_code="", act_number="")
    _, rows = _rows(client, "deliberations:deliberation_csv_extended")
    (row,) = rows
    assert row["DELIB_MATIERE_CODE"] == row["DELIB_MATIERE_NOM"] == row["DELIB_ID"] == ""
    assert row["VOTE_POUR"] == row["BUDGET_ANNEE"] == row["VOTE_EFFECTIF"] == ""
    assert row["DELIB_OBJET"] == deliberation.title
    assert _rows(client)[1] == []  # no matter, no number: not in the SCDL file


def test_exports_follow_the_list_filters(client, seed_records):
    _, rows = _rows(client, "deliberations:deliberation_csv_extended", q="projet de territoire")
    assert len(rows) == 1
    assert "PROJET DE TERRITOIRE" in rows[0]["DELIB_OBJET"]
    _, rows = _rows(client, "deliberations:deliberation_csv_extended", date_from="2030-01-01")
    assert rows == []
    for name in ("deliberations:deliberation_csv", "deliberations:deliberation_csv_extended"):
        invalid = client.get(reverse(name), {"year": "1999"})
        assert invalid.status_code == 400  # never a full export for a filter it cannot apply
