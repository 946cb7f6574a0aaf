"""Reading one person's name (orders, initials, particles, civilities) and the notes that
follow it ("(à partir de la question 5)", "(suppléant de X)")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .communes import is_place
from .text import _GENDER_MARK, _fold

_CIVILITIES = {
    "m", "m.", "mm", "mm.", "mr", "mr.", "mme", "mme.", "mmes", "mmes.", "mlle", "mlle.",
    "monsieur", "madame", "mademoiselle", "messieurs", "mesdames",
}
_PARTICLES = {"de", "du", "des", "d'", "le", "la", "les", "van", "von", "der", "den", "di",
              "da", "dos", "del", "della", "ten", "ter", "y"}
_INITIALS = re.compile(r"^(?:[^\W\d_]\.?-?){1,3}\.$|^[^\W\d_]$")


@lru_cache(maxsize=8192)
def _token_kind(token: str) -> str:
    """S: surname word (upper case), G: given name or initial, C: civility, L: other word."""
    folded = _fold(token)
    # "M", "MM" and "MR" in capitals without a dot are more likely initials or a surname.
    if folded in _CIVILITIES and token not in {"M", "MM", "MR"}:
        return "C"
    letters = [char for char in token if char.isalpha()]
    if not letters or any(char.isdigit() for char in token):
        return "L"
    if folded == "s/":
        return "P"  # "LA FERTE S/ JOUARRE": "sur" or "sous" in a commune's name
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


def _title_case(token: str) -> bool:
    """"Cliert", "Linain-Sorin", "De": each part of the word a capital then lower case."""
    parts = [part for part in re.split(r"[-'’]", token) if part]
    return bool(parts) and all(len(part) >= 2 and part[0].isupper() and part[1:].islower()
                               for part in parts)


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
    # "M CHOPIN Bernard", "MM DURAND Paul": a civility written without its full stop, known
    # by the surname and given name after it (alone, "M DUPONT" may be an initial).
    if len(tokens) >= 2 and tokens[0] in {"M", "MM", "MR"} and (kinds[1] == "S" and (
            tokens[0] != "M" or "G" in kinds[2:])
            # "M Marc DE POUSSETIN": a given name in title case, then the surname.
            or kinds[1] == "G" and tokens[1][1:].islower() and "S" in kinds[2:]
            # "M Cliert", "M Vinzel d’Arbont", "M Lefranc J-L" (a list in title case): no
            # surname in capitals, so "M" is no initial of it; a given name's initial has its
            # full stop ("J. Cliert").
            or tokens[0] == "M" and kinds[1] == "G" and _title_case(tokens[1])
            and "S" not in kinds[1:]):
        kinds[0] = "C"  # "MM BESNARD" (Messieurs) in "Mmes A, B, MM C, D" likewise
    # "MEDAUZET M. – VOURLARDEL Y.": a civility opens a name, it never ends one; "M." last,
    # after a surname, is the initial of a list written "NOM Initiale".
    if len(tokens) >= 2 and tokens[-1] == "M." and kinds[-2] == "S":
        kinds[-1] = "G"
    # "De BOUVILLE Anne-Jacques": a particle in title case opening a surname in capitals,
    # the name written surname first.
    for index, token in enumerate(tokens[:-2]):
        if (kinds[index] == "G" and _fold(token) in _PARTICLES and kinds[index + 1] == "S"
                and "G" in kinds[index + 2:] and (index == 0 or kinds[index - 1] == "C")):
            kinds[index] = "P"
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

# Not an act number ("jusqu'à la délibération n° 2019-45": the act of the year, whose order in
# the session the note does not give; read as no item, and said).
_ITEM = (r"(?:la\s+)?(?:question|point|affaire|dossier|deliberation|rapport)s?\s*"
         r"(?:n\s*[°o]\.?\s*)?(\d+)(?![\-/._]?\d)")
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
    # "quitte la séance avant le vote du point 7"
    rf"\s+(?:le\s+vote\s+(?:du|de\s+la|de\s+l')\s*)?(?:la\s+|l'\s*)?{_ITEM}"
)
_NOTE_PROXY_FROM = re.compile(
    r"^(?:porteur|porteuse|titulaire)?\s*(?:d[eu]\s+|des\s+)?(?:pouvoir|procuration)s?\s+"
    # "(pouvoir M. X)" without "de" nor "à": among présents, the holder's note.
    r"(?:(?:de|du|d')\s*|(?!a\s|au\s|par\s|donne))(.+)"
)
# "représenté(e) par" is a proxy, not a substitute: read by the proxy patterns.
_NOTE_REPLACED_BY = re.compile(
    r"(?:remplacee?|representee?)\s+par\s+(?:(?:son|sa|le|la)\s+suppleante?\s*,?\s*)?(.+)"
)
# "suppléant M. DUPONT Jean": the titular named straight after the word, with their civility.
_CIVILITY_AHEAD = r"(?=(?:m|mr|mme|mlle|monsieur|madame|mademoiselle)\b\.?\s)"
_NOTE_REPLACES = re.compile(
    rf"(?:suppleante?\s+(?:(?:de|du\s+titulaire)\s+|{_CIVILITY_AHEAD})|"
    rf"remplacante?\s+(?:de\s+|{_CIVILITY_AHEAD})|"
    # "Mme X, représentante de M. Y": a suppléante sitting for Y (not "représentée par").
    rf"representante?\s+de\s+{_CIVILITY_AHEAD}|"
    r"remplace\s+|"
    r"en\s+remplacement\s+de\s+)(.+)"
)
_NOTE_SUPPLEANT_OF = re.compile(r"^suppleante?\s+(?!(?:de|du|d'|des|avec|sans)\b)(.+)$")
# Where an unparenthesised note starts inside an entry.
_NOTE_START = re.compile(
    r"(?<![^\W_])(?:a\s+partir\s+d|jusqu'|arrivee?\s+(?:a|au|lors|pendant|avant|en)\b|"
    r"quitte\s+la\s+s|(?:partie?|sortie?)\s+(?:apres|avant)\b|suppleante?\s+d|"
    rf"suppleante?\s+{_CIVILITY_AHEAD}|"
    r"remplacee?\s+par\b|remplace\s|remplacante?\s+de\b|en\s+remplacement\b|"
    rf"remplacante?\s+{_CIVILITY_AHEAD}|"
    # "M. X, porteur du pouvoir de M. Y": the holder's note, written after a comma.
    r"porteu(?:r|se)\s+d[eu]s?\s+(?:pouvoir|procuration)\s+d|"
    rf"representante?\s+de\s+{_CIVILITY_AHEAD})"
)


# "(visioconférence)": how a member attended, which changes nothing to the lists.
ATTENDANCE_MODE = re.compile(r"^(?:en\s+)?(?:visio(?:conference)?|audio(?:conference)?|"
                             r"a\s+distance|par\s+telephone|en\s+ligne)$")


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
    if match := _NOTE_SUPPLEANT_OF.match(folded):
        # "(Suppléant Laurence BOYER)": the titular named straight after the word, unless it is
        # a commune ("(titulaire CHARMOIS)", "(suppléant Saint Genis)").
        named = original[match.start(1):].strip(" .,;")
        read = _read_names(named)
        if (read.valid and len(read.names) == 1 and len(named.split()) >= 2
                and not is_place(named)):
            note.replaces, note.understood = read.names[0], True
            return note
    if match := _NOTE_FROM.search(folded):
        note.from_item, note.understood = int(match.group(1)), True
    if match := _NOTE_UNTIL.search(folded):
        note.until_item, note.understood = int(match.group(1)), True
    elif match := _NOTE_UNTIL_BEFORE.search(folded):
        note.until_item, note.understood = max(int(match.group(1)) - 1, 0), True
    if ATTENDANCE_MODE.match(folded):
        note.understood = True  # "(visioconférence)": present all the same
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
