"""Legal time where people read it: the public page, the API and the admin show
the délai franc on the calendar of the organisation's department; the staff see the
prefect's review period beside it; a Covid-era session's quorum follows its regime."""

import datetime
import html
import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from deliberations import selectors
from deliberations.models import Deliberation
from portal.models import Organisation
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    OrganisationFactory,
    SessionFactory,
)

# Fixtures `seed_records` and `draft`.
pytest_plugins = ["tests.portal.public_data"]
pytestmark = pytest.mark.django_db


def _published_in(department, published_on):
    organisation = OrganisationFactory(department=department)
    session = SessionFactory(body=BodyFactory(organisation=organisation),
                             date=datetime.date(2022, 10, 18))
    return DeliberationFactory(session=session, published=True, published_on=published_on,
                               received_on=published_on)


@pytest.mark.parametrize(("department", "expected", "iso"), [
    # Last day 25 Dec 2022 (Sunday) → Monday 26, a public holiday in Moselle only.
    ("62", "26 décembre 2022", "2022-12-26"),
    ("57", "27 décembre 2022", "2022-12-27"),
])
def test_moselle_organisation_gets_26_december_as_a_holiday_elsewhere_not(
    client, department, expected, iso
):
    deliberation = _published_in(department, datetime.date(2022, 10, 24))

    page = html.unescape(client.get(deliberation.get_absolute_url()).content.decode())
    api = client.get(reverse("api:deliberation-detail", args=[deliberation.slug])).json()

    assert f"jusqu'au <strong>{expected}</strong> inclus" in page
    assert api["appeal_deadline"] == iso


def test_seed_acts_pages_state_the_délai_franc(client, seed_records):
    by_date = {
        d.session.date: d
        for d in Deliberation.objects.published().select_related("session__body__organisation")
    }
    council = html.unescape(client.get(
        by_date[datetime.date(2022, 12, 6)].get_absolute_url()).content.decode())
    bureau = html.unescape(client.get(
        by_date[datetime.date(2022, 10, 18)].get_absolute_url()).content.decode())

    assert "Recours contentieux possible jusqu'au <strong>15 février 2023</strong> inclus" in (
        council
    )
    assert "jusqu'au <strong>21 décembre 2022</strong> inclus" in bureau
    assert "délai franc" in council


def test_seeded_organisations_sit_in_the_pas_de_calais(seed_records):
    assert set(Organisation.objects.values_list("department", flat=True)) == {"62"}


def test_data_migration_sets_the_department_of_the_seeded_organisations():
    migration = importlib.import_module("portal.migrations.0002_organisation_department")
    cabbalr = OrganisationFactory(slug="cabbalr", department="")
    elsewhere = OrganisationFactory(slug="ailleurs", department="")

    migration.set_seeded_departments(django_apps, None)

    cabbalr.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (cabbalr.department, elsewhere.department) == ("62", "")


def test_staff_see_the_prefect_review_period_beside_the_appeal_deadline(
    admin_client, seed_records
):
    bureau_act = Deliberation.objects.published().get(session__date="2022-10-18")

    page = html.unescape(admin_client.get(
        reverse("admin:deliberations_deliberation_change", args=[bureau_act.pk])
    ).content.decode())

    assert "Fin du délai de recours (R421-1 CJA, délai franc)" in page
    assert "21/12/2022 inclus</div>" in page
    assert "Fin du délai de déféré préfectoral (L2131-6)" in page
    # Received in the sous-préfecture on 20 Oct 2022: two months, délai franc.
    assert "21/12/2022 inclus (deux mois à compter de la réception en préfecture)" in page
    assert selectors.prefect_review_deadline(bureau_act) == datetime.date(2022, 12, 21)


def test_a_covid_session_passes_with_a_third_and_the_same_figures_fail_in_2022(client):
    tables = {}
    for day in (datetime.date(2020, 12, 15), datetime.date(2022, 12, 15)):
        body = BodyFactory()
        mandates = [MandateFactory(body=body) for _ in range(100)]
        session = SessionFactory(body=body, date=day, convened_on=day - datetime.timedelta(7))
        for mandate in mandates[:35]:
            AttendanceFactory(session=session, member=mandate.member)
        tables[day] = (session, selectors.session_quorum_table(session))

    session_2020, (covid,) = tables[datetime.date(2020, 12, 15)]
    _, (ordinary,) = tables[datetime.date(2022, 12, 15)]
    assert (covid.figures.present, covid.figures.quorum_required, covid.figures.quorum_met) == (
        35, 34, True)
    assert (ordinary.figures.quorum_required, ordinary.figures.quorum_met) == (51, False)
    page = html.unescape(client.get(session_2020.get_absolute_url()).content.decode())
    assert "le tiers des membres en exercice physiquement présents" in page
    assert "loi n° 2020-1379 du 14 novembre 2020, art. 6, IV" in page
