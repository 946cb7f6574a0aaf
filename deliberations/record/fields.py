"""A few fields of a frozen record read from its JSON text without decoding all of it, for
outputs that print a handful of facts of very many acts (the SCDL CSV of the whole portal:
a million acts), and for every lazily read frozen record (lazy_record: record_for and
records_for), which most lists read without its session.

A frozen record is about 18 KB of canonical JSON, four fifths of it the session's attendance;
a row of the CSV prints some fifteen values. Decoding the whole text (json.loads) was 0.54
of the 0.83 ms of Python CPU a row cost (benchmarks/rows/fullcsv.py, 20 000 acts). The
canonical text (codec.dumps: sorted keys, no spaces) is read here as far as the values need:

- the record's own keys in order, each value decoded by the standard decoder, from the first
  ("act") up to "session", which is not decoded: the keys before it are the small ones
  (act, annexes, appointments, body, organisation, publication, quorum, rectifies);
- then the values of the keys that exist once in the whole schema, found by their text
  ``"key":`` (in JSON text that sequence is always a key, never the inside of a string: a
  quote in a string is escaped): "date" (the session's), "vote" and "schema".

The values are those json.loads gives for the same keys (tests/deliberations/record/
test_fields.py compares them on the seed records and pins the keys' uniqueness in the
schema's types). A text this reading does not recognise is decoded whole.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.decoder import scanstring

from deliberations.record import codec

_PREFIX = '{"record":{'
# The keys read by their text, "date" (the session's) and "vote" (the record's), are each a
# field of one record type only, which occurs once in a record (test_fields.py checks it).
_decode = json.JSONDecoder().raw_decode


def partial_document(text: str) -> dict:
    """The document of a frozen record with only what ROW-like readers need: its schema,
    the record's keys before "session", "session" holding only its date, and "vote"."""
    try:
        return _partial(text)
    except (ValueError, IndexError):  # not the canonical text this reader knows
        return json.loads(text)


def _partial(text: str) -> dict:
    if not text.startswith(_PREFIX):
        raise ValueError("préfixe inattendu")
    record, position = {}, len(_PREFIX)
    while True:
        if text[position] != '"':
            raise ValueError("clé attendue")
        key, position = scanstring(text, position + 1)
        if text[position] != ":":
            raise ValueError("deux-points attendu")
        if key == "session":
            break
        record[key], position = _decode(text, position + 1)
        if text[position] != ",":
            raise ValueError("virgule attendue")
        position += 1
    session_start = position
    date = text.find('"date":', session_start)
    vote = text.rfind('"vote":')
    schema = text.rfind('"schema":')
    if min(date, vote, schema) < session_start:
        raise ValueError("clé introuvable")
    record["session"] = {"date": _decode(text, date + len('"date":'))[0]}
    record["vote"] = _decode(text, vote + len('"vote":'))[0]
    return {"schema": _decode(text, schema + len('"schema":'))[0], "record": record}


def lazy_record(text: str) -> codec.Lazy:
    """The record of a frozen text, decoded field by field as it is read (codec.lazy), from
    partial_document: every field but the session is there, so an output that prints the
    act, its vote and its publication (the API list: 50 acts a page) never decodes the
    session's attendance; the first read of the session decodes the whole text.

    Decoding the 50 whole texts of an API page was about a fifth of its CPU (docs/
    capacity.md); partial_document reads one in about a fifth of json.loads' time."""
    document = partial_document(text)
    if document.get("schema") != codec.SCHEMA_VERSION:
        raise ValueError(f"Version de schéma inconnue : {document.get('schema')!r}.")
    data = dict(document["record"])
    data.pop("session", None)  # only its date: read in full when asked for

    def whole() -> dict:
        return json.loads(text)["record"]

    return codec.Lazy(codec.DeliberationRecord, data, whole)


def values_at(document: dict, paths: Sequence[tuple[str, ...]]) -> list:
    """The values at ``paths`` (tuples of keys from the document's top) of a document."""
    values = []
    for path in paths:
        value = document
        for name in path:
            value = value[name]
        values.append(value)
    return values


def plain_values(record, paths: Sequence[tuple[str, ...]]) -> list:
    """The values at ``paths`` of a record object (typed or lazy), as its document holds
    them (codec._plain): for an act whose record is built live, the values values_at reads
    in a frozen one."""
    document = {"schema": codec.SCHEMA_VERSION, "record": record}
    values = []
    for path in paths:
        value = document[path[0]]
        for name in path[1:]:
            value = getattr(value, name)
        values.append(codec._plain(value))
    return values
