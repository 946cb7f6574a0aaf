"""Logical lines of one section: where a line break separates two entries, and where the
extraction only wrapped one (inside a proxy's words, a name, a note, a heading of communes, a
row of names without separator, a sentence about a présent). Each rule says which layout it
reads; ``_logical_lines`` joins the physical lines of a section accordingly."""

from __future__ import annotations

import re

from .extraction import BULLET
from .headings import _G
from .names import _INITIALS, _PARTICLES, _token_kind
from .text import _fold

_CONNECTIVE_END = re.compile(
    r"(?:donne{_G}|remis|a\s+donne)\s+(?:procuration|pouvoir)(?:\s+de\s+vote)?\s*$"
    r"|represente{_G}\s+par\s*$|(?:^|\s)(?:a|par|(?:au\s+profit|en\s+faveur)\s+de)\s*$"
    .replace("{_G}", _G)
)
_CONNECTIVE_START = re.compile(
    r"^(?:a|par|(?:au\s+profit|en\s+faveur)\s+de|(?:(?:qui|ayant)\s+(?:a\s+)?)?donne{_G}\s+"
    r"(?:procuration|pouvoir)|"
    r"(?:pouvoir|procuration)\s+a|represente{_G}\s+par)\s".replace("{_G}", _G)
)


_COMMUNE_AFTER_POUR = re.compile(r"\spour\s+(?:[A-ZÀ-Ý][A-ZÀ-Ý'’\-]*\s*)+$")


def _kinds_of_fragment(fragment: str) -> set[str]:
    # "Bastien (T)." once its note is out: the full stop is no word.
    return {_token_kind(token) for token in fragment.split() if any(c.isalpha() for c in token)}


# "Mr Lucas X est arrivé au cours de la séance (point n° 5).": a sentence about a présent.
_CIVILITY_NAME = r"(?:m\.?|mr\.?|mme\.?|monsieur|madame)\s+.+?"
# A sentence under the présents about one of them: "M. X est arrivé (au point 5)", "M. X
# quitte la séance avant le vote du point 7", "Arrivée de Mme Y au point 3", "Départ de M. Z
# à 21 h" (the name in the group named after the way: arriving or leaving).
_ARRIVAL_SENTENCE = re.compile(
    rf"^(?P<name>{_CIVILITY_NAME})\s+(?:(?:est|a\s+ete)\s+arrivee?|arrive)\b"
    rf"|^(?P<leaving>{_CIVILITY_NAME})\s+(?:(?:est|a\s+ete)\s+(?:partie?|sortie?)|a\s+quitte|"
    r"quitte|part|sort)\b"
    rf"|^arrivee\s+de\s+(?P<arriving>{_CIVILITY_NAME})(?=\s+(?:a|au|lors|pendant|avant)\b)"
    rf"|^(?:depart|sortie)\s+de\s+(?P<departing>{_CIVILITY_NAME})"
    r"(?=\s+(?:a|au|lors|pendant|avant|apres)\b)")


def _joins_next(previous: str, following: str) -> str | None:
    """The separator to put between two physical lines of one section, or None when the
    line break separates entries.

    A break inside a proxy ("donne procuration / à MARGEZ Maryse"), after a line-end hyphen,
    or between a surname and its given name is not a separator.
    """
    if following.startswith(BULLET):
        return None  # a bullet opens an entry
    if re.search(r"[^\W\d_]-$", previous):
        return ""
    if re.search(r"(?:^|\s)COMMUNE(?:\s+D[EU]S?)?$", previous):
        return " "  # "… COMMUNE / D’YVOIRE MILERGUE Philibert": the heading goes on
    if _ARRIVAL_SENTENCE.search(_fold(previous)) and not previous.rstrip().endswith((".", ";")):
        return " "  # "Mr X est arrivé au cours de la séance de Conseil / Municipal (point 5)."
    if previous.count("(") > previous.count(")"):
        return " "  # a note wrapped over two lines: "(suppléant de / M. BAR Jacques)"
    folded_prev, folded_next = _fold(previous), _fold(following)
    if _CONNECTIVE_END.search(folded_prev) or _CONNECTIVE_START.match(folded_next):
        return " "
    # A line that ends with a civility, a particle or "et"/"pour" ("Mme RORDELET et M. /
    # DOLLINEAU", "… pour AZAY LE / RIDEAU", "MM GRERLOUMIER / et VOUSERGUE"): no entry ends
    # there; the extraction wrapped it.
    # Likewise a spaced dash ("GAUSARGUES - / VARIGNAC Katia") and an initial before the rest
    # of its word ("GADAUDIN P / lacide", repaired with the entry).
    last = previous.split()[-1] if previous.split() else ""
    if (_token_kind(last) in "CP" or last in {"M.", "MM", "MM.", "-", "–"}
            # "… PELLEN-LE / GUILLOU": a particle after a hyphen opens the rest of the name.
            or re.search(r"-(?:LE|LA|DE|DU|DES|DI|DA|DEL|VAN)$", last)
            # "… pour LA CHAPELLE / AUX NAUX M. X": a commune after "pour" goes on.
            or (_COMMUNE_AFTER_POUR.search(previous) and _token_kind(following.split()[0]) == "S")
            or re.search(r"\s(?:et|pour)$", folded_prev)
            # "remplacée par sa / suppléante": the possessive, in lower case ("AA Sa" is a
            # given name).
            or re.search(r"\s(?:sa|son|ses)$", previous)
            or re.match(r"(?:et|pour)\s", folded_next)
            or (len(last) == 1 and last.isupper() and following[:1].islower())):
        return " "
    if re.search(r"[,;]\s*$", previous) or re.match(r"^\s*[,;]", following):
        return None
    if _particle_opens(previous, following):
        return " "
    # "…, GRORLIGNAC / - GRIMELLEC Maud - Tiphaine, …": in a list separated by commas, a
    # dash opening the line joins a compound name written with spaced dashes.
    if (re.match(r"[-–]\s", following) and re.search(r"[,;]", previous)
            and _token_kind(previous.split()[-1]) == "S"):
        return " "
    # "… ; M LAVERGNE Olivier / suppléant M. DUMERY …" (a page break or a wrap before the
    # words of a note): no entry opens in lower case, the line goes on with the one above.
    if re.match(r"[a-zà-ÿ]{3,}\s", following) and not previous.rstrip().endswith((".", ":")):
        return " "
    if following.startswith("(") and not previous.endswith(")"):
        return " "  # "GROUSSETIN T. / (pouvoir à C. X)": a note follows its name
    # Notes are not words of the name: "…, Berthe / MIROUSSE (titulaire), …".
    # " et " separates two names as a comma does: "Jules-Rufin / PRARDEYRAC et Gontran X".
    # A full stop after a surname ends the entry before it: "… RORRARGUES. Perrine / X, …".
    tail = re.sub(r"\([^()]*\)?", " ", re.split(r"[,;]| [-–] | et |(?<=[A-ZÀ-Ý]{2})\.\s",
                                                previous)[-1])
    # A full stop after a word ends the entry: "Romain / RORRARGUES. Perrine X, …".
    # "VINONNET / G.– NIRLAVEL S.": a dash glued to an initial separates as a spaced one.
    head = re.sub(r"\([^()]*\)?", " ", re.split(
        r"[,;]| [-–] |(?<=\.)[-–]\s| et |(?<=[^\W\d_]{2})\.\s", following)[0])
    tail_kinds, head_kinds = _kinds_of_fragment(tail), _kinds_of_fragment(head)
    if head.split() == ["M."] and following.strip() != "M.":
        # "… MIVEYRAC / M. – PAURNEYRAC J.L.": "M." alone before a separator opens no name;
        # it is the initial of the surname the line above ends with.
        head_kinds = {"G"}
    tail_words = tail.split()
    if (len(tail_words) >= 2 and _fold(tail_words[0]) in _PARTICLES
            and _token_kind(tail_words[1]) == "S"):
        # "De MEAUBREAULAS / Anne-Jacques": a particle in title case opens the surname.
        tail_kinds = _kinds_of_fragment(" ".join(tail_words[1:])) | {"P"}
    if not tail_kinds or not head_kinds:
        return None
    if _inside_an_entry(previous, following, tail_kinds, head_kinds):
        return " "
    # "…, L. / Lamonnet, …": an initial alone after a separator opens a name wrapped before
    # its surname (in "DUPONT J." the initial ends the name, and is not alone).
    if len(tail.split()) == 1 and _INITIALS.match(tail.split()[0]) and head.split():
        return " "
    # "M.", "C.", "R. LE" at the end of a line: the name goes on on the next one.
    if tail.split() and (tail_kinds <= {"C", "G", "P"} and _token_kind(tail.split()[-1]) in "CP"
                         or (tail_kinds <= {"C", "G"} and "S" in head_kinds
                             and len(tail.split()) <= 2
                             and all(len(t.strip(".")) <= 2 for t in tail.split()))):
        return " "
    # "… – Mme Renée / Marthe DOUMANDIER, …": a civility and given names without surname,
    # the next line going on with more given names or the surname, before any civility.
    # Without civility likewise: "…, Jules / Camille SIRNAUDEL, …" (two given names).
    if (tail_kinds <= {"C", "G"} and "S" in head_kinds
            and _token_kind(head.split()[0]) in "GS"):
        return " "
    # "Monsieur WILLLIAM / Jacques": a civility does not make the surname less alone.
    surname_only = tail_kinds - {"C"} <= {"S", "P"} and bool(tail_kinds - {"C"})
    given_only = "G" in tail_kinds and tail_kinds <= {"C", "G"}  # "M. Cyrille / KERRAND"
    if (surname_only and head_kinds <= {"G"}) or (given_only and head_kinds <= {"S", "P"}):
        return " "
    if (surname_only and _token_kind(head.split()[0]) == "G" and len(head.split()) > 1
            and _token_kind(head.split()[1]) == "L"):
        # "…, GRORLIGNAC-GRIMELLEC / Maud-Tiphaine remplacée par son suppléant …": the given
        # name closes the name, the words of a note follow it.
        return " "
    head_words, tail_words = head.split(), tail.split()
    given_alone = (given_only or len(tail_words) >= 2 and _token_kind(tail_words[-1]) == "G"
                   and _token_kind(tail_words[-2]) in "LC")
    if (given_alone and len(head_words) >= 2 and len(head_words[0]) == 1
            and head_words[0].isupper() and _token_kind(head_words[1]) == "S"):
        # "…, Simon / W ALORNIER, …", "… pouvoir à Simon / W ALORNIER": a surname cut by
        # the extraction after its first letter, after a given name without surname yet.
        return " "
    # "…, LORDEYRAC C., FOULASSOL / C. TRESELET JM.": in a list written "NOM Initiale", a line
    # that opens with an initial before a surname continues the surname alone above it.
    if (surname_only and len(head_words) >= 2 and _token_kind(head_words[0]) == "G"
            and _token_kind(head_words[1]) == "S" and _order_of(previous) == "SG"):
        return " "
    # "… remplacé par son suppléant LOSSINEAU / Georges, …", "… remplaçante de M. VANDAMME /
    # Anthony (Le Vilhain) ; …": the name that ends the line after the words of a note is a
    # surname alone; the line that follows starts with its given name only.
    # Likewise "… pouvoir à Yolande / TENELLEC, …": a given name alone after the words of a
    # proxy, its surname opening the next line.
    if _cut_in_pairs(previous, following):
        return " "
    # "…, TAROUMIER Julien / Marc, DREVIÈRE Jules.": in a list written "NOM Prénom", given
    # names alone before a separator are the second given name of the entry above.
    if (head_kinds == {"G"} and len(head.split()) <= 2 and re.match(r"[^,;]+[,;.]", following)
            and tail_kinds == {"S", "G"} and _token_kind(tail.split()[-1]) == "G"
            and _order_of(previous) == "SG"):
        return " "
    if _holder_cut(previous, following):
        return " "
    # "…, GRINOUX Denis, FAUFILOUX / CONSARIS Suzon, …": in a list written "NOM Prénom", a
    # surname without given name at the line end goes on with the next line's.
    head_tokens = head.split()
    if (surname_only and len(head_tokens) >= 2 and _token_kind(head_tokens[0]) == "S"
            and _token_kind(head_tokens[-1]) == "G" and _order_of(previous) == "SG"):
        return " "
    words = tail.split()
    for ending, opening in (("SP", "G"), ("G", "SP")):
        trailing = 0
        while trailing < len(words) and _token_kind(words[-1 - trailing]) in ending:
            trailing += 1
        before = words[-1 - trailing] if 0 < trailing < len(words) else ""
        head_words = head.split()
        leading = 0
        while leading < len(head_words) and _token_kind(head_words[leading]) in opening:
            leading += 1
        # "… suppléant de Romain / PRORSONNET.": after "de" as after any word of a note.
        # "… a donné procuration à Julien / Clovis GAMY.": a given name after the words of a
        # proxy, the next line going on with the rest of the given names and the surname.
        givens = 0
        while givens < len(head_words) and _token_kind(head_words[givens]) == "G":
            givens += 1
        if (ending == "G" and before and _token_kind(before) == "L" and 1 <= givens <= 2
                and givens < len(head_words) and _token_kind(head_words[givens]) in "SP"):
            return " "
        # "… délégué(e)s titulaires Lou / CHASONNET Jules- Pacôme NEDANDIER": in a list
        # written "Prénom NOM", the next name may follow the surname without separator.
        next_name = (ending == "G" and leading < len(head_words)
                     and _token_kind(head_words[leading]) == "G" and _order_of(previous) == "GS")
        if (before and (_token_kind(before) in "CLP" or before in {"M", "MM", "MR"})
                and 1 <= leading <= 2 and (leading == len(head_words) or next_name
                                           or _token_kind(head_words[leading]) in "CL")):
            return " "
    return None


# Particles that open no entry of a list: "La", "Le", "Les" may open a commune's name.
_NAME_PARTICLES = _PARTICLES - {"la", "le", "les", "y"}


def _particle_opens(previous: str, following: str) -> bool:
    """"…, M Paugrelot, M Lemaire / De Plitoplarenne, M Martin.": in a list separated by
    commas, a line that ends without separator and a next line that opens with a particle
    before a capitalised word, in any case ("De", "DU", "van"), is one name wrapped by the
    extraction: an entry opens with a civility or a name, not with a particle."""
    words = following.split()
    outside = re.sub(r"\([^()]*\)?", " ", previous)
    return (len(words) >= 2 and _fold(words[0]) in _NAME_PARTICLES
            and words[1][:1].isupper() and bool(re.search(r"[,;]", outside))
            and bool(re.search(r"[^\W\d_]$", previous.rstrip())))


def _inside_an_entry(previous: str, following: str, tail_kinds: set[str],
                     head_kinds: set[str]) -> bool:
    """In a paragraph of names separated by commas, wrapped by the extraction, a line that
    ends without separator breaks an entry, and a next line that opens with surname words
    only goes on with it: "…, MM. LENNAUDEL, DE CLERNONNEAU / DE PROUNNOUMIER, Mmes …",
    "…, Aristide EL / TORNAUDIN, Mathilde …" (a line of such a list wraps after its comma)."""
    outside = re.sub(r"\([^()]*\)?", " ", previous)
    return (bool(re.search(r"[,;]", outside)) and "S" in tail_kinds
            and not re.search(r"[,;.:)]\s*$", previous)
            # The list's last entry has no separator after it: "… Caroline TRAUSSERGUE / DE
            # VAURNAUZET" (no entry opens with a particle, so it is no new one).
            and (bool(re.search(r"[,;]", following)) or _token_kind(following.split()[0]) == "P")
            and head_kinds <= {"S", "P"} and "S" in head_kinds)


_HOLDER = re.compile(r"^(?P<giver>.+?)\s(?:a|pouvoir\s+a|procuration\s+a)\s(?P<holder>[^,;()]+)$")


def _holder_cut(previous: str, following: str) -> bool:
    """"Mme BESONNET Jeanne à Mme FLIOUSSE / BRAROLLE Agathe": a proxy whose giver is written
    "NOM Prénom" and whose holder, at the line end, has no given name yet goes on with the
    next line when it opens with surname and given name and holds no proxy of its own."""
    proxy = _HOLDER.match(_fold(previous.split(";")[-1].split(",")[-1]).strip())
    if not proxy or re.search(r"\s(?:a|pouvoir)\s", _fold(following)):
        return False
    start = len(previous) - len(previous.split(";")[-1].split(",")[-1].strip())
    giver = previous[start:start + proxy.end("giver")].split()
    holder = previous[start + proxy.start("holder"):].split()
    opening = [_token_kind(token.strip(",;.")) for token in following.split()[:2]]
    giver_kinds = [_token_kind(token) for token in giver]
    return (len(giver_kinds) >= 2 and giver_kinds[-2:] == ["S", "G"]
            and {_token_kind(token) for token in holder} - {"C"} <= {"S", "P"}
            and opening == ["S", "G"])


def _cut_in_pairs(previous: str, following: str) -> bool:
    """A line of names without separator (a table of two names a row, flattened) wrapped
    between the two words of one name: "… Magali SAVISSON Perrin BIRLASSOL Mélanie /
    VOUTIÈRE Camille FOUSELLEC …". The line above ends with the word that opens its names
    (after at least two whole names), the next one starts with the word that closes them."""
    if "(" in previous:
        return False
    # Within the entry the line ends with: "… pouvoir à MARNERGUE Bruno COMMUNE DE LULLY
    # GRARLARDEL-BELASSOL / Martial, pouvoir à …".
    kinds = [_token_kind(token) for token in re.split(r"[,;]", previous)[-1].split()]
    kinds = ["S" if kind == "P" else kind for kind in kinds]
    trailing = []
    for kind in reversed(kinds):
        if kind not in "SG":
            break
        trailing.append(kind)
    trailing.reverse()
    # Two whole names before the cut word tell the order; one is enough after the words of
    # a heading ("Pouvoir à Magali SAVISSON Perrin / BIRLASSOL"), where the names begin.
    opened = len(trailing) < len(kinds)
    if len(trailing) < (3 if opened else 5):
        return False
    # Runs of one kind ("Jules-Léon", "DEL RIO"): "GSGSG" or "SGSGS" once collapsed.
    runs = [kind for index, kind in enumerate(trailing) if not index or kind != trailing[index - 1]]
    head = [_token_kind(token) for token in following.split()[:2]]
    return (len(runs) >= (3 if opened else 5) and runs[0] == runs[-1] and bool(head)
            and head[0].replace("P", "S") == runs[1])


def _order_of(text: str) -> str | None:
    """"SG" when the entries of ``text`` (separated by commas or semicolons) are written
    surname first ("POSSELET J.", "DUPONT Jean"), "GS" when given name first, None when
    fewer than three entries say it or they disagree."""
    orders = []
    for entry in re.split(r"[,;]", re.sub(r"\([^()]*\)?", " ", text))[-12:]:
        kinds = [_token_kind(token) for token in entry.split()]
        kinds = [kind for kind in kinds if kind in "SG"]
        if len(kinds) >= 2 and kinds[0] != kinds[-1]:
            orders.append(kinds[0] + kinds[-1])
    if len(orders) < 3:
        return None
    first = orders[0]
    return first if all(order == first for order in orders) else None


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
