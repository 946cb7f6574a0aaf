"""French wording of what drf-spectacular and Django REST framework write in English in the
OpenAPI document (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"])."""

import re

# Generated descriptions, English in the libraries, and their French wording.
WORDING = [
    (re.compile(r"^A unique integer value identifying this (.+)\.$"),
     r"Identifiant numérique de l'objet (\1)."),
    (re.compile(r"^A unique value identifying this (.+)\.$"),
     r"Identifiant de l'objet (\1)."),
    (re.compile(r"^A page number within the paginated result set\.$"),
     "Numéro de la page de résultats (à partir de 1)."),
    (re.compile(r"^Number of results to return per page\.$"),
     "Nombre de résultats par page."),
    (re.compile(r"^A search term\.$"), "Termes recherchés."),
    (re.compile(r"^Which field to use when ordering the results\.$"),
     "Champ selon lequel trier les résultats."),
    (re.compile(r"^NOM Prénom, as in the registre\.$"), "NOM Prénom, comme au registre."),
]


def _french(value: str) -> str:
    for pattern, replacement in WORDING:
        if pattern.match(value):
            return pattern.sub(replacement, value)
    return value


def _walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("description", "summary") and isinstance(value, str):
                node[key] = _french(value)
            else:
                _walk(value)
    elif isinstance(node, list):
        for value in node:
            _walk(value)


def french_descriptions(result, generator, request, public):
    """Postprocessing hook: the generated English descriptions in French."""
    _walk(result)
    return result




# Times of day are local (Europe/Paris) wall-clock times, written "19:00:00" by Django REST
# framework. OpenAPI's format "time" is RFC 3339's full-time, which requires an offset
# ("19:00:00+01:00"): declaring it would be false, so the document gives the real shape.
LOCAL_TIME = {
    "type": "string",
    "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?$",
    "description_suffix": "Heure locale (Europe/Paris), sans décalage horaire.",
}


def _local_times(node):
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("format") == "time":
            del node["format"]
            node["pattern"] = LOCAL_TIME["pattern"]
            description = node.get("description", "")
            node["description"] = " ".join(
                part for part in (description, LOCAL_TIME["description_suffix"]) if part)
        for value in node.values():
            _local_times(value)
    elif isinstance(node, list):
        for value in node:
            _local_times(value)


def local_times(result, generator, request, public):
    """Postprocessing hook: times of day as local times (a pattern, not RFC 3339's format)."""
    _local_times(result)
    return result
