"""Procès-verbal (L2121-15): drafted from the seeded Conseil of 6 December 2022, adopted at a
later session, signed, published as PDF/A, read-only afterwards."""

import datetime
import io

import pypdf
import pytest
from django.core.exceptions import ValidationError

from deliberations.documents import services
from deliberations.documents.files import sha256_of
from deliberations.models import Minutes, Session
from tests.deliberations.extracts.test_issuing import assert_in_order, pdf_text
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

DISCUSSION = (
    "M. le Président présente le projet de territoire.\n\n"
    "Un conseiller demande le calendrier des évaluations ; il lui est répondu qu'une "
    "évaluation à mi-parcours est prévue."
)


@pytest.fixture
def next_session(conseil_session):
    return SessionFactory(body=conseil_session.body, date=datetime.date(2022, 12, 15),
                          convened_on=datetime.date(2022, 12, 8))


@pytest.fixture
def published(conseil_session, next_session):
    minutes = services.minutes_draft(session=conseil_session)
    item = minutes.items.get()
    services.minutes_set_discussion(item=item, discussion=DISCUSSION,
                                    ballot_request="Aucune demande de scrutin public ou secret.")
    services.minutes_approve(minutes=minutes, at_session=next_session)
    return services.minutes_publish(minutes=minutes, signed_on=datetime.date(2022, 12, 16),
                                    today=datetime.date(2022, 12, 19))


def test_seed_conseil_minutes_pdf_holds_what_l2121_15_requires(published):
    with published.file.open("rb") as handle:
        content = handle.read()
    text = pdf_text(content)
    assert_in_order(text, [
        "PROCÈS-VERBAL DE SÉANCE", "Conseil communautaire",
        "Le mardi 6 décembre 2022, à 19 H 00, le Conseil communautaire s'est réuni",
        "sous la présidence de Monsieur GACQUERRE Olivier",
        "en suite d'une convocation en date du 30 novembre 2022",
        "Membres en exercice : 152 — présents : 104 — représentés : 24 — quorum : 77",
        "Étaient présents (104)", "Procurations (24)", "Étaient absents excusés (24)",
        "Secrétaire de séance : Monsieur COCQ Bertrand",
        "Quorum (article L2121-17 du CGCT)", "Ordre du jour",
        "ADOPTION DU PROJET DE TERRITOIRE",
        "Quorum sur cette question : 104 présents, 24 représentés, quorum 77 (atteint)",
        "Rapport", "Synthèse des débats", "M. le Président présente le projet de territoire.",
        "évaluation à mi-parcours est prévue.",
        "Vote", "Demande de scrutin particulier : Aucune demande de scrutin public ou secret.",
        "A la majorité absolue — Adoptée.",
        "Procès-verbal arrêté lors de la séance du 15 décembre 2022",
        "Signé le 16 décembre 2022", "Le Président de séance",
        "Le secrétaire de séance",
    ])
    signatures = text[text.find("Le Président de séance"):]
    assert "GACQUERRE Olivier" in signatures and "COCQ Bertrand" in signatures
    assert published.sha256 == sha256_of(content)
    assert published.published_on == datetime.date(2022, 12, 19)
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert 'pdfaid:part="3"' in reader.xmp_metadata.rdf_root.toxml()


def test_published_minutes_are_read_only(published):
    item = published.items.get()
    with pytest.raises(ValidationError, match="signé et publié"):
        services.minutes_set_discussion(item=item, discussion="Autre texte")
    with pytest.raises(ValidationError, match="signé et publié"):
        services.minutes_publish(minutes=published, signed_on=datetime.date(2022, 12, 16),
                                 today=datetime.date(2022, 12, 20))
    item.refresh_from_db()
    assert "projet de territoire" in item.discussion


def test_minutes_are_approved_at_a_later_session_of_the_same_body(conseil_session):
    minutes = services.minutes_draft(session=conseil_session)
    earlier = SessionFactory(body=conseil_session.body, date=datetime.date(2022, 12, 1),
                             convened_on=datetime.date(2022, 11, 24))
    with pytest.raises(ValidationError, match="postérieure"):
        services.minutes_approve(minutes=minutes, at_session=earlier)
    other_body = SessionFactory(date=datetime.date(2022, 12, 15),
                                convened_on=datetime.date(2022, 12, 8))
    with pytest.raises(ValidationError, match="même assemblée"):
        services.minutes_approve(minutes=minutes, at_session=other_body)
    with pytest.raises(ValidationError, match="arrêté par l'assemblée"):
        services.minutes_publish(minutes=minutes, signed_on=datetime.date(2022, 12, 16))
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.DRAFT


def test_an_approved_minutes_is_no_longer_edited(conseil_session, next_session):
    minutes = services.minutes_draft(session=conseil_session)
    services.minutes_approve(minutes=minutes, at_session=next_session)
    with pytest.raises(ValidationError, match="arrêté par l'assemblée"):
        services.minutes_set_discussion(item=minutes.items.get(), discussion="Ajout")


def test_minutes_only_for_a_held_session(conseil_session):
    upcoming = SessionFactory(body=conseil_session.body, date=datetime.date(2023, 2, 1),
                              convened_on=None, status=Session.Status.CONVENED)
    with pytest.raises(ValidationError, match="tenue"):
        services.minutes_draft(session=upcoming)
