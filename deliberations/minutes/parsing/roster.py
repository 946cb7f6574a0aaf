"""Reading a block against the body's roster (the members in office, "NOM Prénom"), when the
caller knows it — the admin import does.

- A name written in another order or with initials ("C. LECLERC", "Jean-Pierre DUPONT",
  "DUPONT J.-P.") is replaced by the roster's spelling when exactly one member fits.
- A name that fits two members or more is kept as written, with an anomaly naming them.
- An entry that fits nobody but reads as two roster members side by side ("DURAND Paul
  MARTIN Anne" without its comma, or wrapped names) is split, with an anomaly: it is a guess.
A name whose spelling differs from the roster only by accents, case or hyphens is left as
written: the import matches it already.

``read_with_roster`` then locates the roster's names in each section's text: whatever layout
the rules missed, a member written under a heading is found there; the leftovers (members
written but not read, names read that are nobody's) are anomalies.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .matching import name_parts, roster_matches, same_person
from .results import Anomaly, AttendanceResult, PresentEntry
from .text import _fold, name_key


def resolve_with_roster(result: AttendanceResult, roster: list[str]) -> None:
    keys = {name_key(member) for member in roster}
    ambiguous: dict[str, list[str]] = {}

    def resolve(name: str | None) -> str | None:
        if not name or name_key(name) in keys:
            return name
        found = roster_matches(name, roster)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            ambiguous.setdefault(name, found)
        return name

    present: list[PresentEntry] = []
    for entry in result.present:
        split = _split_against(entry.name, roster, keys)
        if split:
            result.anomalies.append(_split_anomaly(entry.name, split))
            present += [PresentEntry(name=name, from_item=entry.from_item,
                                     until_item=entry.until_item) for name in split]
            continue
        entry.name = resolve(entry.name)
        entry.replaces = resolve(entry.replaces)
        present.append(entry)
    result.present = present
    for proxy in result.proxies:
        proxy.giver, proxy.holder = resolve(proxy.giver), resolve(proxy.holder)
    for attribute in ("excused", "absent"):
        names: list[str] = []
        for name in getattr(result, attribute):
            split = _split_against(name, roster, keys)
            if split:
                result.anomalies.append(_split_anomaly(name, split))
                names += split
            else:
                names.append(resolve(name))
        setattr(result, attribute, names)
    result.secretary = resolve(result.secretary)
    for name, found in ambiguous.items():
        result.anomalies.append(Anomaly(
            kind="ambiguous_name", text=name,
            message=f"« {name} » peut désigner plusieurs membres : "
                    + ", ".join(f"« {member} »" for member in found)
                    + ". Précisez le prénom."))


def _split_against(name: str, roster: list[str], keys: set[str]) -> list[str] | None:
    """Two roster members read as one entry: every cut of the words is tried; the one where
    both sides designate exactly one member wins, if it is the only such cut."""
    if name_key(name) in keys or roster_matches(name, roster):
        return None
    words = name.split()
    cuts = []
    for cut in range(1, len(words)):
        left = roster_matches(" ".join(words[:cut]), roster)
        right = roster_matches(" ".join(words[cut:]), roster)
        if len(left) == 1 and len(right) == 1 and left != right:
            cuts.append([left[0], right[0]])
    return cuts[0] if len(cuts) == 1 else None


def _split_anomaly(name: str, split: list[str]) -> Anomaly:
    return Anomaly(kind="guessed_split", text=name,
                   message=f"« {name} » ne correspond à aucun membre ; lu comme deux membres "
                           "de la liste des élus : "
                           + ", ".join(f"« {member} »" for member in split) + ".")


# --------------------------------------------------------------------------------------------
# Roster-guided reading: locating the members' names in each section's text
# --------------------------------------------------------------------------------------------

# How far from a surname its given name or initials may stand ("Jean-Pierre DUPONT",
# "DUPONT J.-P.", "M. DUPONT Jean-Pierre (suppléant de …)").
_WINDOW = 30


@lru_cache(maxsize=4096)
def _surname_pattern(surname_words: tuple[str, ...]) -> re.Pattern:
    body = r"[\s\-]+".join(re.escape(_fold(word)) for word in surname_words)
    return re.compile(rf"(?<![^\W\d_]){body}(?![^\W\d_])")


def locate_members(text: str, roster: list[str],
                   by_surname: dict[str, list[str]] | None = None) -> list[str]:
    """Roster members whose name is written in ``text``, in order of appearance: the
    surname (any case, accents, hyphens) with the given name or its initials close to it,
    or the surname alone when no other member bears it. ``by_surname``: the roster grouped
    by surname, when the caller has it already (it is the same for every section)."""
    folded = _fold(text)
    if by_surname is None:
        by_surname = {}
        for member in roster:
            by_surname.setdefault(name_parts(member).surname, []).append(member)
    found: list[tuple[int, str]] = []
    for member in roster:
        surname_words, given = _roster_parts(member)
        if not surname_words or _fold_last(surname_words) not in folded:
            continue
        for match in _surname_matches(folded, surname_words):
            around = folded[max(match.start() - _WINDOW, 0):match.end() + _WINDOW]
            namesakes = by_surname.get(name_parts(member).surname, [])
            if len(namesakes) == 1 or _given_near(around, given):
                found.append((match.start(), member))
                break
    return [member for _, member in sorted(found)]


def _surname_matches(folded: str, surname_words: tuple[str, ...]):
    """The places where a surname is written: candidates found by plain substring search
    (fast), each confirmed by the pattern (word bounds, hyphens or spaces inside)."""
    pattern = _surname_pattern(surname_words)
    first = _fold_first(surname_words)
    position = folded.find(first)
    while position >= 0:
        match = pattern.match(folded, position)
        if match:
            yield match
        position = folded.find(first, position + 1)


@lru_cache(maxsize=16384)
def _fold_first(surname_words: tuple[str, ...]) -> str:
    return _fold(surname_words[0])


@lru_cache(maxsize=16384)
def _roster_parts(member: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """("NOM Prénom") → surname words in capitals, given names (kept: the roster is read once
    per section)."""
    words = member.split()
    surname = tuple(word for word in words if word.isupper() and len(word.strip(".-")) >= 2)
    given = tuple(word for word in words if word not in surname)
    return surname, given


@lru_cache(maxsize=16384)
def _fold_last(surname_words: tuple[str, ...]) -> str:
    """The last word of a surname, folded (a quick test of whether the member can be written
    in a text at all)."""
    return _fold(surname_words[-1])


def _given_near(around: str, given: list[str]) -> bool:
    for name in given:
        if re.search(rf"(?<![^\W\d_]){re.escape(_fold(name))}(?![^\W\d_])", around):
            return True
        initials = "".join(part[:1] for part in re.split(r"[-\s]+", _fold(name)) if part)
        pattern = r"\.?\s*-?\s*".join(re.escape(char) for char in initials)
        if initials and re.search(rf"(?<![^\W\d_]){pattern}\.", around):
            return True
    return False


def read_with_roster(result: AttendanceResult, sections: list[tuple[str, list[str]]],
                     read_per_section: list[list[str]], roster: list[str]) -> None:
    """Locate the roster's members in each section's text. In a list of présents, excusés or
    absents: a member written there but not read (a layout the rules did not follow) is
    added; a name the rules read there that designates nobody and shares its surname with a
    member found there (a commune glued to it, a name cut) is taken out. In a list of
    procurations, whose pairs cannot be guessed, a member written but not read is said. Each
    change is an anomaly: it is the roster's reading, for the clerk to confirm."""
    member_keys = {member: name_key(member) for member in roster}
    keys = set(member_keys.values())
    by_surname: dict[str, list[str]] = {}
    for member in roster:
        by_surname.setdefault(name_parts(member).surname, []).append(member)

    def designates(name: str) -> bool:
        # Only members of the same surname can match: the roster is not scanned for each name.
        return name_key(name) in keys or any(
            same_person(name, member) for member in by_surname.get(name_parts(name).surname, []))

    labels = {"present": "présents", "excused": "excusés", "absent": "absents",
              "proxies": "procurations"}
    for (kind, lines), read_here in zip(sections, read_per_section, strict=True):
        if kind not in labels:
            continue
        located = locate_members("\n".join(lines), roster, by_surname)
        if not located:
            continue
        # Words of the members found there: a name read that holds one of them and designates
        # nobody is a misreading of their names ("LECLERC DOMÉRAT Jean-Pierre").
        written = {_fold(word) for member in located for word in member.split()}
        everyone: dict[str, list[str]] = {}
        names = result.all_names()
        read_keys = {name_key(name) for name in names}
        for name in names:
            everyone.setdefault(name_parts(name).surname, []).append(name)
        missing = [member for member in located if member_keys[member] not in read_keys
                   and not any(same_person(member, name)
                               for name in everyone.get(name_parts(member).surname, []))]
        if kind == "proxies":
            if missing:
                result.anomalies.append(Anomaly(
                    kind="unread_text", text=", ".join(missing),
                    message="Élus écrits dans la liste des procurations mais non lus : "
                            + ", ".join(f"« {member} »" for member in missing)
                            + ". Précisez leurs procurations."))
            continue
        listed = ([entry.name for entry in result.present] if kind == "present"
                  else result.excused if kind == "excused" else result.absent)
        garbled = [name for name in read_here if name in listed and not designates(name)
                   and any(_fold(word) in written for word in name.split())]
        if kind == "present":
            result.present = [entry for entry in result.present if entry.name not in garbled]
            result.present += [PresentEntry(name=member) for member in missing]
        else:
            attribute = "excused" if kind == "excused" else "absent"
            kept = [name for name in getattr(result, attribute) if name not in garbled]
            setattr(result, attribute, kept + missing)
        if missing or garbled:
            message = f"Liste des {labels[kind]} lue d'après la liste des élus"
            if missing:
                message += " ; ajoutés : " + ", ".join(f"« {member} »" for member in missing)
            if garbled:
                message += " ; écartés (mal lus) : " + ", ".join(f"« {name} »"
                                                                for name in garbled)
            result.anomalies.append(Anomaly(kind="unread_text", text=" / ".join(lines)[:200],
                                            message=message + ". Vérifiez."))
    strangers = [name for name in result.all_names() if not designates(name)]
    if strangers:
        result.anomalies.append(Anomaly(
            kind="unknown_name", text=", ".join(strangers),
            message="Noms lus qui ne désignent aucun élu de la liste : "
                    + ", ".join(f"« {name} »" for name in strangers) + "."))
