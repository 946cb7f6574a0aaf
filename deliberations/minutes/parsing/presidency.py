"""The president of the session named in the preamble ("… s'est réuni … sous la présidence de
M. X") and in none of the lists.

Whoever presides sits; minutes often name them only in the preamble, and hand counts differ on
whether they are then counted among the présents (some do, some keep to the lists). The parser
keeps to the lists and says it: a president named in the preamble and in no list is an anomaly
naming them, so that the clerk adds them to the présents or not, never silently.
"""

from __future__ import annotations

import re

from .matching import name_parts, same_person
from .names import _read_names
from .results import AttendanceResult
from .text import _fold, name_key

_PRESIDENCY = re.compile(r"sous\s+la\s+presidence\s+de\s+")
# Where the name ends: a comma ("…, Maire"), a bracket, a full stop after a word (not the one
# of "M."), or the verb of the lists ("… PELERT étaient présents").
_NAME_END = re.compile(r"[,;:(]|(?<=[^\W\d_]{2})\.(?:\s|$)|\s(?:etai|assist|presents?\b)")


def president_in_preamble(text: str) -> str | None:
    """The name of the president of the session when the text names one after "sous la
    présidence de" (the first such phrase), or None ("sous la présidence du Maire")."""
    if "sidence" not in text and "SIDENCE" not in text:
        return None  # cheap test first: most blocks name no presidency
    folded = _fold(text)
    match = _PRESIDENCY.search(folded)
    if not match:
        return None
    window = text[match.end():match.end() + 80].replace("\n", " ")
    end = _NAME_END.search(_fold(window))
    read = _read_names(window[:end.start() if end else len(window)].strip())
    return read.names[0] if read.valid and len(read.names) == 1 else None


def check_president_listed(result: AttendanceResult, text: str) -> str | None:
    """The president named in the preamble when no list of ``result`` names them (the anomaly
    the caller reports), else None."""
    president = president_in_preamble(text)
    if not president:
        return None
    listed = ([entry.name for entry in result.present]
              + [entry.replaces for entry in result.present if entry.replaces]
              + [name for proxy in result.proxies for name in (proxy.giver, proxy.holder)]
              + result.excused + result.absent)
    # By the surname alone: a list may write the president "M Gérard" (a civility without its
    # full stop) where the preamble has "Paul GÉRARD"; an alarm for a listed president would be
    # noise, a homonym in the lists is rare.
    surname = name_parts(president).surname
    if any(same_person(president, name) or (surname and surname in {
            name_key(word) for word in re.split(r"[\s,]+", name)}) for name in listed):
        return None
    return president
