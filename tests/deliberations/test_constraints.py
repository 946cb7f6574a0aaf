"""Integrity lives in the database: these run on SQLite and on PostgreSQL (CI)."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from deliberations.models import Attendance, Deliberation, Proxy
from portal.models import Commune, Mandate
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    MemberFactory,
    OrganisationFactory,
    ProxyFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def violates(constraint_name, make):
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        make()
    # SQLite names CHECK constraints in its message; PostgreSQL names both kinds.
    message = str(excinfo.value)
    assert constraint_name in message or "UNIQUE" in message, message


def test_one_proxy_per_giver_per_session():
    proxy = ProxyFactory()
    violates("proxy_one_per_giver",
             lambda: Proxy.objects.create(session=proxy.session, giver=proxy.giver,
                                          holder=MemberFactory()))


def test_a_member_cannot_hold_their_own_proxy():
    member = MemberFactory()
    violates("proxy_giver_is_not_holder",
             lambda: ProxyFactory(giver=member, holder=member))


def test_proxy_items_are_ordered():
    violates("proxy_items_ordered", lambda: ProxyFactory(from_item=5, until_item=4))


def test_attendance_once_per_member_and_items_only_when_present():
    attendance = AttendanceFactory()
    violates("attendance_one_row_per_member",
             lambda: Attendance.objects.create(session=attendance.session,
                                               member=attendance.member))
    violates("attendance_items_only_when_present",
             lambda: AttendanceFactory(status="excused", from_item=3))
    violates("attendance_items_ordered",
             lambda: AttendanceFactory(from_item=14, until_item=13))


def test_act_number_unique_per_body_and_year():
    first = DeliberationFactory(act_number="2022-118")
    other_year = SessionFactory(body=first.session.body, date=datetime.date(2023, 1, 10))
    DeliberationFactory(session=other_year, act_number="2022-118")  # another year: allowed
    same_year = SessionFactory(body=first.session.body, date=datetime.date(2022, 12, 6),
                               starts_at=datetime.time(19, 0))
    violates("deliberation_unique_act_number",
             lambda: DeliberationFactory(session=same_year, act_number="2022-118"))
    # Empty act numbers (the seeds have none) do not collide.
    DeliberationFactory(session=same_year, act_number="")
    DeliberationFactory(session=same_year, act_number="")


def test_item_number_unique_within_a_session():
    first = DeliberationFactory(item_number=3)
    violates("deliberation_unique_item",
             lambda: DeliberationFactory(session=first.session, item_number=3))


def test_published_deliberation_needs_a_publication_date():
    violates("deliberation_published_has_date",
             lambda: DeliberationFactory(status=Deliberation.Status.PUBLISHED,
                                         published_on=None))


def test_received_not_before_transmitted():
    violates("deliberation_received_after_transmitted",
             lambda: DeliberationFactory(transmitted_on=datetime.date(2022, 10, 20),
                                         received_on=datetime.date(2022, 10, 19)))


def test_convocation_not_after_the_session():
    violates("session_convened_before",
             lambda: SessionFactory(date=datetime.date(2022, 10, 18),
                                    convened_on=datetime.date(2022, 10, 19)))


def test_mandate_dates_and_vice_president_rank():
    violates("mandate_end_after_start",
             lambda: MandateFactory(start_on=datetime.date(2022, 1, 2),
                                    end_on=datetime.date(2022, 1, 1)))
    violates("mandate_vice_president_rank",
             lambda: MandateFactory(role=Mandate.Role.VICE_PRESIDENT))
    violates("mandate_vice_president_rank",
             lambda: MandateFactory(role=Mandate.Role.COUNCILLOR, vice_president_rank=2))
    MandateFactory(role=Mandate.Role.VICE_PRESIDENT, vice_president_rank=14)


def test_siret_and_insee_formats():
    violates("organisation_siret_14_digits",
             lambda: OrganisationFactory(slug="bad", name="Bad", siret="123"))
    organisation = OrganisationFactory()
    violates("commune_insee_format",
             lambda: Commune.objects.create(name="Béthune", insee_code="6211",
                                            organisation=organisation))
    Commune.objects.create(name="Béthune", insee_code="", organisation=organisation)
    Commune.objects.create(name="Beuvry", insee_code="", organisation=organisation)


def test_deliberation_body_and_year_follow_the_session():
    session = SessionFactory(date=datetime.date(2022, 12, 6), body=BodyFactory())
    deliberation = DeliberationFactory(session=session)
    assert (deliberation.body_id, deliberation.year) == (session.body_id, 2022)


def test_member_match_key_ignores_accents_case_and_hyphens():
    member = MemberFactory(last_name="MEYFROIDT", first_name="Sylvie")
    from portal.kernel.names import name_key

    assert member.match_key == name_key("MEY-FROIDT Sylvie") == name_key("Meyfroidt  SYLVIE")
    assert name_key("LECONTE Maurice") != name_key("LECOMTE Maurice")


@pytest.mark.parametrize("field", ["transmitted_on", "received_on", "published_on"])
def test_no_transmission_receipt_or_publication_before_the_session(field):
    session = SessionFactory(date=datetime.date(2022, 10, 18))
    violates(f"deliberation_{field}_not_before_session",
             lambda: DeliberationFactory(session=session,
                                         **{field: datetime.date(2022, 10, 17)}))
    DeliberationFactory(session=session, item_number=None, **{field: datetime.date(2022, 10, 18)})
