"""Reads the territorial project 2022–2032 out of the text of seed 003 (the document annexed to
the Conseil's deliberation of 6 December 2022). Pure Python, no Django: fast to test.

The text is a PDF turned into Markdown: headings, numbers and captions come in the order of
the page columns, not always in reading order. The rules below say how the structure is read;
each one names the spot of the document that needs it.

- Priorities: the "## 0N | Title" headings of chapter 03 (between "# 4 priorités
  d'intervention" and the "04 | Un projet de territoire évolutif" cover).
- Stakes (enjeux): a "Parce que …, il nous faut :" sentence (the rationale) followed by an
  "→ Title" line; the title is the last "→" line before the stake's first paragraph (a photo
  caption such as "→ Entreprise Blackstar - Béthune" can sit in between). Two stakes of
  priority 4 have no "Parce que" sentence ("Développer la formation continue et
  l'apprentissage", "Fédérer les outils et acteurs de l'emploi et de la formation"): a
  "### → Title" heading followed by a paragraph opens a stake too. Priority 1 has no "Parce
  que" sentence at all: its one stake is the "→ Mobiliser les communes …" line, with the
  introduction's sentence that says why ("… parce qu'elles agissent dans la proximité …").
- Objectives: numbered lines ("### 1 Text", "**1** Text", "1 **Text**", …). Objective n > 1
  that does not follow the current stake's last number belongs to the earlier stake whose last
  number it follows: the columns interleave two stakes twice (mobility: objective 4 of the
  car stake after the electric-vehicle stake; economy: objectives 6 and 7 of the
  attractiveness stake after the initial-training stake).
- Actions: "- Text" and "→ Text" lines after an objective. A figure ("**78%**", "# 800"), a
  heading or a paragraph ends the list. After a page break (two blank lines or more) an
  arrow line continues the list only if it starts with a verb in the infinitive (the sport
  stake's objective 1 goes on after a photo); otherwise it is a caption. Lines that announce
  a list ("Les 2 objectifs …", "… ?", "… :") are not actions.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}

SOCIAL_FUNCTION_NAMES = [
    "Se déplacer", "Habiter", "Travailler", "S'approvisionner", "Être en forme", "Apprendre",
    "S'épanouir",
]


class ProjectParseError(Exception):
    """The document does not read as expected (French message)."""


@dataclass
class ParsedAction:
    title: str


@dataclass
class ParsedObjective:
    number: int
    title: str
    actions: list[ParsedAction] = field(default_factory=list)


@dataclass
class ParsedStake:
    title: str
    rationale: str
    figures: list[str]
    description: str = ""
    objectives: list[ParsedObjective] = field(default_factory=list)
    # Lines of the document the stake spans (to find which stake an indicator comes from).
    first_line: int = 0
    last_line: int = 0


@dataclass
class ParsedPriority:
    number: int
    title: str
    introduction: str
    stakes: list[ParsedStake] = field(default_factory=list)


@dataclass
class ParsedSocialFunction:
    number: int  # the order of the document's list of the seven functions
    name: str
    findings: list[str]


@dataclass
class ParsedTarget:
    """A target the document states ("réduction de 15% … d'ici 2030"): a level to reach, a
    change from today's value, or a realisation (a new plant) without a figure."""

    kind: str  # "level", "change" or "milestone"
    value: float | None
    unit: str
    year: int | None  # the horizon, only when the document gives one
    wording: str  # the target as the document words it
    source_sentence: str


@dataclass
class ParsedIndicator:
    code: str
    label: str
    unit: str
    baseline_value: float | None
    baseline_qualifier: str  # "plus de", "près de": the document's own hedge
    baseline_year: int | None  # only when the document dates the figure
    baseline_period: str  # the date or period as the document words it
    comparison_value: float | None
    comparison_label: str
    direction: str
    source_sentence: str
    line: int
    targets: list[ParsedTarget] = field(default_factory=list)


@dataclass
class ParsedProject:
    title: str
    adopted_on: datetime.date
    start_year: int
    end_year: int
    priorities: list[ParsedPriority]
    social_functions: list[ParsedSocialFunction]
    indicators: list[ParsedIndicator]
    evaluation_text: str


# --- text clean-up ---------------------------------------------------------------------------

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def clean(text: str) -> str:
    """Markdown and HTML left by the conversion removed: bold/italic marks, footnote stars,
    links (their text kept), <sup> (m<sup>3</sup> → m³, 1<sup>ère</sup> → 1ère)."""
    text = html.unescape(text)
    text = re.sub(r"m<sup>(\d)</sup>", lambda m: "m" + m.group(1).translate(_SUPERSCRIPT), text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = text.replace("\\*", "").replace("**", "")
    text = re.sub(r"(?<!\w)\*([^*]+)\*(?!\w)", r"\1", text)
    text = text.replace("*", "")
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return text.strip()


def _strip_heading(line: str) -> str:
    return re.sub(r"^#+\s*", "", line.strip())


_ARROW = re.compile(r"^(?:#+\s*)?(?:\*\*)?\s*→\s*")
_BULLET = re.compile(r"^[-•]\s+")
_OBJECTIVE = re.compile(
    r"^(?:#+\s*)?(?:\*\*)?(?P<number>[1-9])(?:\*\*)?\s+(?:\*\*)?(?P<title>[A-ZÀ-ÖØ-Þ].*)$"
)
_PARCE_QUE = re.compile(r"^\*?Parce qu")
_LEAD = re.compile(
    r"^(?:les |en )?(?:\d+|deux|trois|quatre|cinq|six|sept)\s.*\b(?:objectifs?|actions?|leviers)\b",
    re.IGNORECASE,
)
# A figure set apart: "**78%**", "# 800", "**-20% à -30%**", "28%", "1ère", "**1**".
_FIGURE = re.compile(r"^(?:#+\s*)?(?:\*\*)?[-+]?\d[\d ,]*(?:%|ère|er)?(?:\s*à\s*-?\d+%)?(?:\*\*)?$")
# Infinitives that open an action after a page break (sport: "→ Optimiser …").
# A verb in the infinitive followed by a lower-case word ("Optimiser le …"; "Cluster Territoire
# Intelligent" is a caption).
_INFINITIVE = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]*(?:er|ir|re) [a-zà-öø-ÿ]")


def _is_blank(line: str) -> bool:
    return not line.strip()


def _is_lead(text: str) -> bool:
    text = text.strip()
    return text.endswith((":", "?")) or bool(_LEAD.match(text))


def _line_index(lines: list[str], predicate, start: int = 0) -> int:
    for index in range(start, len(lines)):
        if predicate(lines[index]):
            return index
    raise ProjectParseError("Le texte du projet de territoire n'a pas la structure attendue.")


# --- figures ----------------------------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:,\d+)?"
_FIGURE_IN_TEXT = re.compile(
    rf"(?P<value>(?:{_NUMBER})(?:\s*à\s*(?:{_NUMBER}))?)"
    r"(?P<unit>\s*(?:%|ha\b|kg\b|millions?\s+m³(?:/an)?|m³))?"
)


def cited_figures(sentence: str) -> list[str]:
    """The figures a "Parce que …" sentence cites, as written ("20 à 30%", "3,7 millions
    m³/an", "583"). Bare years (2010, 2050) are dates, not figures."""
    figures = []
    for match in _FIGURE_IN_TEXT.finditer(sentence):
        value, unit = match.group("value"), (match.group("unit") or "")
        if not unit and re.fullmatch(r"(19|20)\d\d", value):
            continue
        figure = (value + unit).strip()
        if figure not in figures:
            figures.append(figure)
    return figures


# --- the plan: priorities, stakes, objectives, actions ------------------------------------------


def _paragraph_follows(lines: list[str], index: int) -> bool:
    """The next non-blank line after `index` is a paragraph (prose, not a list, heading,
    figure, objective or arrow)."""
    for line in lines[index + 1:]:
        if _is_blank(line):
            continue
        return _is_prose(line)
    return False


def _is_prose(line: str) -> bool:
    stripped = line.strip()
    if stripped.startswith(("#", "-", "•", "→", "↓", "➤", ">", "\\*", "|")):
        return False
    if _FIGURE.match(stripped) or _OBJECTIVE.match(stripped) or _PARCE_QUE.match(stripped):
        return False
    text = clean(stripped)
    return len(text) > 60 and not text.isupper()


class _PlanReader:
    def __init__(self, lines: list[str], offset: int):
        self.lines = lines
        self.offset = offset  # line number of lines[0] in the whole document
        self.priorities: list[ParsedPriority] = []
        self.stake: ParsedStake | None = None
        self.objective: ParsedObjective | None = None
        self.collecting = False
        self.blank_run = 0
        self.pending_rationale: str | None = None
        self.pending_line: int | None = None
        self.pending_titles: list[str] = []
        self.last_arrow: str = ""
        self.style = ""

    @property
    def priority(self) -> ParsedPriority:
        return self.priorities[-1]

    def read(self) -> list[ParsedPriority]:
        for index, raw in enumerate(self.lines):
            self._line(index, raw)
        self._close_stake(len(self.lines) - 1)
        return self.priorities

    def _open_stake(self, index: int, title: str, rationale: str) -> None:
        self._close_stake(index - 1)
        self.stake = ParsedStake(
            title=title, rationale=rationale, figures=cited_figures(rationale),
            first_line=self.offset + (self.pending_line if rationale and self.pending_line
                                       is not None else index),
        )
        self.priority.stakes.append(self.stake)
        self.objective = None
        self.collecting = False

    def _close_stake(self, index: int) -> None:
        if self.stake is not None:
            self.stake.last_line = self.offset + index

    def _line(self, index: int, raw: str) -> None:
        line = raw.strip()
        if not line:
            self.blank_run += 1
            return
        gap, self.blank_run = self.blank_run, 0

        priority = re.match(r"^## 0(\d) \| (.+)$", line)
        if priority:
            self._close_stake(index - 1)
            self.priorities.append(ParsedPriority(int(priority.group(1)),
                                                  clean(priority.group(2)), ""))
            self.stake = self.objective = None
            self.collecting = False
            self.pending_rationale = None
            return
        if not self.priorities:
            return

        if _PARCE_QUE.match(line):
            self.pending_rationale = clean(line)
            self.pending_line = index
            self.pending_titles = []
            self.collecting = False
            self._close_stake(index - 1)
            self.stake, self.objective = None, None
            return

        if self.pending_rationale is not None:
            if _ARROW.match(line) or line.startswith("#") and "→" in line:
                title = clean(_ARROW.sub("", _strip_heading(line)))
                if not _is_lead(title):
                    self.pending_titles.append(title)
                    if _paragraph_follows(self.lines, index):
                        self._open_stake(index, self.pending_titles[-1],
                                         self.pending_rationale)
                        self.pending_rationale = None
                return
            if _is_prose(line) and self.pending_titles:
                self._open_stake(index, self.pending_titles[-1], self.pending_rationale)
                self.pending_rationale = None
                self.stake.description = clean(line)
                return
            return

        heading_arrow = re.match(r"^#{2,4}\s*→\s*(.+)$", line)
        if heading_arrow:
            title = clean(heading_arrow.group(1))
            if not _is_lead(title) and _paragraph_follows(self.lines, index):
                # A stake without a "Parce que" sentence (priority 4, see the module doc).
                self._open_stake(index, title, "")
                return
            self.collecting = False
            return

        objective = _OBJECTIVE.match(line)
        if objective and not line.startswith(("-", "→")):
            self._objective(index, int(objective.group("number")),
                            clean(objective.group("title")))
            return

        if _FIGURE.match(line) or line.startswith("#"):
            self.collecting = False
            return

        arrow = _ARROW.match(line)
        bullet = _BULLET.match(line)
        if arrow or bullet:
            text = clean(line[(arrow or bullet).end():])
            if arrow and not self.collecting and self.stake is None:
                if not _is_lead(text):
                    self.last_arrow = text
                return
            if not self.collecting or not text or _is_lead(text):
                return
            style = "arrow" if arrow else "bullet"
            changed = self.objective.actions and style != self.style
            if (gap >= 2 or changed) and not (bullet or _INFINITIVE.match(text)):
                # A photo caption after a page break, or a closing remark in another list
                # style ("→ Le développement de l'économie circulaire constitue …").
                self.collecting = False
                return
            self.style = style
            self.objective.actions.append(ParsedAction(text))
            return

        if _is_prose(line):
            if self.stake is not None and not self.stake.description and not self.objective:
                self.stake.description = clean(line)
            elif not self.priority.introduction and self.stake is None:
                self.priority.introduction = clean(line)
            self.collecting = False
            return
        # Short leftovers (labels, "↓", captions' second lines) end a list.
        self.collecting = False

    def _objective(self, index: int, number: int, title: str) -> None:
        if self.stake is None:
            # Priority 1 states no "Parce que" stake: its levers serve the "→ Mobiliser les
            # communes …" line; the introduction says why.
            reason = next(
                (s for s in re.split(r"(?<=\.)\s+", self.priority.introduction)
                 if "parce qu" in s.lower()), "",
            )
            self._open_stake(index, self.last_arrow.rstrip("."), reason)
        target = self.stake
        if number != len(target.objectives) + 1:
            for stake in reversed(self.priority.stakes[:-1]):
                if len(stake.objectives) == number - 1:
                    target = stake
                    break
            else:
                raise ProjectParseError(
                    f"Objectif n° {number} « {title} » sans enjeu correspondant "
                    f"(ligne {self.offset + index + 1})."
                )
        self.objective = ParsedObjective(number, title)
        target.objectives.append(self.objective)
        self.collecting = True


# --- social functions -------------------------------------------------------------------------


def _social_functions(lines: list[str]) -> list[ParsedSocialFunction]:
    """The seven "## 0N | Function" headings of "Enseignements de la concertation", each with
    its findings. The first bullet block after a heading is its own; a later block before
    the next heading belongs to the next heading that has no block of its own ("Travailler"
    and "Apprendre" sit below their findings in the columns); the last heading takes every
    block left (the findings of "Apprendre" are cut by a blank line)."""
    order: list[str] = []
    findings: dict[str, list[str]] = {}
    orphans: list[list[str]] = []
    current: str | None = None
    block: list[str] = []
    owned = False

    def flush():
        nonlocal block, owned
        if block:
            if current is not None and not owned:
                findings[current] = block
                owned = True
            else:
                orphans.append(block)
        block = []

    for raw in lines:
        line = raw.strip()
        heading = re.match(r"^## 0\d \| (.+)$", line)
        if heading:
            flush()
            if current is not None and not owned and orphans:
                findings[current] = orphans.pop(0)
            current, owned = clean(heading.group(1)), False
            order.append(current)
            continue
        if _BULLET.match(line):
            block.append(clean(_BULLET.sub("", line)))
        else:
            flush()
    flush()
    if current is not None and not owned and orphans:
        findings[current] = [item for group in orphans for item in group]
        orphans = []
    functions = []
    for number, name in enumerate(SOCIAL_FUNCTION_NAMES, start=1):
        if name not in findings:
            raise ProjectParseError(f"Fonction sociale « {name} » introuvable.")
        functions.append(ParsedSocialFunction(number, name, findings[name]))
    return functions


# --- indicators -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetSpec:
    """A target stated in the text: `pattern` gives `value` (none for a realisation) and
    `year` (the horizon, when stated); `wording` is the matched text itself."""

    kind: str  # "level", "change" or "milestone"
    pattern: str
    unit: str = ""
    sign: int = 1  # -1 for a reduction worded without its sign ("réduction de 15%")


@dataclass(frozen=True)
class IndicatorSpec:
    """Where the document states an indicator: `pattern` is searched in the cleaned plan text
    and its groups give the values (so the numbers come from the text, never retyped). No year
    is given to a figure the text does not date: `period` is the text's own wording of the
    date or period ("entre 2010 et 2020"), `baseline_year` only a year the text states."""

    code: str
    label: str
    unit: str
    direction: str  # "higher", "lower" or "none" (a context figure, not a goal)
    pattern: str | None  # the baseline (and comparison); None: the document states none
    baseline_year: int | None = None
    period: str = ""
    comparison_label: str = ""
    targets: tuple[TargetSpec, ...] = ()
    line: int = 0  # the line of seed 003 it reads (1-based), for the reviewer


LEVEL, CHANGE, MILESTONE = "level", "change", "milestone"
# Where seed 003 states each indicator and its targets: reviewed data, one row per indicator
# with the line of the document it reads (`ligne`, 1-based), checked by the tests.
INDICATORS_FILE = Path(__file__).resolve().parent / "data" / "indicators.json"


def load_indicator_specs(path: Path = INDICATORS_FILE) -> list[IndicatorSpec]:
    """The indicators' anchors of the data file, as IndicatorSpec."""
    rows = json.loads(path.read_text(encoding="utf-8"))["indicateurs"]
    return [
        IndicatorSpec(
            row["code"], row["libelle"], row["unite"], row["sens"], row["motif"],
            baseline_year=row.get("annee"), period=row.get("periode", ""),
            comparison_label=row.get("comparaison", ""),
            targets=tuple(TargetSpec(target["nature"], target["motif"],
                                     target.get("unite", ""), target.get("signe", 1))
                          for target in row.get("cibles", ())),
            line=row["ligne"],
        )
        for row in rows
    ]


INDICATOR_SPECS = load_indicator_specs()


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    return float(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    sentence = text[left + 1:right + 1].strip()
    return sentence.rstrip(" :")


def _one(pattern: str, text: str, label: str) -> re.Match:
    """The single place the document states it: none or two stop the load."""
    matches = list(re.finditer(pattern, text, re.S))
    if len(matches) != 1:
        raise ProjectParseError(f"Indicateur « {label} » : {len(matches)} passage(s) du texte "
                                "au lieu d'un.")
    return matches[0]


def _target(spec: TargetSpec, text: str, label: str) -> ParsedTarget:
    match = _one(spec.pattern, text, label)
    value = _number(match.groupdict().get("value"))
    year = match.groupdict().get("year")
    return ParsedTarget(
        kind=spec.kind, value=spec.sign * value if value is not None else None, unit=spec.unit,
        year=int(year) if year else None, wording=re.sub(r"\s+", " ", match.group(0)),
        source_sentence=_sentence_around(text, match.start(), match.end()),
    )


def _indicators(lines: list[str], offset: int) -> list[ParsedIndicator]:
    cleaned = [clean(line) for line in lines]
    text = "\n".join(cleaned)
    starts = []
    position = 0
    for line in cleaned:
        starts.append(position)
        position += len(line) + 1
    indicators = []
    for spec in INDICATOR_SPECS:
        targets = [_target(target, text, spec.label) for target in spec.targets]
        if spec.pattern is not None:
            match = _one(spec.pattern, text, spec.label)
            groups = match.groupdict()
            start, sentence = match.start(), _sentence_around(text, match.start(), match.end())
        else:  # a target only: the indicator sits where its first target is stated
            groups = {}
            start = _one(spec.targets[0].pattern, text, spec.label).start()
            sentence = targets[0].source_sentence
        stated_year = int(groups["year"]) if groups.get("year") else spec.baseline_year
        line = max(i for i, s in enumerate(starts) if s <= start)
        indicators.append(ParsedIndicator(
            code=spec.code, label=spec.label, unit=spec.unit,
            baseline_value=_number(groups.get("baseline")),
            baseline_qualifier=groups.get("qualifier") or "",
            baseline_year=stated_year if groups.get("baseline") else None,
            baseline_period=spec.period if groups.get("baseline") else "",
            comparison_value=_number(groups.get("comparison")),
            comparison_label=spec.comparison_label if groups.get("comparison") else "",
            direction=spec.direction,
            source_sentence=sentence,
            line=offset + line,
            targets=targets,
        ))
    return indicators


# --- the whole document -----------------------------------------------------------------------


def parse_project(text: str) -> ParsedProject:
    """The project read from seed 003's text (the deliberation, then the annexed document)."""
    lines = text.splitlines()
    plan_start = _line_index(lines, lambda s: s.strip() == "# 4 priorités d'intervention")
    plan_end = _line_index(lines, lambda s: s.strip().startswith("04 | "), plan_start)
    findings_start = _line_index(lines, lambda s: "Enseignements de la concertation" in s)
    findings_end = _line_index(lines, lambda s: s.strip() == "## 4 grandes priorités",
                               findings_start)
    evaluation_start = _line_index(lines, lambda s: s.strip() == "## 03 | Un projet à évaluer",
                                   plan_end)
    evaluation_end = _line_index(lines, lambda s: s.startswith("# "), evaluation_start + 1)

    name = re.search(r"«\s*(l'Agglo 100% durable)\s*»", text, re.IGNORECASE)
    period = re.search(r"\b(20\d\d)\s*\n?\s*→\s*(20\d\d)\b", text)
    if name is None or period is None:
        raise ProjectParseError("Titre ou période du projet introuvable.")
    title = name.group(1)
    title = title[0].upper() + title[1:]
    # The deliberation's heading: "DELIBERATION DU CONSEIL COMMUNAUTAIRE / 6 décembre 2022".
    adopted = re.search(r"DELIBERATION DU CONSEIL COMMUNAUTAIRE\W+(\d{1,2}) (\w+) (\d{4})", text)
    if adopted is None or adopted.group(2).lower() not in MONTHS:
        raise ProjectParseError("Date de la délibération d'adoption introuvable.")
    adopted_on = datetime.date(int(adopted.group(3)), MONTHS[adopted.group(2).lower()],
                               int(adopted.group(1)))

    priorities = _PlanReader(lines[plan_start:plan_end], plan_start).read()
    if [p.number for p in priorities] != [1, 2, 3, 4]:
        raise ProjectParseError("Les quatre priorités n'ont pas été trouvées dans l'ordre.")
    evaluation = "\n\n".join(
        clean(line) for line in lines[evaluation_start + 1:evaluation_end]
        if line.strip() and clean(line)
    )
    return ParsedProject(
        title=title,
        adopted_on=adopted_on,
        start_year=int(period.group(1)),
        end_year=int(period.group(2)),
        priorities=priorities,
        social_functions=_social_functions(lines[findings_start:findings_end]),
        indicators=_indicators(lines[plan_start:plan_end], plan_start),
        evaluation_text=evaluation,
    )
