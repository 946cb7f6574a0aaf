"""From a section's text to list entries: what is not a name is taken out (communes that group
the delegates, capacities, civilities standing alone, page numbers), PDF damage is repaired
(words cut by a space, hyphens surrounded by spaces) and every repair that is a guess is
reported, so that a clerk can check it.
"""

from __future__ import annotations

import re

from .communes import is_place
from .matching import _is_initials
from .names import _token_kind
from .text import _GENDER_MARK, _fold

# Headings that group delegates by the member they represent, ending with a colon:
# "Commune de Chomérac : Messieurs A, B", "Commune de : Monsieur C" (name lost by the PDF),
# "Représentant la Commune de Poisvilliers : …", "Délégués de la Communauté de Communes de
# X : …", "Arrondissement Châtellerault : …". A person's name is never followed by a colon
# in a list of présents or excusés; in a list of procurations it may ("X : pouvoir à Y").
COMMUNE_PREFIX = re.compile(
    r"(?<![\w'])(?:(?:representant|delegue(?:e)?s?\s+(?:de|du|des)|pour)\s+(?:la\s+|le\s+|l')?)?"
    # "Communauté de la Largue :", "Communauté d Altkirch :" (a member EPCI by its short name).
    r"(?:commune|communaute(?:\s+(?:de\s+communes|d'\s*agglomeration|urbaine))?|metropole|"
    r"syndicat|arrondissement|canton|secteur|college)"
    r"(?:\s+(?:d[eu]s?\b|d'|de\s+la\b))?\s*[^:,;()]{0,60}:"
)
# The same heading in capitals, without "commune de": "CDC DU BAZADAIS :", "CAPV :",
# "ANGLIERS : Alain RIGAUD" (a flattened table of communes and their delegates).
_CAPITALS_HEADING = re.compile(
    r"(?:(?<=^)|(?<=[\s,.;]))(?:[A-ZÀ-Ý][A-ZÀ-Ý'’\-/]*\s+){0,6}[A-ZÀ-Ý][A-ZÀ-Ý'’\-/]+\s*:(?!\s*\d)"
)
# "MM DURAND et P. ALLARD pour BREHEMONT  MM MASSARD …": the commune, in capitals, closes the
# group of its delegates.
_COMMUNE_SUFFIX = re.compile(
    r"\s+pour\s+(?:la\s+commune\s+d[e']\s*)?(?:[A-ZÀ-Ý][A-ZÀ-Ý'’\-]*\s*)+?"
    r"(?=\s(?:MM\.?|M\.|Mme|Mmes|Mlle|Monsieur|Madame|Messieurs|Mesdames)\s|$)"
)
# Capacities written among the names: "C. Montin, Président, …, Vice-Présidents ;",
# "…, délégué(e)s titulaires", "… délégué(e)s suppléant(e)s".
_CAPACITY = re.compile(
    # "1er Vice-Président", "1ère Vice-Présidente", "conseiller délégué".
    r"(?<![\w'])(?:(?:1ere?|premiere?|\d+\s?(?:e|eme|ere))\s+)?(?:vice[-\s]?)?president(?:e)?s?"
    r"(?:\s+de\s+seance)?(?![\w'])|(?<![\w'])(?:delegue(?:e)?s?|membres?|conseill(?:er|ere)s?)\s+"
    r"(?:communautaires?\s+)?(?:titulaires?|suppleant(?:e)?s?|delegue(?:e)?s?)(?![\w'])"
    r"|(?<![\w'])(?:titulaires?|suppleant(?:e)?s?)$"
    # Municipal capacities: "Virginie X, Maire (…), …, Pascal Y, Adjoints, …, conseillers
    # municipaux"; "M. X Maire du Coudray-Saint-Germer" (the commune goes with it).
    r"|(?<![\w'(])(?:(?:1er|premier|\d+e(?:me)?)\s+)?(?:maire|adjointe?s?(?:\s+au\s+maire)?|"
    r"(?:delegue|deleguee)s?|conseill(?:er|ere)s?\s+municipa(?:l|ux|les?))"
    r"(?:\s+(?:du|de\s+la|de|d')\s*[^,;()]*)?(?![\w'])"
)
# A line of capitals alone, without separator or initial: a commune heading ("LE PORGE").
_CAPITALS_LINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý'’/\- ]+$")
# Pieces that continue the previous entry ("X, représenté par sa suppléante, Mme Y",
# "X, suppléant de Y", "X, qui donne pouvoir à Y").
# "DOLE Huguette, (donne procuration à Y)": the note, bracketed or not, after a comma.
_CONTINUES = re.compile(
    r"^\(?\s*(?:represente(?:e)?\s+par|remplace(?:e)?\s+par|suppleante?\s+d|qui\s+|ayant\s+donne|"
    r"representante?\s+de\s+(?:m|mr|mme|monsieur|madame)\b|"
    r"(?:pouvoir|procuration)\s+a\s|supplee(?:e)?\s+par|"
    # "M. X, excusé, a donné pouvoir à Y": the word alone between commas.
    r"(?:est\s+)?(?:absente?|excusee?)\s*$|"
    r"donne(?:e)?\s+(?:pouvoir|procuration)|a\s+donne|"
    # "… a le pouvoir de Y pour la représenter et voter en son nom": the end of the sentence.
    r"(?:et\s+)?(?:de\s+)?voter\s+en\s+son\s+nom)"
)
_OPENS_NEXT = re.compile(r"(?:par\s+(?:son|sa)\s+suppleante?|represente(?:e)?\s+par)\s*$")


def strip_communes(text: str, *, capitals: bool = True) -> tuple[str, list[str]]:
    """``text`` without the communes (or member EPCI) that group its delegates, each replaced
    by a comma, and the headings taken out. ``capitals``: also headings in capitals alone
    ("CDC DU BAZADAIS :"), not in a list of procurations, where "DUPONT : pouvoir à …" is a
    person."""
    found: list[str] = []
    folded = _fold(text)
    spans = [match.span() for match in COMMUNE_PREFIX.finditer(folded)]
    if capitals:
        for match in _CAPITALS_HEADING.finditer(text):
            start, words = match.start(), match.group(0).rstrip(" :").split()
            if only_civilities(" ".join(words)) or any(a <= start < b for a, b in spans):
                continue
            before = text[:start].split()
            # "… (Saint-Brice). CARPF : Théodore X": after a note that closes an entry, the
            # capitals open the next heading.
            if (before and not before[-1].rstrip(".,;").endswith(")")
                    and _token_kind(before[-1].strip(",;")) in "GC"):
                # "Alain RIGAUD ANTRAN :": after a given name or a civility, the first word
                # in capitals is the person's surname, the heading is what follows.
                if len(words) < 2:
                    continue
                start = text.index(words[1], start + len(words[0]))
            spans.append((start, match.end()))
    pieces, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        pieces.append(text[position:start])
        found.append(text[start:end].rstrip(" :"))
        pieces.append(_ADDED)
        position = end
    pieces.append(text[position:])
    text = "".join(pieces)

    def suffix(match: re.Match) -> str:
        found.append(match.group(0).strip())
        return _ADDED

    text = _COMMUNE_SUFFIX.sub(suffix, text)
    return _closed(text), found


_ADDED = "\x1f"


def _closed(text: str) -> str:
    """``text`` where each run of places marked ``_ADDED`` (what was taken out) becomes one
    separator, merged with the one the clerk wrote beside it."""
    if _ADDED not in text:
        return text
    return re.sub(rf"\s*[,;]?\s*(?:{_ADDED}\s*)+[,;]?\s*", ", ", text).strip(" ,")


# "Syndics : Messieurs A, B", "Communauté de la Largue : Messieurs C et D", "Communauté d
# Altkirch : Monsieur E": a group of delegates named in words, then a colon, then a civility.
_GROUP_LABEL = re.compile(
    r"(?:^|(?<=[,;])|(?<=[,;.]\s))\s*(?P<label>[A-ZÀ-Ý][^\W\d_][^:,;().]{0,60}?)\s*:\s*"
    r"(?=(?:Monsieur|Madame|Mademoiselle|Messieurs|Mesdames|MM\.?|Mmes?\.?|M\.|Mlle\.?|Mr\.?)"
    r"\s)")


_INNER_MEMBER = re.compile(r"(?<=\s)(?:commune|communaute|syndicat|metropole)\b")


def strip_group_labels(text: str) -> tuple[str, list[str]]:
    """``text`` without the labels of groups of delegates written in words before a colon
    and a civility ("Syndics : Messieurs A, B", "Communauté Ill et Gersbach : Messieurs C et
    D"), each replaced by a comma; and the labels taken out. A person's name is never followed
    by a colon in a list of présents or excusés, and the label has no surname in capitals nor
    civility of its own (that would be a person: "DUPONT : M. …" is left alone)."""
    if ":" not in text:
        return text, []
    found: list[str] = []

    def label(match: re.Match) -> str:
        words = match["label"].split()
        # "…, Chimeyrac Commune de : Monsieur X" (names in title case): a name, then the
        # heading of the next group, which ``strip_communes`` reads.
        if any(_token_kind(word) in "SC" for word in words) or _INNER_MEMBER.search(
                _fold(match["label"])):
            return match.group(0)
        found.append(match["label"].strip())
        return _ADDED

    text = _GROUP_LABEL.sub(label, text)
    return _closed(text), found


_CIVILITY_WORDS = {"m.", "mme", "mme.", "mr", "mr.", "monsieur", "madame", "mlle", "mlle."}


def strip_run_in_headings(line: str) -> tuple[str, list[str]]:
    """A table of communes and delegates flattened onto one line, each name opened by its
    civility: "ANGLIERS M. DUPONT Jean ANTRAN Mme MARTIN Anne …". Capitals before the first
    civility, and capitals after a complete "NOM Prénom" up to the next civility, are
    communes (a name written surname first ends with its given name). Returns the line with
    a comma in place of each commune, and the communes taken out; the line unchanged when
    it has commas or fewer than two civilities."""
    tokens = line.split()
    depths, depth = [], 0
    for token in tokens:
        depths.append(depth if not token.startswith("(") else depth + 1)
        depth = max(depth + token.count("(") - token.count(")"), 0)
    civilities = [index for index, token in enumerate(tokens)
                  if _fold(token) in _CIVILITY_WORDS and depths[index] == 0]
    # Commas or dashes separate the entries already; "DUPONT M. –" is an initial.
    if len(civilities) < 2 or re.search(r"[,;]|\s[-–—]+\s", line):
        return line, []
    kinds = [_token_kind(token.strip("()")) for token in tokens]
    removed: list[str] = []
    drop: set[int] = set()
    bounds = [0, *civilities, len(tokens)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        chunk = list(range(start + (1 if start in civilities else 0), end))
        outside = [index for index in chunk if depths[index] == 0]  # notes are not names
        if start not in civilities:
            heading = outside if all(kinds[i] in "SP" for i in outside) else []
        else:
            seen_given, heading = False, []
            for position, index in enumerate(outside):
                if kinds[index] == "G" and position:
                    seen_given = True
                elif seen_given and kinds[index] in "SP":
                    heading = [i for i in outside[position:] if kinds[i] in "SP"]
                    if len(heading) != len(outside) - position:
                        heading = []
                    break
        if heading:
            removed.append(" ".join(tokens[i] for i in heading))
            drop.update(heading)
    if not removed:
        return line, []
    rebuilt: list[str] = []
    for index, token in enumerate(tokens):
        if index in drop:
            if rebuilt and rebuilt[-1] != ",":
                rebuilt.append(",")
            continue
        if index in civilities and rebuilt and rebuilt[-1] != ",":
            rebuilt.append(",")
        rebuilt.append(token)
    return " ".join(rebuilt).replace(" ,", ",").strip(" ,"), removed


def strip_place_runs(line: str) -> tuple[str, list[str]]:
    """A table of communes and delegates flattened onto one line with neither civilities,
    colons nor commas: "ANGLIERS Aristide VRANOLLE ANTRAN Pacôme CRESSAC …". Between two
    given names, a run of capitals holds the surname of one delegate and the commune of the
    next; which end is the commune is told by the official list (COG, ``communes.py``), and
    the list's order of names ("Prénom NOM" or "NOM Prénom") by the majority of runs where
    one end is a commune. Returns the line with a comma in place of each commune, and the
    communes taken out; the line unchanged when the evidence is thin (fewer than two runs
    read the same way)."""
    if re.search(r"[,;:]", line):
        return line, []
    tokens = line.split()
    kinds, depth = [], 0
    for token in tokens:
        inside = depth > 0 or token.startswith("(")
        depth = max(depth + token.count("(") - token.count(")"), 0)
        kinds.append("N" if inside else _token_kind(token))
    if sum(kind == "G" for kind in kinds) < 3:
        return line, []
    runs: list[tuple[int, int]] = []  # [start, end) of capitals runs
    index = 0
    while index < len(tokens):
        if kinds[index] in "SP":
            end = index
            while end < len(tokens) and kinds[end] in "SP":
                end += 1
            runs.append((index, end))
            index = end
        else:
            index += 1

    def place(start: int, end: int) -> bool:
        return end > start and is_place(" ".join(tokens[start:end]))

    def longest(start: int, end: int, *, suffix: bool) -> int | None:
        """Where the commune starts (suffix) or ends (prefix) in the run, leaving at least one
        word for the surname; the longest commune wins."""
        cuts = range(start + 1, end) if suffix else range(end - 1, start, -1)
        for cut in cuts:
            if (place(cut, end) if suffix else place(start, cut)):
                return cut
        return None

    def kind_at(position: int) -> str:
        return kinds[position] if 0 <= position < len(kinds) else ""

    votes = {"PN": 0, "NP": 0}
    for start, end in runs:
        if kind_at(start - 1) == "G" and kind_at(end) == "G" and end - start >= 2:
            votes["PN"] += longest(start, end, suffix=True) is not None
            votes["NP"] += longest(start, end, suffix=False) is not None
    order = max(votes, key=votes.get)
    if votes[order] < 2 or votes["PN"] == votes["NP"]:
        return line, []
    drop: list[tuple[int, int]] = []
    for start, end in runs:
        before, after = kind_at(start - 1), kind_at(end)
        if after != "G":
            continue  # a commune opens the names that follow it
        if order == "PN":
            if before == "G":
                cut = longest(start, end, suffix=True)
                if cut is not None:
                    drop.append((cut, end))
            elif place(start, end):
                drop.append((start, end))  # "ANGLIERS Aristide VRANOLLE …": at the start
        else:
            cut = longest(start, end, suffix=False)
            if cut is not None:
                drop.append((start, cut))
    if not drop:
        return line, []
    removed = [" ".join(tokens[start:end]) for start, end in drop]
    dropped = {position for start, end in drop for position in range(start, end)}
    starts = {start for start, _ in drop}
    rebuilt: list[str] = []
    for position, token in enumerate(tokens):
        if position in starts and rebuilt:
            rebuilt[-1] += ","
        if position not in dropped:
            rebuilt.append(token)
    return " ".join(rebuilt).strip(" ,"), removed


# "COMMUNE DE LULLY MANNESSAC Rémi", "COMMUNE D’ARMOY …", "COMMUNE D’ BENOIT Pascal" (the
# commune's name lost by the extraction): a heading in capitals without colon.
_COMMUNE_WORDS = re.compile(r"(?<![\w'’])COMMUNE\s+(?:DE\s+LA\s+|DE\s+L['’]\s*|DES\s+|DU\s+|DE\s+"
                            r"|D['’]\s*)")


def strip_commune_words(line: str) -> tuple[str, list[str]]:
    """``line`` without the headings "COMMUNE DE X" written in capitals among the names of a
    flattened table, each replaced by a comma; and the headings taken out. The commune's
    name is the longest start of the capitals that the official list (COG) knows, leaving
    the surname before the given name (a list written "NOM Prénom"); one word alone before
    the given name is the surname, the commune's name having been lost ("COMMUNE D’ BENOIT
    Pascal"), unless the list is written "Prénom NOM" and the word is a commune."""
    matches = list(_COMMUNE_WORDS.finditer(line))
    if not matches:
        return line, []
    pieces, removed, position = [], [], 0
    for match in matches:
        if match.start() < position:
            continue
        tokens = list(re.finditer(r"\S+", line[match.end():]))
        run = []
        for token in tokens:
            word = token.group(0).strip(",;")
            if _token_kind(word) in "SP" or ("-" in word and is_place(word)):
                run.append(token)
                continue
            break
        words = [token.group(0).strip(",;") for token in run]
        after = tokens[len(run):len(run) + 2]
        cut = 0
        for end in range(len(words) - 1, 0, -1):
            if is_place(" ".join(words[:end])):
                cut = end
                break
        if not after and words and is_place(" ".join(words)):
            cut = len(words)  # "… COMMUNE DE DRAILLANT" at the end of a line: all commune
        if (not cut and len(words) == 1 and len(after) == 2
                and _token_kind(after[0].group(0)) == "G"
                and _token_kind(after[1].group(0).strip(",;")) == "S" and is_place(words[0])):
            cut = 1  # "COMMUNE DE LULLY Rémi MANNESSAC"
        end = match.end() + (run[cut - 1].end() if cut else 0)
        pieces.append(line[position:match.start()])
        pieces.append(", ")
        removed.append(" ".join(line[match.start():end].split()))
        position = end
    pieces.append(line[position:])
    text = re.sub(r"\s*[,;]?\s*(?:,\s*)+", ", ", "".join(pieces))
    return text.strip(" ,"), removed


def strip_leading_places(line: str) -> tuple[str, list[str]]:
    """The column of communes of a table flattened before its names: "AVENSAN BRACH
    CASTELNAU-DE-MEDOC … LE TEMPLE Prosper BRAURAVEL Blanche TENNISSON …". In a list written
    "Prénom NOM" (it ends with a surname after a given name), capitals before the first given
    name open no person's name; when the official list (COG) reads them, every word, as two
    communes or more, they are taken out. Returns the line without them and the communes
    read; the line unchanged otherwise."""
    if re.search(r"[,;:()]", line):
        return line, []
    tokens = line.split()
    kinds = [_token_kind(token) for token in tokens]
    first_given = next((index for index, kind in enumerate(kinds) if kind == "G"), None)
    if (first_given is None or first_given < 2 or len(tokens) < first_given + 4
            or kinds[-1] not in "SP" or kinds[-2] != "G"
            or any(kind not in "SP" for kind in kinds[:first_given])):
        return line, []
    places = _as_places(tokens[:first_given])
    if not places or len(places) < 2:
        return line, []
    return " ".join(tokens[first_given:]), places


def _as_places(words: list[str]) -> list[str] | None:
    """``words`` cut into commune names, the longest first at each step; None when some word
    belongs to none (at most five words a commune: "SAINT-MARTIN DE LA PLACE")."""
    places: list[str] = []
    start = 0
    while start < len(words):
        for end in range(min(len(words), start + 5), start, -1):
            if is_place(" ".join(words[start:end])):
                places.append(" ".join(words[start:end]))
                start = end
                break
        else:
            return None
    return places


_MEMBER_KIND = re.compile(r"^(?:communaute\s+(?:de\s+communes|d'\s*agglomeration|urbaine)|"
                          r"syndicat\s+(?:mixte|intercommunal)|metropole|commune\s+(?:de|d'|du))\s")
_COMMUNE_OF = re.compile(r"^(?:ville|commune)\s+(?:de\s+la\s+|de\s+l'|des\s+|du\s+|de\s+|d')")


def _member_line(line: str) -> bool:
    """A member of the body written in mixed case alone on its line, over its delegates:
    "Communauté de Communes du Pays de Gex", "Annemasse-Les Voirons Agglomération",
    "Commune de Thonon les Bains" — known to the official list (COG), with no surname in
    capitals, civility nor separator (a person's name has them)."""
    if not line or re.search(r"[,;:()]|\s[-–—]\s|\d", line):
        return False
    tokens = line.split()
    if len(tokens) < 2 or any(_token_kind(token) in "SC" for token in tokens):
        return False
    # Words of a member's kind open no person's name: "Communauté de Communes du Pays
    # Bellegardien" (an EPCI merged since, no longer in the list).
    return bool(_MEMBER_KIND.match(_fold(line))) or is_place(line) or is_place(
        _COMMUNE_OF.sub("", _fold(line)))


def _group_lines(lines: list[str]) -> set[int]:
    """Groups of delegates named in words alone on their line, over their names: "Syndics",
    "Syndicat des rivières" in a column of "Mr NOM" — no surname in capitals, civility,
    figure nor separator, in a column where every other line holds one name, a surname in
    capitals without given name (twice as many at least: in a list written in title case, or
    with given names, a word alone may be a name or part of one)."""
    named: list[int] = []
    groups: list[int] = []
    for index, line in enumerate(lines):
        tokens = [token.strip(",;.") for token in line.split()]
        if not tokens:
            continue
        kinds = {_token_kind(token) for token in tokens if token}
        if "S" in kinds:
            # A column of one name a line ("Mr NOM"): in a list that runs on over lines
            # ("…, Clémence / CHAURLASSE"), a line without capitals is a name's part.
            # Names without given names ("Mr NOM"): else a word alone may be the given name of
            # a name wrapped at its surname ("… à M. MORREYRAC / Pacôme").
            if re.search(r"[,;]", line) or "G" in kinds:
                return set()
            named.append(index)
        elif ("C" not in kinds and len(tokens) <= 6
              and not re.search(r"[,;:()]|\d", line)):
            groups.append(index)
        else:
            return set()
    if not groups or len(named) < 2 * len(groups):
        return set()
    for index in groups:
        # Over a whole name ("Mr NOM", "NOM Prénom"), not the given name of one cut by the
        # cells of a table ("Françoise / GIVAUDIN").
        following = next((line.split() for line in lines[index + 1:] if line.strip()), [])
        if len(following) < 2 and not (following and _token_kind(following[0]) == "C"):
            return set()
    return set(groups)


def commune_heading_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that are commune headings: capitals alone on their line, in a section
    whose names are written in mixed case ("Patrick BAUDIN") — so they cannot be a name."""
    mixed = sum(1 for line in lines if re.search(r"[a-zà-ÿ]", line))
    if not mixed:
        return set()
    found = _group_lines(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _member_line(stripped):
            found.add(index)
            continue
        if not _CAPITALS_LINE.match(stripped) or any(char in stripped for char in ",;"):
            continue
        previous = next((lines[back].split() for back in range(index - 1, -1, -1)
                         if lines[back].strip()), [])
        # "… (suppléante de M. X / Gaspard) / LA FERTE S/ JOUARRE": a note closed at the end
        # of the line above ends its entry; the capitals open the next group.
        if previous and previous[-1].rstrip(".,;").endswith(")"):
            previous = []
        if previous and {_token_kind(token) for token in previous} <= {"C", "G"}:
            continue  # "Madame / Françoise / GIVAUDIN": the surname of a name cut by cells
        if previous and _fold(previous[-1]) in {"et", "ou", "&"}:
            continue  # "… Messieurs MOUSOT et / SELLONOT": the list goes on after "et"
        tail = re.split(r"[,;:]", " ".join(previous))[-1].split()
        if tail and {_token_kind(token) for token in tail} <= {"C", "G"}:
            continue  # "…, Jean-Luc RAVELLI, Patrick / FLOUR": a name wrapped at its surname
        if tail and _token_kind(tail[-1]) == "C":
            continue  # "… donne pouvoir à Monsieur / ARDOUIN": a civility opens a name
        if (tail and _token_kind(tail[-1]) == "P"
                and {_token_kind(token) for token in tail} & {"C", "G"}):
            continue  # "…, représentante de M. Marc DE / POUSSETIN": a particle goes on
        if (tail and _token_kind(tail[-1]) == "G"
                and (len(tail) == 1 or _token_kind(tail[-2]) in "LC")):
            # "… SOUREYRAC représenté par Agathe / VRALOLLE": a given name right after the
            # words of a proxy is wrapped before its surname ("NOM Prénom / COMMUNE" has a
            # surname before the given name).
            continue
        if any("/" not in token and _is_initials(token) for token in stripped.split()[1:]):
            continue  # an initial: "DUPONT J" is a person ("LA FERTE S/ JOUARRE" is not)
        if (tail and _token_kind(stripped.split()[0]) == "P" and _token_kind(tail[-1]) == "S"
                and not is_place(stripped)):
            continue  # "…, Caroline TRAUSSERGUE / DE VAURNAUZET": a surname wrapped at a particle
        found.add(index)
    return found


def strip_capacities(piece: str) -> str:
    folded = _fold(_GENDER_MARK.sub("", piece))
    cleaned = _GENDER_MARK.sub("", piece)
    spans = [match.span() for match in _CAPACITY.finditer(folded)]
    for start, end in reversed(spans):
        cleaned = cleaned[:start] + " " + cleaned[end:]
    return " ".join(cleaned.split()).strip(" ,;:")


def only_civilities(piece: str) -> bool:
    tokens = [token.strip(",;:") for token in piece.split()]
    tokens = [token for token in tokens if token and _fold(token) not in {"et", ":"}]
    return bool(tokens) and all(_token_kind(token) == "C" or token in {"MM", "M"}
                                for token in tokens)


def drop_leading_civilities(piece: str) -> str:
    """"Messieurs : COULANJON J." → "COULANJON J."; "Mesdames et Messieurs : …" likewise."""
    if ":" not in piece:
        return piece
    before, after = piece.split(":", 1)
    # "Membres (36/72) : Martial X, …": a sub-heading with its figures, not a name.
    bare = re.sub(r"\([^()]*\)", " ", before).strip()
    if only_civilities(before) or _fold(bare) in {"membres", "delegues", "elus", "conseillers"}:
        return after.strip()
    return piece


def repair_words(piece: str) -> tuple[str, list[str]]:
    """Words cut by a PDF extraction, and the repairs made (each a guess to report):
    "Patric k" → "Patrick", "P hilippe" → "Philippe", "Jean- Pierre" → "Jean-Pierre"."""
    tokens = piece.split()
    repaired: list[str] = []
    guesses: list[str] = []
    for token in tokens:
        bare = token.strip(",;.")
        if repaired and bare and bare.isalpha() and bare.islower() and len(bare) <= 12:
            previous = repaired[-1]
            glued_to_initial = len(previous) == 1 and previous.isupper()
            glued_to_word = (previous.isalpha() and previous[:1].isupper()
                             and not previous.isupper() and len(bare) <= 2)
            if (glued_to_initial or glued_to_word) and _fold(bare) not in _FRENCH_WORDS:
                guesses.append(f"{previous} {token} → {previous}{token}")
                repaired[-1] = previous + token
                continue
        if repaired and repaired[-1].endswith("-") and token[:1].isupper():
            guesses.append(f"{repaired[-1]} {token} → {repaired[-1]}{token}")
            repaired[-1] = repaired[-1] + token
            continue
        repaired.append(token)
    return " ".join(repaired), guesses


# Lower-case words that are French, not pieces of a cut name.
_FRENCH_WORDS = {"a", "au", "de", "du", "des", "d", "et", "en", "le", "la", "les", "l", "par",
                 "pour", "qui", "y", "ou", "un", "une", "sa", "son", "est", "ont"}


def merge_continuations(pieces: list[str]) -> list[str]:
    """Join pieces that a comma cut inside one entry: "M. Emmanuel DURET", "représenté par sa
    suppléante", "Mme Christine HUET" → one entry."""
    merged: list[str] = []
    glue_next = False
    for piece in pieces:
        folded = _fold(_GENDER_MARK.sub("", piece))
        # "BEAUVAIS Laurent, Président, qui a donné pouvoir à …": a capacity standing alone
        # between commas belongs to the name before it, and so does what follows it.
        capacity_only = bool(merged) and not strip_capacities(piece) and bool(piece.strip())
        if merged and (glue_next or capacity_only or _CONTINUES.match(folded)):
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
        glue_next = bool(_OPENS_NEXT.search(_fold(_GENDER_MARK.sub("", merged[-1]))))
    return merged


# "M. X, délégué titulaire, commune d'Andrezel M. Y, …", "…, communauté de communes les Sources
# de l'Yerres (Courpalay) M. Z": after the capacity, the member's commune or EPCI written in
# words, then the next person's civility with no other separator.
_MEMBER_PLACE = re.compile(
    r"^(?:commune|ville|communaute\s+(?:de\s+communes|d'\s*agglomeration|urbaine)|metropole)\b"
    r"[^()]*?(?:\([^()]*\))?\s*(?=(?:m|mme|mr|mlle|monsieur|madame|messieurs|mesdames|mm|mmes)"
    r"\b\.?\s|$)"
)


def strip_member_place(piece: str) -> tuple[str, str]:
    """``piece`` without the commune or EPCI written in words that opens it (the previous
    member's, see ``_MEMBER_PLACE``), and that place ("" when there is none)."""
    match = _MEMBER_PLACE.match(_fold(piece))
    if not match or not match.group(0).strip():
        return piece, ""
    return piece[match.end():].strip(), piece[:match.end()].strip()
