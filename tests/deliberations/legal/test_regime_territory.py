"""The Covid regimes' territorial scope reaches the figures through the organisation's
department (loi 2020-856 art. 2: Guyane and Mayotte under the regime until 30 Oct 2020)."""

import datetime

import pytest

from deliberations import selectors
from deliberations.models import Attendance, Proxy
from portal.models import Mandate
from tests.factories import BodyFactory, MemberFactory, OrganisationFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("department", "required", "met", "represented_counted"), [
    ("973", 10, True, "loi 2020-856 art. 2 : ordonnance 2020-391 encore en vigueur en Guyane"),
    ("62", 16, False, "L2121-17 en métropole après le 30 août 2020"),
])
def test_a_session_of_15_september_2020_follows_the_regime_of_its_territory(
        department, required, met, represented_counted):
    organisation = OrganisationFactory(slug=f"epci-{department}", department=department)
    body = BodyFactory(organisation=organisation)
    members = [MemberFactory() for _ in range(30)]
    for member in members:
        Mandate.objects.create(member=member, body=body, start_on=datetime.date(2020, 7, 15))
    session = SessionFactory(body=body, date=datetime.date(2020, 9, 15),
                             convened_on=datetime.date(2020, 9, 8), agenda_item_count=2)
    for member in members[:8]:
        Attendance.objects.create(session=session, member=member)
    Proxy.objects.create(session=session, giver=members[8], holder=members[0])
    Proxy.objects.create(session=session, giver=members[9], holder=members[1])

    (only,) = selectors.session_quorum_table(session)

    assert (only.figures.quorum_required, only.figures.quorum_met) == (required, met), (
        represented_counted)
    assert only.figures.represented == 2
