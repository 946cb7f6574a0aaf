"""Convocation (L2121-10, L2121-12, L5211-1): rendered from the agenda, emailed to every
member in office with an address (Django's outbox), each sending recorded with its time and
SHA-256, acknowledgement links; the L2121-12 delay checked against the recorded sending,
with a fixed clock."""

import datetime
import hashlib
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from deliberations.documents import convocation as convocation_doc
from deliberations.documents import services
from deliberations.documents.selectors import session_documents
from deliberations.models import AgendaItem, ConvocationAddress, ConvocationDelivery, Session
from tests.deliberations.extracts.test_issuing import pdf_text
from tests.factories import BodyFactory, MandateFactory, MemberFactory, SessionFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def session(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    body = BodyFactory()
    members = [MemberFactory(last_name=name, first_name="Anne") for name in
               ("ALPHA", "BRAVO", "CHARLIE")]
    for member in members:
        MandateFactory(member=member, body=body, start_on=datetime.date(2020, 7, 15))
    # A former member: not in office on the session date, not convened.
    former = MemberFactory(last_name="ANCIEN", first_name="Paul")
    MandateFactory(member=former, body=body, start_on=datetime.date(2020, 7, 15),
                   end_on=datetime.date(2022, 6, 30))
    for member in members[:2] + [former]:
        ConvocationAddress.objects.create(member=member, organisation=body.organisation,
                                          email=f"{member.last_name.lower()}@example.org")
    session = SessionFactory(body=body, date=datetime.date(2022, 12, 6),
                             starts_at=datetime.time(19, 0), convened_on=None,
                             status=Session.Status.DRAFT, president=members[0])
    AgendaItem.objects.create(session=session, position=1,
                              title="Adoption du projet de territoire", rapporteur=members[1],
                              note="Le projet fixe quatre priorités pour 2022-2032.")
    AgendaItem.objects.create(session=session, position=2, title="Budget annexe des déchets")
    return session



def test_convocation_is_sent_and_each_sending_recorded(session):
    convocation, missing = services.convocation_send(
        session=session, now=datetime.datetime(2022, 11, 30, 10, 0, tzinfo=PARIS))
    assert [m.last_name for m in missing] == ["CHARLIE"]
    assert sorted(m.to[0] for m in mail.outbox) == ["alpha@example.org", "bravo@example.org"]
    deliveries = {d.email: d for d in ConvocationDelivery.objects.all()}
    assert set(deliveries) == {"alpha@example.org", "bravo@example.org"}
    for message in mail.outbox:
        delivery = deliveries[message.to[0]]
        assert delivery.sha256 == convocation_doc.message_digest(message)
        assert delivery.sent_at == convocation.sent_at
        name, pdf, mimetype = message.attachments[0]
        assert mimetype == "application/pdf"
        assert hashlib.sha256(pdf).hexdigest() == convocation.sha256
        html = message.alternatives[0][0]
        assert "Adoption du projet de territoire" in html and "rapporteur : BRAVO Anne" in html
        assert "Le projet fixe quatre priorités" in html
    # A different message would not match the recorded digest.
    tampered = mail.outbox[0]
    tampered.body += " "
    assert convocation_doc.message_digest(tampered) != deliveries[tampered.to[0]].sha256

    text = pdf_text(convocation.file.read())
    assert "CONVOCATION" in text and "Ordre du jour" in text
    assert "Budget annexe des déchets" in text and "Note explicative de synthèse" in text
    session.refresh_from_db()
    assert session.status == Session.Status.CONVENED
    assert session.convened_on == datetime.date(2022, 11, 30)
    assert session_documents(session)["convocation_problem"] == ""

    with pytest.raises(ValidationError, match="déjà été envoyée"):
        services.convocation_send(session=session)


def test_acknowledgement_records_the_first_receipt(session, client):
    services.convocation_send(session=session,
                              now=datetime.datetime(2022, 11, 30, 10, 0, tzinfo=PARIS))
    message = next(m for m in mail.outbox if m.to == ["alpha@example.org"])
    url = next(line for line in message.body.splitlines() if "/convocation/accuse/" in line)
    path = url[url.index("/convocation/accuse/"):].strip()
    delivery = ConvocationDelivery.objects.get(email="alpha@example.org")
    # The button of the link's page, pressed on 1 December 2022 (the link works until
    # 7 December, the day after the session; tests/security covers the page itself).
    first = datetime.datetime(2022, 12, 1, 8, 0, tzinfo=PARIS)
    services.convocation_acknowledge(convocation_id=delivery.convocation_id,
                                     member_id=delivery.member_id, now=first)
    services.convocation_acknowledge(convocation_id=delivery.convocation_id,
                                     member_id=delivery.member_id, now=first.replace(hour=9))
    delivery.refresh_from_db()
    assert delivery.opened_at == first
    assert ConvocationDelivery.objects.get(email="bravo@example.org").opened_at is None
    assert "Accusé de réception enregistré" in client.get(path).content.decode()
    assert client.get(path[:-3] + "xx/").status_code == 404


def test_convened_four_clear_days_before_is_flagged(session, client):
    # Sent on Thursday 1 Dec 2022 for Tuesday 6 Dec: 2, 3, 4, 5 December = four clear days.
    services.convocation_send(session=session,
                              now=datetime.datetime(2022, 12, 1, 9, 30, tzinfo=PARIS))
    problem = session_documents(session)["convocation_problem"]
    assert problem == ("Convocation envoyée le 01/12/2022 : 4 jours francs avant la séance, "
                       "il en faut 5 (L2121-12).")
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Délai non respecté" in page and "il en faut 5" in page
    assert "1 décembre 2022 à 09 h 30" in page


def test_urgent_convocation_one_clear_day(session):
    services.convocation_send(session=session, urgent=True,
                              now=datetime.datetime(2022, 12, 4, 18, 0, tzinfo=PARIS))
    assert session_documents(session)["convocation_problem"] == ""


def test_no_convocation_without_agenda(session):
    session.agenda_items.all().delete()
    with pytest.raises(ValidationError, match="ordre du jour est vide"):
        services.convocation_send(session=session,
                                  now=datetime.datetime(2022, 11, 30, 10, tzinfo=PARIS))
    assert not mail.outbox


def test_clerk_sends_the_convocation_from_the_admin(session, admin_client):
    # The admin sends now (real clock): the session is ten days ahead.
    Session.objects.filter(pk=session.pk).update(
        date=datetime.date.today() + datetime.timedelta(days=10))
    page = admin_client.get("/admin/deliberations/convocation/add/")
    assert page.status_code == 200
    # First the preview: nothing is sent.
    preview = admin_client.post("/admin/deliberations/convocation/add/",
                                {"session": session.pk, "urgent": ""})
    assert "Envoyer la convocation" in preview.content.decode()
    assert not mail.outbox
    response = admin_client.post("/admin/deliberations/convocation/add/",
                                 {"session": session.pk, "urgent": "", "confirm": "1"},
                                 follow=True)
    assert response.status_code == 200
    assert "1 élu(s) sans adresse de convocation" in response.content.decode()
    assert len(mail.outbox) == 2
    assert admin_client.get("/admin/deliberations/convocation/").status_code == 200


def test_admin_refusal_is_shown_in_french(session, admin_client):
    Session.objects.filter(pk=session.pk).update(
        date=datetime.date.today() + datetime.timedelta(days=10))
    session.agenda_items.all().delete()
    for data in ({"session": session.pk}, {"session": session.pk, "confirm": "1"}):
        response = admin_client.post("/admin/deliberations/convocation/add/", data,
                                     follow=True)
        assert "ordre du jour est vide" in response.content.decode()
    assert not mail.outbox
