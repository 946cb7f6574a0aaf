"""A table of communes and their delegates flattened onto one line, each delegate written
"civility NOM" without given name: "BEAULON LUSIGNY M. VREULAZET / BESSAY sur ALLIER MERCY
Mme MIMOLLE / CHAPEAU MOLINET M. BASAS MM. GAIMEUDET et TOSOUX LA CHAPELLE aux CHASSES …"
(a table of two columns of communes, their names in capitals with their particles in lower
case, "/" where a commune has no delegate present).

Each civility opens one surname (its particles before it: "de VAIMEUTET"); a plural civility
("MM.", "Mmes") opens several joined by "et". What lies between the names must read, every
word of it, as communes of the official list (COG, ``communes.py``): otherwise the line is
left as it is, for the other rules and their anomalies.
"""

from __future__ import annotations

import re

from .communes import is_place
from .entries import _as_places
from .names import _token_kind
from .text import _fold

_SINGULAR = {"m.", "mme", "mme.", "mlle", "mlle.", "monsieur", "madame", "mademoiselle"}
_PLURAL = {"mm.", "mmes", "mmes.", "messieurs", "mesdames"}
_PARTICLES = {"de", "du", "des", "d'", "la", "le"}


def _name_at(tokens: list[str], start: int) -> int | None:
    """End (exclusive) of a surname starting at ``start``: particles in lower case, then one
    word in capitals; None when there is none."""
    index = start
    while index < len(tokens) and tokens[index] in _PARTICLES and index - start < 2:
        index += 1
    if index < len(tokens) and _token_kind(tokens[index]) == "S" and "/" not in tokens[index]:
        return index + 1
    return None


def strip_commune_runs(line: str) -> tuple[str, list[str]]:
    """(the names of ``line`` separated by commas, each with its civility; the communes taken
    out) when the line is such a table (see the module docstring), else (``line``, [])."""
    if re.search(r"[,;:()]", line):
        return line, []
    tokens = line.split()
    civilities = [index for index, token in enumerate(tokens)
                  if _fold(token) in _SINGULAR | _PLURAL]
    if len(civilities) < 4:
        return line, []
    entries: list[str] = []
    runs: list[list[str]] = [[]]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        folded = _fold(token)
        if folded not in _SINGULAR | _PLURAL:
            if token == "/" or folded == "et":
                runs.append([])  # no delegate for this commune; "Mme A et M. B"
            else:
                runs[-1].append(token)
            index += 1
            continue
        end = _name_at(tokens, index + 1)
        if end is None:
            return line, []
        names = [" ".join(tokens[index + 1:end])]
        index = end
        while folded in _PLURAL and index < len(tokens) - 1 and _fold(tokens[index]) == "et":
            following = _name_at(tokens, index + 1)
            if following is None:
                break
            names.append(" ".join(tokens[index + 1:following]))
            index = following
        entries.append(f"{token} {' et '.join(names)}")
        runs.append([])
    places: list[str] = []
    for run in runs:
        if not run:
            continue
        read = _as_places(run)
        if not read:
            return line, []
        places += read
    if not places:
        return line, []
    return ", ".join(entries), places


# "M. COSAS de CHAPEAU", "MM. CHANANT et de la SORSALON de LAMENAY SUR LOIRE", "M. TRETERAC
# d’YZEURE", "M. GRISELLE à M. GOURET de CHEVAGNES": the delegate's commune after the surname.
_PLACE_SUFFIX = re.compile(r"(?<=[A-ZÀ-Ý'’\-]{2})\s+(?:de|du|des|d['’])\s*(?=\S)")


def strip_place_suffixes(entries: list[str]) -> tuple[list[str], list[str]]:
    """``entries`` without the commune written after each delegate's surname ("M. X de
    CHAPEAU"), and the communes taken out. Only in a list that writes them so (two entries
    or more, and half of them at least), and only what the official list (COG) reads as a
    commune, right after a word in capitals: "Jean de VILLIERS" keeps its particle."""
    # Cheap test first: a commune after a surname needs "de", "du", "des" or "d'".
    if sum(" d" in entry for entry in entries) < max(2, (len(entries) + 1) // 2):
        return entries, []
    cut: list[tuple[int, int]] = []
    for entry in entries:
        found = None
        for match in _PLACE_SUFFIX.finditer(entry):
            place = entry[match.end():].strip(" .")
            if _as_places([place]) or is_place(place):
                found = (match.start(), len(entry))
                break
        cut.append(found or (len(entry), len(entry)))
    suffixed = sum(start < len(entry) for entry, (start, _) in zip(entries, cut, strict=True))
    if suffixed < 2 or 2 * suffixed < len(entries):
        return entries, []
    places = [entry[start:].strip() for entry, (start, _) in zip(entries, cut, strict=True)
              if start < len(entry)]
    return [entry[:start].rstrip() for entry, (start, _) in zip(entries, cut, strict=True)], places
