"""Two-column layouts flattened by a PDF extraction: the labels of one column printed among
the names of the other.

- A side column of labels ("Nombre de membres en exercice : 35", "Présents : 25", "Votants :
  29", "Secrétaire de séance : X") printed line by line inside the présents list: the label
  "Secrétaire de séance :" then stands in the middle of the list, the list goes on after it,
  and the secretary's name (a member present, so also in the list) is printed a second time
  somewhere after the label (``side_column_secretary``).
- A table whose column of headings ("Etaient présents (25) :", "Le Président", "Les
  Vice-présidents", "Les Membres", "Avaient donné procuration (2) :") is printed before the
  column of names: the présents' names then stand under the last heading, before the proxies
  (``names_column_after_headings``).
"""

from __future__ import annotations

import re

from .extraction import is_page_furniture
from .headings import _HEADING
from .text import _fold

# A row of a table copied as text: two cells apart by three spaces or more ("Mr BRAIDON   Mr
# MELERT"), one cell and the spaces of the empty one ("Mme JAUNANT    "), or only spaces.
_ROW = re.compile(r"^(?P<left>\S.*?)?(?:[ \t\u00a0]{3,}(?P<right>\S.*?))?[ \t\u00a0]*$")
_GAP = re.compile(r"\S[ \t\u00a0]{3,}\S|[ \t\u00a0]{3,}$")


def side_by_side_columns(text: str) -> str:
    """``text`` with each table of two columns copied as text read column by column: the
    left cells, then the right ones. Such a table ("Etaient présents: / Syndics   Etaient
    excusés: / Mr A   Mr B / …") puts a heading in its right column, on the same line as a
    name of the left one; read line by line, every name of the left column would run into
    one of the right. A run of rows is a table when it has at least three rows of two cells
    and a heading of attendance in its right cells; otherwise ``text`` is unchanged."""
    if "   " not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and (_GAP.search(lines[end].rstrip("\r"))
                                    or is_page_furniture(lines, end)):
            end += 1
        # A page break inside the table: its running header and page number go, the table
        # goes on (``extraction.drop_page_furniture``).
        rows = [_ROW.match(line.rstrip("\r")) for line in lines[index:end]
                if _GAP.search(line.rstrip("\r"))]
        pairs = [row for row in rows if row and row["left"] and row["right"]]
        headed = any(_HEADING.match(_fold(row["right"].strip())) for row in pairs)
        if len(pairs) >= 3 and headed:
            out += [(row["left"] or "") if row else "" for row in rows]
            out += [row["right"] for row in rows if row and row["right"]]
            index = end
            continue
        out.append(lines[index])
        index += 1
    return "\n".join(out)


# "…, Basile LOLANGE, Secrétaire de séance : Julien X, …": after a comma, the list goes on.
_SIDE_SECRETARY = re.compile(r"(?<=,)\s*secretaires?\s+de\s+(?:la\s+)?seance\s*:\s*")


def side_column_secretary(line: str) -> tuple[str, str] | None:
    """(the list without the label and the name printed twice, the secretary's name) when a
    "Secrétaire de séance :" label of a side column stands inside a list of names, or None.

    The secretary is read only when exactly one name of the list before the label is printed
    again after it (the side column's value, a présent counted once); otherwise the label is
    left as it is (it ends the list, and the figures tell what was lost)."""
    folded = _fold(line)
    match = _SIDE_SECRETARY.search(folded)
    if not match:
        return None
    before, after = line[:match.start()], line[match.end():]
    # Up to the next heading of a flattened block ("… Aurore X Pouvoirs : Clotilde Y par …"):
    # the list the label stands in, whose names the next sections do not repeat.
    heading = re.search(r"[^\W\d_]+\s*:", after)
    after, next_sections = ((after[:heading.start()], after[heading.start():]) if heading
                            else (after, ""))
    # The list goes on after the label: several entries separated by commas.
    if after.count(",") < 2:
        return None
    candidates = {" ".join(entry.split()[-2:]) for entry in before.split(",")
                  if len(entry.split()) >= 2}
    found = [(candidate, occurrence) for candidate in candidates
             for occurrence in re.finditer(rf"(?<![\w\-]){re.escape(candidate)}(?![\w\-])",
                                           after)]
    if len(found) != 1:
        return None
    name, occurrence = found[0]
    rest = (after[:occurrence.start()].rstrip(" ,") + ", "
            + after[occurrence.end():].lstrip(" ,")).strip(" ,")
    return f"{before.rstrip(' ,')}, {rest} {next_sections}".rstrip(), name


def side_label_paragraphs(cleaned: list[str]) -> list[str]:
    """A paragraph whose lines were wrapped by the extraction, holding a side column's
    "Secrétaire de séance :" inside its list (``side_column_secretary``), joined onto one line so
    that the label is read out of the list whatever the width of the page."""
    joined: list[str] = []
    start = 0
    for end in range(len(cleaned) + 1):
        if end < len(cleaned) and cleaned[end]:
            continue
        paragraph = cleaned[start:end]
        whole = " ".join(paragraph) if len(paragraph) > 1 else ""
        if ("taire" in whole.lower() and "secretaire" in _fold(whole)
                and not any(side_column_secretary(line) for line in paragraph)
                and side_column_secretary(whole)):
            paragraph = [whole]
        joined += paragraph
        if end < len(cleaned):
            joined.append(cleaned[end])
        start = end + 1
    return joined


# "Le Président", "Les Vice-présidents", "Les Membres": the heading of a table row, no one.
ROW_LABEL = re.compile(r"^(?:le|la|les)\s+(?:(?:vice|1er|\d+e(?:me)?)[-\s]?)?"
                       r"(?:president|membre|delegue|conseiller|elu)(?:e)?s?"
                       r"(?:\s+(?:titulaires?|suppleant(?:e)?s?|communautaires?))?\s*:?$")
_PROXY_WORDS = re.compile(r"(?<![\w'])(?:a|au|par|pouvoir|procuration|donne\w*)(?![\w'])")


def names_column_after_headings(sections: list[tuple[str, list[str]]]
                                ) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """A présents section holding only row labels, followed by a procurations section whose
    first lines are plain lists of names (no "à", "par", "pouvoir" outside brackets): those
    lines are the présents' names, printed after the column of headings. Returns the sections
    and the lines moved (a reading to report)."""
    moved = list(sections)
    lines_moved: list[str] = []
    for index, (kind, lines) in enumerate(sections[:-1]):
        following_kind, following = sections[index + 1]
        texts = [line for line in lines if line.strip()]
        if kind != "present" or following_kind != "proxies" or not texts or not all(
                ROW_LABEL.match(_fold(line.strip())) for line in texts):
            continue
        names = 0
        for line in following:
            if not line.strip():
                continue
            if _PROXY_WORDS.search(_fold(re.sub(r"\([^()]*\)?", " ", line))):
                break
            names += 1
        if names:
            kept = [line for line in following if line.strip()]
            moved[index] = (kind, kept[:names])
            moved[index + 1] = (following_kind, kept[names:])
            lines_moved += kept[:names]
    return moved, lines_moved


# "… Valentine, Certifiée exécutoire le 24/09/2020 LEAC Julien Paul, …", "Affichée le
# 24/09/2020 Transmis en préfecture 24/09/2020": the registre's margin (when the act became
# executory, was posted, sent to the prefect) printed inside the list. A date closes each.
_MARGIN_MENTION = re.compile(
    r"(?<![\w'])(?:certifiee?\s+executoire|rendue?\s+executoire|affichee?|publiee?|"
    r"transmise?\s+(?:en|a\s+la)\s+(?:sous-)?prefecture|recue?\s+en\s+(?:sous-)?prefecture)"
    r"(?:\s+le)?\s+\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\s*")


def without_margin_mentions(line: str) -> str:
    """``line`` without the registre's margin mentions printed inside a list of names
    (``_MARGIN_MENTION``): no name there, and the list goes on after them."""
    folded = _fold(line)
    if not _MARGIN_MENTION.search(folded):
        return line
    kept, position = [], 0
    for match in _MARGIN_MENTION.finditer(folded):
        kept.append(line[position:match.start()])
        position = match.end()
    kept.append(line[position:])
    return "".join(kept)

