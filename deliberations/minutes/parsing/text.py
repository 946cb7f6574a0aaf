"""Text helpers shared by the minutes parser: folding, line cleaning, dates."""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache

from portal.kernel.names import name_key as _name_key

_APOSTROPHES = {"’": "'", "ʼ": "'", "‘": "'", "`": "'"}


class _FoldTable(dict):
    """str.translate table filled on first use of each character: one character in, one out."""

    def __missing__(self, code: int) -> str:
        char = _APOSTROPHES.get(chr(code), chr(code))
        base = unicodedata.normalize("NFKD", char)[:1] or char
        lower = base.lower()
        self[code] = folded = lower if len(lower) == 1 else base
        return folded


_FOLD_TABLE = _FoldTable()


def _fold(text: str) -> str:
    """Lower-case, accent-free copy of ``text`` with exactly the same length."""
    return text.translate(_FOLD_TABLE)


_HTML_TAG = re.compile(r"<[^>\n]{1,200}>")
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2007\u2009]+")


def _clean_lines(text: str) -> list[str]:
    """Lines without markdown emphasis, headings, HTML tags or repeated spaces.

    Extracts converted from PDF wrap lists in ``*...*`` and headings in ``**...**``; the
    asterisks carry no meaning for the registre.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = text.replace("*", "")
    lines = []
    for line in text.split("\n"):
        line = _HTML_TAG.sub("", line)
        line = re.sub(r"^\s*#+\s+", "", line)
        line = _SPACES.sub(" ", line).strip()
        lines.append(line)
    return lines


def _normalise_space(text: str) -> str:
    return _SPACES.sub(" ", text.replace("*", "")).strip()


# Gender/plural markers "élu(e)", "présent(e)s": removed before looking for parentheses.
_GENDER_MARK = re.compile(r"(?<=[^\W\d_])\((?:e|s|es|e\)s|ne|le)\)", re.IGNORECASE)

_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2,
    "mars": 3, "mar": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}
_MONTH_ALTERNATION = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_WORDS = re.compile(
    rf"\b(\d{{1,2}}|1er)\s+({_MONTH_ALTERNATION})\.?\s+(\d{{4}})\b"
)
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")


def parse_date(text: str) -> datetime.date | None:
    """First date in ``text``: "18 octobre 2022", "1er juillet 2022", "20 OCT. 2022",
    "20/10/2022". None when there is none or it does not exist."""
    folded = _fold(text)
    candidates = []
    match = _DATE_WORDS.search(folded)
    if match:
        day = 1 if match.group(1) == "1er" else int(match.group(1))
        candidates.append((match.start(), day, _MONTHS[match.group(2)], int(match.group(3))))
    match = _DATE_NUMERIC.search(folded)
    if match:
        candidates.append(
            (match.start(), int(match.group(1)), int(match.group(2)), int(match.group(3)))
        )
    for _, day, month, year in sorted(candidates):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    return None


# One block compares the same names many times (checks, roster, counts): their keys are kept.
name_key = lru_cache(maxsize=16384)(_name_key)
