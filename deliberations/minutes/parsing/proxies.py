"""Procurations: "X à Y", "X donne pouvoir à Y", "X (pouvoir à Y)", "Pouvoir de X à Y"."""

from __future__ import annotations

import re

from .names import _split_entry
from .sections import _G
from .text import _GENDER_MARK, _fold

_PROXY_PAREN = re.compile(
    rf"^(?P<giver>.+?)\s*\(\s*(?:excuse{_G}\s*[,;-]?\s*)?(?:pouvoir|procuration|represente{_G}"
    rf"\s+par|donne{_G}\s+(?:pouvoir|procuration))\s*(?:donne{_G}\s+)?(?:a|au\s+profit\s+de|"
    rf"par|:)?\s*(?!d[eu]\s|d')(?P<holder>[^)\s][^)]*)\)(?P<rest>.*)$"
)
_PROXY_STRONG = [
    re.compile(
        rf"^(?P<giver>.+?)\s*,?\s+(?:qui\s+)?(?:a\s+|ayant\s+)?(?:donne{_G}|remis|confie{_G})\s+(?:procuration|"
        rf"pouvoir|mandat)(?:\s+de\s+vote)?\s+(?:a|au\s+profit\s+de)\s+(?P<holder>.+)$"
    ),
    re.compile(r"^(?:pouvoir|procuration)\s+de\s+(?P<giver>.+?)\s+(?:a|au\s+profit\s+de)"
               r"\s+(?P<holder>.+)$"),
    re.compile(rf"^(?P<giver>.+?)\s*,?\s+represente{_G}\s+par\s+(?!(?:son|sa)\s+suppleant)"
               r"(?P<holder>.+)$"),
]
# Only inside a proxies section: "X à Y", "X par Y", "X pouvoir à Y".
_PROXY_BARE = re.compile(
    r"^(?P<giver>.+?)\s*(?:[:\-–]\s*)?\s(?:pouvoir\s+a|procuration\s+a|a|par|au\s+profit\s+de|"
    r"=>|->|→)\s+(?P<holder>.+)$"
)


def _match_proxy(entry_raw: str, *, bare: bool) -> tuple[str, str, str] | None:
    """(giver text, holder text, remaining text holding notes) or None."""
    raw = _GENDER_MARK.sub("", entry_raw)
    folded = _fold(raw)
    if match := _PROXY_PAREN.match(folded):
        return (raw[: match.end("giver")], raw[match.start("holder"):match.end("holder")],
                raw[match.start("rest"):])
    # Notes are cut first so that "(jusqu'à la question 4)" is not read as "… à …".
    entry = _split_entry(raw)
    text = entry.text
    notes = " ".join(f"({note})" for _, note in entry.notes)
    folded = _fold(text)
    patterns = _PROXY_STRONG + ([_PROXY_BARE] if bare else [])
    for pattern in patterns:
        if match := pattern.match(folded):
            return (text[match.start("giver"):match.end("giver")],
                    text[match.start("holder"):match.end("holder")], notes)
    return None
