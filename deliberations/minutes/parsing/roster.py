"""Reading a block against the body's roster (the members in office, "NOM Prénom"), when the
caller knows it — the admin import does.

- A name written in another order or with initials ("C. LECLERC", "Jean-Pierre DUPONT",
  "DUPONT J.-P.") is replaced by the roster's spelling when exactly one member fits.
- A name that fits two members or more is kept as written, with an anomaly naming them.
- An entry that fits nobody but reads as two roster members side by side ("DURAND Paul
  MARTIN Anne" without its comma, or wrapped names) is split, with an anomaly: it is a guess.
A name whose spelling differs from the roster only by accents, case or hyphens is left as
written: the import matches it already.
"""

from __future__ import annotations

from portal.kernel.names import name_key

from .matching import roster_matches
from .results import Anomaly, AttendanceResult, PresentEntry


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
