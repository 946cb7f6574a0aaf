"""Artefacts of the PDF text extraction, undone before the block is read: the running header
or footer and the page number of a page break, and words cut by a hyphen at a line end.

A page break inside a list leaves, between two of its lines, the page's running header or
footer ("Conseil communautaire du 12 mars 2019 – Page 2/14", "PV du 12/03/2019 - page 2 sur
14") and its page number alone ("2", "- 2 -", "2/14"): no entry, and the lines around them
are one list, as if the page had gone on (``drop_page_furniture``).

A list laid out with bullets ("• M. Jean X", "- Mme Anne Y", "▪ …") has one entry per bullet:
the bullet is no part of the name, and where the next bullet opens, the entry above ends,
even if the extraction wrapped it over several lines (``normalise_bullets`` writes them all
alike; a heading loses its bullet, the line joining never joins a bulleted line to the one
above, and the reading of an entry drops it).

A PDF justified column cuts long words at its right edge ("Secré- / taire", "GRAR- / LAR"),
and its text comes out with the hyphen and the line break. A line-end hyphen is also the
genuine hyphen of a compound name wrapped there ("Jean- / Pierre", "ROULOLLE- / GOUNIGNAC").
What tells them apart is general evidence from the text itself, never a list of names:

- a continuation in lower case goes on with the same word ("Mon- / sieur");
- a compound in title case is two given names ("Jean- / Pierre"): kept;
- in capitals, the same word written elsewhere in the text whole ("GRARLAR") or with its
  hyphen ("ROULOLLE-GOUNIGNAC") decides; so does a word of the attendance vocabulary
  ("PRES- / ENTS") or the name of a commune (COG: "BASS- / EVELLE" heading its delegates);
- failing that, a part that cannot be a name of its own ("TREO- / NNET": no word opens with
  a doubled consonant) is a cut, and so is any capital word of a text that cuts its ordinary
  words (it has a cut in lower case) or another capital word shown cut by the evidence above:
  a hyphenated column cuts every kind of word. Otherwise the hyphen of a compound name is
  kept. Either is a guess, reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .communes import is_commune
from .names import _token_kind
from .text import _fold

_CUT_LOWER = re.compile(r"[a-zà-ÿ]+\b")
_ENDS_CUT = re.compile(r"(?<![^\W\d_])(?P<part>[^\W\d_]+)-$")
_CAPITALS_START = re.compile(r"(?P<part>[A-ZÀ-Ý]+)(?![^\W\d_])")
_CONJUNCTION = re.compile(r"(?:et|ou)\b")

# Words of attendance headings, folded: "PRÉS- / ENTS" is a heading cut, no compound.
_VOCABULARY = re.compile(
    r"(?:present|excuse|absent|represente|suppleant|titulaire|delegue|conseiller)(?:e?s?)"
    r"|procurations?|pouvoirs?|secretaires?|secretariat|seance|membres|etaient|etait"
    r"|assistaient|egalement|communaute|communes?|syndicat|mandataires?|quorum|exercice"
    r"|votants|suppleances?|remplace|remplacee?")


# "Page 2/14", "page 2 sur 14", "p. 2/14" anywhere in a line: a running header or footer.
_PAGE_OF = re.compile(r"(?<![\w'])(?:page|p\.)\s*\d{1,3}\s*(?:/|sur)\s*\d{1,3}(?!\w)")
# A page number alone: "2", "- 2 -", "2/14", "Page 2".
_PAGE_NUMBER_ALONE = re.compile(r"^[-–—]?\s*(?:page\s*)?\d{1,3}(?:\s*(?:/|sur)\s*\d{1,3})?"
                                r"\s*[-–—]?$")


def is_page_furniture(lines: list[str], index: int) -> bool:
    """Whether ``lines[index]`` is a running header or footer stating its page, or a page
    number alone next to one (see ``drop_page_furniture``)."""
    if _PAGE_OF.search(_fold(lines[index])):
        return True
    return bool(_PAGE_NUMBER_ALONE.match(_fold(lines[index].strip()))) and any(
        0 <= near < len(lines) and _PAGE_OF.search(_fold(lines[near]))
        for near in (index - 1, index + 1))


def drop_page_furniture(lines: list[str]) -> list[str]:
    """``lines`` without the running headers or footers that state a page number ("… – Page
    2/14") and the page numbers alone next to them (see the module docstring)."""
    if not any("age" in line or "p." in line for line in lines):
        return lines  # cheap test first: most blocks have no running header
    furniture = {index for index, line in enumerate(lines) if _PAGE_OF.search(_fold(line))}
    if not furniture:
        return lines
    for index in sorted(furniture):
        for near in (index - 1, index + 1):
            if 0 <= near < len(lines) and _PAGE_NUMBER_ALONE.match(_fold(lines[near])):
                furniture.add(near)
    return [line for index, line in enumerate(lines) if index not in furniture]


_BULLETS = re.compile(r"^(?P<mark>[•▪◦●■□►▸➢➤‣⁃·○]|[-–—])(?:\s+(?P=mark))*\s+(?=\S)")
_SPACED_DASH = re.compile(r"\s[-–—]\s")


BULLET = "• "


def normalise_bullets(lines: list[str]) -> list[str]:
    """``lines`` with the bullets that open list entries written as one ``BULLET`` (see the
    module docstring): "• • M. X", "▪ M. X", "- M. X" → "• M. X". A dash opens an entry
    only when its line holds no other spaced dash and it is one of a list of them (two lines
    at least) or opens a paragraph (after a blank line or a colon): "… VINONNET G. / –
    NIRLAVEL S. – …" wrapped before a separator is a list separated by dashes."""
    marks = [_BULLETS.match(line) for line in lines]
    if not any(marks):
        return lines
    dashed = [bool(mark and mark["mark"] in "-–—"
                   and not _SPACED_DASH.search(line[mark.end():]))
              for mark, line in zip(marks, lines, strict=True)]
    normalised = []
    for index, (mark, line) in enumerate(zip(marks, lines, strict=True)):
        if mark and mark["mark"] in "-–—":
            previous = lines[index - 1] if index else ""
            mark = mark if dashed[index] and (sum(dashed) >= 2 or not previous
                                              or previous.endswith(":")) else None
        normalised.append(BULLET + line[mark.end():] if mark else line)
    return normalised


def dehyphenate(lines: list[str], guesses: list[str] | None = None,
                opens_line: Callable[[str], bool] | None = None) -> list[str]:
    """``lines`` with the words cut by a line-end hyphen joined (see the module docstring).
    ``guesses`` receives "X- / Y → XY" for each join or compound decided without evidence;
    ``opens_line`` tells a line that stands on its own (a heading) once the word is whole."""
    hyphenated_text = any(
        _ENDS_CUT.search(line) and index + 1 < len(lines)
        and _CUT_LOWER.match(lines[index + 1]) and not _CONJUNCTION.match(lines[index + 1])
        for index, line in enumerate(lines))
    words: set[str] | None = None
    pairs = [(cut["part"], after["part"]) for line, following in zip(lines, lines[1:],
                                                                       strict=False)
             if (cut := _ENDS_CUT.search(line)) and cut["part"].isupper()
             and (after := _CAPITALS_START.match(following))]
    if pairs and not hyphenated_text:
        # A capital word shown cut elsewhere (written whole, no word's shape…): the text is
        # a hyphenated column, whose other capital cuts are cuts too.
        words = _words(lines)
        hyphenated_text = any(_evidence(first, second, words) is False
                              for first, second in pairs)
    joined: list[str] = []
    for line in lines:
        cut = _ENDS_CUT.search(joined[-1]) if joined else None
        after = _CAPITALS_START.match(line) if cut and cut["part"].isupper() else None
        if cut and _CUT_LOWER.match(line) and not _CONJUNCTION.match(line):
            keep = False  # "Mon- / sieur", "Comm- / unauté de communes"
        elif after:
            if words is None:
                words = _words(lines)
            keep = _keeps_hyphen(cut["part"], after["part"], words, hyphenated_text, guesses)
        else:
            joined.append(line)
            continue
        word = cut["part"] + ("-" if keep else "")
        head = joined[-1][:cut.start()].rstrip()
        if head and (_opens_group(word + line) or _opens_sentence(head, word)
                     or (word[:1].isupper() and opens_line and opens_line(word + line))):
            # "M. Bastien NIINEAU BUSS- / IERES", "… suivantes : Comm- / unauté de Communes
            # du Pays de Gex": a commune or an EPCI heads the delegates under it, so it opens
            # its line; the line it was cut from ended with the entry before it. "…
            # CHORDAUDEL. Mons- / ieur X a été nommé secrétaire": a sentence after the list;
            # "Les Membres Assi- / stait à la réunion :", a heading after a row label.
            joined[-1] = head
            joined.append(word + line)
        else:
            joined[-1] = joined[-1][:cut.start()] + word + line
    return joined


def _evidence(first: str, second: str, words: set[str]) -> bool | None:
    """Whether "FIRST- / SECOND" in capitals is a compound name wrapped at its hyphen (True)
    or one word cut (False) by the evidence of the text, or None without any."""
    whole, compound = _fold(first + second), _fold(f"{first}-{second}")
    if compound in words or is_commune(compound):
        return True
    if whole in words or _VOCABULARY.fullmatch(whole) or is_commune(whole):
        return False
    if _no_word(first) or _no_word(second):
        return False
    return None


def _keeps_hyphen(first: str, second: str, words: set[str], hyphenated_text: bool,
                  guesses: list[str] | None) -> bool:
    """Whether "FIRST- / SECOND" in capitals is a compound name wrapped at its hyphen rather
    than one word cut (see the module docstring for the evidence, in this order)."""
    evidence = _evidence(first, second, words)
    keep = not hyphenated_text if evidence is None else evidence
    if guesses is not None and (evidence is None or not _is_known(first, second, words)):
        guesses.append(f"{first}- / {second} → {first}-{second}" if keep
                       else f"{first}- / {second} → {first}{second}")
    return keep


def _is_known(first: str, second: str, words: set[str]) -> bool:
    """Whether the text or the COG writes the word or the compound whole (no guess then)."""
    whole, compound = _fold(first + second), _fold(f"{first}-{second}")
    return (compound in words or whole in words or bool(_VOCABULARY.fullmatch(whole))
            or is_commune(compound) or is_commune(whole))


# A group heading in title case or capitals: "Communauté de Communes du Pays de Gex".
_GROUP_START = re.compile(r"(?:communaute|commune|metropole|syndicat|agglomeration)\b")


def _opens_group(line: str) -> bool:
    """Whether ``line`` opens with a group heading (written with a capital): an EPCI, a
    commune's name alone on its line."""
    if not line[:1].isupper():
        return False
    if _GROUP_START.match(_fold(line)):
        return True
    # "NANTEUIL SUR" (its name goes on on the next line): capitals only, a commune first.
    words = line.strip(" :").split()
    return (0 < len(words) <= 4 and not re.search(r"[a-zà-ÿ]", line)
            and (is_commune(" ".join(words)) or is_commune(words[0])))


def _opens_sentence(head: str, word: str) -> bool:
    """Whether ``word``, with a capital after a full stop that ends a word of ``head`` (no
    civility's: "M. Jean-"), opens a sentence of its own."""
    last = head.split()[-1]
    return (word[:1].isupper() and bool(re.search(r"[^\W\d_]{2}\.$", last))
            and _token_kind(last) != "C")


# The last word of a group title that calls for more: "Communauté de Communes du Pays".
_TITLE_GOES_ON = re.compile(r"(?:\s(?:de|du|des|d'|la|le|les|et|sur|en|pays|val|vallee|"
                            r"portes|coeur|terres|rives))$")


def wraps_group_title(previous: str, line: str) -> bool:
    """Whether ``line`` ends the title of a member EPCI or commune wrapped at the end of
    ``previous`` ("Communauté de Communes du Pays / Bellegardien"): the title, with no colon
    nor name, ends with a word that calls for more, and the line holds one to three words
    with a capital, no civility and no separator."""
    words = line.split()
    return (bool(_GROUP_START.match(_fold(previous))) and not re.search(r"[:,;()]", previous)
            and bool(_TITLE_GOES_ON.search(_fold(previous))) and 0 < len(words) <= 3
            and not re.search(r"[:,;()]", line)
            and all(word[:1].isupper() and _token_kind(word) != "C" for word in words))


# Consonants that open French words (and names): a part opening otherwise ("NCHE", "RGUES",
# "NNET") is the end of a cut word, never a name of its own.
_ONSETS = frozenset(
    "bl br cl cr dr fl fr gl gr pl pr tr vr ch gn ph th sc sp st sk sl sm sn ps kr kl "
    "chr chl phr phl str scr spr spl sch".split())


def _no_word(part: str) -> bool:
    """Whether ``part`` cannot be a word of its own (so it is no part of a compound name):
    no vowel, or an opening run of consonants no French word has."""
    folded = _fold(part)
    vowel = re.search(r"[aeiouy]", folded)
    if not vowel:
        return True
    onset = folded[:vowel.start()]
    return len(onset) > 1 and onset not in _ONSETS


def _words(lines: list[str]) -> set[str]:
    """Folded words of the text written whole on a line, compounds with their hyphen too
    (the cut words themselves do not count: they end or start a line)."""
    words: set[str] = set()
    for index, line in enumerate(lines):
        folded = _fold(line)
        for match in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", folded):
            if folded[match.end():].strip() == "-":
                continue
            if match.start() == 0 and index and lines[index - 1].endswith("-"):
                continue
            words.add(match.group(0))
            words.update(match.group(0).split("-"))
    return words
