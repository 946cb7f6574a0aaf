"""Stated figures of an attendance block: "En exercice : 42 Présents : 27 Pouvoirs : 7
Votants : 34", "Absents : 8", in the layouts clerks print them:

- inline, each figure after its label, with or without a colon ("Présents 25"), in brackets
  after a heading ("Étaient présents (17)", "PRESENTS [13] :");
- as a table flattened label column first, with colons ("En exercice : Présents : Votants :
  42 27 34") or without ("Afférents En exercice Présents Votants 45 42 27 34"): the values
  belong to the labels in order, never the first value to the last label;
- repeated for groups of items (one block of figures per group of deliberations): the
  largest "présents" counts, with the "votants" of the same block;
- combined: "présents ou représentés : 34" is the number of votants, not of procurations.

The figures check the lists (``arbiter``): a figure never adds or removes a name by itself;
only a known pattern of self-contradicting minutes that the figure confirms exactly does, and
it is said.
"""

from __future__ import annotations

import re

from .results import StatedCounts
from .sections import _G
from .text import _fold

# A figure after its label: "Présents : 27", "Présents 27", "Présents = 27", "(27)", "[27]";
# not a time ("pouvoir à 19 h", "à 19h30") nor a date ("excusé 12/03").
_VALUE = r"[ \t]*[:=]?[ \t]*[(\[]?(\d+)(?!\d)(?!\s*(?:h\b|heures?|[/.]\d))"

_COUNT_PATTERNS = {
    # "En fonction : 126" (Sundgau) says the same as "en exercice".
    "in_office": re.compile(r"en\s+(?:exercice|fonction)(?:\s+est\s+de)?[ \t]*(?::|=|-)?[ \t]*"
                            r"(\d+)"),
    # Optional colon: "Présents 25"; "… titulaires et suppléants présents est de : 17".
    "present": re.compile(
        rf"(?<![a-z])present{_G}(?:[ \t]+a[ \t]+la[ \t]+seance)?(?:\s+est\s+de)?[ \t]*[:=]?"
        # "Nombre de présents : (48)": the figure in parentheses.
        rf"[ \t]*[(\[]?(\d+)"
        # "Nombre de conseillers qui assistent à la séance : 12" (PETR Cœur de Lorraine),
        # "Nombre de membres qui ont pris part aux délibérations : 25" (Val de Loir).
        r"|(?:conseillers|membres|delegues)\s+(?:qui\s+assistent|assistant)\s+a\s+la\s+seance"
        r"[ \t]*[:=]?[ \t]*(\d+)"
        r"|(?:conseillers|membres|delegues)\s+qui\s+ont\s+pris\s+part\s+aux\s+deliberations"
        r"[ \t]*[:=]?[ \t]*(\d+)"
    ),
    "voters": re.compile(
        rf"(?<![a-z])votant{_G}(?:\s*\([^)]*\))?(?:\s+est\s+de)?[ \t]*(?::|=)?[ \t]*(\d+)"
        # "Ayant pris part au vote : 34", as in a flattened table.
        rf"|(?<![a-z])ayant\s+pris\s+part\s+au\s+vote{_VALUE}"
        # "Présents ou représentés : 34": those who vote, in person or by procuration.
        rf"|(?<![a-z])present{_G}\s+(?:ou|et)\s+represente{_G}(?:\s+est\s+de)?{_VALUE}"
    ),
    "proxies": re.compile(
        rf"(?<![a-z])(?:procuration{_G}|pouvoir{_G}|represente{_G}|mandats?\s+de\s+vote)"
        r"(?:\s+ecrits?\s+de\s+vote)?"
        # "AYANT DONNE MANDAT DE VOTE [2] :", "Avaient donné procuration (2) :": the figure
        # of the list in brackets, as after "PRESENTS [13] :".
        rf"(?:\s+est\s+de)?[ \t]*[:=]?[ \t]*[(\[]?(\d+)(?!\s*(?:h\b|heures?|[/.]\d))"
        # "Votants : 34 (dont 7 pouvoirs)".
        r"|(?<![a-z])dont\s+(\d+)\s+(?:procurations?|pouvoirs?|representes?)(?![a-z])"
    ),
    # "Absents : 8", "Absents non excusés : 2"; "Absents excusés : 3" are excusés.
    "absent": re.compile(rf"(?<![a-z])absent{_G}(?:\s+non\s+excuse{_G})?(?:\s+est\s+de)?"
                         rf"{_VALUE}"),
    "excused": re.compile(rf"(?<![a-z])(?<!non\s)excuse{_G}(?:\s+est\s+de)?{_VALUE}"),
}

# The figure before its word, in a sentence: "… s'est réuni, 27 membres présents, 7 pouvoirs,
# 34 votants", "12 conseillers présents sur 15 en exercice". Read only where no figure of
# that kind is written after its label.
_FIGURE_FIRST = re.compile(
    r"(?<![\d/.,:])(?<!\d\s)(\d{1,3})[ \t]+(?:(?:membres|conseillers(?:\s+communautaires)?|"
    r"delegues|elus)[ \t]+)?(?:titulaires[ \t]+)?(?P<word>en\s+exercice|present|votant|pouvoir|"
    r"procuration|represente|absent|excuse)(?:\(?e\)?)?(?:\(?s\)?)?(?![a-z])"
    r"(?P<excused>\s+(?:et\s+)?excusee?s?)?")
# "à partir de la question 2 présents…": the number of an item; "En exercice : 42 Présents",
# "Le quorum de 17 membres présents": the value of the label before it.
_ITEM_BEFORE = re.compile(r"(?:(?:question|point|dossier|affaire|article|n\s*[°o]\.?)s?|"
                          r"quorum(?:\s+(?:de|est\s+de|:))?|[:=]|[(\[]|^|\n)\s*$")
_FIRST_WORDS = {"en exercice": "in_office", "present": "present", "votant": "voters",
                "pouvoir": "proxies", "procuration": "proxies", "represente": "proxies",
                "absent": "absent", "excuse": "excused"}

# A line cut between a label and its value: "Présents :\n40 Votants : 42", "… est de\n: 02".
# After the colon, the value must stand alone or before another label, never before a name
# ("Présents :\n1 DUPONT Jean" is a numbered list).
_WRAPPED_AFTER_COLON = re.compile(
    r"(?<=[:=])([ \t]*)\n(?=[ \t]*\d{1,4}(?!\d)[ \t]*(?:$|\n|[.,;)\-–]|(?:nombre|le\s+quorum|"
    r"le\s+nombre|en\s+exercice|presents?|votants?|pouvoirs?|procurations?|absents?|excuses?|"
    r"[a-z' ]{1,40}:)))", re.MULTILINE)
_WRAPPED_BEFORE_COLON = re.compile(r"\n(?=[ \t]*[:=][ \t]*\d)")


def _lines_with_figures(text: str) -> str:
    """The lines that hold a number, with the 600 characters before them (labels wrapped, or
    printed as a column above their values, as far back as ``_table_counts`` looks) and the
    line after (the word after a figure): a figure is never elsewhere, and a list of 150
    names without one then costs nearly nothing to search."""
    lines = text.split("\n")
    keep: set[int] = set()
    for index, line in enumerate(lines):
        if any(char.isdigit() for char in line):
            keep.update(range(index, min(len(lines), index + 2)))
            before, back = 0, index - 1
            while back >= 0 and before < 600 and back not in keep:
                keep.add(back)
                before += len(lines[back]) + 1
                back -= 1
    return "\n".join(lines[index] for index in sorted(keep))


def _unwrap_values(folded: str) -> str:
    """The line breaks between a label and its value made spaces, and the words cut by a
    hyphen at a line end ("POUV-\nOIRS : 6") joined: the figures are read from this copy
    only (no span of it is used elsewhere)."""
    folded = re.sub(r"(?<=[a-z])-[ \t]*\n[ \t]*(?=[a-z])", "", folded)
    folded = _WRAPPED_AFTER_COLON.sub(lambda match: match.group(1) + " ", folded)
    return _WRAPPED_BEFORE_COLON.sub(" ", folded)


# "Présents ou représentés": the procurations' word in it is no figure of procurations.
_PRESENT_OR_REPRESENTED = re.compile(rf"(?<![a-z])present{_G}\s+(?:ou|et)\s+represente{_G}")
# "Suppléants remplaçant de droit titulaires absents : 1": the figure of the suppléants
# sitting, not of the absents.
_SUBSTITUTES_FIGURE = re.compile(rf"(?<![a-z])suppleant{_G}\s+(?:remplacant|siegeant\s+pour)"
                                 r"[^:\d]{0,60}:")


def read_counts(text: str) -> StatedCounts:
    """Stated figures of ``text``. Where several "présents" figures are stated (titulaires,
    suppléants, both; or one block per group of items), the largest counts: it is the one
    that includes the others, and the "votants" of its block go with it."""
    folded = _unwrap_values(_fold(_lines_with_figures(text)))
    table, claimed = _table_counts(folded)
    combined = [match.span() for match in _PRESENT_OR_REPRESENTED.finditer(folded)]
    substitutes = [match.span() for match in _SUBSTITUTES_FIGURE.finditer(folded)]
    found: dict[str, list[int]] = {}
    for attribute, pattern in _COUNT_PATTERNS.items():
        for match in pattern.finditer(folded):
            group = next(index for index, value in enumerate(match.groups(), 1) if value)
            # A value of a flattened table is its own label's, not the one before it.
            if any(low <= match.start(group) < high for low, high in claimed):
                continue
            if attribute == "proxies" and any(low <= match.start() < high
                                               for low, high in combined):
                continue
            if any(low <= match.start() < high for low, high in substitutes):
                continue
            found.setdefault(attribute, []).append(int(match.group(group)))
            claimed.append(match.span(group))
    counts = StatedCounts()
    for attribute, values in found.items():
        setattr(counts, attribute, values[0])
    if presents := found.get("present"):
        counts.present = max(presents)
        voters = found.get("voters", [])
        if len(presents) > 1 and len(voters) == len(presents):
            counts.voters = voters[presents.index(counts.present)]
    for attribute, value in table.items():
        if getattr(counts, attribute) is None:
            setattr(counts, attribute, value)
    for match in _FIGURE_FIRST.finditer(folded):
        word = " ".join(match["word"].split())
        attribute = "excused" if match["excused"] else _FIRST_WORDS[word]
        if (getattr(counts, attribute) is None and attribute not in found
                and not _ITEM_BEFORE.search(folded, max(0, match.start() - 30), match.start())
                and not any(low <= match.start(1) < high for low, high in claimed)):
            setattr(counts, attribute, int(match.group(1)))
    return counts


# A table of figures flattened label column first: "En exercice : Ayant pris part à la
# délibération : Date de la Convocation : 42 34 14/02/2019".
_VALUES_RUN = re.compile(
    r"(?<=:)\s+(?P<values>(?:(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{1,4})(?:\s+|$)){2,})")
# In order: "absents non excusés" are absents, "absents excusés" excusés.
_TABLE_LABELS = {
    "in_office": re.compile(r"en\s+exercice\s*$"),
    "present": re.compile(r"(?<![a-z])presents?\s*$"),
    "voters": re.compile(r"(?:votants?|ayant\s+pris\s+part\s+(?:a\s+la\s+deliberation|au\s+vote))"
                         r"\s*$"),
    "proxies": re.compile(r"(?<![a-z])(?:procurations?|pouvoirs?|representes?)\s*$"),
    "absent": re.compile(r"(?<![a-z])absents?(?:\s+non\s+excuses?)?\s*$"),
    "excused": re.compile(r"(?<![a-z])excuses?\s*$"),
}

# The same table without colons: "Afférents En exercice Présents Votants 45 42 27 34".
_BARE_LABEL = (r"(?:(?:nombre\s+de\s+)?(?:membres|conseillers(?:\s+communautaires)?|delegues)"
               r"\s+)?(?:afferents?(?:\s+au\s+(?:conseil|comite)(?:\s+de\s+communaute|\s+communautaire|"
               r"\s+syndical|\s+municipal)?)?|en\s+exercice|presents?|votants?|procurations?|pouvoirs?|"
               r"representes?|absents?\s+non\s+excuses?|absents?(?:\s*[,/\-–]\s*|\s+)excuses?|"
               r"absents?|excuses?)")
_BARE_TABLE = re.compile(
    rf"(?<![a-z])(?P<labels>{_BARE_LABEL}(?:[\s,;/|\-–]+{_BARE_LABEL})+)[\s:|\-–]+"
    r"(?P<values>(?>\d{1,4})(?!\d)(?:[\s,;|\-–]+(?>\d{1,4})(?!\d))*)"
    r"(?![/.:,]\d)(?!\s*(?:h\b|heures?))")
_BARE_ONE = re.compile(_BARE_LABEL)


def _attribute(label: str) -> str | None:
    return next((attribute for attribute, pattern in _TABLE_LABELS.items()
                 if pattern.search(label)), None)


def _table_counts(folded: str) -> tuple[dict[str, int], list[tuple[int, int]]]:
    """Figures of a flattened table whose labels all come before their values, and the
    spans of its values (which no label before them may claim). With colons, paired from
    the end (the first labels may title the table: "Nombre de membres :"), and taken only
    where the labels are those of stated counts and the values whole numbers; without
    colons, paired in order when there are as many values as labels, and otherwise not read
    (a table with a value missing cannot say which)."""
    counts: dict[str, int] = {}
    claimed: list[tuple[int, int]] = []
    for match in _VALUES_RUN.finditer(folded):
        labels = []
        for label in reversed(folded[max(0, match.start() - 600):match.start()].split(":")[:-1]):
            if re.search(r"\d", label) or not 3 <= len(label.strip()) <= 80:
                break
            labels.insert(0, label.strip())
        values = match["values"].split()
        if len(labels) < 3 or len(values) > len(labels):
            continue
        claimed.append(match.span("values"))
        for label, value in zip(reversed(labels), reversed(values), strict=False):
            if (attribute := _attribute(label)) and value.isdigit():
                counts.setdefault(attribute, int(value))
    for match in _BARE_TABLE.finditer(folded):
        labels = [label.group() for label in _BARE_ONE.finditer(match["labels"])]
        values = re.findall(r"\d+", match["values"])
        claimed.append(match.span("values"))
        if len(values) != len(labels):
            continue
        for label, value in zip(labels, values, strict=True):
            if attribute := _attribute(label):
                counts.setdefault(attribute, int(value))
    return counts, claimed
