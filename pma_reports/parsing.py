"""Read the PMA's documents (seeds 000, 001, 002, 004) into plain structures.

Pure functions on text: no Django model here, so the parser is fast to test on the real seed
text. Two report layouts:

* 2021 (seed 000, after the Bureau deliberation): a tab-separated table "Objectifs / Actions
  réalisées" whose cells hold HTML lists (bullets • ● for actions, ○ for sub-items); where a
  cell runs over a page break, it goes on as Markdown-like lines ("- " actions, " - "
  sub-items) and further objectives are plain heading lines.
* 2020 (seed 001): OCR text, repaired first by the reviewed table of corrections.py; then
  paragraphs with bullets (* e ¢ for actions, 0 for sub-items) under "§ " objective headings.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
MONTH = "(" + "|".join(MONTHS) + ")"


class ParseError(ValueError):
    pass


@dataclass
class Item:
    text: str
    children: list[Item] = field(default_factory=list)


@dataclass
class ParsedObjective:
    title: str
    intro: str = ""
    actions: list[Item] = field(default_factory=list)

    def last_item(self) -> Item:
        last = self.actions[-1]
        return last.children[-1] if last.children else last


@dataclass
class ParsedPillar:
    title: str
    objectives: list[ParsedObjective] = field(default_factory=list)


def _clean(text: str) -> str:
    text = text.replace("**", "")
    # "2^{ème}", "1^{er}": superscripts of the exported table.
    text = re.sub(r"\^\{(\w+)\}", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _join(left: str, right: str) -> str:
    """Join two pieces of a wrapped line; a line ending with a hyphen ("éco-") continues the
    word."""
    left, right = left.rstrip(), right.strip()
    if not left:
        return right
    if left.endswith("-"):
        return left + right
    return f"{left} {right}"


def _pillar_titles(lines: list[str]) -> dict[int, str]:
    """A pillar is the line just before an "Objectifs" header line."""
    found = {}
    for index, line in enumerate(lines):
        if line.strip().startswith("Objectifs"):
            previous = index - 1
            while previous >= 0 and not lines[previous].strip():
                previous -= 1
            if previous >= 0:
                found[previous] = lines[previous].strip()
    return found


# --- 2021: table with HTML lists ----------------------------------------------------------

_TOKEN = re.compile(r"(<ul[^>]*>|</ul>|<p>|</p>|[•●○])")


def _parse_cell(cell: str, objective: ParsedObjective) -> None:
    intro, current, depth_item = [], None, None
    in_paragraph = False
    for token in _TOKEN.split(cell):
        if not token or token.isspace():
            continue
        if token == "<p>":
            in_paragraph = True
        elif token == "</p>":
            in_paragraph = False
        elif token.startswith("<ul") or token == "</ul>":
            continue
        elif token in "•●":
            current = Item("")
            objective.actions.append(current)
            depth_item = current
        elif token == "○":
            if current is None:
                raise ParseError(f"Sous-élément sans action dans « {objective.title} ».")
            depth_item = Item("")
            current.children.append(depth_item)
        elif in_paragraph or depth_item is None:
            intro.append(token)
        else:
            depth_item.text = _join(depth_item.text, token)
    if intro:
        objective.intro = _clean(" ".join(intro))


def parse_table_report(text: str) -> list[ParsedPillar]:
    """The 2021 layout (seed 000 after the deliberation)."""
    lines = text.splitlines()
    pillars_at = _pillar_titles(lines)
    if not pillars_at:
        raise ParseError("Aucun axe (« … ensemble » suivi de « Objectifs ») trouvé.")
    pillars: list[ParsedPillar] = []
    objective: ParsedObjective | None = None
    for index in range(min(pillars_at), len(lines)):
        line = lines[index]
        stripped = line.strip()
        if index in pillars_at:
            pillars.append(ParsedPillar(stripped))
            objective = None
        elif not stripped or stripped.startswith("Objectifs"):
            continue
        elif "\t" in line:
            title, cell = line.split("\t", 1)
            objective = ParsedObjective(_clean(re.sub(r"</?p>", "", title)))
            pillars[-1].objectives.append(objective)
            _parse_cell(cell, objective)
        elif objective is not None and line.startswith(" - "):
            objective.actions[-1].children.append(Item(stripped[2:]))
        elif line.startswith("- "):
            if objective is None:
                raise ParseError(f"Action hors objectif : « {stripped[:60]} ».")
            objective.actions.append(Item(stripped[2:]))
        elif stripped[0].islower() and objective is not None:
            # A cell cut by a page break: the text goes on with the last item.
            item = objective.last_item()
            item.text = _join(item.text, stripped)
        else:
            objective = ParsedObjective(_clean(stripped))
            pillars[-1].objectives.append(objective)
    _tidy(pillars)
    return pillars


# --- 2020: OCR paragraphs ------------------------------------------------------------------

_TOP_BULLET = re.compile(r"^\s*[*e¢•]\s+")
_SUB_BULLET = re.compile(r"^\s*[0o○]\s+")


def parse_ocr_report(text: str) -> list[ParsedPillar]:
    """The 2020 layout (seed 001), once repaired by corrections.OCR_2020."""
    lines = text.splitlines()
    pillars_at = _pillar_titles(lines)
    pillars: list[ParsedPillar] = []
    bodies: list[list[str]] = []
    for index, line in enumerate(lines):
        if index in pillars_at:
            pillars.append(ParsedPillar(line.strip()))
            bodies.append([])
        elif pillars and not line.strip().startswith("Objectifs"):
            bodies[-1].append(line)
    for pillar, body in zip(pillars, bodies, strict=True):
        # Where the pillar uses no bullet for its actions (Décider ensemble), each paragraph
        # is an action; elsewhere a paragraph without a bullet continues the last item (a
        # paragraph broken by the column layout).
        bulleted = any(_TOP_BULLET.match(line) for line in body)
        objective = None
        for paragraph in _paragraphs(body):
            first = paragraph[0]
            if first.startswith("§ "):
                objective = ParsedObjective(_clean(first[2:]))
                pillar.objectives.append(objective)
                paragraph = paragraph[1:]
                if not paragraph:
                    continue
                first = paragraph[0]
            if objective is None:
                raise ParseError(f"Texte avant le premier objectif de « {pillar.title} ».")
            current = None
            for line in paragraph:
                if _TOP_BULLET.match(line):
                    current = Item(_TOP_BULLET.sub("", line))
                    objective.actions.append(current)
                elif _SUB_BULLET.match(line):
                    if not objective.actions:
                        raise ParseError(f"Sous-élément sans action : « {line[:60]} ».")
                    current = Item(_SUB_BULLET.sub("", line))
                    objective.actions[-1].children.append(current)
                elif current is None and (not bulleted or not objective.actions):
                    current = Item(line)
                    objective.actions.append(current)
                elif current is None:
                    current = objective.last_item()
                    current.text = _join(current.text, line)
                else:
                    current.text = _join(current.text, line)
    _tidy(pillars)
    return pillars


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _tidy(pillars: list[ParsedPillar]) -> None:
    for pillar in pillars:
        for objective in pillar.objectives:
            for item in objective.actions:
                item.text = _clean(item.text)
                for child in item.children:
                    child.text = _clean(child.text)
                if not item.text:
                    raise ParseError(f"Action vide dans « {objective.title} ».")


def report_part(text: str) -> str:
    """Seed 000 holds the Bureau deliberation, then the report: the report starts at its
    first pillar (the cover pages before it carry no action)."""
    lines = text.splitlines()
    pillars_at = _pillar_titles(lines)
    if not pillars_at:
        raise ParseError("Aucun axe trouvé dans le document.")
    return "\n".join(lines[min(pillars_at):])


# --- Figures -------------------------------------------------------------------------------


def french_number(text: str) -> Decimal:
    """ "5.000" and "5 000" are five thousand; "35,9" is a decimal."""
    text = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    return Decimal(text.replace(",", "."))


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or list entry) of `text` that holds text[start:end]."""
    left = max(text.rfind(". ", 0, start), text.rfind(" ; ", 0, start))
    left = 0 if left < 0 else left + 2
    right_candidates = [i for i in (text.find(". ", end), text.find(" ; ", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left:right].strip(" ;")


# --- Publications --------------------------------------------------------------------------


@dataclass
class ParsedSection:
    title: str
    text: str


@dataclass
class ParsedEvent:
    title: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    starts_at: datetime.time | None = None
    tentative: bool = False
    date_note: str = ""
    source_line: str = ""


def split_on_headings(text: str, headings: list[str]) -> list[ParsedSection]:
    """Cut `text` at the given heading lines (each must be a line of the text, once)."""
    lines = text.splitlines()
    positions = []
    for heading in headings:
        matches = [i for i, line in enumerate(lines) if line.strip() == heading]
        if len(matches) != 1:
            raise ParseError(f"Titre « {heading} » trouvé {len(matches)} fois.")
        positions.append(matches[0])
    if positions != sorted(positions):
        raise ParseError("Les titres ne sont pas dans l'ordre du document.")
    sections = []
    for number, start in enumerate(positions):
        end = positions[number + 1] if number + 1 < len(positions) else len(lines)
        body = "\n".join(lines[start + 1:end]).strip()
        sections.append(ParsedSection(headings[number], re.sub(r"\n{3,}", "\n\n", body)))
    return sections


_AGENDA_LINE = re.compile(r"^-\s*(?P<when>.+?)\s+:\s+(?P<what>.+)$")
_DAY = r"(\d{1,2}|1er)"


def _day(text: str) -> int:
    return 1 if text == "1er" else int(text)


def parse_agenda_line(line: str, *, year: int) -> ParsedEvent:
    """ "- Du 2 au 7 mai : voyage…", "- 14 juin à 8h : Petit-déjeuner…",
    "- 30 mai ou 6 juin (*dates sous réserve*) : plénière…"."""
    match = _AGENDA_LINE.match(line.strip())
    if not match:
        raise ParseError(f"Ligne d'agenda illisible : « {line} ».")
    when = match["when"].replace("*", "")
    what = match["what"].strip()
    tentative = "sous réserve" in when
    note = ""
    span = re.match(rf"Du {_DAY} au {_DAY} {MONTH}", when, re.IGNORECASE)
    if span:
        month = MONTHS[span[3].lower()]
        return ParsedEvent(what, datetime.date(year, month, _day(span[1])),
                           datetime.date(year, month, _day(span[2])),
                           tentative=tentative, source_line=line.strip())
    single = re.match(rf"{_DAY} {MONTH}(?: ou {_DAY} {MONTH})?(?: à (\d{{1,2}})h(\d{{2}})?)?"
                      r"(?: (matin|après-midi|soir))?", when)
    if not single:
        raise ParseError(f"Date d'agenda illisible : « {when} ».")
    starts_on = datetime.date(year, MONTHS[single[2]], _day(single[1]))
    starts_at = None
    if single[5]:
        starts_at = datetime.time(int(single[5]), int(single[6] or 0))
    if single[3]:
        note = f"ou le {single[3]} {single[4]}"
        tentative = True
    if single[7]:
        note = single[7]
    if "sous réserve" in when:
        note = (note + " — dates sous réserve").strip(" —")
    return ParsedEvent(what, starts_on, starts_at=starts_at, tentative=tentative,
                       date_note=note, source_line=line.strip())


def year_of_weekday(day: int, month: int, weekday: str, *, after: int) -> int:
    """The first year after `after` where day/month falls on that weekday ("Mercredi 30 Juin"
    announced after September 2020 → 2021)."""
    names = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    wanted = names.index(weekday.lower())
    for year in range(after, after + 8):
        if datetime.date(year, month, day).weekday() == wanted:
            return year
    raise ParseError(f"Aucune année ne place le {day}/{month} un {weekday}.")
