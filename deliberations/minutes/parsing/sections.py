"""Headings, section boundaries and entry separators of an attendance block; the secretary.
(Where a line break separates entries: ``joining``; the stated counts: ``figures``.)"""

from __future__ import annotations

import re

from .columns import (
    ROW_LABEL,
    side_by_side_columns,
    side_column_secretary,
    side_label_paragraphs,
)
from .communes import is_place
from .entries import COMMUNE_PREFIX
from .extraction import (
    BULLET,
    dehyphenate,
    drop_page_furniture,
    normalise_bullets,
    wraps_group_title,
)
from .headings import (
    _COUNTED_HEADING,
    _G,
    _HEADING,
    _HEADING_BODY,
    _INLINE_HEADING,
    _INLINE_MARKED,
    _INLINE_VERB_HEADING,
    _SQUEEZED_HEADING,
    _VERB_HEADING,
    heading_kind,
)
from .names import _INITIALS, _read_names, _token_kind
from .tables import TABLE_ROW, rewrite_tables
from .text import _GENDER_MARK, _clean_lines, _fold


def _opens_list(line: str) -> bool:
    """Whether ``line`` starts a list of names: a civility, or a surname in capitals followed
    by a given name or a comma."""
    tokens = line.removeprefix(BULLET).split()
    if not tokens or ":" in line[:40]:
        return False
    first = _token_kind(tokens[0].strip(",;"))
    if first == "C" or tokens[0].rstrip(".") in {"MM", "MMES", "M"}:
        return True
    return first == "S" and len(tokens) > 1 and (
        _token_kind(tokens[1].strip(",;")) == "G" or tokens[0].endswith(","))


# Letter-spaced headings of PDF layouts: "A B S E N T S E X C U S E S".
_LETTER_SPACED = re.compile(r"^(?:\S\s){5,}")
# Where the list part of a block ends, inside a line as well as at its start; a later heading
# may open another section.
_SOFT_END_BODY = (
    r"secretaires?(?:\s+de\s+(?:la\s+)?seance)?\s*:|designation\s+(?:du\s+|d'un\s+)?secretaire|"
    r"date\s+d[e']\s*(?:la\s+)?(?:convocation|affichage)|(?:le\s+)?nombre\s+d[e']\s*"
    r"(?:membres|conseillers|delegues|votants|presents)|(?:le\s+)?quorum|apres\s+(?:l'\s*)?appel|"
    r"convocation\s+(?:aux|des|du|adressee)|(?:rappel\s+de\s+)?(?:a\s+)?(?:l')?ordre\s+du\s+jour|"
    r"formant\s+la\s+majorite|accueil\s+des|(?:m\.|monsieur|madame)\s+(?:le|la)\s+president|"
    # Narrative after the lists: "Après lecture et signature du compte-rendu…", "Avant de
    # procéder à l'ordre du jour, M. X fait un tour de table".
    r"apres\s+(?:lecture|avoir|en\s+avoir)|avant\s+de\s+(?:proceder|commencer|passer|debuter)\b"
    r"|le\s+secretariat\s"
)
_INLINE_END = re.compile(rf"(?<![\w'])(?:{_SOFT_END_BODY})")
# A line opening a sentence of the session: "F. X déclare ouverte, à 20h32, la séance", "Il est
# procédé … à l'élection d'un secrétaire". "A été nommée Secrétaire de séance : / Mme X": the
# sentence without its subject, the name after it (``_INLINE_END`` leaves "A été nommée" alone
# on its line); not inside a line: "M. X a été nommé secrétaire" names the secretary before it.
_SOFT_END = re.compile(rf"^(?:{_SOFT_END_BODY}|le\s+(?:conseil|comite)\b|pour\s*:\s*\d|"
                       r"(?:\S+\s+){1,4}declare\s+(?:ouverte|la\s+seance\s+ouverte)|"
                       r"il\s+est\s+procede|"
                       r"(?:a\s+ete|est)\s+(?:nommee?|designee?|elue?)(?:\s+secretaire|\s*$)"
                       # "Compte-rendu du dernier comité syndical (09/11/2004)": the first item.
                       r"|(?:approbation\s+du\s+)?compte[\s-]rendu\s+d[ue]\s)")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:/|sur)\s*\d{1,3})?$")
# "1. AVIS SUR LE PROJET DE PARC EOLIEN …": a numbered agenda item, told from a numbered name
# by the words of an agenda title.
_AGENDA_ITEM = (r"\d{1,2}\s*[.)]\s+(?:avis|approbation|election|designation|vote|budget|"
                r"compte|rapport|modification|adhesion|convention|creation|demande|fixation|"
                r"autorisation|(?:\S+\s+){0,4}(?:sur|relati(?:f|ve)s?\s+a|concernant)\s)")
_END_MARKERS = re.compile(
    r"^(?:la\s+seance\s+est\s+ouverte|ouverture\s+de\s+la\s+seance|"
    r"deliberation\s+(?:du|de\s+l[a']|n)|ordre\s+du\s+jour|objet\s*:|"
    r"(?:question|point|affaire|dossier)\s*(?:n\s*[°o]\.?\s*)?\d+\b|n\s*[°o]\s*\d+\b"
    rf"|{_AGENDA_ITEM})"
)
# Inside a flattened line too ("… Hector BROTANGE 1. AVIS SUR LE PROJET …"), after a name.
_INLINE_AGENDA_ITEM = re.compile(rf"(?<=[^\W\d_]\s){_AGENDA_ITEM}")
_SECRETARY = [
    re.compile(
        r"^(?P<name>.+?)\s*,?\s+(?:est|a\s+ete|sera)\s+"
        r"(?:elue?|designee?|nommee?|choisie?|declaree?)"  # "M. X est déclaré secrétaire"
        r"(?:\s*\(e\))?\s+(?:en\s+qualite\s+de\s+|comme\s+|pour\s+remplir\s+les\s+fonctions\s+de\s+"
        r"|aux\s+fonctions\s+de\s+)?secretaire"
    ),
    # "… désigne M. X, délégué de Y, qui exercera les fonctions de secrétaire", and without
    # the clause: "Le Conseil désigne M. X comme secrétaire de séance".
    # "Le Conseil Municipal nomme à l'unanimité P. X secrétaire de séance".
    re.compile(r"(?:designe[rz]?|elit|nomme)\s+(?:a\s+l'unanimite\s+)?(?P<name>[^,;:]+?)"
               r"(?:\s*,[^;:]{0,80}?(?:fonctions?\s+de\s+|qualite\s+de\s+|comme\s+)|"
               r"\s+(?:comme\s+|en\s+qualite\s+de\s+)?)secretaire"),
    # "Secrétaire de séance (désigné) : X", "Secrétaires de séance : X et Y" (L2121-15: one or
    # several members; the first is read, ``several_secretaries`` tells of the others).
    re.compile(r"secretaires?(?:\s+de\s+(?:la\s+)?seance)?(?:\s+(?:designee?|nommee?|elue?))?"
               r"\s*[:\-–]\s*(?P<name>.+?)\s*[.,;]?$"),
    # "M. X, secrétaire de séance, procède à l'appel", "Madame X, désignée secrétaire de séance."
    re.compile(r"^(?P<name>.+?)\s*,\s*(?:(?:designee?|nommee?|elue?)\s+)?secretaire\s+de\s+"
               r"(?:la\s+)?seance"),
    # "… LANIÈRE. Secrétaire de séance Julien-Pascal CHALELET.": no colon after the words.
    re.compile(r"^secretaire\s+de\s+(?:la\s+)?seance\s+(?P<name>[^:]+?)\s*[.,;]?$"),
    # "Le secrétariat a été assuré par : Monsieur X".
    re.compile(r"secretariat\s+(?:de\s+(?:la\s+)?seance\s+)?(?:a\s+ete\s+|est\s+)?assure\s+"
               r"par\s*:?\s*(?P<name>.+?)\s*[.,;]?$"),
]
def spaced_hyphen(line: str, index: int) -> bool:
    """Whether the " - " at ``index`` is a hyphen spaced by a PDF extraction rather than a
    separator: the words on both sides are of the same kind, two surnames ("BROCA - LANNAUD")
    or two given names ("Marie - Thérèse"); "Anne - DURAND" separates two people."""
    before = line[:index].split()
    after = line[index + 3:].split()
    if not before or not after:
        return False
    left, right = _token_kind(before[-1].strip(",;")), _token_kind(after[0].strip(",;"))
    return left == right and left in "SG" and not before[-1].endswith(".")


# Candidate separators (and parentheses, to know the depth); each is then confirmed. A full
# stop ends an entry when it follows a word of two letters or more ("… Christophe COUR.
# Paloma PERVENT, …"), not an initial nor a civility ("J. DUPONT", "M. DUPONT").
_SEPARATOR_CANDIDATE = re.compile(
    r"[(),;•·]| (?:--|––) | [-–—] |(?<=\.)[–—](?= )| et |(?<=[^\W\d_]{2})\.\s+(?=[A-ZÀ-Ý])"
)


def _ends_sentence(line: str, index: int) -> bool:
    """Whether the full stop at ``index`` closes an entry: it follows a surname or a given
    name, not an abbreviation ("Mme.", "St.", "L.5211-1")."""
    word = line[:index].split()[-1] if line[:index].split() else ""
    word = word.lstrip("(")
    return (len(word) >= 2 and _token_kind(word) in "SG" and not _INITIALS.match(word + ".")
            and "." not in word)


def _split_top_level(line: str) -> list[tuple[str, bool]]:
    """Entries of one logical line, paren-aware. Each with a flag: True when the entry lies
    between two separators on the line (so an empty one is a real ", ," gap)."""
    # A spaced hyphen separates entries only in a list that has no comma nor semicolon: in
    # "BROCA - LANNAUD Marie - Thérèse, PEROTTO Aline" it is a hyphen spaced by the PDF.
    dashes = not re.search(r"[,;]", re.sub(r"\([^()]*\)", "", line))
    line = re.sub(r"\s[-–—]+$", "", re.sub(r"^[-–—]+\s", "", line))
    pieces: list[str] = []
    depth = 0
    start = 0
    for match in _SEPARATOR_CANDIDATE.finditer(line):
        found = match.group(0)
        if found == "(":
            depth += 1
            continue
        if found == ")":
            depth = max(depth - 1, 0)
            continue
        if depth or match.start() < start:
            continue
        # " et " in lower case only: "ET" may be a surname.
        if found == " - " and not dashes and spaced_hyphen(line, match.start()):
            continue
        if found.strip() in {"-", "–", "—"} and _dash_in_surname(line[start:match.start()],
                                                                   line[match.end():]):
            continue
        if found.startswith(".") and not _ends_sentence(line, match.start()):
            continue
        pieces.append(line[start:match.start()])
        start = match.end()
    pieces.append(line[start:])
    last = len(pieces) - 1
    return [(piece.strip(" :\t"), 0 < position < last) for position, piece in
            enumerate(pieces)]


_NEXT_SEPARATOR = re.compile(r"[,;()]|\s[-–—]+\s| et ")


def _dash_in_surname(before: str, after: str) -> bool:
    """Whether a spaced dash joins the two parts of a compound surname ("Marie-Bernard DEL
    RIO – MORVAN") rather than two entries: the entry before it has a given name, the words
    after it (up to the next separator) are surnames only — a second person would have a
    given name, an initial or a civility like the first."""
    end = _NEXT_SEPARATOR.search(after)  # not re.split: a long line has many dashes
    following = after[:end.start() if end else len(after)].split()
    kinds_before = {_token_kind(token) for token in before.split()}
    return (bool(following) and "G" in kinds_before
            and all(_token_kind(token) in "SP" for token in following))


_CAPACITY_CLAUSE = re.compile(r"^\s*(?:(?:1er|\d+e(?:me)?)\s+)?(?:vice-?\s*)?(?:delegue|deleguee|"
                             r"conseill(?:er|ere)|membre|president|presidente|maire|adjointe?)"
                             r"(?:\s+[a-z'\-]+){0,3}\s*$")


# "secrétaire", and "Le secrétariat a été assuré par Monsieur / X" (wrapped after it).
_SECRETARY_WORD = re.compile(r"secretai|secretariat")


def _find_secretary(lines: list[str], *, spaced_hyphens: bool = False,
                    limit: int | None = None) -> tuple[str, bool] | None:
    """(name, whether spaced hyphens were joined to read it) of the secretary. Hyphens spaced
    by the PDF are joined only in a document whose lists had them (``spaced_hyphens``):
    elsewhere " - " ends the name ("Michel Teyssedou - Site du Moulin").

    A line wrapped by the extraction inside the name ("Secrétaire de séance : Mademoiselle /
    COURION", "… pour secrétaire : Monsieur LORIN de la / commune de …") is read with the
    next line when the name read on the first is incomplete (see ``_incomplete``). Only the
    first ``limit`` lines are searched."""
    for index, line in enumerate(lines[:limit]):  # the next line may lie past ``limit``
        found = _secretary_in(line, spaced_hyphens)
        following = next((lines[ahead] for ahead in range(index + 1, len(lines))
                          if lines[ahead].strip()), "")
        # "Mme Tiphaine X / est élue secrétaire de séance": the verb opens the next line.
        verb_next = bool(re.match(r"(?:est|a\s+ete|sera)\s+\S+\s+(?:\S+\s+)?secretai",
                                  _fold(following)))
        if (following and (_SECRETARY_WORD.search(_fold(line)) or verb_next)
                and not _heading(following) and _incomplete(found)):
            found = _secretary_in(f"{line} {following}", spaced_hyphens) or found
        # "… décide de désigner M. Tiphaine / X, déléguée d'AZAY, qui exercera les /
        # fonctions de secrétaire": the sentence began one or two lines above.
        for back in (1, 2):
            if found or index < back or not _SECRETARY_WORD.search(_fold(line)) or not all(
                    lines[index - step].strip() for step in range(1, back + 1)):
                break
            found = _secretary_in(" ".join(lines[index - back:index + 1]), spaced_hyphens)
        if found:
            return found
    return None


_SECRETARY_LINE = re.compile(r"secretaires?\s+de\s+(?:la\s+)?seance")
_SEVERAL_SECRETARIES = re.compile(r"secretaires\s+de\s+(?:la\s+)?seance\s*[:\-–]\s*(?P<names>.+)$")


def secretary_lines(lines: list[str], *, limit: int | None = None) -> list[str]:
    """The lines that name the secretary of the session ("secrétaire(s) de séance"), for the
    anomaly of a secretary named but not read."""
    return [line.strip() for line in lines[:limit] if _SECRETARY_LINE.search(_fold(line))]


def several_secretaries(lines: list[str], *, limit: int | None = None) -> str | None:
    """The names after a plural heading, "Secrétaires de séance : Madame X et Monsieur Y", when
    it names more than one (L2121-15 allows several; the import fills the first, the clerk the
    session's "autres secrétaires de séance")."""
    for line in lines[:limit]:
        match = _SEVERAL_SECRETARIES.search(_fold(line))
        if match and re.search(r"\s(?:et|,)\s", match["names"]):
            return line[match.start("names"):match.end("names")].strip(" .;")
    return None


def _incomplete(found: tuple[str, bool] | None) -> bool:
    """Whether a secretary's name read on one line may go on on the next: nothing read, a
    given name without surname ("Sophie"), or a particle at its end ("LORIN de la")."""
    if not found:
        return True
    kinds = [_token_kind(word) for word in found[0].split()]
    # "Denis Vanhoeck" (title case) is whole: a given name alone is not.
    return ("S" not in kinds and len(kinds) < 2) or kinds[-1] == "P"


_CIVILITY_INSIDE = re.compile(r"(?<=\s)(?:monsieur|madame|mademoiselle|mme|mlle|m\.)\s+(?=\S)")


def _secretary_in(line: str, spaced_hyphens: bool) -> tuple[str, bool] | None:
    """The secretary named in one line (see ``_find_secretary``)."""
    cleaned = _GENDER_MARK.sub("", line)
    folded = _fold(cleaned)
    for position, pattern in enumerate(_SECRETARY):
        match = pattern.search(folded)
        if not match:
            continue
        candidate = cleaned[match.start("name"):match.end("name")]
        # "La séance est ouverte, M. X est élu secrétaire": the name is the clause next to
        # the word "secrétaire".
        clauses = re.split(r"[,;:]", candidate)
        candidate = clauses[0] if match.start("name") > folded.find("secretaire") >= 0 \
            else clauses[-1]
        if position == 0:
            # "… Marie-France NABOULET pouvoir à Richard GRIBALDO. Monsieur Jean Claude LINCK a
            # été nommé secrétaire" (a block flattened onto one line): the name is the one
            # right before the verb, after the last full stop.
            candidate = re.split(r"(?<=[^\W\d_]{2})\.\s+(?=[A-ZÀ-Ý])", candidate)[-1]
            if len(clauses) > 1 and _CAPACITY_CLAUSE.match(_fold(candidate)):
                # "Monsieur X, délégué titulaire, a été élu secrétaire": a capacity between
                # the name and the verb; the name is the clause before it.
                candidate = clauses[-2]
            # "… BRAUNNETTE Adèle Responsable administrative Monsieur Jean-Prosper X, délégué
            # titulaire, a été élu secrétaire" (flattened): a civility opens the name.
            civilities = list(_CIVILITY_INSIDE.finditer(_fold(candidate)))
            if civilities and civilities[-1].start() > 0:
                candidate = candidate[civilities[-1].start():]
        # "BROCA - LANNAUD Marie - Thérèse": hyphens spaced by the PDF extraction.
        joined = (re.sub(r"(?<=\w) - (?=\w)", "-", candidate) if spaced_hyphens
                  else candidate)
        if re.search(r"[^\W\d_]-(?:\s|$)", joined.strip()):
            # "Gatien TREO- / NNET": a name cut by a hyphen at a line end; which letters
            # belong together the text does not tell: not read, and said (unread_text).
            return None
        name = _leading_name(joined)
        if name:
            return name, joined != candidate
    return None


# "Monsieur X de la commune de Y", "M. X, délégué de Y": where the person comes from, not a
# particle of their name.
_FROM_PLACE = re.compile(r"\s+(?:(?:de|du|des|d')\s+(?:la\s+|l')?)?(?:commune|ville|communaute|"
                         r"syndicat|delegue|deleguee|representant|representante|maire)\b")


def _leading_name(text: str) -> str | None:
    """The person's name that ``text`` starts with: "Mademoiselle COURION. Convocation …" →
    "COURION", "Sylvain BIDIER Date d'affichage" → "Sylvain BIDIER", "Monsieur LORIN de la
    commune de Château l'Hermitage" → "LORIN"."""
    if place := _FROM_PLACE.search(_fold(text)):
        text = text[:place.start()]
    # "Secrétaire de séance : M Gaston X": "M" without its full stop, before a given name.
    text = re.sub(r"^\s*(?:M|MM|Mr)\s+(?=[A-ZÀ-Ý][a-zà-ÿ])", "", text)
    words = []
    tokens = text.split()
    for position, token in enumerate(tokens):
        if _token_kind(token.strip(",;:")) == "L":
            break
        if words and _opens_label(" ".join(tokens[position:])):
            break  # "Gatien TREONNET ORDRE DU JOUR : 1)": a label in capitals after the name
        words.append(token)
        if token.endswith(".") and not _INITIALS.match(token) and _token_kind(token) != "C":
            break
    read = _read_names(" ".join(words).rstrip(" .-–"))
    return read.names[0] if read.valid and read.names else None


# Labels that follow the lists in capitals on a flattened page: "ETAT DES PRESENCES", "LISTE
# DE PRESENCE".
_LABEL = re.compile(r"(?:etat|liste|feuille)\s+d(?:es|e)\s+presences?\b")


def _opens_label(text: str) -> bool:
    """Whether ``text`` starts with a heading, an end marker or a label rather than more of a
    person's name."""
    folded = _fold(text)
    return bool(_END_MARKERS.match(folded) or _SOFT_END.match(folded) or _LABEL.match(folded)
                or _heading(text))


def _heading(line: str, following: str = "") -> tuple[str, str] | None:
    """(section kind, text after the colon) when ``line`` is a section heading. Kinds:
    present, proxies, excused, absent, and ignore (people who are not members: "Étaient
    également présents", "Assistaient").

    "Présents : 26" is a stated count, not a list; unless the line alone holds it and the
    list comes on the ``following`` line ("Membres présents : 60 / MMES A, B, … / MM. C,
    …"): a heading then, its figure read with the other stated counts."""
    stripped = line.strip(" *_")
    counted = _COUNTED_HEADING.match(_fold(stripped))
    if counted and _opens_list(following):
        heading = _heading(stripped[:counted.start("count")].rstrip())
        if heading and not heading[1]:
            return heading
    if _LETTER_SPACED.match(stripped):
        stripped = stripped.replace(" ", "")
    folded = _fold(stripped)
    match = _HEADING.match(folded)
    if not match and " " not in folded:
        match = _SQUEEZED_HEADING.match(folded)
    if not match and (verb := _VERB_HEADING.match(folded)):
        # "Étaient présents ANGLIERS Aristide RIGAUD …": no colon, but the verb says it.
        # "Étaient absents avec procuration • • Mr X": bullets of the list after it.
        after = stripped[verb.end():].lstrip(" •·◦▪")
        if after[:1].isupper():
            kind = heading_kind(verb)
            return kind, after
    if not match and (verb := _VERB_HEADING.match(folded)) and stripped.endswith(":"):
        # "Etaient présents les représentants des Etablissements Publics … et des communes
        # suivantes :": who the members are, in words; no name (no word in capitals) there.
        words = stripped[verb.end():-1].split()
        if not any(_token_kind(word) in "SC" for word in words):
            kind = heading_kind(verb)
            return kind, ""
    if not match:
        return None
    rest = stripped[match.start("rest"):] if match.groupdict().get("rest") is not None else ""
    if number := re.match(r"^\s*\d+\b\s*", rest):
        # "Présents : 26" is a stated count, not a list; "Membres présents : 60 MMES A, B, …"
        # (a block flattened onto one line) is both.
        if not _opens_list(rest[number.end():]):
            return None
        rest = rest[number.end():]
    kind = heading_kind(match)
    return kind, rest.strip()


_SPACED_RUN = re.compile(r"(?<!\S)(?:[A-ZÀ-Ý]{1,3} ){6,}[A-ZÀ-Ý]{1,3}(?!\S)")


def _is_secretary_line(line: str) -> bool:
    folded = _fold(_GENDER_MARK.sub("", line))
    return any(pattern.search(folded) for pattern in _SECRETARY)


_INLINE_COUNTED = re.compile(rf"(?<![\w'])(?:{_HEADING_BODY})\s*:\s*\d+\s+")
_INLINE_CAPITALS = re.compile(
    r"(?<=\s)(?:(?:ETAIENT|ÉTAIENT)\s+)?(?:PR[EÉ]SENT|ABSENT|EXCUS[EÉ]|PROCURATION|POUVOIR)S?"
    r"(?:\s+(?:EXCUS[EÉ]|ABSENT)S?)?(?=\s+(?:[A-ZÀ-Ý]\.\s|M\.\s|MME\s|Mme\s|MM\.?\s|"
    r"Monsieur\s|Madame\s))"
)


_AFTER_STOP = re.compile(rf"(?:(?<=[.]\s)|^)(?:{_HEADING_BODY})(?=\s)")
_SECRETARY_AFTER_STOP = re.compile(
    r"(?:(?<=[.]\s)|^)secretaire\s+de\s+(?:la\s+)?seance\s+(?=[a-z])")


def _names_follow(text: str) -> bool:
    """Whether ``text`` starts with a person's name: a civility, or a given name and a
    surname in either order ("Cyrille JARDONNEAU", "DUPONT Jean")."""
    tokens = [token.strip(",;.") for token in text.split()[:2]]
    if not tokens:
        return False
    kinds = [_token_kind(token) for token in tokens]
    return kinds[0] == "C" or (len(kinds) == 2 and {kinds[0], kinds[1]} == {"G", "S"})


def _split_inline(line: str, following: str = "") -> list[str]:
    """Cut a line before every heading or end marker written inside it: one-line blocks
    ("Etaient présents : … Délégués excusés : …") become one line per section."""
    folded = _fold(line)
    cuts: list[tuple[int, str]] = []
    for pattern in (_INLINE_HEADING, _INLINE_END, _INLINE_AGENDA_ITEM):
        cuts += [(match.start(), "") for match in pattern.finditer(folded) if match.start() > 0]
    # "Présent(e)s C. Montin": the colon is added so that the line reads as a heading.
    cuts += [(match.start(), match.group(0)) for match in _INLINE_MARKED.finditer(folded)]
    # "… Mme Frédérique POSTEL Étaient absents avec procuration": a heading without colon,
    # known by its capitalised verb inside the line.
    cuts += [(match.start(), "") for match in _INLINE_VERB_HEADING.finditer(folded)
             if match.start() > 0 and line[match.start()].isupper()]
    # "… du 23 septembre 2016 Membres présents : 60 MMES A, B, …": a heading with its figure,
    # the list right after it, or on the next line ("… : 58 Présents titulaires : 41 /
    # CHELIER Joachim, …", wrapped after the figure).
    cuts += [(match.start(), "") for match in _INLINE_COUNTED.finditer(f"{folded} ")
             if match.start() > 0 and _opens_list(line[match.end():].strip() or following)]
    # "… Mathieu NORLETIN ETAT DES PRESENCES PRESENTS P. BRAUNNETIN, …": a heading written in
    # capitals without colon, followed by a name.
    cuts += [(match.start(), match.group(0)) for match in _INLINE_CAPITALS.finditer(line)]
    # "… Président. Présents Cyrille X, …", "… ORNAR. Absents excusés Florence Y, …": a
    # heading without colon opening a sentence, a name right after it.
    for match in _AFTER_STOP.finditer(folded):
        heading = _HEADING.match(folded[match.start():match.end()])
        rest = line[match.end():].lstrip()
        # "… Président. Présents Cyrille / JARDONNEAU, …": the name goes on on the next line.
        if len(rest.split()) < 2:
            rest = f"{rest} {following}"
        if (heading and line[match.start()].isupper() and _names_follow(rest)):
            cuts.append((match.start(), line[match.start():match.end()].rstrip()))
    for match in _SECRETARY_AFTER_STOP.finditer(folded):
        cuts.append((match.start(), ""))
    cuts += [(start, "") for start in _inline_groups(line, folded)]
    # "… M. CERLARDEL. A B S E N T S E X C U S E S AYA N T D O N N E P O U V O I R B. X …": a
    # letter-spaced heading inside a flattened line, cut off on both sides.
    for run in _SPACED_RUN.finditer(line):
        if _SQUEEZED_HEADING.match(_fold(run.group(0).replace(" ", ""))):
            cuts += [(run.start(), ""), (run.end(), "")]
    if not cuts:
        return [line]
    pieces, position = [], 0
    for start, marked in sorted(cuts):
        if start < position:
            continue
        if start > position:
            pieces.append(line[position:start].strip())
        if marked:
            pieces.append(line[start:start + len(marked)] + " :")
            position = start + len(marked)
        else:
            position = start
    pieces.append(line[position:].strip())
    merged: list[str] = []
    for piece in pieces:
        if merged and merged[-1].endswith(" :") and _INLINE_MARKED.match(_fold(merged[-1])):
            merged[-1] = f"{merged[-1]} {piece}"
        elif piece:
            merged.append(piece)
    return merged


# "M.ROUILLON", "M.Jacques LIGNEUL": a civility glued to the name.
_GLUED_CIVILITY = re.compile(r"(?<![\w.])(M|Mme|Mr|MM|Mlle)\.(?=[A-ZÀ-Ý][A-Za-zà-ÿ])")


def block_lines(text: str, notes: list[tuple[str, str]] | None = None,
                cuts: list[str] | None = None) -> list[str]:
    """Clean lines of ``text``, with inline headings and end markers on lines of their own.
    ``notes`` receives (line, secretary) for each side-column secretary label read out of a
    list (see ``columns``), ``cuts`` each word cut at a line end joined or kept on a guess
    (see ``extraction``): guesses the caller reports."""
    lines: list[str] = []
    cleaned: list[str] = []
    raw = dehyphenate(rewrite_tables(normalise_bullets(drop_page_furniture(
        _clean_lines(side_by_side_columns(text))))), cuts, lambda line: _heading(line) is not None)
    for index, line in enumerate(raw):
        if line.startswith(BULLET) and (_heading(line[2:], next(iter(raw[index + 1:]), ""))
                                        or _is_secretary_line(line[2:]) or (
                index and re.search(r"secretaires?\s+de\s+(?:la\s+)?seance\s*:$",
                                    _fold(raw[index - 1])))):
            # "• Présents :", "- X est nommé secrétaire de séance", "Secrétaire de séance : /
            # • Mme X": no entry
            line = line[2:]
        # "… Présents / : Fabien ABERT, …": a line wrapped before the colon of a heading.
        # "Les Membres / Avaient donné procuration (2) :": a row label, then a heading.
        if cleaned and cleaned[-1] and (
                line.startswith(":") or _wraps_heading(cleaned[-1], line)
                or _wraps_spaced(cleaned[-1], line) or wraps_group_title(cleaned[-1], line)
                or _wraps_verbose_heading(cleaned[-1], line, raw[index + 1:index + 3])
        ) and not ROW_LABEL.match(_fold(cleaned[-1])):
            cleaned[-1] = f"{cleaned[-1]} {line}"
        elif (cleaned and (figure := re.match(r"\d{1,3}\s+", line))
              and _ENDS_WITH_HEADING.search(_fold(cleaned[-1]))
              and _opens_list(line[figure.end():]) and "," in line[figure.end():]):
            # "… Absents et excusés : / 17 CHELIN Dorian, …": the heading's figure wrapped
            # (a list numbered "1 DUPONT Jean / 2 MARTIN Anne" has one name a line).
            cleaned[-1] = f"{cleaned[-1]} {figure.group(0).strip()}"
            cleaned.append(line[figure.end():])
        else:
            cleaned.append(line)
    cleaned = side_label_paragraphs(cleaned)
    for index, line in enumerate(cleaned):
        line = _GLUED_CIVILITY.sub(r"\1. ", line)
        following = next((ahead for ahead in cleaned[index + 1:index + 3] if ahead), "")
        line = _without_footnote_call(line, following)
        # Cheap test first: "Secrétaire", "SECRETAIRE" (most lines have no such label).
        side = side_column_secretary(line) if "taire" in line.lower() else None
        if side:
            if notes is not None:
                notes.append((line, side[1]))
            lines.extend(_split_inline(side[0]))
            lines.append(f"Secrétaire de séance : {side[1]}")
            continue
        lines.extend(_split_inline(line, following) if line else [line])
    return lines


def _wraps_heading(previous: str, line: str) -> bool:
    """Whether a heading or an end marker written inside a line was wrapped across the line
    break: "…, Bernard X
    (VORLY), Délégués suppléants / communes avec / voix délibérative : M. Joël Y", "…,
    Caroline X Le nombre de / membres en exercice est de : 32"."""
    tail = previous[-80:]
    joined = _fold(f"{tail} {line[:60]}")
    colon = line.find(":")
    # "présent(e)s avec / droit de vote formant le quorum CAPV : …" has no colon of its own.
    # "Délégués de la Communauté de Communes de Loir Lucé / Bercé : Mmes A, …" likewise.
    # "… BLANC Clarisse Suppléants / remplaçant de droit titulaires absents : 1 X": with its
    # figure too.
    patterns = ((_INLINE_HEADING, _INLINE_COUNTED, _INLINE_END, _INLINE_MARKED, COMMUNE_PREFIX)
                if 0 < colon <= 60 else (_INLINE_END, _INLINE_MARKED))
    if any(match.start() < len(tail) and match.end() > len(tail) + 1
           for pattern in patterns for match in pattern.finditer(joined)):
        return True
    # "… Mme Flavie X Étaient / absents avec procuration": a heading opened by its verb in
    # capitals inside a line (``_INLINE_VERB_HEADING``), wrapped after the verb.
    written = f"{tail} {line[:60]}"
    return any(match.start() < len(tail) < match.end() - 1 and written[match.start()].isupper()
               for match in _INLINE_VERB_HEADING.finditer(joined))


# A line of letters and short groups of capitals only: "I R", "N T S :".
_SPACED_TAIL = re.compile(r"(?:^|\s)(?:[A-ZÀ-Ý]{1,3}\s){4,}[A-ZÀ-Ý]{1,3}$")
_SPACED_ONLY = re.compile(r"^(?:[A-ZÀ-Ý]{1,3}\s)*[A-ZÀ-Ý]{1,3}\s*:?$")


def _wraps_verbose_heading(previous: str, line: str, ahead: list[str]) -> bool:
    """"Etaient présents les représentants des Etablissements / Publics … et des / communes
    suivantes :": a heading in words wrapped before its colon. Its lines hold no name (no
    word in capitals, no civility, no figure) and the colon comes within three lines."""
    verb = _VERB_HEADING.match(_fold(previous.strip(" *_")))
    if not verb or ":" in previous or not previous[verb.end():].strip():
        return False
    for following in [line, *ahead][:3]:
        if re.search(r"\d", following) or any(
                _token_kind(token) in "SC" for token in following.rstrip(" :").split()):
            return False
        if following.rstrip().endswith(":"):
            return True
        if ":" in following:
            return False
    return False


def _wraps_spaced(previous: str, line: str) -> bool:
    """Whether a letter-spaced heading was wrapped: "A B S E N T S E X C U S E S AYA N T D O
    N N E P O U V O / I R" — the next line holds only letters of it."""
    return bool(_SPACED_TAIL.search(previous) and _SPACED_ONLY.match(line.strip()))


# "Etaient présents(es) :1", "Présents :²": one figure glued to a heading's colon.
_FOOTNOTE_CALL = re.compile(r"(?<=:)[\d¹²³⁴⁵⁶⁷⁸⁹](?=\s|$)")
_ENDS_WITH_HEADING = re.compile(rf"(?<![\w'])(?:{_HEADING_BODY})\s*:$")
# "CDC DU BAZADAIS :", "CAPV : …": a member's name in capitals with its colon.
_GROUP_LINE = re.compile(r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý'’\-/]*\s+){0,8}[A-ZÀ-Ý][A-ZÀ-Ý'’\-/]+\s*:(?!\s*\d)")


def _without_footnote_call(line: str, following: str) -> str:
    """``line`` without the call of a footnote written right after a heading's colon
    ("Etaient présents(es) :1" over "CDC DU BAZADAIS : …", or on the same line once the block
    is flattened): a single figure glued to the colon, with a list or a member's heading
    right after it, numbers a note of the PDF; a stated count is written apart ("Présents :
    26"), or has no list after it."""
    for call in reversed(list(_FOOTNOTE_CALL.finditer(line))):
        after = line[call.end():].strip() or following
        if not (_opens_list(after) or _GROUP_LINE.match(after)):
            continue
        if _ENDS_WITH_HEADING.search(_fold(line[:call.start()])):
            line = line[:call.start()] + line[call.end():]
    return line


# "… LUCHEBRAIGNOIS COMMUNAUTE DE COMMUNES FIER ET USSES Titulaires : …": a member's title and
# its "Titulaires :" / "Suppléants :" inside a flattened line.
_INLINE_GROUP = re.compile(
    rf"(?<![\w'])(?:delegues\s+|membres\s+)?(?:titulaires|suppleant{_G})\s*:(?!\s*\d)")
_INLINE_TITLE = re.compile(r"(?:(?<=\s)|^)(?:[A-ZÀ-Ý][A-ZÀ-Ý'’\-]*\s+)+$")
_KIND_WORD = re.compile(r"(?<![a-z])(?:present|absent|excuse|etai(?:en)?t|delegues\s+$)")


def _inline_groups(line: str, folded: str) -> list[int]:
    """Where to cut a flattened line before each "Titulaires :" / "Suppléants :" and the
    member's title in capitals right before it (``find_sections`` then reads them as on
    lines of their own). Not inside a heading ("Étaient présents les délégués titulaires :")."""
    starts: list[int] = []
    for match in _INLINE_GROUP.finditer(folded):
        if not match.start():
            continue
        segment = folded[folded.rfind(":", 0, match.start()) + 1:match.start()]
        if _KIND_WORD.search(segment[-60:]):
            continue
        starts.append(match.start())
        offset = max(0, match.start() - 120)
        title = _INLINE_TITLE.search(line[offset:match.start()])
        if not title:
            continue
        start, words = offset + title.start(), title.group(0).split()
        before = line[:start].split()
        # "…, Pierre LUCHEBRAIGNOIS COMMUNAUTE DE …": in a list written "Prénom NOM" (its
        # first entry says so), the first capitals after a given name are the surname.
        first = line[line.rfind(":", 0, start) + 1:start].split()[:2]
        given_first = (len(first) == 2 and _token_kind(first[0]) == "G"
                       and _token_kind(first[1].strip(",;")) == "S")
        if (len(words) > 1 and before and _token_kind(before[-1].strip(",;")) == "G"
                and given_first):
            start = line.index(words[1], start + len(words[0]))
        if _is_group_title(line[start:match.start()]):
            starts.append(start)
    return starts


# "Titulaires :", "Délégués suppléants :": which delegates, not whether they sat.
_GROUP_HEADING = re.compile(
    rf"^(?:delegues\s+|membres\s+)?(?:titulaires|suppleant{_G})\s*:(?!\s*\d)\s*(?P<rest>.*)$"
)


def _is_group_title(line: str) -> bool:
    """A line naming a member of the body in capitals, alone: "COMMUNAUTE DE COMMUNES FIER ET
    USSES", "ANNOIX"."""
    stripped = line.strip(" *_:")
    if not stripped or re.search(r"[a-zà-ÿ\d,;:()]", stripped):
        return False
    return len(stripped.split()) >= 2 or is_place(stripped)


class SuppleantLines(list):
    """The lines under a "Membres suppléants :" sub-heading: suppléants are no members in
    office (they sit in place of a titulaire, or are excused with them)."""


_DATE_LINE = re.compile(r"^date\s+d[e']\s*(?:la\s+)?(?:convocation|affichage)\s*:")


def find_sections(lines: list[str]) -> tuple[list[tuple[str, list[str]]], int]:
    """The sections of the attendance block, as (kind, lines), and the index of the line where
    the block's region ends (its stated counts and secretary are read before it).

    A soft end (the secretary, "Nombre de membres…", "Le quorum…") closes the current section;
    a later heading opens another. A hard end (the agenda, a deliberation) closes the block.
    """
    sections: list[tuple[str, list[str]]] = []
    open_section = False
    # Kind of the last heading written alone on its line ("Absents :"), that "Titulaires :" /
    # "Suppléants :" sub-headings right under it take on.
    parent: str | None = None
    previous = ""
    for index, line in enumerate(lines):
        following = next((lines[ahead] for ahead in range(index + 1, min(index + 3, len(lines)))
                          if lines[ahead]), "")
        heading = _heading(line, following)
        group = None if heading else _GROUP_HEADING.match(_fold(line.strip(" *_")))
        if group:
            # "COMMUNAUTE DE COMMUNES FIER ET USSES / Titulaires : … / Suppléants : …": the
            # delegates of one member sitting; under "Absents :", its absent ones.
            titled = _is_group_title(previous)
            kind = "present" if titled or parent is None else parent
            if titled and sections and sections[-1][1] and sections[-1][1][-1] == previous:
                sections[-1][1].pop()  # the member's name is a title, not a person
            if titled:
                parent = None
            rest = line.strip(" *_")[group.start("rest"):].strip()
            sections.append((kind, [rest] if rest else []))
            open_section = True
            previous = line
            continue
        if heading:
            kind, rest = heading
            if kind == "subpresent":
                # "Excusés : / Membres titulaires : … / Membres suppléants : …": whose list the
                # sub-headings continue is the heading's above them, présents by default.
                kind = parent if parent in {"excused", "absent"} else "present"
                if "suppleant" in _fold(line):
                    sections.append((kind, SuppleantLines([rest] if rest else [])))
                    open_section, previous = True, line
                    continue
            elif not rest:
                parent = kind
            else:
                parent = None
            sections.append((kind, [rest] if rest else []))
            open_section = True
            previous = line
            continue
        if line:
            previous = line
        folded = _fold(line)
        # "… (point / n° 5).": a note wrapped inside its brackets, no agenda item.
        in_brackets = index > 0 and lines[index - 1].count("(") > lines[index - 1].count(")")
        if sections and _END_MARKERS.match(folded) and not in_brackets:
            return sections, index
        if not sections or not open_section or not line:
            if sections and open_section:
                sections[-1][1].append(line)
            continue
        # A table left as text (not an attendance table, see ``tables``) is not a list.
        # "Monsieur X a été / nommé secrétaire de séance.": the verb's sentence wrapped.
        wrapped_secretary = (following[:1].islower()
                             and _is_secretary_line(f"{line} {following}"))
        # "Avaient donné procuration (2) : / date de la convocation : … / Dorian X": a date
        # of a column of headings printed before the names, not the end of the list.
        if _DATE_LINE.match(folded) and not sections[-1][1] and _names_follow(following):
            continue
        if (_SOFT_END.match(folded) or _is_secretary_line(line) or wrapped_secretary
                or TABLE_ROW.match(line)):
            open_section = False
            continue
        if _PAGE_NUMBER.match(folded):
            continue  # a page number or footer inside a list
        sections[-1][1].append(line)
    return sections, len(lines)
