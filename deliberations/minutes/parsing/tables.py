"""Attendance tables written as pipe tables (PDF converted to markdown): one row per member, the
columns saying what became of them, e.g. Roannais Agglomération's table of absents
"|Absents|Ni pouvoir|Suppléant|Pouvoir donné à…|Ni suppléant|".

The columns are told by their header, as a clerk reads them: the first column names the
members and its header the list ("Absents", "Excusés", "Présents"); a column whose header
speaks of a "pouvoir" or "procuration" holds the proxy holder; one that speaks of a
"suppléant" or "remplacé par", the substitute; one that starts with "ni" or names a list
("Ni pouvoir", "Excusé") holds only a mark; any other column holds a note. The table is
rewritten as the lines of a block ("Absents :", "Procurations :", "Étaient suppléés :") so
that one reading serves every layout; a row whose member's cell is empty or a dash while
another cell names someone is kept as written, and reported by the reading.
"""

from __future__ import annotations

import re

from .text import _fold

TABLE_ROW = re.compile(r"^\|.*\|$")
_RULE = re.compile(r"^\|(?:\s*:?-{2,}:?\s*\|)+$")
_PROXY_COLUMN = re.compile(r"(?<![a-z])(?:pouvoir|procuration|mandataire)")
_SUBSTITUTE_COLUMN = re.compile(r"(?<![a-z])(?:suppleant|suppleante|remplace)")
_MARK_COLUMN = re.compile(r"^(?:ni\s|sans\s|excuse|absent|present)")
_LIST = re.compile(r"^(?:etaient\s+)?(?P<kind>absent|excuse|present)")
_EMPTY = {"", "-", "–", "—"}


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip()[1:-1].split("|")]


def _column_kind(header: str) -> str:
    folded = _fold(header).strip(" .…")
    if _MARK_COLUMN.match(folded):
        return "mark"
    if _PROXY_COLUMN.search(folded):
        return "proxy"
    if _SUBSTITUTE_COLUMN.search(folded):
        return "substitute"
    return "note"


def _shifted_rows(rows: list[list[str]], shifted: list[str] | None) -> list[list[str]]:
    """Rows with a member's cell pushed one row down by the extraction put back: a row whose
    member's cell is a dash while other cells are filled, right above a row that names a
    member and nothing else ("|-| | |Cécile X| |" over "|Julien Y| | | | |"), is one row;
    each join is a guess that ``shifted`` receives, for the caller to report."""
    joined: list[list[str]] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        below = rows[index + 1] if index + 1 < len(rows) else None
        if (below and row and row[0] in _EMPTY and any(cell not in _EMPTY for cell in row[1:])
                and below[0] not in _EMPTY and all(cell in _EMPTY for cell in below[1:])):
            joined.append([below[0], *row[1:]])
            if shifted is not None:
                shifted.append(f"{below[0]} : {' | '.join(row[1:]).strip(' |')}")
            index += 2
            continue
        joined.append(row)
        index += 1
    return joined


def table_lines(header: list[str], rows: list[list[str]],
                shifted: list[str] | None = None) -> list[str] | None:
    """The block lines a table stands for, or None when its first header names no list
    (``shifted``: see ``_shifted_rows``)."""
    listed = _LIST.match(_fold(header[0]).strip())
    if not listed:
        return None
    rows = _shifted_rows(rows, shifted)
    heading = {"absent": "Absents :", "excuse": "Excusés :", "present": "Présents :"}[
        listed.group("kind")]
    kinds = [_column_kind(cell) for cell in header[1:]]
    plain: list[str] = []
    proxies: list[str] = []
    substitutes: list[str] = []
    for row in rows:
        name, others = row[0], row[1:] + [""] * (len(kinds) - len(row) + 1)
        # "|Nassim X|X| | |(arrivé en cours de séance)|": a mark column holding a note in
        # brackets besides its mark (or instead of it) holds a note.
        notes = [cell for kind, cell in zip(kinds, others, strict=False)
                 if cell not in _EMPTY and (kind == "note" or kind == "mark"
                                            and cell.startswith("(") and cell.endswith(")"))]
        note = "".join(f" ({cell.strip('()')})" for cell in notes)
        named = False
        for kind, cell in zip(kinds, others, strict=False):
            if cell in _EMPTY or _fold(cell) == "x":
                continue
            if kind == "proxy":
                proxies.append(f"{name} donne pouvoir à {cell}{note},")
                named = True
            elif kind == "substitute":
                substitutes.append(f"{name} par {cell},")
                named = True
        if not named and name not in _EMPTY:
            plain.append(f"{name}{note},")
    lines = [heading, *plain] if plain else []
    if proxies:
        lines += ["Procurations :", *proxies]
    if substitutes:
        lines += ["Étaient suppléés :", *substitutes]
    return lines


def rewrite_tables(lines: list[str], shifted: list[str] | None = None) -> list[str]:
    """``lines`` with each pipe table (a header, its rule "|---|", rows) rewritten as block
    lines (see the module docstring); other tables and lines unchanged. ``shifted``
    receives the rows put back together (``_shifted_rows``)."""
    if not any(line.startswith("|") for line in lines):
        return lines
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if (TABLE_ROW.match(line) and index + 1 < len(lines) and _RULE.match(lines[index + 1])):
            end = index + 2
            while end < len(lines) and TABLE_ROW.match(lines[end]):
                end += 1
            rewritten = table_lines(_cells(line), [_cells(row) for row in lines[index + 2:end]],
                                    shifted)
            if rewritten is not None:
                out += rewritten
                index = end
                continue
        out.append(line)
        index += 1
    return out
