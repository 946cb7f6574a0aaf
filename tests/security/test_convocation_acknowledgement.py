"""A convocation's acknowledgement link records receipt only when the member presses the
button (POST): mail scanners and link previews (GET, HEAD) record nothing, a cross-site form
cannot post it (CSRF), and the link expires the day after the session."""

import datetime
import hashlib
import html

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from deliberations.documents import convocation as convocation_doc
from deliberations.documents import services
from deliberations.models import Convocation, ConvocationDelivery, Session
from tests.factories import BodyFactory, MandateFactory, MemberFactory, SessionFactory

pytestmark = pytest.mark.django_db


def convened(days_from_today: int):
    """A session ``days_from_today`` away (negative: past) convened by email to two members;
    the link of the first, her delivery, and the second's delivery."""
    body = BodyFactory()
    members = [MemberFactory(last_name=name, first_name="Anne") for name in ("ALPHA", "BRAVO")]
    for member in members:
        MandateFactory(member=member, body=body, start_on=datetime.date(2020, 7, 15))
    session = SessionFactory(body=body, starts_at=datetime.time(18, 30),
                             date=timezone.localdate() + datetime.timedelta(days=days_from_today),
                             status=Session.Status.CONVENED)
    convocation = Convocation.objects.create(
        session=session, sent_at=timezone.now() - datetime.timedelta(days=10),
        subject="Convocation", html="<p>Convocation</p>", file="convocations/c.pdf",
        sha256=hashlib.sha256(b"pdf").hexdigest())
    deliveries = [ConvocationDelivery.objects.create(
        convocation=convocation, member=member, email=f"{member.last_name.lower()}@example.org",
        sent_at=convocation.sent_at, sha256="a" * 64) for member in members]
    path = convocation_doc.acknowledgement_url(convocation.pk, members[0].pk)
    return path[path.index("/convocation/"):], deliveries[0], deliveries[1]


def opened_at(delivery):
    delivery.refresh_from_db()
    return delivery.opened_at


def test_get_and_head_show_the_button_and_record_nothing(client):
    path, delivery, _ = convened(10)
    response = client.get(path)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "<h1>Accuser réception de la convocation</h1>" in page
    assert '<form method="post">' in page and "J'ai reçu la convocation</button>" in page
    assert "Ouvrir ce lien n'enregistre rien" in page
    assert client.head(path).status_code == 200
    assert opened_at(delivery) is None


def test_post_records_receipt_once(client):
    path, delivery, other = convened(10)
    response = client.post(path)
    assert (response.status_code, response["Location"]) == (303, path)
    first = opened_at(delivery)
    assert first is not None
    page = html.unescape(client.get(path).content.decode())
    assert "<h1>Accusé de réception enregistré</h1>" in page
    assert '<form method="post"' not in page
    client.post(path)
    assert opened_at(delivery) == first
    assert opened_at(other) is None  # one member's link acknowledges for her only


def test_post_from_another_site_is_refused(client):
    path, delivery, _ = convened(10)
    response = Client(enforce_csrf_checks=True).post(path)
    assert response.status_code == 403
    assert opened_at(delivery) is None


def test_link_still_works_the_day_after_the_session(client):
    path, delivery, _ = convened(-1)
    assert client.post(path).status_code == 303
    assert opened_at(delivery) is not None


def test_link_expires_after_the_day_following_the_session(client):
    path, delivery, _ = convened(-2)
    expired_on = timezone.localdate() - datetime.timedelta(days=1)
    message = (f"Ce lien d'accusé de réception a expiré le {expired_on:%d/%m/%Y} au soir : la "
               "réception n'a pas été enregistrée.")
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 410
        page = html.unescape(response.content.decode())
        assert "<h1>Lien d'accusé de réception expiré</h1>" in page
        assert message in page
        assert '<form method="post"' not in page
    assert opened_at(delivery) is None


def test_service_refuses_an_expired_acknowledgement():
    _, delivery, _ = convened(-2)
    session_date = delivery.convocation.session.date
    late = timezone.make_aware(datetime.datetime.combine(
        session_date + datetime.timedelta(days=2), datetime.time(0, 5)))
    with pytest.raises(ValidationError) as error:
        services.convocation_acknowledge(convocation_id=delivery.convocation_id,
                                         member_id=delivery.member_id, now=late)
    assert error.value.messages == [
        f"Ce lien d'accusé de réception a expiré le "
        f"{session_date + datetime.timedelta(days=1):%d/%m/%Y} au soir : la réception n'a pas "
        "été enregistrée."]
    assert opened_at(delivery) is None
    in_time = late - datetime.timedelta(minutes=10)  # 23:55 the day after the session
    services.convocation_acknowledge(convocation_id=delivery.convocation_id,
                                     member_id=delivery.member_id, now=in_time)
    assert opened_at(delivery) == in_time


def test_altered_link_is_unknown(client):
    path, delivery, _ = convened(10)
    assert client.get(path[:-3] + "xx/").status_code == 404
    assert client.post(path[:-3] + "xx/").status_code == 404
    assert opened_at(delivery) is None


def test_email_says_until_when_the_link_works():
    session = SessionFactory(date=datetime.date(2022, 12, 6))
    context = convocation_doc.convocation_context(session, sent_on=datetime.date(2022, 11, 30),
                                                  urgent=False)
    assert context["ack_until"] == "7 décembre 2022"
    assert convocation_doc.acknowledgement_expires_on(session) == datetime.date(2022, 12, 7)
