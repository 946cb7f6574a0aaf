"""French wording shared by the public pages and the printed documents: dates, places, item
ranges. Pure: no Django."""

import datetime

MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def french_date(value: datetime.date | None, *, weekday: bool = False) -> str:
    """"18 octobre 2022", "1er juillet 2022"; with weekday: "mardi 18 octobre 2022"."""
    if value is None:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def at_place(place: str) -> str:
    """"salle Olof Palme" → "à la salle Olof Palme"; "Hôtel Communautaire" → "à l'Hôtel…".

    A place typed with its preposition ("en l'Hôtel…", "au siège") is kept as typed.
    """
    place = place.strip()
    if not place:
        return ""
    lower = place.lower()
    if lower.startswith(("à ", "au ", "aux ", "en ", "dans ", "sur ")):
        return place
    if lower.startswith("le "):
        return f"au {place[3:]}"
    if lower.startswith("les "):
        return f"aux {place[4:]}"
    if lower.startswith(("la ", "l'", "l’")):
        return f"à {place}"
    if lower[:1] in "aeiouyhàâéèêîôû":
        return f"à l'{place}"
    if lower.startswith(("salle", "mairie", "maison", "médiathèque")):
        return f"à la {place}"
    return f"à {place}"


def items_wording(from_item: int | None, until_item: int | None) -> str:
    """The registre's per-item mention: "à partir de la question 5", "jusqu'à la question 4",
    "de la question 2 à la question 9"; empty for the whole session."""
    if from_item and until_item:
        return f"de la question {from_item} à la question {until_item}"
    if from_item:
        return f"à partir de la question {from_item}"
    if until_item:
        return f"jusqu'à la question {until_item}"
    return ""
