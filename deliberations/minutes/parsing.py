"""Minutes parser: registre text → dataclasses. Pure: standard library and portal.names only.

Reads what clerks actually write in a "extrait du registre des délibérations": the session
preamble, the attendance block (présents with per-item notes, procurations, excusés, absents,
secrétaire de séance, stated counts) and the deliberation itself.

Anomalies (an empty entry, two names glued together, a holder who is not present...) are
*reported* in ``AttendanceResult.anomalies``, never silently fixed: the parser still produces
its best reading so that a clerk can confirm or correct it.

Every regular expression is written in lower case without accents and runs on a folded copy of
the text (``_fold``) that has exactly the same length as the original, so that match spans
slice the original and names are returned as written.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import asdict, dataclass, field

from portal.names import name_key

__all__ = [
    "ANOMALY_LABELS",
    "Anomaly",
    "AttendanceResult",
    "DeliberationText",
    "ParseError",
    "PresentEntry",
    "ProxyEntry",
    "SessionHeader",
    "StatedCounts",
    "OfficeHolder",
    "parse_attendance",
    "parse_commune_list",
    "parse_vice_presidents",
    "parse_date",
    "parse_deliberation",
    "parse_session_header",
    "split_full_name",
]


class ParseError(ValueError):
    """The text does not hold what was asked for (no attendance section, no preamble...)."""


# --------------------------------------------------------------------------------------------
# Result dataclasses
# --------------------------------------------------------------------------------------------


@dataclass
class PresentEntry:
    """A member present, possibly only from/until an item (question n°)."""

    name: str
    from_item: int | None = None
    until_item: int | None = None
    # Délégué suppléant sitting for this titular member (L5211-6), name as written.
    replaces: str | None = None


@dataclass
class ProxyEntry:
    """A procuration (L2121-20): ``giver`` asks ``holder`` to vote in their name."""

    giver: str
    holder: str
    from_item: int | None = None
    until_item: int | None = None


# French labels of the anomaly kinds, for the user interface.
ANOMALY_LABELS = {
    "empty_entry": "Entrée vide",
    "glued_names": "Noms collés (séparateur manquant)",
    "duplicate_name": "Nom en double",
    "present_and_excused": "Présent et excusé",
    "holder_multiple_proxies": "Mandataire de plusieurs procurations",
    "holder_not_present": "Mandataire absent",
    "proxy_giver_present": "Mandant présent",
    "self_proxy": "Procuration à soi-même",
    "count_mismatch": "Décompte discordant",
    "unparsed_entry": "Entrée non comprise",
    "unparsed_note": "Mention non comprise",
}


@dataclass
class Anomaly:
    """Something a clerk should look at. ``message`` is French, for the user interface."""

    kind: str
    text: str
    message: str

    @property
    def label(self) -> str:
        return ANOMALY_LABELS.get(self.kind, self.kind)


@dataclass
class StatedCounts:
    """Figures the registre states ("Nombre de conseillers en exercice : 36"...)."""

    in_office: int | None = None
    present: int | None = None
    voters: int | None = None
    proxies: int | None = None


@dataclass
class AttendanceResult:
    present: list[PresentEntry] = field(default_factory=list)
    proxies: list[ProxyEntry] = field(default_factory=list)
    excused: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    secretary: str | None = None
    stated_counts: StatedCounts = field(default_factory=StatedCounts)
    anomalies: list[Anomaly] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON shape printed by ``manage.py parse_attendance``."""
        return {
            "present": [asdict(entry) for entry in self.present],
            "proxies": [asdict(entry) for entry in self.proxies],
            "excused": list(self.excused),
            "absent": list(self.absent),
            "secretary": self.secretary,
            "stated_counts": asdict(self.stated_counts),
            "anomalies": [asdict(anomaly) for anomaly in self.anomalies],
        }

    def all_names(self) -> list[str]:
        """Every distinct person named (present, proxy givers and holders, excused, absent,
        secretary), first spelling kept, in order of appearance."""
        names = [entry.name for entry in self.present]
        names += [entry.replaces for entry in self.present if entry.replaces]
        for proxy in self.proxies:
            names += [proxy.giver, proxy.holder]
        names += self.excused + self.absent
        if self.secretary:
            names.append(self.secretary)
        seen: set[str] = set()
        distinct = []
        for name in names:
            if name_key(name) not in seen:
                seen.add(name_key(name))
                distinct.append(name)
        return distinct


@dataclass
class SessionHeader:
    """The session preamble ("Le mardi 18 octobre 2022, à 17 H 30, le Bureau...")."""

    date: datetime.date
    starts_at: datetime.time | None
    body_name: str
    place: str
    president: str | None
    president_capacity: str
    convened_on: datetime.date | None
    convocation_posted_at: str


@dataclass
class DeliberationText:
    """One deliberation as printed in the extract."""

    body_heading: str
    date: datetime.date | None
    theme: str
    title: str
    report: str
    president_request: str
    vote_wording: str
    decision: str
    appeal_clause: str
    signatory: str | None
    signatory_capacity: str
    received_on: datetime.date | None
    published_on: datetime.date | None
    articles: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------

_APOSTROPHES = {"’": "'", "ʼ": "'", "‘": "'", "`": "'"}


def _fold(text: str) -> str:
    """Lower-case, accent-free copy of ``text`` with exactly the same length."""
    out = []
    for char in text:
        char = _APOSTROPHES.get(char, char)
        base = unicodedata.normalize("NFKD", char)[:1] or char
        lower = base.lower()
        out.append(lower if len(lower) == 1 else base)
    return "".join(out)


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


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

_CIVILITIES = {
    "m", "m.", "mm", "mm.", "mr", "mr.", "mme", "mme.", "mmes", "mmes.", "mlle", "mlle.",
    "monsieur", "madame", "mademoiselle", "messieurs", "mesdames",
}
_PARTICLES = {"de", "du", "des", "d'", "le", "la", "les", "van", "von", "der", "den", "di",
              "da", "dos", "del", "della", "ten", "ter", "y"}
_INITIALS = re.compile(r"^(?:[^\W\d_]\.?-?){1,3}\.$|^[^\W\d_]$")


def _token_kind(token: str) -> str:
    """S: surname word (upper case), G: given name or initial, C: civility, L: other word."""
    folded = _fold(token)
    # "M", "MM" and "MR" in capitals without a dot are more likely initials or a surname.
    if folded in _CIVILITIES and token not in {"M", "MM", "MR"}:
        return "C"
    letters = [char for char in token if char.isalpha()]
    if not letters or any(char.isdigit() for char in token):
        return "L"
    # A particle is written in lower case ("Alain de CARRION") or in capitals with the
    # surname ("DE CARRION"); "Da" or "Le" in title case is more likely a given name.
    lower_particle = (folded in _PARTICLES or folded.startswith("d'")) and token[:1].islower()
    if lower_particle or (folded in _PARTICLES and token.isupper()):
        return "P"
    if _INITIALS.match(token) and all(char.isupper() for char in letters):
        return "G"
    if all(char.isupper() for char in letters):
        return "S" if len(letters) >= 2 else "G"
    if letters[0].isupper():
        return "G"
    return "L"


@dataclass
class _NameRead:
    names: list[str]
    # For each name, the index of the token it starts with (to attach notes).
    starts: list[int]
    stray: list[str]
    valid: bool


def _read_names(text: str) -> _NameRead:
    """Split ``text`` into one person's name, or several when a separator was forgotten.

    "NOM Prénom" and "Prénom NOM" orders are both read; civilities are dropped and mark a
    boundary. In a glued entry ("JURCZYK Jean-François Gérard LECOMTE Maurice") extra given
    names are reported as stray rather than kept.
    """
    tokens = [token.strip(",;:") for token in text.split()]
    tokens = [token for token in tokens if token]
    if tokens and tokens[-1].endswith(".") and not _INITIALS.match(tokens[-1]):
        tokens[-1] = tokens[-1].rstrip(".")
    kinds = [_token_kind(token) for token in tokens]
    if not tokens or "L" in kinds or all(kind in "CP" for kind in kinds):
        return _NameRead([], [], [], valid=False)
    # Particles belong to the surname they precede ("Alain de CARRION") or follow.
    kinds = ["S" if kind == "P" else kind for kind in kinds]

    # Groups split at civilities, then at a change back to the leading kind.
    groups: list[list[int]] = []
    current: list[int] = []
    for index, kind in enumerate(kinds):
        if kind == "C":
            if current:
                groups.append(current)
            current = []
            continue
        current.append(index)
    if current:
        groups.append(current)

    people: list[list[int]] = []
    for group in groups:
        group_kinds = [kinds[index] for index in group]
        if "S" not in group_kinds or "G" not in group_kinds:
            # "Mme Martin", "DUPONT": no way to tell surname from given name; keep whole.
            people.append(group)
            continue
        leading = group_kinds[0]
        person: list[int] = []
        seen_other = False
        for index in group:
            if kinds[index] == leading and seen_other:
                people.append(person)
                person, seen_other = [], False
            if kinds[index] != leading:
                seen_other = True
            person.append(index)
        people.append(person)

    stray: list[str] = []
    if len(people) > 1:
        trimmed = []
        for person in people:
            given = [index for index in person if kinds[index] == "G"]
            surname = [index for index in person if kinds[index] == "S"]
            if surname and len(given) > 1:
                stray += [tokens[index] for index in given[1:]]
                person = [index for index in person if index not in given[1:]]
            trimmed.append(person)
        people = trimmed
    names = [" ".join(tokens[index] for index in person) for person in people]
    return _NameRead(names, [person[0] for person in people], stray, valid=True)


def split_full_name(full_name: str) -> tuple[str, str]:
    """("NOM", "Prénom") from "NOM Prénom" or "Prénom NOM": the surname is the run of
    upper-case words. A name without such a run is returned whole as the surname."""
    tokens = full_name.split()
    kinds = ["S" if _token_kind(token) in "SP" else "G" for token in tokens]
    if "S" not in kinds or "G" not in kinds:
        return full_name.strip(), ""
    if kinds[0] == "S":
        cut = kinds.index("G")
        return " ".join(tokens[:cut]), " ".join(tokens[cut:])
    cut = kinds.index("S")
    return " ".join(tokens[cut:]), " ".join(tokens[:cut])


# --------------------------------------------------------------------------------------------
# Per-entry notes: "(à partir de la question 5)", "(suppléant de X)"...
# --------------------------------------------------------------------------------------------

_ITEM = (r"(?:la\s+)?(?:question|point|affaire|dossier|deliberation|rapport)s?\s*"
         r"(?:n\s*[°o]\.?\s*)?(\d+)")
_NOTE_FROM = re.compile(
    rf"(?:a\s+partir\s+(?:de\s+|du\s+|d'\s*)?|des\s+|arrivee?\s+(?:a|au|lors\s+de|pendant|"
    rf"avant|en\s+cours\s+de)\s+(?:la\s+|l'\s*)?|present\s+(?:a\s+partir\s+de|des)\s+){_ITEM}"
)
_NOTE_UNTIL = re.compile(
    rf"(?:jusqu'\s*(?:a\s+|au\s+|a\s+l'\s*)|(?:quitte\s+la\s+seance|quitte\s+la\s+salle|"
    rf"partie?|sortie?|absente?)\s+(?:apres|a\s+l'issue\s+de|a\s+la\s+fin\s+de)\s+){_ITEM}"
)
_NOTE_UNTIL_BEFORE = re.compile(
    rf"(?:quitte\s+la\s+seance|quitte\s+la\s+salle|partie?|sortie?)\s+(?:avant|a|au|lors\s+de)"
    rf"\s+(?:la\s+|l'\s*)?{_ITEM}"
)
_NOTE_PROXY_FROM = re.compile(
    r"^(?:porteur|porteuse|titulaire)?\s*(?:d[eu]\s+|des\s+)?(?:pouvoir|procuration)s?\s+"
    r"(?:de|du|d')\s*(.+)"
)
# "représenté(e) par" is a proxy, not a substitute: read by the proxy patterns.
_NOTE_REPLACED_BY = re.compile(r"remplacee?\s+par\s+(.+)")
_NOTE_REPLACES = re.compile(
    r"(?:suppleante?\s+(?:de|du\s+titulaire)\s+|remplacante?\s+de\s+|remplace\s+|"
    r"en\s+remplacement\s+de\s+)(.+)"
)
# Where an unparenthesised note starts inside an entry.
_NOTE_START = re.compile(
    r"(?<![^\W_])(?:a\s+partir\s+d|jusqu'|arrivee?\s+(?:a|au|lors|pendant|avant|en)\b|"
    r"quitte\s+la\s+s|(?:partie?|sortie?)\s+(?:apres|avant)\b|suppleante?\s+d|"
    r"remplacee?\s+par\b|remplace\s|remplacante?\s+de\b|en\s+remplacement\b)"
)


@dataclass
class _Note:
    from_item: int | None = None
    until_item: int | None = None
    replaces: str | None = None
    replaced_by: str | None = None
    # "DUPONT Jean (pouvoir de MARTIN Anne)": DUPONT holds MARTIN's proxy.
    proxy_from: str | None = None
    understood: bool = False


def _read_note(original: str) -> _Note:
    note = _Note()
    folded = _fold(original).strip()
    original = original.strip()
    if match := _NOTE_PROXY_FROM.match(folded):
        note.proxy_from = _clean_name(original[match.start(1):])
        note.understood = bool(note.proxy_from)
        return note
    if match := _NOTE_FROM.search(folded):
        note.from_item, note.understood = int(match.group(1)), True
    if match := _NOTE_UNTIL.search(folded):
        note.until_item, note.understood = int(match.group(1)), True
    elif match := _NOTE_UNTIL_BEFORE.search(folded):
        note.until_item, note.understood = max(int(match.group(1)) - 1, 0), True
    if match := _NOTE_REPLACED_BY.search(folded):
        note.replaced_by = _clean_name(original[match.start(1):])
        note.understood = bool(note.replaced_by)
    elif match := _NOTE_REPLACES.search(folded):
        note.replaces = _clean_name(original[match.start(1):])
        note.understood = bool(note.replaces)
    return note


def _clean_name(text: str) -> str | None:
    read = _read_names(text.strip(" .,;:)"))
    return read.names[0] if read.valid and read.names else None


@dataclass
class _Entry:
    """One list entry split into name text and the notes that follow each part."""

    raw: str
    text: str  # the entry with notes removed
    # (number of name tokens before the note, note text)
    notes: list[tuple[int, str]]


_PAREN = re.compile(r"\(([^()]*)\)?")


def _split_entry(raw: str) -> _Entry:
    raw = _GENDER_MARK.sub("", raw)
    pieces: list[str] = []
    notes: list[tuple[int, str]] = []
    position = 0
    tokens_before = 0
    for match in _PAREN.finditer(raw):
        before = raw[position:match.start()]
        before, tail_note = _cut_free_note(before)
        pieces.append(before)
        tokens_before += len(before.split())
        if tail_note:
            notes.append((tokens_before, tail_note))
        notes.append((tokens_before, match.group(1)))
        position = match.end()
    rest, tail_note = _cut_free_note(raw[position:])
    pieces.append(rest)
    if tail_note:
        notes.append((tokens_before + len(rest.split()), tail_note))
    text = " ".join(" ".join(pieces).split())
    return _Entry(raw=raw.strip(), text=text, notes=notes)


def _cut_free_note(text: str) -> tuple[str, str]:
    """"DUPONT Jean arrivé à la question 3" → ("DUPONT Jean", "arrivé à la question 3")."""
    match = _NOTE_START.search(_fold(text))
    if not match:
        return text, ""
    return text[:match.start()], text[match.start():].strip()


# --------------------------------------------------------------------------------------------
# Sections of the attendance block
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Proxies
# --------------------------------------------------------------------------------------------

_PROXY_PAREN = re.compile(
    rf"^(?P<giver>.+?)\s*\(\s*(?:excuse{_G}\s*[,;-]?\s*)?(?:pouvoir|procuration|represente{_G}"
    rf"\s+par|donne{_G}\s+(?:pouvoir|procuration))\s*(?:donne{_G}\s+)?(?:a|au\s+profit\s+de|"
    rf"par|:)?\s*(?!d[eu]\s|d')(?P<holder>[^)\s][^)]*)\)(?P<rest>.*)$"
)
_PROXY_STRONG = [
    re.compile(
        rf"^(?P<giver>.+?)\s*,?\s+(?:a\s+)?(?:donne{_G}|remis|confie{_G})\s+(?:procuration|"
        rf"pouvoir|mandat)(?:\s+de\s+vote)?\s+(?:a|au\s+profit\s+de)\s+(?P<holder>.+)$"
    ),
    re.compile(r"^(?:pouvoir|procuration)\s+de\s+(?P<giver>.+?)\s+(?:a|au\s+profit\s+de)"
               r"\s+(?P<holder>.+)$"),
    re.compile(rf"^(?P<giver>.+?)\s*,?\s+represente{_G}\s+par\s+(?P<holder>.+)$"),
]
# Only inside a proxies section: "X à Y", "X par Y", "X pouvoir à Y".
_PROXY_BARE = re.compile(
    r"^(?P<giver>.+?)\s*(?:[:\-–]\s*)?\s(?:pouvoir\s+a|procuration\s+a|a|par|au\s+profit\s+de|"
    r"=>|->|→)\s+(?P<holder>.+)$"
)


def _match_proxy(entry_raw: str, *, bare: bool) -> tuple[str, str, str] | None:
    """(giver text, holder text, remaining text holding notes) or None."""
    raw = _GENDER_MARK.sub("", entry_raw)
    folded = _fold(raw)
    if match := _PROXY_PAREN.match(folded):
        return (raw[: match.end("giver")], raw[match.start("holder"):match.end("holder")],
                raw[match.start("rest"):])
    # Notes are cut first so that "(jusqu'à la question 4)" is not read as "… à …".
    entry = _split_entry(raw)
    text = entry.text
    notes = " ".join(f"({note})" for _, note in entry.notes)
    folded = _fold(text)
    patterns = _PROXY_STRONG + ([_PROXY_BARE] if bare else [])
    for pattern in patterns:
        if match := pattern.match(folded):
            return (text[match.start("giver"):match.end("giver")],
                    text[match.start("holder"):match.end("holder")], notes)
    return None


# --------------------------------------------------------------------------------------------
# The attendance parser
# --------------------------------------------------------------------------------------------

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


class _Builder:
    """Accumulates the reading of one attendance block and its anomalies."""

    def __init__(self) -> None:
        self.result = AttendanceResult()

    def anomaly(self, kind: str, text: str, message: str) -> None:
        self.result.anomalies.append(Anomaly(kind=kind, text=text.strip(), message=message))

    # -- entries ----------------------------------------------------------------------------

    def add_present(self, raw: str) -> None:
        if self._maybe_proxy(raw, bare=False):
            return
        entry = _split_entry(raw)
        read = _read_names(entry.text)
        if not read.valid or not read.names:
            self._unparsed(raw, "présent")
            return
        people = [PresentEntry(name=name) for name in read.names]
        for tokens_before, note_text in entry.notes:
            target = self._note_target(read, tokens_before)
            self._apply_present_note(people, target, note_text, raw)
        if len(read.names) > 1:
            self._glued(raw, read)
        self.result.present.extend(people)

    def _apply_present_note(self, people: list[PresentEntry], target: int, note_text: str,
                            raw: str) -> None:
        note = _read_note(note_text)
        person = people[target]
        if note.from_item is not None:
            person.from_item = note.from_item
        if note.until_item is not None:
            person.until_item = note.until_item
        if note.replaces:
            person.replaces = note.replaces
        if note.replaced_by:
            # "X (remplacée par Y)": Y sits for X, so Y is the one present.
            person.replaces, person.name = person.name, note.replaced_by
        if note.proxy_from:
            self.result.proxies.append(ProxyEntry(giver=note.proxy_from, holder=person.name))
        if not note.understood and note_text.strip():
            self.anomaly("unparsed_note", raw,
                         f"Mention non comprise et ignorée : « {note_text.strip()} ».")

    @staticmethod
    def _note_target(read: _NameRead, tokens_before: int) -> int:
        target = 0
        for index, start in enumerate(read.starts):
            if start < tokens_before:
                target = index
        return target

    def add_absent(self, raw: str, *, excused: bool) -> None:
        if self._maybe_proxy(raw, bare=False):
            return
        entry = _split_entry(raw)
        read = _read_names(entry.text)
        if not read.valid or not read.names:
            self._unparsed(raw, "excusé" if excused else "absent")
            return
        if len(read.names) > 1:
            self._glued(raw, read)
        target = self.result.excused if excused else self.result.absent
        target.extend(read.names)

    def add_proxy(self, raw: str) -> None:
        if not self._maybe_proxy(raw, bare=True):
            self._unparsed(raw, "procuration")

    def _maybe_proxy(self, raw: str, *, bare: bool) -> bool:
        found = _match_proxy(raw, bare=bare)
        if not found:
            return False
        giver_text, holder_text, rest = found
        giver, holder = _read_names(giver_text), _read_names(holder_text)
        if not (giver.valid and holder.valid and giver.names and holder.names):
            self._unparsed(raw, "procuration")
            return True
        if len(giver.names) > 1 or len(holder.names) > 1:
            self.anomaly("glued_names", raw, "Plusieurs noms lus dans une même procuration : "
                         "séparateur manquant ? Seul le premier nom de chaque côté est retenu.")
        proxy = ProxyEntry(giver=giver.names[0], holder=holder.names[0])
        for note_text in [note for _, note in _split_entry(rest).notes]:
            note = _read_note(note_text)
            proxy.from_item = note.from_item if note.from_item is not None else proxy.from_item
            proxy.until_item = (note.until_item if note.until_item is not None
                                else proxy.until_item)
            if not note.understood and note_text.strip():
                self.anomaly("unparsed_note", raw,
                             f"Mention non comprise et ignorée : « {note_text.strip()} ».")
        self.result.proxies.append(proxy)
        return True

    def _unparsed(self, raw: str, what: str) -> None:
        self.anomaly("unparsed_entry", raw,
                     f"Entrée de la liste ({what}) non comprise : « {raw.strip()} ». "
                     "Elle n'a pas été retenue.")

    def _glued(self, raw: str, read: _NameRead) -> None:
        message = ("Séparateur manquant : plusieurs noms collés dans une même entrée, lus "
                   "comme " + ", ".join(f"« {name} »" for name in read.names) + ".")
        if read.stray:
            message += (" Mot isolé écarté : " + ", ".join(f"« {w} »" for w in read.stray)
                        + ".")
        self.anomaly("glued_names", raw, message)

    # -- checks ------------------------------------------------------------------------------

    def check(self) -> None:
        self._check_duplicates()
        self._check_present_and_excused()
        self._check_proxies()
        self._check_counts()

    def _check_duplicates(self) -> None:
        lists = {
            "présents": [entry.name for entry in self.result.present],
            "excusés": self.result.excused,
            "absents": self.result.absent,
            "procurations (mandants)": [proxy.giver for proxy in self.result.proxies],
        }
        for label, names in lists.items():
            seen: dict[str, str] = {}
            for name in names:
                key = name_key(name)
                if key in seen:
                    self.anomaly("duplicate_name", name,
                                 f"« {name} » figure deux fois dans la liste des {label}"
                                 f" (déjà lu : « {seen[key]} »).")
                else:
                    seen[key] = name

    def _check_present_and_excused(self) -> None:
        present = {name_key(entry.name): entry.name for entry in self.result.present}
        for name in self.result.excused + self.result.absent:
            if name_key(name) in present:
                self.anomaly("present_and_excused", name,
                             f"« {name} » figure à la fois parmi les présents et parmi les "
                             "absents ou excusés.")

    def _presence(self) -> dict[str, PresentEntry]:
        return {name_key(entry.name): entry for entry in self.result.present}

    def _effective_range(self, proxy: ProxyEntry) -> tuple[int, float] | None:
        """Items the proxy is used on: it lapses where its giver is present."""
        low: int = proxy.from_item or 1
        high: float = proxy.until_item if proxy.until_item is not None else float("inf")
        giver = self._presence().get(name_key(proxy.giver))
        if giver:
            if giver.from_item is None and giver.until_item is None:
                return None
            if giver.from_item is not None:
                high = min(high, giver.from_item - 1)
            if giver.until_item is not None and giver.from_item is None:
                low = max(low, giver.until_item + 1)
        return (low, high) if low <= high else None

    def _check_proxies(self) -> None:
        presence = self._presence()
        ranges: dict[str, list[tuple[ProxyEntry, tuple[int, float]]]] = {}
        for proxy in self.result.proxies:
            text = f"{proxy.giver} → {proxy.holder}"
            if name_key(proxy.giver) == name_key(proxy.holder):
                self.anomaly("self_proxy", text, f"« {proxy.giver} » se donne procuration à "
                             "lui-même.")
                continue
            effective = self._effective_range(proxy)
            if effective is None:
                self.anomaly("proxy_giver_present", text,
                             f"« {proxy.giver} » donne procuration mais figure parmi les "
                             "présents pour toutes les questions.")
                continue
            holder = presence.get(name_key(proxy.holder))
            if holder is None:
                self.anomaly("holder_not_present", text,
                             f"Le mandataire « {proxy.holder} » ne figure pas parmi les "
                             "présents.")
            elif not _covers(holder, effective):
                self.anomaly("holder_not_present", text,
                             f"Le mandataire « {proxy.holder} » n'est pas présent pour toutes "
                             f"les questions couvertes par la procuration de « {proxy.giver} ».")
            ranges.setdefault(name_key(proxy.holder), []).append((proxy, effective))
        for held in ranges.values():
            for index, (first, first_range) in enumerate(held):
                for second, second_range in held[index + 1:]:
                    if max(first_range[0], second_range[0]) <= min(first_range[1],
                                                                   second_range[1]):
                        self.anomaly(
                            "holder_multiple_proxies", f"{first.holder}",
                            f"« {first.holder} » détient deux procurations sur les mêmes "
                            f"questions (de « {first.giver} » et de « {second.giver} ») : "
                            "un mandataire ne peut en détenir qu'une (L2121-20).",
                        )

    def _check_counts(self) -> None:
        stated, result = self.result.stated_counts, self.result
        at_opening = [entry for entry in result.present if (entry.from_item or 1) <= 1]
        if stated.present is not None and stated.present not in {len(result.present),
                                                                  len(at_opening)}:
            self._count_mismatch("présents", stated.present, len(result.present))
        active_proxies = [proxy for proxy in result.proxies if self._effective_range(proxy)]
        if stated.proxies is not None and stated.proxies not in {len(result.proxies),
                                                                 len(active_proxies)}:
            self._count_mismatch("procurations", stated.proxies, len(result.proxies))
        if stated.voters is not None:
            opening_proxies = [
                proxy for proxy in active_proxies
                if (rng := self._effective_range(proxy)) and rng[0] <= 1
            ]
            candidates = {len(result.present) + len(active_proxies),
                          len(at_opening) + len(opening_proxies)}
            if stated.voters not in candidates:
                self._count_mismatch("votants", stated.voters, max(candidates))
        if stated.in_office is not None:
            listed = {name_key(entry.name) for entry in result.present}
            listed |= {name_key(proxy.giver) for proxy in result.proxies}
            listed |= {name_key(name) for name in result.excused + result.absent}
            if stated.in_office != len(listed):
                self._count_mismatch("membres en exercice", stated.in_office, len(listed))

    def _count_mismatch(self, label: str, stated: int, counted: int) -> None:
        self.anomaly("count_mismatch", f"{label} : {stated}",
                     f"Le registre indique {stated} {label}, les listes en donnent {counted}.")


def _covers(holder: PresentEntry, effective: tuple[int, float]) -> bool:
    low = holder.from_item or 1
    high = holder.until_item if holder.until_item is not None else float("inf")
    return low <= effective[0] and effective[1] <= high


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


def parse_attendance(text: str) -> AttendanceResult:
    """Read the attendance block of a registre text.

    Raises ParseError when no section (présents, procurations, excusés, absents) is found.
    """
    lines = _clean_lines(text)
    sections: list[tuple[str, list[str]]] = []
    end_index = len(lines)
    for index, line in enumerate(lines):
        heading = _heading(line)
        if heading:
            kind, rest = heading
            sections.append((kind, [rest] if rest else []))
            continue
        if not sections:
            continue
        folded = _fold(line)
        if _END_MARKERS.match(folded) or _is_secretary_line(line):
            end_index = index
            break
        sections[-1][1].append(line)
    if not sections:
        raise ParseError(
            "Aucune liste de présence trouvée : le texte ne contient ni « Étaient présents », "
            "ni « Procurations », ni « Absents excusés »."
        )

    builder = _Builder()
    builder.result.stated_counts = _read_counts("\n".join(lines[:end_index]))
    for kind, section_lines in sections:
        _read_section(builder, kind, section_lines)
    builder.result.secretary = _find_secretary(lines[: min(end_index + 3, len(lines))])
    builder.check()
    return builder.result


_NOTHING = re.compile(r"^(?:neant|sans\s+objet|aucune?|/|-|–)\s*\.?$")


def _read_section(builder: _Builder, kind: str, section_lines: list[str]) -> None:
    for logical in _logical_lines(section_lines):
        if _NOTHING.match(_fold(logical)):
            continue  # "Procurations : néant" is an empty list, not an entry.
        logical = re.sub(r"^[-–•·]\s+", "", logical)
        pieces = _split_top_level(logical)
        for position, (piece, inner) in enumerate(pieces):
            if not piece:
                if inner:
                    before = pieces[position - 1][0]
                    after = pieces[position + 1][0]
                    where = (f"entre « {before} » et « {after} »" if after
                             else f"après « {before} »")
                    builder.anomaly("empty_entry", f"{before}, , {after}",
                                    f"Entrée vide {where} : un nom a-t-il été oublié ?")
                continue
            if kind == "present" and _is_note_only(piece) and builder.result.present:
                # "DUPONT Jean, arrivé à la question 3": the note belongs to the previous name.
                last = builder.result.present[-1]
                builder._apply_present_note([last], 0, piece, piece)
                continue
            if kind == "present":
                builder.add_present(piece)
            elif kind == "proxies":
                builder.add_proxy(piece)
            else:
                builder.add_absent(piece, excused=kind == "excused")


def _is_note_only(piece: str) -> bool:
    stripped = piece.strip()
    if stripped.startswith("(") and stripped.endswith(")"):
        return True
    return bool(_NOTE_START.match(_fold(_GENDER_MARK.sub("", stripped))))


# --------------------------------------------------------------------------------------------
# Session preamble
# --------------------------------------------------------------------------------------------

_PREAMBLE = re.compile(r"s'est\s+reunie?")
_HOUR = re.compile(r"\b(\d{1,2})\s*(?:h|heures?)\s*(\d{2})?\b")
_PLACE_PREFIX = re.compile(
    r"^(?:a\s+la|a\s+l'|au|aux|en\s+l'|en\s+la|en|dans\s+la|dans\s+l'|dans\s+le|a)\s*"
)


def parse_session_header(text: str) -> SessionHeader:
    """Read the preamble: date, hour, body, place, president, convocation date and where the
    convocation was posted. Raises ParseError when there is no "s'est réuni" sentence."""
    paragraph = _preamble_paragraph(text)
    folded = _fold(paragraph)
    meeting = _PREAMBLE.search(folded)
    assert meeting is not None  # _preamble_paragraph guarantees it
    date = parse_date(paragraph[: meeting.start()])
    if date is None:
        raise ParseError("Date de la séance introuvable dans le préambule.")
    hour = _HOUR.search(folded[: meeting.start()])
    starts_at = (datetime.time(int(hour.group(1)), int(hour.group(2) or 0))
                 if hour and int(hour.group(1)) < 24 and int(hour.group(2) or 0) < 60 else None)

    body_match = re.search(r"(?:^|,)\s*(?:le|la|les)\s+([^,]+?)\s*$", folded[: meeting.start()])
    body_name = (paragraph[body_match.start(1):body_match.end(1)]
                 if body_match else "")

    after = meeting.end()
    presidency = re.search(r"sous\s+la\s+presidence\s+de\s+", folded)
    place = ""
    if presidency and presidency.start() > after:
        place = paragraph[after:presidency.start()].strip(" ,")
        prefix = _PLACE_PREFIX.match(_fold(place))
        place = place[prefix.end():].strip() if prefix else place

    president, capacity = None, ""
    convocation = re.search(r"(?:en\s+suite\s+d'une\s+|sur\s+|apres\s+)?convo(?:cation|que)",
                            folded)
    if presidency:
        end = convocation.start() if convocation and convocation.start() > presidency.end() \
            else len(paragraph)
        segment = paragraph[presidency.end():end].strip(" ,.")
        name_part, _, capacity = segment.partition(",")
        president = _clean_name(name_part)
        capacity = capacity.strip(" ,")

    convened_on = None
    if convocation:
        convened_on = parse_date(paragraph[convocation.start():])
    posted = re.search(r"affichee?\s+(?:a\s+l'|a\s+la|au|a|en)\s*(.+?)\s*[.,;]?\s*$", folded)
    posted_at = paragraph[posted.start(1):posted.end(1)].strip() if posted else ""
    return SessionHeader(
        date=date, starts_at=starts_at, body_name=body_name.strip(), place=place,
        president=president, president_capacity=capacity, convened_on=convened_on,
        convocation_posted_at=posted_at,
    )


def _preamble_paragraph(text: str) -> str:
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    for paragraph in paragraphs:
        flat = _normalise_space(paragraph.replace("\n", " "))
        if _PREAMBLE.search(_fold(flat)):
            return flat
    raise ParseError("Préambule de séance introuvable (« … s'est réuni … »).")


# --------------------------------------------------------------------------------------------
# Deliberation
# --------------------------------------------------------------------------------------------

_DECISION_VERBS = (
    "ADOPTE", "PREND ACTE", "PRECISE", "AUTORISE", "INFORME", "DECIDE", "APPROUVE", "DESIGNE",
    "DIT", "CHARGE", "ACCEPTE", "EMET", "ABROGE", "CONFIRME", "SOLLICITE", "FIXE", "ATTRIBUE",
    "ACTE", "RAPPELLE", "DONNE", "RETIENT", "VALIDE", "MANDATE", "S'ENGAGE", "ELIT", "PROCEDE",
    "REJETTE", "CREE", "SUPPRIME", "MODIFIE", "DELEGUE", "OCTROIE", "ACCORDE", "AFFECTE",
    "ARRETE", "AUTORISENT", "INSCRIT", "PREND NOTE",
)
_ARTICLE = re.compile(
    r"^(?:article\s+\d+\s*[:\-–.]?\s*)?(?:" + "|".join(
        re.escape(_fold(verb)) for verb in sorted(_DECISION_VERBS, key=len, reverse=True)
    ) + r")\b"
)
_VOTE = re.compile(
    r"^(?:a|a\s+l'|par)\s*(?:la\s+majorite|l'unanimite|unanimite|\d+\s+voix|majorite)"
)


def _paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, each flattened to one line."""
    lines = _clean_lines(text)
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return [" ".join(lines_) for lines_ in paragraphs]


def _is_article_start(line: str) -> bool:
    # Upper-case verb as written: "ADOPTE le projet", not "Adopte" inside a sentence.
    stripped = line.strip()
    match = _ARTICLE.match(_fold(stripped))
    if not match:
        return False
    verb = stripped[match.start():match.end()]
    letters = [char for char in verb if char.isalpha()]
    return all(char.isupper() for char in letters[-4:])


def parse_deliberation(text: str) -> DeliberationText:
    """Read the deliberation that follows the attendance block of an extract.

    Raises ParseError when the text holds no "DELIBERATION DU ..." heading nor a report.
    """
    lines = _clean_lines(text)
    start = _deliberation_start(lines)
    body = lines[start:]
    # Line-level walk: headings and the report are paragraph based, the tail line based.
    flat = "\n".join(body)
    paragraphs = _paragraphs(flat)
    if not paragraphs:
        raise ParseError("Texte de délibération vide.")

    heading, date, index = "", None, 0
    if re.match(r"^deliberation\s+d", _fold(paragraphs[0])):
        heading = paragraphs[0]
        date = parse_date(heading)
        heading = re.sub(r"\s+(?:\d{1,2}|1er)\s+\S+\s+\d{4}\s*$", "", heading).strip()
        index = 1
        if date is None and len(paragraphs) > 1:
            date = parse_date(paragraphs[1]) if len(paragraphs[1]) < 40 else None
            index += 1 if date else 0

    expose = next((position for position in range(index, len(paragraphs))
                   if re.search(r"\bexpose\b|\brapporteur\b", _fold(paragraphs[position]))),
                  None)
    if expose is None:
        expose = next((position for position in range(index, len(paragraphs))
                       if paragraphs[position].lstrip().startswith("«")), None)
    if expose is None:
        raise ParseError("Exposé de la délibération introuvable.")
    titles = paragraphs[index:expose]
    theme, title = ("", titles[0]) if len(titles) == 1 else (
        (titles[0], " ".join(titles[1:])) if titles else ("", ""))
    title = _normalise_space(re.sub(r"\s*[–-]\s*$", "", title))

    report, after_report = _read_report(paragraphs, expose)
    request, vote, articles, tail = _read_decision(paragraphs[after_report:])
    appeal = next((article for article in articles
                   if re.match(r"^informe\b", _fold(article)) and "recours" in _fold(article)),
                  "")
    decision_articles = [article for article in articles if article != appeal]
    capacity, signatory, received, published = _read_certificate(tail)
    return DeliberationText(
        body_heading=heading, date=date, theme=theme, title=title, report=report,
        president_request=request, vote_wording=vote,
        decision="\n\n".join(decision_articles), appeal_clause=appeal,
        signatory=signatory, signatory_capacity=capacity, received_on=received,
        published_on=published, articles=articles,
    )


def _deliberation_start(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if re.match(r"^deliberation\s+d[ue]", _fold(line)):
            return index
    for index, line in enumerate(lines):
        if re.match(r"^la\s+seance\s+est\s+ouverte", _fold(line)):
            return index + 1
    return 0


_REPORT_END = re.compile(
    r"demande\s+a\s+l'assemblee|^sur\s+(?:la\s+)?proposition|^vu\b|^(?:a|par)\s+(?:la\s+)?"
    r"(?:majorite|l'unanimite|unanimite)"
)


def _read_report(paragraphs: list[str], expose: int) -> tuple[str, int]:
    """The exposé between « and its matching » (nested guillemets included), or, in a
    registre without guillemets, the paragraphs up to the president's request or the vote.
    Returns the report and the index of the paragraph that follows it."""
    depth, opened = 0, False
    for current in range(expose, len(paragraphs)):
        for char in paragraphs[current]:
            if char == "«":
                depth, opened = depth + 1, True
            elif char == "»":
                depth -= 1
        if opened and depth <= 0:
            text = "\n\n".join(paragraphs[expose:current + 1])
            return text[text.index("«") + 1:text.rindex("»")].strip(), current + 1
        if not opened and current > expose and _REPORT_END.search(_fold(paragraphs[current])):
            break
    # No guillemets: everything after the "expose" sentence until the request or the vote.
    end = next((index for index in range(expose + 1, len(paragraphs))
                if _REPORT_END.search(_fold(paragraphs[index]))
                or _is_article_start(paragraphs[index])), len(paragraphs))
    return "\n\n".join(paragraphs[expose + 1:end]).strip(), end


def _read_decision(paragraphs: list[str]) -> tuple[str, str, list[str], list[str]]:
    """(president request and visas, vote wording, articles, remaining paragraphs)."""
    request: list[str] = []
    vote = ""
    articles: list[str] = []
    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if _is_article_start(paragraph):
            break
        vote_line = _vote_in(paragraph)
        if vote_line is not None:
            before, vote = vote_line
            if before:
                request.append(before)
            index += 1
            break
        request.append(paragraph)
        index += 1
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if re.match(r"^(?:ainsi\s+fait|fait\s+et\s+delibere|pour\s+extrait|certifie)",
                    _fold(paragraph)):
            break
        if _is_article_start(paragraph) or not articles:
            articles.append(paragraph)
        else:
            articles[-1] += "\n\n" + paragraph
        index += 1
    return "\n\n".join(request), vote, articles, paragraphs[index:]


def _vote_in(paragraph: str) -> tuple[str, str] | None:
    """Split "Sur proposition..., Le Bureau communautaire, A la majorité absolue," into the
    request part and the vote wording."""
    parts = [part.strip() for part in re.split(r",\s+(?=[A-ZÀ-Ý])|,$", paragraph)]
    parts = [part for part in parts if part]
    for position, part in enumerate(parts):
        if _VOTE.match(_fold(part)):
            before = ",\n".join(parts[:position])
            return (before + "," if before else ""), part.rstrip(" ,.")
    return None


_CERT_DATE = r"\s*(?:le)?\s*:?\s*(.{0,40})"


def _read_certificate(paragraphs: list[str]) -> tuple[str, str | None, datetime.date | None,
                                                      datetime.date | None]:
    """(signatory capacity, signatory name, received on, published on) from the closing."""
    text = "\n".join(paragraphs)
    folded = _fold(text)
    received = published = None
    if match := re.search(r"reception\s+(?:en|a\s+la)\s+(?:sous-?\s*)?prefecture" + _CERT_DATE,
                          folded):
        received = parse_date(text[match.start(1):match.end(1)])
    if match := re.search(r"publication\s+(?:au\s+recueil[^:]*|en\s+ligne)?" + _CERT_DATE,
                          folded):
        published = parse_date(text[match.start(1):match.end(1)])

    capacity = ""
    if match := re.search(r"pour\s+extrait\s+conforme\s*,?", folded):
        segment = text[match.end():]
        segment = re.split(r"certifie", _fold(segment), maxsplit=1)[0]
        segment = text[match.end():match.end() + len(segment)]
        parts = [part.strip(" ,") for part in re.split(r",|\n", segment) if part.strip(" ,")]
        capacity = ", ".join(
            part if position == 0 else re.sub(r"^(Le|La|Les) ", lambda m: m.group(1).lower()
                                              + " ", part)
            for position, part in enumerate(parts)
        )
    # The signatory's name follows the certificate; the annexes come after it.
    start = next((position for position, paragraph in enumerate(paragraphs)
                  if "publication" in _fold(paragraph)), 0)
    signatory = None
    for paragraph in paragraphs[start:start + 8]:
        read = _read_names(paragraph.strip(" ,"))
        if (read.valid and len(read.names) == 1 and len(paragraph.split()) <= 5
                and {"S", "G"} <= {_token_kind(token) for token in paragraph.split()}):
            signatory = read.names[0]
            break
    return capacity, signatory, received, published


# --------------------------------------------------------------------------------------------
# Facts stated elsewhere in the documents: member communes, vice-presidents
# --------------------------------------------------------------------------------------------


def parse_commune_list(text: str) -> list[str]:
    """Commune names of a "100 communes engagées ... ! Allouagne • Ames • ..." line.

    The longest bullet-separated line that mentions communes is taken; the words before the
    first name ("... durable !") are dropped. Returns [] when there is no such line.
    """
    best: list[str] = []
    for line in _clean_lines(text):
        if line.count("•") < 10 or "commune" not in _fold(line):
            continue
        pieces = [piece.strip(" .,;") for piece in line.split("•")]
        pieces[0] = re.split(r"[!:]", pieces[0])[-1].strip()
        names = [piece for piece in pieces if piece]
        if len(names) > len(best):
            best = names
    return best


@dataclass
class OfficeHolder:
    """A vice-president as a document presents them: "14e Vice-Président en charge de ..."."""

    name: str  # NOM Prénom
    rank: int
    delegation: str
    mayor_of: str


_VICE_PRESIDENT = re.compile(
    r"^(\d{1,2})\s*(?:er|ere|e|eme)\s+vice-presidente?\s*(?:en\s+charge\s+(?:de\s+|du\s+|"
    r"des\s+|d'\s*)?(?P<delegation>[^•]*))?(?:•\s*maire\s+(?:de\s+|du\s+|d'\s*)(?P<mayor>.+))?$"
)


def parse_vice_presidents(text: str) -> list[OfficeHolder]:
    """Vice-presidents stated with their rank, the name taken from the line just above
    ("→ Ludovic IDZIAK" then "14e Vice-Président en charge de ... • Maire de ...")."""
    lines = [line for line in _clean_lines(text) if line]
    holders: list[OfficeHolder] = []
    for index, line in enumerate(lines):
        match = _VICE_PRESIDENT.match(_fold(line))
        if not match or index == 0:
            continue
        name_line = lines[index - 1].lstrip("→>- ").strip()
        read = _read_names(name_line)
        if not (read.valid and len(read.names) == 1):
            continue
        surname, given = split_full_name(read.names[0])
        delegation = line[match.start("delegation"):match.end("delegation")].strip(" ,") \
            if match.group("delegation") else ""
        mayor = line[match.start("mayor"):match.end("mayor")].strip(" .") \
            if match.group("mayor") else ""
        holder = OfficeHolder(f"{surname} {given}".strip(), int(match.group(1)), delegation,
                              mayor)
        if holder not in holders:
            holders.append(holder)
    return holders
