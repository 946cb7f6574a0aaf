"""French wording shared by the public pages and the certified extracts. Pure: no Django."""


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
