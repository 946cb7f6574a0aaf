"""List of deliberations examined (L2121-25) and the registre (L2121-23, R2121-9), on the
seeded records."""

import datetime
import io

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deliberations.documents import services
from deliberations.documents.files import sha256_of
from deliberations.models import Convocation, Registre, Session
from portal.models import Body
from tests.deliberations.extracts.test_issuing import assert_in_order, pdf_text
from tests.factories import DeliberationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_list_of_deliberations_is_published_on_the_seeded_session_page(conseil_session, client):
    document = services.deliberation_list_publish(session=conseil_session,
                                                  today=datetime.date(2022, 12, 9))
    assert document.entries == [{
        "item_number": None, "act_number": "",
        "title": document.entries[0]["title"], "result": "Adoptée",
    }]
    assert document.entries[0]["title"].startswith("ADOPTION DU PROJET DE TERRITOIRE")
    content = read(document.file)
    assert document.sha256 == sha256_of(content)
    text = pdf_text(content)
    assert_in_order(text, [
        "LISTE DES DÉLIBÉRATIONS EXAMINÉES", "Conseil communautaire",
        "Séance du mardi 6 décembre 2022", "ADOPTION DU PROJET DE TERRITOIRE", "Adoptée",
        "Liste affichée et mise en ligne le 9 décembre 2022 (au plus tard le 13 décembre 2022)",
    ])
    assert 'pdfaid:part="3"' in pypdf.PdfReader(io.BytesIO(content)).xmp_metadata \
        .rdf_root.toxml()

    page = client.get(conseil_session.get_absolute_url()).content.decode()
    assert "Liste des délibérations examinées" in page
    assert "Publiée le 9 décembre 2022" in page
    assert "ADOPTION DU PROJET DE TERRITOIRE" in page
    assert "après le délai" not in page
    response = client.get(f"/seances/{conseil_session.pk}/liste-des-deliberations.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content

    with pytest.raises(ValidationError, match="déjà publiée"):
        services.deliberation_list_publish(session=conseil_session,
                                           today=datetime.date(2022, 12, 10))


def test_session_loaded_from_its_registre_is_not_called_late(conseil_session, client):
    # Today (the test's real clock) is long after 13 Dec 2022 and the portal holds no list:
    # the session was loaded from its registre, its list may be published elsewhere.
    page = client.get(conseil_session.get_absolute_url()).content.decode()
    assert "non renseigné sur ce portail" in page
    assert "n'est pas publiée alors que" not in page and "en retard" not in page


def test_session_page_warns_when_the_week_has_passed(conseil_session, client):
    # A session the portal convened: its documents are the portal's, a missing list is late.
    Convocation.objects.create(
        session=conseil_session, sent_at=datetime.datetime(2022, 11, 30, 9, tzinfo=datetime.UTC),
        subject="Convocation", html="<p>Convocation</p>", file="convocations/2022/c.pdf",
        sha256="0" * 64)
    page = client.get(conseil_session.get_absolute_url()).content.decode()
    assert "n'est pas publiée alors que le délai d'une semaine" in page
    assert "13 décembre 2022" in page


def test_list_published_late_says_so(conseil_session, client):
    services.deliberation_list_publish(session=conseil_session, today=datetime.date(2022, 12, 14))
    page = client.get(conseil_session.get_absolute_url()).content.decode()
    assert "après le délai d'une semaine qui expirait le 13 décembre 2022" in page


def test_list_needs_a_held_session(seeded):
    upcoming = SessionFactory(status=Session.Status.CONVENED, date=datetime.date(2030, 1, 8),
                              convened_on=None)
    with pytest.raises(ValidationError, match="tenue"):
        services.deliberation_list_publish(session=upcoming)


@pytest.fixture
def bureau(seeded):
    return Body.objects.get(organisation__slug="cabbalr",
                            sessions__date=datetime.date(2022, 10, 18))


def test_seed_bureau_registre_2022(bureau):
    # Two more published acts of the Bureau in 2022, one before and one after the seed's act,
    # created out of date order, to check that the registre sorts by date.
    later = SessionFactory(body=bureau, date=datetime.date(2022, 11, 22),
                           convened_on=datetime.date(2022, 11, 15))
    earlier = SessionFactory(body=bureau, date=datetime.date(2022, 9, 27),
                             convened_on=datetime.date(2022, 9, 20))
    DeliberationFactory(session=later, published=True, title="ACTE DE NOVEMBRE",
                        act_number="B-2022-90")
    DeliberationFactory(session=earlier, published=True, title="ACTE DE SEPTEMBRE",
                        act_number="B-2022-10")
    DeliberationFactory(session=later, title="BROUILLON NON PUBLIÉ")

    registre, generated = services.registre_generate(body=bureau, year=2022)
    assert generated and registre.version == 1 and registre.act_count == 3
    content = read(registre.file)
    assert registre.sha256 == sha256_of(content)
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert 'pdfaid:part="3"' in reader.xmp_metadata.rdf_root.toxml()
    assert registre.page_count == len(reader.pages) >= 4  # contents + one page per act at least
    text = pdf_text(content)
    assert "BROUILLON NON PUBLIÉ" not in text
    assert_in_order(text, [
        "REGISTRE DES DÉLIBÉRATIONS", "Bureau communautaire", "Année 2022 — version 1",
        "Table des matières",
        "Séance du 27 septembre 2022 — n° B-2022-10 — ACTE DE SEPTEMBRE",
        "Séance du 18 octobre 2022", "RAPPORT D'ACTIVITES DU POLE METROPOLITAIN",
        "Séance du 22 novembre 2022 — n° B-2022-90 — ACTE DE NOVEMBRE",
        # The acts themselves, in date order, each with its signature blocks.
        "ACTE DE SEPTEMBRE", "Le Président et le secrétaire de séance ont signé le registre",
        "RAPPORT D'ACTIVITES DU POLE METROPOLITAIN", "PREND ACTE",
        "ACTE DE NOVEMBRE", "Le secrétaire de séance",
    ])
    # Numbered pages: "page n / N" on every page.
    pages = len(reader.pages)
    for number in range(1, pages + 1):
        assert f"page {number} / {pages}" in text

    # Nothing changed: the same version is returned, nothing is rendered again.
    with CaptureQueriesContext(connection) as queries:
        again, generated = services.registre_generate(body=bureau, year=2022)
    assert not generated and again.pk == registre.pk
    assert len(queries) < 10

    # An act of that year changes: a new version, the old one kept.
    DeliberationFactory(session=later, published=True, title="ACTE AJOUTÉ",
                        act_number="B-2022-91")
    second, generated = services.registre_generate(body=bureau, year=2022)
    assert generated and second.version == 2 and second.act_count == 4
    assert second.sha256 != registre.sha256
    assert list(Registre.objects.filter(body=bureau, year=2022).values_list(
        "version", flat=True)) == [2, 1]
    assert read(Registre.objects.get(pk=registre.pk).file) == content


def test_icalendar_feed_carries_the_published_list(conseil_session, client):
    services.deliberation_list_publish(session=conseil_session, today=datetime.date(2022, 12, 9))
    response = client.get("/seances/calendrier.ics?annee=2022")
    body = b"".join(response.streaming_content).decode().replace("\r\n ", "")
    assert "Liste des délibérations examinées publiée le 09/12/2022" in body


def test_atom_feed_carries_the_list_and_the_minutes(conseil_session, client):
    services.deliberation_list_publish(session=conseil_session, today=datetime.date(2022, 12, 9))
    following = SessionFactory(body=conseil_session.body, date=datetime.date(2022, 12, 15),
                               convened_on=datetime.date(2022, 12, 8))
    minutes = services.minutes_draft(session=conseil_session)
    services.minutes_approve(minutes=minutes, at_session=following)
    services.minutes_publish(minutes=minutes, signed_on=datetime.date(2022, 12, 16),
                             today=datetime.date(2022, 12, 19))
    feed = client.get("/seances/documents.atom").content.decode()
    assert feed.index("Procès-verbal — Conseil communautaire du 06/12/2022") < feed.index(
        "Liste des délibérations examinées — Conseil communautaire du 06/12/2022")
    assert f"/seances/{conseil_session.pk}/proces-verbal.pdf" in feed
    assert "publié le 09/12/2022" in feed and "2022-12-19" in feed
