"""Name normalisation shared by the minutes parser and member matching. Pure: no Django."""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—'’`.]+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace(
        "œ", "oe"
    ).replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")


def name_key(name: str) -> str:
    """Accent-, case-, hyphen- and apostrophe-insensitive key of a person's name.

    "MEY-FROIDT Sylvie", "Meyfroidt Sylvie" and "MEYFROIDT  Sylvie" share a key: the registre
    breaks names over lines with a hyphen, and clerks type accents inconsistently.
    Word order is kept ("NOM Prénom").
    """
    text = strip_accents(name).lower()
    return _SEPARATORS.sub("", text)
