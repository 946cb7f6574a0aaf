"""The person presiding the session, named in the preamble ("… s'est réuni … sous la présidence
de M. X") and in none of the lists.

Corpus rule (2026-12-08), a legal fact: the member who presides the session is present — the
president presides the assembly (L2121-14, applied to EPCI by L5211-1), and no one presides a
session they do not attend. Minutes often name the presiding person only in the preamble; the
parser then adds them to the présents, once, and says it (anomaly ``president_unlisted``) so
that the clerk confirms — the text alone does not tell a member from someone presiding who is
not one (an outgoing president installing the new body). It adds no one when it cannot name the
person ("sous la présidence du Président", "de son Président", initials alone), when a list
names them already under any spelling, or when the block names them again near an arrival, a
departure or an absence ("M. X arrive à la question 3"): then the presence is not plain, and
the anomaly alone is raised. Named only as the holder of a procuration, they are not added
either (``check_president_listed``), although a holder sits: a known gap, said by the anomaly
``holder_not_present`` when the holder is in no list.
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
# Words that make a presence partial or doubtful when they stand near another mention of the
# presiding person: an arrival or a departure during the session, an absence, a replacement, a
# procuration the lists did not read.
_NOT_PLAIN = re.compile(r"\b(?:arriv|quitt|rejoin|sort|depart|absen|excus|empech|retard|jusqu|"
                        r"a\s+partir|remplac|pouvoir|procuration|represent)")
_AROUND = 60
# "sous la présidence de Monsieur le Maire": an office, not a name.
_OFFICE = re.compile(r"^(?:l[ae]|l')\s|\b(?:maire|(?:vice-?\s*)?presidente?|doyen(?:ne)?|"
                     r"adjointe?)\b")


def president_in_preamble(text: str) -> str | None:
    """The name of the president of the session when the text names one after "sous la
    présidence de" (the first such phrase), or None ("sous la présidence du Maire")."""
    match = _presidency(text)
    if not match:
        return None
    window = text[match.end():match.end() + 80].replace("\n", " ")
    end = _NAME_END.search(_fold(window))
    read = _read_names(window[:end.start() if end else len(window)].strip())
    if not read.valid or len(read.names) != 1 or _OFFICE.search(_fold(read.names[0])):
        return None
    return read.names[0]


def _presidency(text: str) -> re.Match | None:
    if "sidence" not in text and "SIDENCE" not in text:
        return None  # cheap test first: most blocks name no presidency
    return _PRESIDENCY.search(_fold(text))


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


def presence_is_plain(president: str, text: str) -> bool:
    """Whether ``text`` names ``president`` nowhere but in the phrase "sous la présidence de"
    or in mentions free of arrival, departure, absence or replacement words: only then is the
    presiding person present for the whole session beyond doubt."""
    words = [word for word in president.split()
             if name_key(word) and name_key(word) in name_parts(president).surname]
    if not words:
        return False
    folded = _fold(text)
    start = _presidency(text)
    if start is None:
        return False
    # The surname word least likely to be a particle: the longest one.
    pattern = re.compile(rf"\b{re.escape(_fold(max(words, key=len)))}\b")
    own = pattern.search(folded, start.end(), start.end() + 80)  # the preamble's own mention
    for match in pattern.finditer(folded):
        if own and match.start() == own.start():
            continue
        around = folded[max(0, match.start() - _AROUND):match.end() + _AROUND]
        if _NOT_PLAIN.search(around):
            return False
    return True
