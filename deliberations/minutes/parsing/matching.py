"""Is "C. LECLERC" the same person as "LECLERC Christian"? Comparing names written in
different orders and with initials, and resolving them against the body's roster.

A name is read as surname words (capitals, with their particles; or, when nothing is in
capitals, the last word) and given names (full, or initials: "J.-P.", "JP", "M-C."). Two names
are the same person when their surnames agree and their given names do not contradict each
other (equal, or one is the initials of the other, or one has none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .names import _INITIALS, _token_kind
from .text import name_key

_VOWELS = set("aeiouyàâäéèêëîïôöùûü")


@dataclass(frozen=True)
class NameParts:
    surname: str  # name_key of the surname words
    given: str  # name_key of the full given names ("" when only initials or none)
    initials: str  # upper-case initials of the given names ("JP" for "Jean-Pierre")


def _is_initials(token: str) -> bool:
    letters = [char for char in token if char.isalpha()]
    if not letters:
        return False
    if _INITIALS.match(token) or re.fullmatch(r"(?:[^\W\d_]\.?-?){1,3}\.?", token) and (
            "." in token or len(letters) == 1):
        return all(char.isupper() for char in letters)
    # "JL", "JM": capitals without a vowel are initials, not a surname.
    return (token.isupper() and len(letters) <= 3
            and not any(char.lower() in _VOWELS for char in letters))


@lru_cache(maxsize=4096)
def name_parts(name: str) -> NameParts:
    tokens = [token.strip(",;:()") for token in name.split()]
    # A civility opens a name; "M." after the surname ("DUPONT M.") is an initial.
    tokens = [token for index, token in enumerate(tokens)
              if token and (_token_kind(token) != "C" or (index and token == "M."))]
    surname, given, initials = [], [], []
    capitals = [token for token in tokens
                if _token_kind(token) in "SP" and not _is_initials(token)]
    for token in tokens:
        if _is_initials(token):
            initials.append("".join(char for char in token if char.isalpha()).upper())
        elif capitals and token in capitals:
            surname.append(token)
        elif capitals:
            given.append(token)
        else:
            given.append(token)
    if not capitals and given:
        # Nothing in capitals ("C. Montin", "Christophe Vignal"): the last word is the surname.
        surname, given = [given[-1]], given[:-1]
    if given and not initials:
        initials = ["".join(part[:1].upper() for part in re.split(r"[-\s]+", word) if part)
                    for word in given]
    return NameParts(name_key(" ".join(surname)), name_key(" ".join(given)),
                     "".join(initials))


def same_person(first: str, second: str) -> bool:
    a, b = name_parts(first), name_parts(second)
    if not a.surname or a.surname != b.surname:
        return False
    if a.given and b.given:
        return a.given == b.given
    if a.initials and b.initials:
        return a.initials.startswith(b.initials) or b.initials.startswith(a.initials)
    return True


def roster_matches(name: str, roster: list[str]) -> list[str]:
    """Roster names that ``name`` may designate: the exact spelling first, otherwise every
    compatible one."""
    exact = [member for member in roster if name_key(member) == name_key(name)]
    if exact:
        return exact[:1]
    return [member for member in roster if same_person(name, member)]
