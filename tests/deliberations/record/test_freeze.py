"""The record of an act is frozen at its publication: equal to the live computation for the
seeded acts, decoded to the same typed value, refused by the database once written."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from deliberations import immutability
from deliberations.models import Deliberation, PublishedRecord
from deliberations.record import codec, record_check, record_for
from deliberations.record.builder import build_record
from tests.factories import DeliberationFactory

pytestmark = pytest.mark.django_db


def test_every_seeded_published_act_has_a_frozen_record_equal_to_the_live_one(seeded):
    published = list(Deliberation.objects.filter(status=Deliberation.Status.PUBLISHED))
    assert len(published) == 2
    for deliberation in published:
        frozen = PublishedRecord.objects.get(deliberation=deliberation)
        live = build_record(deliberation)
        assert frozen.document == codec.canonical_json(live)
        assert frozen.sha256 == codec.sha256_of(frozen.document)
        assert frozen.version == codec.SCHEMA_VERSION
        assert codec.loads(frozen.document) == live


def test_the_bureau_record_holds_the_seeded_facts(seeded):
    bureau = Deliberation.objects.get(session__date=datetime.date(2022, 10, 18))
    record = record_for(bureau)
    statuses = [line.status for line in record.session.attendance]
    assert (statuses.count("present"), len(record.session.proxies),
            statuses.count("excused")) == (62, 14, 29)
    assert record.session.in_office == 103
    assert [(r.first_item, r.last_item, r.present, r.quorum_met)
            for r in record.quorum][0][2:] == (60, True)
    assert record.publication.published_on == datetime.date(2022, 10, 20)
    assert record.publication.executory_on == datetime.date(2022, 10, 20)
    assert record.publication.appeal_deadline == datetime.date(2022, 12, 21)
    assert record.vote.outcome == "noted"
    assert record.organisation.administrative_court == "tribunal administratif de Lille"


def test_the_conseil_record_counts_152_members(seeded):
    conseil = Deliberation.objects.get(session__date=datetime.date(2022, 12, 6))
    record = record_for(conseil)
    statuses = [line.status for line in record.session.attendance]
    assert (statuses.count("present"), len(record.session.proxies),
            statuses.count("excused")) == (104, 24, 24)
    assert record.publication.executory_on == datetime.date(2022, 12, 14)
    assert record.publication.appeal_deadline == datetime.date(2023, 2, 15)


def test_a_raw_update_of_a_frozen_record_is_refused(seeded):
    frozen = PublishedRecord.objects.first()
    with pytest.raises(IntegrityError) as refusal, transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE deliberations_publishedrecord SET document = %s "
                           "WHERE id = %s", ['{"schema":1}', frozen.pk])
    assert immutability.refusal_message(refusal.value) == immutability.RECORD_LOCKED
    with pytest.raises(IntegrityError), transaction.atomic():
        PublishedRecord.objects.filter(pk=frozen.pk).delete()
    assert PublishedRecord.objects.get(pk=frozen.pk).document == frozen.document


def test_no_record_is_written_for_an_act_that_is_not_published(db):
    draft = DeliberationFactory()
    with pytest.raises(IntegrityError) as refusal, transaction.atomic():
        PublishedRecord.objects.create(deliberation=draft, version=1, document="{}",
                                       sha256="", frozen_at=timezone.now())
    assert immutability.refusal_message(refusal.value) == immutability.RECORD_LOCKED


def test_a_tampered_record_no_longer_matches_its_hash(seeded):
    frozen = PublishedRecord.objects.first()
    assert record_check(frozen.deliberation_id).matches
    immutability.uninstall(connection)
    try:
        PublishedRecord.objects.filter(pk=frozen.pk).update(
            document=frozen.document.replace("tribunal administratif de Lille",
                                             "tribunal administratif d'Amiens"))
    finally:
        immutability.install(connection)
    check = record_check(frozen.deliberation_id)
    assert check.stored == frozen.sha256
    assert check.computed != frozen.sha256
    assert not check.matches


def test_publishing_freezes_the_record_and_the_receipt_amends_it_once(awaiting_receipt):
    from deliberations import services

    act = awaiting_receipt
    frozen = PublishedRecord.objects.get(deliberation=act)
    record = codec.loads(frozen.document)
    assert (record.publication.received_on, record.publication.executory_on) == (None, None)
    assert record.publication.appeal_deadline == datetime.date(2023, 2, 15)

    services.deliberation_record_receipt(deliberation=act,
                                         received_on=datetime.date(2022, 12, 16))
    amended = PublishedRecord.objects.get(deliberation=act)
    record = codec.loads(amended.document)
    assert record.publication.received_on == datetime.date(2022, 12, 16)
    assert record.publication.executory_on == datetime.date(2022, 12, 16)
    assert amended.sha256 == codec.sha256_of(amended.document) != frozen.sha256
    assert codec.loads(amended.document).session == codec.loads(frozen.document).session
    # Once the receipt is in, the record is as final as the act.
    with pytest.raises(IntegrityError) as refusal, transaction.atomic():
        PublishedRecord.objects.filter(pk=amended.pk).update(document=frozen.document)
    assert immutability.refusal_message(refusal.value) == immutability.RECORD_LOCKED
