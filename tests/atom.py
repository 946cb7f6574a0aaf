"""Atom (RFC 4287) checks for the feed tests: a real XML parser (lxml), the RFC's RELAX NG
schema (tests/schemas/atom-rfc4287.rng, Appendix B transcribed) and the requirements RELAX
NG cannot state. atom_errors returns every problem found, [] for a valid feed."""

import datetime
from pathlib import Path

from lxml import etree

ATOM_NS = "http://www.w3.org/2005/Atom"
A = {"a": ATOM_NS}
SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "schemas" / "atom-rfc4287.rng")))


def parse(content: bytes):
    # No entities, no network: a feed is data, never instructions to the parser.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(content, parser)


def atom_errors(content: bytes) -> list[str]:
    root = parse(content)
    errors = []
    if not SCHEMA.validate(root):
        errors += [f"RELAX NG ligne {e.line} : {e.message}" for e in SCHEMA.error_log]
    entries = root.findall("a:entry", A) if root.tag == f"{{{ATOM_NS}}}feed" else [root]
    # 4.1.1: a feed has an author unless every entry has one.
    if root.find("a:author", A) is None:
        errors += [f"entrée {e.findtext('a:id', namespaces=A)} sans auteur"
                   for e in entries if e.find("a:author", A) is None]
    for element in [root, *entries]:
        alternates = [(link.get("type"), link.get("hreflang"))
                      for link in element.findall("a:link", A)
                      if link.get("rel", "alternate") == "alternate"]
        # 4.1.1 and 4.1.2: at most one alternate link per type and language.
        if len(alternates) != len(set(alternates)):
            errors.append(f"{element.tag} : plusieurs liens alternate de même type")
        # 4.1.2: an entry without content has an alternate link.
        if element is not root and element.find("a:content", A) is None and not alternates:
            errors.append(f"entrée {element.findtext('a:id', namespaces=A)} sans lien alternate")
    # 4.1.1: no two entries with the same id and updated.
    keys = [(e.findtext("a:id", namespaces=A), e.findtext("a:updated", namespaces=A))
            for e in entries]
    if len(keys) != len(set(keys)):
        errors.append("deux entrées de même id et même date de mise à jour")
    return errors


def updated(element) -> datetime.datetime:
    return datetime.datetime.fromisoformat(element.findtext("a:updated", namespaces=A))
