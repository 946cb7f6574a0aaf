"""A written proxy across sessions (L2121-20): one document may serve at several sessions of
the same body, never at a fourth consecutive one unless the giver's illness is certified
("maladie dûment constatée"). Refused in the admin and in the attendance import with a
French message naming the giver, nothing saved; accepted with the illness flag."""

import datetime
import html

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from deliberations import selectors
from deliberations.minutes.importing import attendance_import, match_names
from deliberations.minutes.parsing import parse_attendance
from deliberations.models import Attendance, Proxy, Session, WrittenProxy
from portal.models import Member
from tests.deliberations.test_admin import session_post
from tests.factories import BodyFactory, MandateFactory, MemberFactory, SessionFactory

pytestmark = pytest.mark.django_db

FOURTH = datetime.date(2023, 4, 11)
REFUSAL = ("Le pouvoir écrit de MARTIN Anne ne peut valoir pour plus de 3 séances "
           "consécutives de la même assemblée (L2121-20) : cette séance serait la 4e.")


@pytest.fixture
def three_sessions(organisation):
    """A Conseil whose last three sessions used MARTIN Anne's written proxy to DUPONT Jean."""
    body = BodyFactory(organisation=organisation, name="Conseil communautaire",
                       slug="conseil", kind="conseil")
    members = {}
    for last, first in [("DUPONT", "Jean"), ("MARTIN", "Anne"), ("PETIT", "Luc")]:
        members[last] = MemberFactory(last_name=last, first_name=first)
        MandateFactory(member=members[last], body=body, start_on=datetime.date(2020, 7, 15))
    document = WrittenProxy.objects.create(
        body=body, giver=members["MARTIN"], holder=members["DUPONT"],
        signed_on=datetime.date(2023, 1, 2), valid_from=datetime.date(2023, 1, 2),
    )
    for day in (datetime.date(2023, 1, 10), datetime.date(2023, 2, 14),
                datetime.date(2023, 3, 14)):
        session = SessionFactory(body=body, date=day, status="held", agenda_item_count=5)
        Proxy.objects.create(session=session, giver=members["MARTIN"],
                             holder=members["DUPONT"], written_proxy=document)
    return body, members, document


def _fourth_session_post(body, m):
    data = session_post(
        body,
        attendances=[(m["DUPONT"], "present", None, None), (m["PETIT"], "present", None, None),
                     (m["MARTIN"], "excused", None, None)],
        proxies=[(m["MARTIN"], m["DUPONT"], None, None)],
    )
    data.update({"date": FOURTH.isoformat(), "convened_on": "2023-04-04",
                 "agenda_item_count": "5"})
    return data


def test_admin_refuses_a_fourth_consecutive_session_and_saves_nothing(client, clerk,
                                                                      three_sessions):
    body, m, _ = three_sessions
    client.force_login(clerk)

    response = client.post(reverse("admin:deliberations_session_add"),
                           _fourth_session_post(body, m))

    assert response.status_code == 200
    assert REFUSAL in html.unescape(response.content.decode())
    assert not Session.objects.filter(date=FOURTH).exists()
    assert Proxy.objects.count() == 3
    assert not Attendance.objects.exists()


def test_admin_accepts_the_fourth_session_with_certified_illness(client, clerk, three_sessions):
    body, m, document = three_sessions
    document.illness_certified = True
    document.save()
    client.force_login(clerk)

    response = client.post(reverse("admin:deliberations_session_add"),
                           _fourth_session_post(body, m))

    assert response.status_code == 302, html.unescape(response.content.decode())[:2000]
    proxy = Proxy.objects.get(session__date=FOURTH)
    assert proxy.written_proxy == document  # tied to the document covering the date


def test_admin_accepts_a_new_written_proxy_for_the_fourth_session(client, clerk,
                                                                  three_sessions):
    body, m, document = three_sessions
    document.valid_until = datetime.date(2023, 3, 31)
    document.save()
    renewed = WrittenProxy.objects.create(
        body=body, giver=m["MARTIN"], holder=m["DUPONT"], signed_on=datetime.date(2023, 4, 1),
        valid_from=datetime.date(2023, 4, 1),
    )
    client.force_login(clerk)

    response = client.post(reverse("admin:deliberations_session_add"),
                           _fourth_session_post(body, m))

    assert response.status_code == 302
    assert Proxy.objects.get(session__date=FOURTH).written_proxy == renewed


def test_a_gap_does_not_reset_the_count_of_one_document(three_sessions):
    # Sessions 1-3 used the document; a fifth one after an unused fourth spans five sessions.
    body, m, document = three_sessions
    SessionFactory(body=body, date=FOURTH, status="held")
    fifth = SessionFactory(body=body, date=datetime.date(2023, 5, 16), status="held")

    problems = selectors.written_proxy_problems(
        fifth, [selectors.ProxyUse(m["MARTIN"], m["DUPONT"], document)]
    )
    assert problems == {0: problems[0]}
    assert "cette séance serait la 5e" in problems[0]


REGISTRE = """ETAIENT PRESENTS : DUPONT Jean, PETIT Luc

PROCURATIONS :
MARTIN Anne donne procuration à DUPONT Jean
"""


def _import(session):
    result = parse_attendance(REGISTRE)
    matches = match_names(result.all_names(), Member.objects.all())
    return attendance_import(session=session, result=result, matches=matches)


def test_import_refuses_a_fourth_consecutive_session_and_saves_nothing(three_sessions):
    body, m, _ = three_sessions
    fourth = SessionFactory(body=body, date=FOURTH, status="held", agenda_item_count=5)
    Attendance.objects.create(session=fourth, member=m["PETIT"], status="absent")

    with pytest.raises(ValidationError) as error:
        _import(fourth)

    assert any(REFUSAL in message for message in error.value.messages)
    assert list(fourth.attendances.values_list("status", flat=True)) == ["absent"]
    assert not fourth.proxies.exists()


def test_import_screen_shows_the_refusal(client, three_sessions):
    body, m, _ = three_sessions
    fourth = SessionFactory(body=body, date=FOURTH, status="held", agenda_item_count=5)
    client.force_login(User.objects.create_superuser("greffe", "g@example.org", "x"))
    url = reverse("admin:deliberations_session_import_attendance", args=[fourth.pk])

    response = client.post(url, {"text": REGISTRE, "action": "confirm"})

    assert REFUSAL in html.unescape(response.content.decode())
    assert not fourth.proxies.exists() and not fourth.attendances.exists()


def test_import_accepts_the_fourth_session_with_certified_illness(three_sessions):
    body, m, document = three_sessions
    document.illness_certified = True
    document.save()
    fourth = SessionFactory(body=body, date=FOURTH, status="held", agenda_item_count=5)

    summary = _import(fourth)

    assert (summary.present, summary.proxies) == (2, 1)
    assert fourth.proxies.get().written_proxy == document
