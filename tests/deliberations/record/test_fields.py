"""A few values of a frozen record read from its text (record.fields.partial_document) are
those of the whole document decoded and of the typed record, on the real seed records; the
keys read by their text are unique in the record's types; the SCDL rows read that way are
the rows of the record, byte for byte."""

import dataclasses
import json
import typing

import pytest
from django.db import connection

from deliberations import immutability
from deliberations.models import Deliberation, PublishedRecord
from deliberations.publication import opendata
from deliberations.record import codec, record_for, record_freeze
from deliberations.record.fields import (
    lazy_record,
    partial_document,
    plain_values,
    values_at,
)
from deliberations.record.types import DeliberationRecord, SessionFacts
from tests.factories import DeliberationFactory

pytestmark = pytest.mark.django_db

CABBALR = "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane"


def _owners():
    """Each field name of the record's types -> the (type, path from the record) holding it,
    every place a type occurs (through tuples and optional values)."""
    owners, stack = {}, [(DeliberationRecord, ())]
    while stack:
        kind, path = stack.pop()
        for name, hint in typing.get_type_hints(kind).items():
            owners.setdefault(name, set()).add((kind.__name__, path))
            inner = [hint]
            while inner:
                hint = inner.pop()
                if dataclasses.is_dataclass(hint):
                    stack.append((hint, (*path, name)))
                inner += [arg for arg in typing.get_args(hint) if arg is not Ellipsis]
    return owners


def test_the_keys_read_by_their_text_exist_once_in_the_record_types():
    owners = _owners()
    assert owners["date"] == {("SessionFacts", ("session",))}
    assert owners["vote"] == {("DeliberationRecord", ())}
    assert "schema" not in owners
    # SessionFacts is the record's session only, and "vote" is the one key after "session"
    # in the canonical (sorted) text: the keys decoded one by one stop at "session".
    assert {path for _, path in owners["attendance"]} == {("session",)}
    assert typing.get_type_hints(DeliberationRecord)["session"] is SessionFacts
    keys = sorted(field.name for field in dataclasses.fields(DeliberationRecord))
    assert keys[keys.index("session") + 1:] == ["vote"]


def test_values_read_from_the_text_are_those_of_the_document_and_of_the_record(seeded):
    texts = list(PublishedRecord.objects.order_by("deliberation__session__date")
                 .values_list("document", flat=True))
    assert len(texts) == 2
    for text in texts:
        partial = values_at(partial_document(text), opendata.ROW_PATHS)
        assert partial == values_at(json.loads(text), opendata.ROW_PATHS)
        assert partial == plain_values(codec.loads(text), opendata.ROW_PATHS)
        assert partial == plain_values(codec.lazy(text), opendata.ROW_PATHS)
    bureau, council = (values_at(partial_document(text), opendata.ROW_PATHS) for text in texts)
    assert bureau[:15] == [
        1, CABBALR, "", "", "2022-10-18", "5.7", "institutions et vie politique/intercommunalité",
        "RAPPORT D'ACTIVITES DU POLE METROPOLITAIN DE L'ARTOIS", None, "", "", "2022-10-20",
        None, None, None]
    # OGIEZ from question 5, JURCZYK from question 14: three ranges, the act's item unknown.
    assert [(r["first_item"], r["last_item"], r["present"], r["represented"],
             r["votes_available"], r["quorum_required"]) for r in bureau[15]] == [
        (1, 4, 60, 14, 74, 52), (5, 13, 61, 13, 74, 52), (14, None, 62, 12, 74, 52)]
    assert council[4:8] == [
        "2022-12-06", "8.4", "domaines de compétences par thèmes/aménagement du territoire",
        "ADOPTION DU PROJET DE TERRITOIRE DE LA COMMUNAUTE D'AGGLOMERATION DE BETHUNE-BRUAY, "
        "ARTOIS LYS ROMANE – L'AGGLO 100% DURABLE"]
    assert council[15] == [{
        "first_item": 1, "in_office": 152, "last_item": None, "present": 104,
        "quorum_met": True, "quorum_required": 77, "represented": 24, "votes_available": 128}]


def test_the_lazy_record_reads_as_the_typed_record_and_decodes_the_session_only_when_read(
        seeded):
    texts = list(PublishedRecord.objects.order_by("deliberation__session__date")
                 .values_list("document", flat=True))
    assert len(texts) == 2
    for text in texts:
        typed, lazy = codec.loads(text), lazy_record(text)
        outside_session = [field.name for field in dataclasses.fields(DeliberationRecord)
                           if field.name != "session"]
        assert len(outside_session) == 9
        whole = json.loads(text)["record"]
        assert {name: lazy._data[name] for name in outside_session} == {
            name: whole[name] for name in outside_session}
        # What the API list prints, as the typed record has it.
        for path in (("vote", "outcome"), ("vote", "wording"), ("vote", "not_voting"),
                     ("publication", "signatory"), ("publication", "executory_on"),
                     ("publication", "appeal_deadline"), ("act", "title")):
            assert (getattr(getattr(lazy, path[0]), path[1])
                    == getattr(getattr(typed, path[0]), path[1]))
        # Nothing but the partial document read so far: the session is not in it.
        assert lazy._rest is not None
        assert "session" not in lazy._data
        assert lazy.session.attendance == typed.session.attendance
        assert len(typed.session.attendance) > 40
        assert lazy.session.date == typed.session.date
        assert lazy._rest is None
        assert lazy._data == whole


def test_a_text_this_reader_does_not_know_is_decoded_whole():
    text = json.dumps({"schema": 1, "record": {"act": {"title": "T"}, "vote": {}}})
    assert partial_document(text) == json.loads(text)  # spaces: not the canonical text
    assert partial_document('{"record":{"act":{}},"schema":1}') == {
        "record": {"act": {}}, "schema": 1}


def test_the_csv_rows_read_from_the_frozen_text_are_the_rows_of_the_record(seeded):
    acts = Deliberation.objects.published().order_by("session__date")
    rows = list(opendata.scdl_rows(acts.with_rectifications(), build_url=str, extended=True))
    assert rows == [
        opendata._scdl_row(plain_values(record_for(act), opendata.ROW_PATHS),
                           act.get_absolute_url(), rectifies="", rectified_by="")
        for act in acts]
    assert rows == [
        [CABBALR, "", "", "2022-10-18", "5.7", "institutions et vie politique/intercommunalité",
         "RAPPORT D'ACTIVITES DU POLE METROPOLITAIN DE L'ARTOIS", "", "", "", "2022-10-20",
         "103", "74", "", "", "",
         "/deliberations/cabbalr/2022/bureau-communautaire-2022-10-18-rapport-activites-pma/",
         "", "", "52", "", ""],
        [CABBALR, "", "", "2022-12-06", "8.4",
         "domaines de compétences par thèmes/aménagement du territoire",
         "ADOPTION DU PROJET DE TERRITOIRE DE LA COMMUNAUTE D'AGGLOMERATION DE BETHUNE-BRUAY, "
         "ARTOIS LYS ROMANE – L'AGGLO 100% DURABLE", "", "", "", "2022-12-14",
         "152", "128", "", "", "",
         "/deliberations/cabbalr/2022/conseil-communautaire-2022-12-06-projet-de-territoire/",
         "104", "24", "77", "", ""],
    ]


def test_an_act_built_live_then_frozen_gives_the_same_row():
    """An act published before records were frozen has its row from build_records; frozen,
    from its text: the same row."""
    act = DeliberationFactory(published=True, act_number="2022-C-001", title="Voirie  communale",
                              matter_code="8.3", votes_for=30, votes_against=2, abstentions=1)
    immutability.uninstall(connection)
    try:
        PublishedRecord.objects.filter(deliberation=act).delete()
    finally:
        immutability.install(connection)
    act = Deliberation.objects.get(pk=act.pk)
    published = Deliberation.objects.published()
    live = list(opendata.scdl_rows(published, build_url=str, extended=True))
    record_freeze(deliberation=act)
    assert PublishedRecord.objects.filter(deliberation=act).count() == 1
    frozen = list(opendata.scdl_rows(published, build_url=str, extended=True))
    assert frozen == live
    # The seed records may be loaded in this module (fixture of module scope).
    (row,) = [row for row in live if row[16] == act.get_absolute_url()]
    assert row[0] == act.session.body.organisation.name
    # Title's spaces collapsed; no attendance recorded: no figures of the item.
    assert row[1:16] == ["20004165500016", "2022-C-001", "2022-10-18", "8.3",
                         "domaines de compétences par thèmes/voirie", "Voirie communale", "", "",
                         "", "2022-10-20", "", "", "30", "2", "1"]
    assert row[16:] == [act.get_absolute_url(), "", "", "", "", ""]
