"""Ranges of items ("à partir de la question 5") are checked against the session's item
count everywhere they are entered: the models, the attendance grid, the import, the session
and deliberation forms; none can be entered before the count is set."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from deliberations import rules
from deliberations.forms import DeliberationAdminForm, SessionAdminForm
from deliberations.models import Attendance, Proxy
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

NAMES = ["DUPONT", "DURAND", "MARTIN", "PETIT"]

NO_COUNT = ("indiquez d'abord le nombre de questions à l'ordre du jour de la séance ; les "
            "questions ne peuvent être vérifiées sans lui.")


@pytest.mark.parametrize(("from_item", "until_item", "count", "expected"), [
    (None, None, None, None),
    (None, None, 10, None),
    (5, None, 10, None),
    (None, 10, 10, None),
    (3, 7, 10, None),
    (12, 15, 10, "Questions « 12-15 » : la séance ne compte que 10 questions à l'ordre du "
                  "jour."),
    (None, 11, 10, "Questions « -11 » : la séance ne compte que 10 questions à l'ordre du "
                   "jour."),
    (2, 2, 1, "Questions « 2 » : la séance ne compte que 1 question à l'ordre du jour."),
    (30, 40, None, f"Questions « 30-40 » : {NO_COUNT}"),
    (5, None, None, f"Questions « 5- » : {NO_COUNT}"),
])
def test_item_range_problem(from_item, until_item, count, expected):
    assert rules.item_range_problem(from_item, until_item, count) == expected


@pytest.fixture
def session(organisation):
    body = BodyFactory(organisation=organisation)
    session = SessionFactory(body=body, date=datetime.date(2022, 10, 18),
                             agenda_item_count=10, status="held")
    for last_name in NAMES:
        MandateFactory(body=body, member__last_name=last_name)
    return session


def members(session):
    return [mandate.member for mandate in session.body.mandates.order_by("member__last_name")]


def test_the_models_refuse_a_range_outside_the_agenda(session):
    first, second, *_ = members(session)
    attendance = Attendance(session=session, member=first, status="present", from_item=12,
                            until_item=15)
    with pytest.raises(ValidationError) as refused:
        attendance.full_clean()
    assert refused.value.message_dict == {"until_item": [
        "DUPONT Jean : Questions « 12-15 » : la séance ne compte que 10 questions à l'ordre "
        "du jour."]}
    proxy = Proxy(session=session, giver=second, holder=first, until_item=11)
    with pytest.raises(ValidationError) as refused:
        proxy.full_clean()
    assert refused.value.message_dict == {"until_item": [
        "Procuration de DURAND Jean : Questions « -11 » : la séance ne compte que 10 "
        "questions à l'ordre du jour."]}
    session.agenda_item_count = None
    session.save()
    attendance = Attendance(session=session, member=first, status="present", from_item=30,
                            until_item=40)
    with pytest.raises(ValidationError) as refused:
        attendance.full_clean()
    assert refused.value.messages == [f"DUPONT Jean : Questions « 30-40 » : {NO_COUNT}"]
    # Without a range, no count is needed.
    Attendance(session=session, member=first, status="present").full_clean()


def grid_data(session, rows):
    data = {"page": "1"}
    for member in members(session):
        status, items = rows.get(member.last_name, ("present", ""))
        data.update({f"m{member.pk}-s": status, f"m{member.pk}-i": items, f"m{member.pk}-r": "",
                     f"m{member.pk}-h": "", f"m{member.pk}-p": ""})
    return data


def test_the_grid_refuses_a_range_outside_the_agenda_and_saves_nothing(client, clerk,
                                                                        session):
    client.force_login(clerk)
    url = reverse("admin:deliberations_session_attendance", args=[session.pk])
    response = client.post(url, grid_data(session, {"MARTIN": ("present", "12-15")}))
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert ("Questions « 12-15 » : la séance ne compte que 10 questions à l'ordre du jour."
            in page)
    assert "Rien n'a été enregistré." in page
    assert session.attendances.count() == 0

    # Within the agenda, the same grid is saved.
    response = client.post(url, grid_data(session, {"MARTIN": ("present", "5-10")}))
    assert response.status_code == 302
    assert session.attendances.get(member__last_name="MARTIN").from_item == 5


def test_the_grid_refuses_a_range_before_the_count_is_set(client, clerk, session):
    session.agenda_item_count = None
    session.save()
    client.force_login(clerk)
    url = reverse("admin:deliberations_session_attendance", args=[session.pk])
    response = client.post(url, grid_data(session, {"MARTIN": ("present", "30-40")}))
    assert f"Questions « 30-40 » : {NO_COUNT}" in html.unescape(response.content.decode())
    assert session.attendances.count() == 0


REGISTRE = """ETAIENT PRESENTS :
DUPONT Jean, DURAND Jean, MARTIN Jean (à partir de la question 12)

ETAIENT ABSENTS EXCUSES :
PETIT Jean

Monsieur DUPONT Jean est élu Secrétaire,
La séance est ouverte,
"""


def test_the_import_refuses_a_range_outside_the_agenda(client, clerk, session):
    client.force_login(clerk)
    url = reverse("admin:deliberations_session_import_attendance", args=[session.pk])
    preview = client.post(url, {"text": REGISTRE, "action": "analyse"})
    expected = ("MARTIN Jean : Questions « 12- » : la séance ne compte que 10 questions à "
                "l'ordre du jour.")
    assert expected in html.unescape(preview.content.decode())
    response = client.post(url, {"text": REGISTRE, "action": "confirm"})
    assert expected in html.unescape(response.content.decode())
    assert session.attendances.count() == 0


def test_the_count_cannot_drop_below_a_recorded_item(session):
    first = members(session)[0]
    AttendanceFactory(session=session, member=first, until_item=8)
    DeliberationFactory(session=session, item_number=9)
    form = SessionAdminForm(instance=session)
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    refused = SessionAdminForm({**data, "agenda_item_count": 7}, instance=session)
    assert not refused.is_valid()
    assert refused.errors["agenda_item_count"] == [
        "La présence, les procurations ou les délibérations de la séance nomment la question "
        "9 : l'ordre du jour en compte au moins 9."]
    assert SessionAdminForm({**data, "agenda_item_count": 9}, instance=session).is_valid()


def test_an_act_item_outside_the_agenda_is_refused(session):
    deliberation = DeliberationFactory(session=session, item_number=3)
    form = DeliberationAdminForm(instance=deliberation)
    data = {name: form[name].value() for name in ("session", "slug", "title", "theme",
                                                    "nature", "matter_code")}
    refused = DeliberationAdminForm({**data, "item_number": 12}, instance=deliberation)
    assert not refused.is_valid()
    assert refused.errors["item_number"] == [
        "Questions « 12 » : la séance ne compte que 10 questions à l'ordre du jour."]
