"""Headings, section boundaries, logical lines and entry separators of an attendance block;
the secretary and the stated counts."""

from __future__ import annotations

import re

from .names import _clean_name, _token_kind
from .results import StatedCounts
from .text import _GENDER_MARK, _fold

_G = r"(?:\(e\)|e)?(?:\(s\)|s)?"  # présent(e)s, excusé(e)s, représentés...
_HEADING = re.compile(
    r"^(?:[-–•]\s*)?(?:(?:etaient|etait|sont|membres|conseillers(?:\s+communautaires)?|"
    r"delegues|elus|liste\s+des)\s+)?(?:"
    rf"(?P<proxies>absent{_G}\s+(?:excuse{_G}\s+)?(?:ayant|avec|qui\s+ont|ont)\s+"
    rf"(?:donne|remis)\s+(?:procuration|pouvoir){_G}|absent{_G}\s+represente{_G}"
    rf"(?:\s+par\s+(?:pouvoir|procuration){_G})?|represente{_G}(?:\s+par\s+"
    rf"(?:pouvoir|procuration){_G})?|(?:procuration|pouvoir){_G}(?:\s+donne{_G})?|"
    rf"ont\s+donne\s+(?:procuration|pouvoir){_G})"
    rf"|(?P<excused>absent{_G}\s+excuse{_G}|excuse{_G})"
    rf"|(?P<absent>absent{_G}(?:\s+non\s+excuse{_G})?)"
    rf"|(?P<present>present{_G}(?:\s+a\s+l'ouverture(?:\s+de\s+la\s+seance)?)?)"
    r")\s*(?::\s*(?P<rest>.*))?$"
)
_END_MARKERS = re.compile(
    r"^(?:la\s+seance\s+est\s+ouverte|ouverture\s+de\s+la\s+seance|"
    r"deliberation\s+(?:du|de\s+l[a']|n)|ordre\s+du\s+jour|objet\s*:|"
    r"(?:question|point|affaire|dossier)\s*(?:n\s*[°o]\.?\s*)?\d+\b|n\s*[°o]\s*\d+\b)"
)
_SECRETARY = [
    re.compile(
        r"^(?P<name>.+?)\s*,?\s+(?:est|a\s+ete|sera)\s+(?:elue?|designee?|nommee?|choisie?)"
        r"(?:\s*\(e\))?\s+(?:en\s+qualite\s+de\s+|comme\s+|pour\s+remplir\s+les\s+fonctions\s+de\s+"
        r"|aux\s+fonctions\s+de\s+)?secretaire"
    ),
    re.compile(r"secretaire(?:\s+de\s+(?:la\s+)?seance)?\s*[:\-–]\s*(?P<name>.+?)\s*[.,;]?$"),
    re.compile(r"^(?P<name>.+?)\s*,\s*secretaire\s+de\s+(?:la\s+)?seance"),
]
_CONNECTIVE_END = re.compile(
    r"(?:donne{_G}|remis|a\s+donne)\s+(?:procuration|pouvoir)(?:\s+de\s+vote)?\s*$"
    r"|represente{_G}\s+par\s*$|(?:^|\s)(?:a|par|au\s+profit\s+de)\s*$".replace("{_G}", _G)
)
_CONNECTIVE_START = re.compile(
    r"^(?:a|par|au\s+profit\s+de|donne{_G}\s+(?:procuration|pouvoir)|"
    r"represente{_G}\s+par)\s".replace("{_G}", _G)
)


def _kinds_of_fragment(fragment: str) -> set[str]:
    return {_token_kind(token) for token in fragment.split()}


def _joins_next(previous: str, following: str) -> str | None:
    """The separator to put between two physical lines of one section, or None when the
    line break separates entries.

    A break inside a proxy ("donne procuration / à MARGEZ Maryse"), after a line-end hyphen,
    or between a surname and its given name is not a separator.
    """
    if re.search(r"[^\W\d_]-$", previous):
        return ""
    folded_prev, folded_next = _fold(previous), _fold(following)
    if _CONNECTIVE_END.search(folded_prev) or _CONNECTIVE_START.match(folded_next):
        return " "
    if re.search(r"[,;]\s*$", previous) or re.match(r"^\s*[,;]", following):
        return None
    tail = re.split(r"[,;]| [-–] ", previous)[-1]
    head = re.split(r"[,;]| [-–] ", following)[0]
    tail_kinds, head_kinds = _kinds_of_fragment(tail), _kinds_of_fragment(head)
    if not tail_kinds or not head_kinds:
        return None
    surname_only = tail_kinds <= {"S", "P"}
    given_only = tail_kinds <= {"G"}
    if (surname_only and head_kinds <= {"G"}) or (given_only and head_kinds <= {"S", "P"}):
        return " "
    return None


def _logical_lines(lines: list[str]) -> list[str]:
    logical: list[str] = []
    for line in lines:
        if not line:
            continue
        if logical:
            joiner = _joins_next(logical[-1], line)
            if joiner is not None:
                logical[-1] = logical[-1] + joiner + line
                continue
        logical.append(line)
    return logical


def _split_top_level(line: str) -> list[tuple[str, bool]]:
    """Entries of one logical line, paren-aware. Each with a flag: True when the entry lies
    between two separators on the line (so an empty one is a real ", ," gap)."""
    folded = _fold(line)
    pieces: list[str] = []
    depth = 0
    start = 0
    index = 0
    while index < len(line):
        char = line[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            width = 0
            if char in ",;•·":
                width = 1
            elif folded.startswith((" - ", " – ", " — "), index):
                width = 3
            elif line.startswith(" et ", index):  # lower case only: "ET" may be a surname
                width = 4
            if width:
                pieces.append(line[start:index])
                start = index + width
                index += width
                continue
        index += 1
    pieces.append(line[start:])
    last = len(pieces) - 1
    return [(piece.strip(" :\t"), 0 < position < last) for position, piece in
            enumerate(pieces)]



_COUNT_PATTERNS = {
    "in_office": re.compile(r"en\s+exercice[ \t]*(?::|=|-)?[ \t]*(\d+)"),
    "present": re.compile(
        rf"(?<![a-z])present{_G}(?:[ \t]+a[ \t]+la[ \t]+seance)?[ \t]*[:=][ \t]*(\d+)"
    ),
    "voters": re.compile(r"(?<![a-z])votant{_G}[ \t]*(?::|=)?[ \t]*(\d+)".replace("{_G}", _G)),
    "proxies": re.compile(
        rf"(?<![a-z])(?:procuration{_G}|pouvoir{_G}|represente{_G})[ \t]*[:=][ \t]*(\d+)"
    ),
}



def _find_secretary(lines: list[str]) -> str | None:
    for line in lines:
        cleaned = _GENDER_MARK.sub("", line)
        folded = _fold(cleaned)
        for pattern in _SECRETARY:
            match = pattern.search(folded)
            if not match:
                continue
            candidate = cleaned[match.start("name"):match.end("name")]
            # "La séance est ouverte, M. X est élu secrétaire": keep the last clause.
            candidate = re.split(r"[,;:]", candidate)[-1]
            name = _clean_name(candidate)
            if name:
                return name
    return None


def _read_counts(text: str) -> StatedCounts:
    folded = _fold(text)
    counts = StatedCounts()
    for attribute, pattern in _COUNT_PATTERNS.items():
        if match := pattern.search(folded):
            setattr(counts, attribute, int(match.group(1)))
    return counts


def _heading(line: str) -> tuple[str, str] | None:
    """(section kind, text after the colon) when ``line`` is a section heading."""
    folded = _fold(line.strip(" *_"))
    match = _HEADING.match(folded)
    if not match:
        return None
    rest = line.strip(" *_")[match.start("rest"):] if match.group("rest") is not None else ""
    if re.match(r"^\s*\d+\b", rest):
        return None  # "Présents : 26" is a stated count, not a list.
    kind = next(name for name in ("proxies", "excused", "absent", "present")
                if match.group(name) is not None)
    return kind, rest.strip()


def _is_secretary_line(line: str) -> bool:
    folded = _fold(_GENDER_MARK.sub("", line))
    return any(pattern.search(folded) for pattern in _SECRETARY)
