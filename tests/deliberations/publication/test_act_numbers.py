"""Act numbers (DELIB_ID): given at adoption per body and year, editable until publication;
the seed acts, whose documents give none, get none."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from deliberations import services
from deliberations.models import Deliberation
from portal.models import Body
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    MemberFactory,
    SessionFactory,
)

pytest_plugins = ["tests.portal.public_data"]
pytestmark = pytest.mark.django_db


def held_session(body, date):
    """A held session of `body` where its three members are present (quorum met)."""
    session = SessionFactory(body=body, date=date, convened_on=date - datetime.timedelta(7))
    mandates = list(body.mandates.all()) or [MandateFactory(body=body) for _ in range(3)]
    for mandate in mandates:
        AttendanceFactory(session=session, member=mandate.member)
    return session


def adopted(session, **fields):
    deliberation = DeliberationFactory(session=session, item_number=None, **fields)
    services.deliberation_adopt(deliberation=deliberation)
    deliberation.refresh_from_db()
    return deliberation


def test_adoption_numbers_acts_per_body_and_year_in_order():
    bureau = BodyFactory(kind=Body.Kind.BUREAU, name="Bureau communautaire")
    council = BodyFactory(organisation=bureau.organisation, kind=Body.Kind.COUNCIL)
    october = held_session(bureau, datetime.date(2022, 10, 18))
    december = held_session(bureau, datetime.date(2022, 12, 13))
    numbers = [adopted(october).act_number, adopted(october).act_number,
               adopted(december).act_number, adopted(held_session(
                   council, datetime.date(2022, 12, 6))).act_number,
               adopted(held_session(bureau, datetime.date(2023, 1, 17))).act_number]
    assert numbers == ["2022-B-001", "2022-B-002", "2022-B-003", "2022-C-001", "2023-B-001"]


def test_a_number_typed_by_the_clerk_is_kept_and_the_sequence_continues_after_it():
    bureau = BodyFactory(kind=Body.Kind.BUREAU)
    session = held_session(bureau, datetime.date(2022, 10, 18))
    assert adopted(session, act_number="BC/2022/124").act_number == "BC/2022/124"
    assert adopted(session, act_number="2022-B-007").act_number == "2022-B-007"
    assert adopted(session).act_number == "2022-B-008"


def test_the_number_is_editable_until_publication_and_unique():
    session = held_session(BodyFactory(kind=Body.Kind.BUREAU), datetime.date(2022, 10, 18))
    first, second = adopted(session), adopted(session)
    first.act_number = "2022-B-010"
    first.full_clean()
    first.save()
    second.act_number = "2022-B-010"
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert error.value.messages == [
        "Ce numéro d'acte est déjà utilisé pour cette assemblée et cette année."]
    first.signatory = MemberFactory()
    first.result = Deliberation.Result.ADOPTED
    first.subject_to_transmission = False
    first.save()
    services.deliberation_publish(deliberation=first, published_on=datetime.date(2022, 10, 20))
    first.refresh_from_db()
    first.act_number = "2022-B-099"
    with pytest.raises(ValidationError) as error:
        first.save()
    assert list(error.value.message_dict) == ["act_number"]
    assert Deliberation.objects.get(pk=first.pk).act_number == "2022-B-010"


def test_the_seed_acts_get_no_invented_number(seed_records):
    assert sorted(Deliberation.objects.published().values_list("act_number", flat=True)) == [
        "", ""]
