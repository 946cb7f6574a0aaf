"""Procurations: "X à Y", "X donne pouvoir à Y", "X (pouvoir à Y)", "Pouvoir de X à Y",
"Procuration de X en faveur de Y"."""

from __future__ import annotations

import re

from .headings import _G
from .names import _read_names, _read_note, _split_entry
from .results import ProxyEntry
from .text import _GENDER_MARK, _fold

_PROXY_PAREN = re.compile(
    # "X (a donné pouvoir à Y)", "X (excusée, pouvoir à Y)".
    rf"^(?P<giver>.+?)\s*\(\s*(?:excuse{_G}\s*[,;-]?\s*)?(?:pouvoir|procuration|represente{_G}"
    rf"\s+par|(?:a\s+|ayant\s+)?donne{_G}\s+(?:pouvoir|procuration))\s*(?:donne{_G}\s+)?(?:a|(?:au\s+profit|en\s+faveur)\s+de|"
    rf"par|:)?\s*(?!d[eu]\s|d')(?P<holder>[^)\s][^)]*)\)(?P<rest>.*)$"
)
# "X (pouvoir M. Y)": no "à" nor "de" to tell the direction; the list it stands in does.
_PAREN_WITHOUT_CONNECTIVE = re.compile(r"\(\s*(?:pouvoir|procuration)s?\s+(?!a\s|au\s|par\s|de\s|"
                                       r"du\s|d'|donne)")
# A condition written after the holder: "… à Y à partir de l'élection du 5ème Vice-Président",
# "… à Y à partir de 11 heures", "… à Y jusqu'à la question 4".
_CONDITION = re.compile(r"\s+(?=(?:a\s+partir\s+d|jusqu'|des\s+(?:la|le|l'|\d)|apres\s|"
                        r"avant\s|pour\s+(?:la|le|les)\s))")
# Verbs that open a procuration or a substitution inside an entry: several on one line
# without separator ("Madame A donne pouvoir à Monsieur B Monsieur C donne pouvoir à …").
# A verb starts a word: in "AA Ma donne procuration", "a donne" inside "Ma" is none.
_PROXY_VERB = re.compile(
    rf"(?:,\s*)?(?<![^\W_])(?:(?:qui\s+)?(?:a\s+|ayant\s+)?(?:donne{_G}|remis|confie{_G})\s+(?:procuration|"
    rf"pouvoir|mandat)(?:\s+de\s+vote)?\s+(?:a|(?:au\s+profit|en\s+faveur)\s+de)|(?:pouvoir|procuration)\s+a|"
    rf"supplee{_G}\s+par|represente{_G}\s+par"
    # "Mme X remplacée par sa suppléante Mme Y M. Z remplacé par son suppléant M. W".
    rf"|remplace{_G}\s+par(?:\s+(?:son|sa|le|la)\s+suppleant{_G})?"
    # "Mme X pour M. Y Mme Z pour M. W" (holders first), not "pour la question 3".
    rf"|(?<=\s)pour(?!\s+(?:la|le|les|l'|un|une|des|du|de|d'|toute?s?|chaque|cause|raison|motif)\b))\s"
)
# The holder's name ends at a sentence's full stop or at a word with a figure.
_AFTER_HOLDER = re.compile(r"(?<=[^\W\d_]{2})\.\s+\S|\s+\S*\d")
_PROXY_VERB_BARE = re.compile(rf"{_PROXY_VERB.pattern}|(?<=\s)(?:a|par)\s")
_PROXY_STRONG = [
    # "M. X, excusé, a donné pouvoir à Y", "M. X est absent et a donné pouvoir à Y".
    re.compile(
        rf"^(?P<giver>.+?)(?:\s*,?\s+(?:est\s+)?(?:absent|excuse){_G})?\s*,?\s+(?:qui\s+)?"
        rf"(?:a\s+|ayant\s+)?(?:donne{_G}|remis|confie{_G})\s+(?:procuration|"
        rf"pouvoir|mandat)(?:\s+de\s+vote)?\s+(?:a|(?:au\s+profit|en\s+faveur)\s+de)\s+(?P<holder>.+)$"
    ),
    # "X, pouvoir à Y" (Bas-Chablais), "X pouvoir à Y", also in a list of excused.
    re.compile(r"^(?P<giver>.+?)\s*,?\s+(?:pouvoir|procuration)\s+(?:a|(?:au\s+profit|en\s+faveur)\s+de)"
               r"\s+(?P<holder>.+)$"),
    re.compile(r"^(?:pouvoir|procuration)\s+de\s+(?P<giver>.+?)\s+(?:a|(?:au\s+profit|en\s+faveur)\s+de)"
               r"\s+(?P<holder>.+)$"),
    re.compile(rf"^(?P<giver>.+?)\s*,?\s+represente{_G}\s+par\s+(?!(?:son|sa)\s+suppleant)"
               r"(?P<holder>.+)$"),
    # The holder first: "Madame X a le pouvoir de Madame Y pour la représenter et voter en
    # son nom".
    re.compile(r"^(?P<holder>.+?)\s+(?:a|detient|porte)\s+(?:le\s+)?(?:pouvoir|procuration)\s+"
               r"d[eu]\s+(?P<giver>.+?)(?:\s*,?\s+pour\s+(?:la|le|les|l')\s+represent.*)?$"),
]
# Under "Pouvoirs :" or "Étaient porteurs d'un pouvoir :", "Mme X pour M. Y": X votes for Y,
# the holder is written first.
_PROXY_HOLDER_FIRST = re.compile(r"^(?P<holder>.+?)\s+pour\s+(?P<giver>.+)$")
_NOTE_FOR = re.compile(r"^\s*pour\s+(?!(?:la|le|les|l'|un|une|des|du|de|d'|toute?s?|chaque)\b)")
# Only inside a proxies section: "X à Y", "X par Y", "X pouvoir à Y".
_PROXY_BARE = re.compile(
    r"^(?P<giver>.+?)\s*(?:[:\-–]\s*)?\s(?:pouvoir\s+a|procuration\s+a|a|par|(?:au\s+profit|en\s+faveur)\s+de|"
    r"=>|->|→)\s+(?P<holder>.+)$"
)


def _match_proxy(entry_raw: str, *, bare: bool, present: bool = False
                 ) -> tuple[str, str, str] | None:
    """(giver text, holder text, remaining text holding notes) or None."""
    raw = _GENDER_MARK.sub("", entry_raw)
    folded = _fold(raw)
    if match := _PROXY_PAREN.match(folded):
        giver = raw[: match.end("giver")]
        holder = raw[match.start("holder"):match.end("holder")]
        if present and _PAREN_WITHOUT_CONNECTIVE.search(folded):
            return None  # "Y (pouvoir M. X)" among présents: Y holds X's proxy (a note)
        rest = raw[match.start("rest"):]
        # "X (pouvoir à Y à partir de 20h30)": the condition inside the brackets is a note.
        if condition := _CONDITION.search(_fold(holder)):
            rest = f"({holder[condition.end():].strip()}) {rest}"
            holder = holder[:condition.start()]
        return giver, holder, rest
    # Notes are cut first so that "(jusqu'à la question 4)" is not read as "… à …".
    entry = _split_entry(raw)
    text = entry.text
    notes = " ".join(f"({note})" for _, note in entry.notes)
    folded = _fold(text)
    if bare and len(entry.notes) == 1 and (note := _NOTE_FOR.match(_fold(entry.notes[0][1]))):
        # "Pouvoirs : 9 BANIER Paul (pour BROPONERT Félix), …": the holder first, the giver in
        # the note, as in "Mme X pour M. Y" without brackets.
        giver = entry.notes[0][1].strip()[note.end():]
        return giver, text, ""
    patterns = _PROXY_STRONG + ([_PROXY_BARE, _PROXY_HOLDER_FIRST] if bare else [])
    for pattern in patterns:
        if match := pattern.match(folded):
            holder = text[match.start("holder"):match.end("holder")]
            condition = _CONDITION.search(_fold(holder))
            if condition:
                notes = f"{notes} ({holder[condition.end():].strip()})".strip()
                holder = holder[:condition.start()]
            if after := _AFTER_HOLDER.search(holder):
                # "… à Jules-Léon MARLAUZET 1", "… par Fernand LABORDE. 2019_C13": what a
                # flattened page puts after the last holder (a page number, a reference) is
                # not part of the name; names there are reported as left unread.
                holder = holder[:after.start()]
            return text[match.start("giver"):match.end("giver")], holder, notes
    return None


def split_chained(raw: str, *, bare: bool = False) -> list[str]:
    """Entries of a line that holds several procurations without separator: each verb after
    the first opens a new entry, which starts with the name that follows the previous
    holder ("… à Monsieur B Monsieur C donne pouvoir à …" → "… à Monsieur B", "Monsieur C
    donne pouvoir à …"). One entry when the line holds one verb or cannot be cut.

    ``bare``: in a list of procurations, "à" and "par" alone are verbs too ("M. A à M. B M.
    C à M. D", the lines of a list flattened into one)."""
    folded = _fold(_GENDER_MARK.sub("", raw))
    if len(folded) != len(raw):
        return [raw]
    verbs = list((_PROXY_VERB_BARE if bare else _PROXY_VERB).finditer(folded))
    if not verbs:
        return [raw]
    entries, start = [], _head_names_end(raw, verbs[0].start())
    if start:
        entries.append(raw[:start].strip(" ,;"))
    if len(verbs) < 2:
        return [*entries, raw[start:].strip(" ,;")] if entries else [raw]
    for previous, verb in zip(verbs, verbs[1:], strict=False):
        between = raw[previous.end():verb.start()]
        read = _read_names(_split_entry(between).text)
        if not read.valid or len(read.names) < 2:
            return [raw]
        tokens = between.split()
        cut_token = read.starts[1]
        # Civilities before the second name belong to it.
        while cut_token > 0 and _fold(tokens[cut_token - 1]).rstrip(".") in {
                "m", "mme", "mr", "monsieur", "madame", "mlle", "mademoiselle"}:
            cut_token -= 1
        offset = previous.end()
        for token in tokens[:cut_token]:
            offset = raw.index(token, offset) + len(token)
        entries.append(raw[start:offset].strip(" ,;"))
        start = offset
    entries.append(raw[start:].strip(" ,;"))
    return entries


_CIVILITY_TOKENS = {"m", "mme", "mr", "monsieur", "madame", "mlle", "mademoiselle"}


def _head_names_end(raw: str, verb_start: int) -> int:
    """Where the giver of the first procuration starts when names of the list come before it
    without separator ("… POLINET, BINNILOUX Mme VINCENT pouvoir à M. GRONAS"): at the last
    civility before the verb, when what precedes it reads as names; 0 otherwise."""
    if verb_start and not raw[verb_start - 1].isspace():
        verb_start = max(raw.rfind(" ", 0, verb_start), 0)  # a verb found inside a word
    tokens = raw[:verb_start].split()
    civilities = [index for index, token in enumerate(tokens)
                  if _fold(token).rstrip(".") in _CIVILITY_TOKENS]
    if not civilities or civilities[-1] == 0:
        return 0
    cut = civilities[-1]
    while cut > 0 and _fold(tokens[cut - 1]).rstrip(".") in _CIVILITY_TOKENS:
        cut -= 1
    before = _read_names(_split_entry(" ".join(tokens[:cut])).text)
    if not (cut and before.valid and before.names):
        return 0
    offset = 0
    for token in tokens[:cut]:
        offset = raw.index(token, offset) + len(token)
    return offset


# Column headings of a flattened table: "Absents/excusés Pouvoir à".
_TABLE_HEADER = re.compile(
    r"^\s*(?:absente?s?\s*/?\s*(?:excusee?s?)?\s+)?(?:pouvoir|procuration)s?\s+(?:donnee?s?\s+)?a\s+"
    r"(?=\S+\s+\S+\s+\S+\s+\S+)(?!.*\s(?:a|par)\s)"
)


_REPRESENTED = re.compile(rf"represente{_G}\s+par")


class _ProxyReading:
    """Procuration entries of ``_Builder`` (mixin: needs ``result``, ``anomaly``,
    ``represented``, ``_substitute`` and ``_unparsed``)."""

    def add_proxy(self, raw: str) -> None:
        header = _TABLE_HEADER.match(_fold(raw))
        if header:
            raw = raw[header.end():]
        if self._substitute(raw):
            return
        if not header and self._maybe_proxy(raw, bare=True):
            return
        if not self._table_pairs(raw):
            self._unparsed(raw, "procuration")

    def _table_pairs(self, raw: str) -> bool:
        """A two-column table (mandant | mandataire) flattened into one line of names: read
        in pairs, and reported, since nothing but the order tells giver from holder."""
        read = _read_names(_split_entry(raw).text)
        if not read.valid or len(read.names) < 2 or len(read.names) % 2:
            return False
        pairs = list(zip(read.names[::2], read.names[1::2], strict=True))
        self.result.proxies += [ProxyEntry(giver=giver, holder=holder) for giver, holder in pairs]
        self.anomaly("table_pairs", raw,
                     "Procurations lues par paires dans un tableau mis à plat (mandant puis "
                     "mandataire) : " + ", ".join(f"« {g} » → « {h} »" for g, h in pairs)
                     + ". Vérifiez l'ordre des colonnes.")
        return True

    def _maybe_proxy(self, raw: str, *, bare: bool, present: bool = False) -> bool:
        found = _match_proxy(raw, bare=bare, present=present)
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
                self.note_not_understood(raw, note_text, proxy=True)
        self.result.proxies.append(proxy)
        if _REPRESENTED.search(_fold(raw)):
            self.represented.append(proxy)
        return True
