"""RFC 5545 text helpers of the kernel: line folding at 75 octets, never inside a character."""

import pytest

from portal.kernel.icalendar import fold

CLEF = "\U0001d11e"  # 4 octets in UTF-8


@pytest.mark.parametrize("line, folded", [
    ("", ""),
    ("x" * 75, "x" * 75),
    ("x" * 76, "x" * 75 + "\r\n x"),
    # Continuation lines hold 74 octets after their leading space.
    ("x" * 150, "x" * 75 + "\r\n " + "x" * 74 + "\r\n x"),
    ("x" * 149, "x" * 75 + "\r\n " + "x" * 74),
    # 2 octets a character: 37 fit (74 octets), the 38th would make 76.
    ("é" * 40, "é" * 37 + "\r\n " + "é" * 3),
    ("é" * 37 + "x", "é" * 37 + "x"),
    # A 4-octet character that would straddle the 75th octet starts the next line.
    ("a" * 73 + CLEF + "b", "a" * 73 + "\r\n " + CLEF + "b"),
    ("a" * 71 + CLEF + "b", "a" * 71 + CLEF + "\r\n b"),
    ("a" * 74 + "€" * 30,
     "a" * 74 + "\r\n " + "€" * 24 + "\r\n " + "€" * 6),
])
def test_fold_cuts_at_75_octets_between_characters(line, folded):
    assert fold(line) == folded
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line
