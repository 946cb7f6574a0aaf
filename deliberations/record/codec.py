"""Canonical JSON of a record and its SHA-256: sorted keys, no spaces, UTF-8, ISO dates, a
versioned schema. Decoding rebuilds the typed record (types.DeliberationRecord) from its
annotations, so a frozen record reads exactly like a live one."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import types
import typing
from functools import cache

from deliberations.record.types import DeliberationRecord

# Raised whenever the shape of the record changes; a frozen record keeps the version it was
# frozen with (PublishedRecord.version) and is decoded by the reader of that version.
SCHEMA_VERSION = 1


def _plain(value):
    kind = type(value)
    if kind in _SCALARS:
        return value
    fields = _FIELDS.get(kind)
    if fields is None and dataclasses.is_dataclass(kind):
        fields = _FIELDS[kind] = tuple(
            (field.name, bool(field.metadata.get("omit_when_empty")))
            for field in dataclasses.fields(kind))
    if fields is not None:
        plain = {}
        for name, omit_when_empty in fields:
            item = getattr(value, name)
            if not (omit_when_empty and item in (None, "", ())):
                plain[name] = item if type(item) in _SCALARS else _plain(item)
        return plain
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.date | datetime.time):  # datetime.datetime never occurs
        return value.isoformat()
    return value


# Values _plain passes through as they are (a thousand records hold about a million values),
# and the fields of each record type, read once: (name, left out when empty).
_SCALARS = frozenset({str, int, bool, float, type(None)})
_FIELDS: dict = {}


def to_document(record: DeliberationRecord) -> dict:
    """The record as plain JSON values, with its schema version."""
    return {"schema": SCHEMA_VERSION, "record": _plain(record)}


def canonical_json(record: DeliberationRecord) -> str:
    return dumps(to_document(record))


def canonical_jsons(records) -> list[str]:
    """canonical_json of each record, in order, the session part encoded once for the acts
    that share it (build_records gives the acts of one session the same SessionFacts object):
    the session is 60 to 90 % of a record, and a session of 30 acts was encoded 30 times.
    The texts are canonical_json's, character for character (tests/deliberations/record/
    test_freeze.py): the record is encoded with a marker in place of its session, then the
    marker is replaced by the session's text. The marker holds NUL characters, which no text
    stored in PostgreSQL can hold, and "session" sorts after every key whose value could."""
    encoded, texts = {}, []
    for record in records:
        session = record.session
        shared = encoded.get(id(session))
        if shared is None:
            # The object is kept with its text: its id() is not reused while the dict lives.
            shared = encoded[id(session)] = (session, dumps(_plain(session)))
        text = dumps(to_document(dataclasses.replace(record, session=_SESSION_MARKER)))
        texts.append(text.replace(_ENCODED_MARKER, shared[1], 1))
    return texts


_SESSION_MARKER = "\x00session\x00"
_ENCODED_MARKER = json.dumps(_SESSION_MARKER)


def dumps(document: dict) -> str:
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _decode(kind, value):
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _decode(options[0], value)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in value)
        return tuple(_decode(arg, item) for arg, item in zip(args, value, strict=True))
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{name: _decode(hints[name], item) for name, item in value.items()})
    if kind is datetime.date:
        return datetime.date.fromisoformat(value)
    if kind is datetime.time:
        return datetime.time.fromisoformat(value)
    return value


def from_document(document: dict) -> DeliberationRecord:
    """The typed record of a JSON document written by to_document."""
    if document.get("schema") != SCHEMA_VERSION:
        raise ValueError(f"Version de schéma inconnue : {document.get('schema')!r}.")
    return _decode(DeliberationRecord, document["record"])


def loads(text: str) -> DeliberationRecord:
    return from_document(json.loads(text))


class Lazy:
    """A decoded view of a frozen record that decodes each field on first access: a page
    that prints an act's vote does not build the 150 attendance lines of its session. Reads
    like the typed record (same attribute names and values)."""

    __slots__ = ("_cls", "_data", "_decoded", "_rest")

    def __init__(self, cls, data: dict, rest=None):
        """`data`: the record's plain values; when they are only part of them, rest() gives
        them all (decoded on the first read of a field `data` lacks)."""
        self._cls, self._data, self._decoded, self._rest = cls, data, {}, rest

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        decoded = self._decoded
        if name not in decoded:
            hints = _hints(self._cls)
            if name not in hints:
                raise AttributeError(name)
            if name not in self._data and self._rest is not None:
                self._data, self._rest = self._rest(), None
            kind, value = hints[name], self._data[name]
            decoded[name] = (Lazy(kind, value) if dataclasses.is_dataclass(kind)
                             and value is not None else _decode(kind, value))
        return decoded[name]

    def __repr__(self):
        return f"Lazy({self._cls.__name__})"


def lazy(text: str) -> Lazy:
    """The record of a JSON document, decoded field by field as it is read."""
    document = json.loads(text)
    if document.get("schema") != SCHEMA_VERSION:
        raise ValueError(f"Version de schéma inconnue : {document.get('schema')!r}.")
    return Lazy(DeliberationRecord, document["record"])
