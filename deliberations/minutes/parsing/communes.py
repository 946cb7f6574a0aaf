"""French communes and EPCI by name, from INSEE's Code officiel géographique (COG): telling a
commune or member-EPCI heading ("ANGLIERS", "SAINT-GENIS-POUILLY", "CDC DU BAZADAIS") from a
person's surname in capitals.

The names live in ``data/communes.txt.gz`` and ``data/epci.txt.gz`` (see ``data/README.md``:
source, version, date), one key a line, as ``commune_key`` writes them. They are read once, on
first use; a parser that never meets a run of capitals never loads them.

A name in the list is not proof: "VINCENT" and "LAVAL" are communes and surnames alike. The
rules that use it (``entries``) ask the list only where the layout already hesitates between a
heading and a person, and report every commune they take out.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from pathlib import Path

from .text import _fold

DATA = Path(__file__).resolve().parent / "data"

# "ST GENIS", "STE FOY", "S/ MER": abbreviations minutes use for the words of commune names.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
# Words that open an EPCI's name and say its kind, not which one ("CC du Bazadais").
_EPCI_KINDS = re.compile(
    r"^(?:cc|cdc|ca|cu|cte|com\s+com|communaute\s+(?:de\s+communes|d\s+agglomeration|urbaine|"
    r"de\s+l\s+agglomeration)|communaute|agglomeration|agglo|metropole|metro)\s+"
)
_ARTICLES = re.compile(r"^(?:du|de\s+la|de\s+l|des|de|d|la|le|les|l)\s+")


def commune_key(text: str) -> str:
    """Folded words of a place name: "Saint-Genis-Pouilly", "ST GENIS POUILLY" and
    "saint genis pouilly" give one key. "S/" stands for "sur" or "sous" ("La Ferté S/
    Jouarre"): it becomes "s", and the data files hold that short form too."""
    folded = _fold(text)
    folded = re.sub(r"(?<![a-z])s/\s*", "s ", folded)
    words = re.findall(r"[a-z0-9]+", folded)
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def epci_key(text: str) -> str:
    """Key of an EPCI's name without the words of its kind nor the article after them:
    "CC du Bazadais", "CDC DU BAZADAIS", "Communauté de communes du Bazadais" → "bazadais"."""
    key = commune_key(text)
    key = _EPCI_KINDS.sub("", key)
    return _ARTICLES.sub("", key)


@cache
def _load(name: str) -> frozenset[str]:
    with gzip.open(DATA / name, "rt", encoding="utf-8") as lines:
        return frozenset(line.rstrip("\n") for line in lines if not line.startswith("#"))


def is_commune(text: str) -> bool:
    """Whether ``text`` is the name of a French commune (current, delegated or associated)."""
    key = commune_key(text)
    return bool(key) and key in _load("communes.txt.gz")


def is_epci(text: str) -> bool:
    """Whether ``text`` names an EPCI à fiscalité propre (with or without "CC", "CA"…)."""
    key = epci_key(text)
    return bool(key) and key in _load("epci.txt.gz")


def is_place(text: str) -> bool:
    return is_commune(text) or is_epci(text)


def derive(package_dir: str | Path, out_dir: str | Path = DATA) -> tuple[int, int]:
    """Write the two data files from an extracted ``@etalab/decoupage-administratif`` package
    (``npm pack`` then ``tar xzf``); returns the number of keys of each. Arrondissements of
    Paris, Lyon and Marseille are left out: "Paris 1er Arrondissement" heads no list."""
    package_dir, out_dir = Path(package_dir), Path(out_dir)
    version = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"]
    communes = json.loads((package_dir / "data" / "communes.json").read_text(encoding="utf-8"))
    epci = json.loads((package_dir / "data" / "epci.json").read_text(encoding="utf-8"))
    commune_keys = {commune_key(item["nom"]) for item in communes
                    if item.get("type") != "arrondissement-municipal"}
    commune_keys = sorted(commune_keys | {re.sub(r"(?<= )(?:sur|sous)(?= )", "s", key)
                                          for key in commune_keys})
    epci_keys = sorted({key for item in epci for key in (epci_key(item["nom"]),) if key})
    header = (f"# Source: @etalab/decoupage-administratif {version} (Etalab, from INSEE's COG), "
              "data/{file}; keys written by deliberations.minutes.parsing.communes.{function}\n")
    for name, keys, source, function in (
            ("communes.txt.gz", commune_keys, "communes.json", "commune_key"),
            ("epci.txt.gz", epci_keys, "epci.json", "epci_key")):
        body = header.format(file=source, function=function) + "\n".join(keys) + "\n"
        # mtime=0: the same package gives the same bytes.
        (out_dir / name).write_bytes(gzip.compress(body.encode("utf-8"), mtime=0))
    return len(commune_keys), len(epci_keys)
