"""iCalendar (RFC 5545) text helpers shared by every calendar the portal serves: the public
sessions calendar, the PMA agenda and the clerk's deadlines. Depends on nothing but Python."""

import datetime
import re

_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape(text: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping: backslash, ";", "," and every line break (CRLF, a bare
    CR or LF), so that a value typed by a clerk can never start a new property (a bare CR
    would end the line for many readers: "LOCATION:x\\rSUMMARY:…")."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROL.sub("", _LINE_BREAK.sub("\\\\n", text))


def fold(line: str) -> str:
    """RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + one space), never inside
    a UTF-8 sequence. Cut on the encoded bytes: a calendar's descriptions list every published
    title of a session, and a loop over characters cost most of the feed's rendering."""
    if len(line) <= 18:  # 4 octets a character at most: no need to encode
        return line
    encoded = line.encode("utf-8")
    size = len(encoded)
    if size <= 75:
        return line
    parts, start, limit = [], 0, 75
    while size - start > limit:
        end = start + limit
        while encoded[end] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            end -= 1
        parts.append(encoded[start:end])
        start, limit = end, 74  # continuation lines start with a space
    parts.append(encoded[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
