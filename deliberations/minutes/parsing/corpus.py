"""Checking the parser against attendance blocks counted by hand.

A corpus directory holds ``<slug>.txt`` (the block, verbatim) and ``<slug>.json`` (its source
and the hand counts: ``expected.present``, ``excused``, ``absent``, ``proxies`` as
``[giver, holder]`` pairs, ``secretary``). A text is *exact* when the four counts, every proxy
pair and the secretary agree; *flagged* when it is not exact but the parser raised at least
one anomaly; *silently wrong* when it is not exact and raised none — the case that must never
happen, since a clerk trusts a result without anomaly.

A sidecar with ``"held_back": true`` belongs to the held-back set: about a third of the corpus,
drawn before the rules were written and never tuned on, so that the figure on texts the rules
were not written against is measured apart from the tuned one (``summary_line``).

Names are compared where the sidecar gives them: the proxy pairs and the secretary always,
and the lists of présents, excusés and absents when it has ``present_names``,
``excused_names`` or ``absent_names`` (optional: equal counts can hide two errors that cancel
out). Names are compared by their surname: the words written in capitals when there are any
("Michel LOUSSOUARN" and "M. LOUSSOUARN" are the same holder), otherwise every word; folded,
in any order; a name written wholly in capitals names the same person as a spelling whose
words, civilities and initials aside, are among its words (``same_surname``).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .names import _token_kind
from .results import AttendanceResult, ParseError
from .text import _fold

EXACT, FLAGGED, SILENTLY_WRONG = "exact", "flagged", "silently wrong"


@dataclass
class CheckOutcome:
    slug: str
    verdict: str
    expected: dict
    got: dict
    differences: list[str] = field(default_factory=list)
    anomalies: list[str] = field(default_factory=list)
    held_back: bool = False


def surname_key(name: str | None) -> frozenset[str]:
    """Folded surname words of ``name`` (see the module docstring)."""
    if not name:
        return frozenset()
    tokens = [token.strip(".,;:()") for token in name.replace("-", " ").split()]
    tokens = [token for token in tokens if token]
    capitals = [token for token in tokens if _token_kind(token) in "SP"
                and sum(char.isalpha() for char in token) >= 2]
    words = capitals or [token for token in tokens if _token_kind(token) != "C"]
    return frozenset(_fold(word) for word in words if len(word.strip(".")) >= 2)


def same_surname(first: str | None, second: str | None) -> bool:
    """Whether two spellings name the same person, by surname (``surname_key``).

    A name written wholly in capitals ("VOSAUDIN MATHIEU", as a secretary is often written in
    a preamble) does not say which word is the given name: it names the same person as a
    spelling whose words are among its own ("VOSAUDIN Mathieu", "M. VOSAUDIN"), not as one with
    another word ("BERTRAND Jean" is not "RANASSOL BERTRAND")."""
    if surname_key(first) == surname_key(second):
        return True
    for name, other in ((first, second), (second, first)):
        if name and other and not any(char.islower() for char in name):
            other_words = _words(other)
            if surname_key(other) and other_words and other_words <= _words(name):
                return True
    return False


def _words(name: str) -> frozenset[str]:
    """Folded words of ``name`` but civilities and initials."""
    tokens = [token.strip(".,;:()") for token in name.replace("-", " ").split()]
    return frozenset(_fold(token) for token in tokens
                     if len(token) >= 2 and _token_kind(token) != "C")


def _unmatched_pairs(wanted: list, read: list) -> tuple[list, list]:
    """The proxy pairs of ``wanted`` and of ``read`` left once each pair of one is matched
    with at most one pair of the other (giver and holder by ``same_surname``)."""
    left = list(read)
    missing = []
    for giver, holder in wanted:
        match = next((pair for pair in left
                      if same_surname(giver, pair[0]) and same_surname(holder, pair[1])), None)
        if match is None:
            missing.append((giver, holder))
        else:
            left.remove(match)
    return missing, left


def summarise(result: AttendanceResult) -> dict:
    return {
        "present": len(result.present),
        "excused": len(result.excused),
        "absent": len(result.absent),
        "present_names": [entry.name for entry in result.present],
        "excused_names": list(result.excused),
        "absent_names": list(result.absent),
        "proxies": [[proxy.giver, proxy.holder] for proxy in result.proxies],
        "secretary": result.secretary,
    }


def compare(expected: dict, got: dict) -> list[str]:
    """French descriptions of every difference between hand counts and the parser's reading."""
    differences = []
    labels = {"present": "présents", "excused": "excusés", "absent": "absents"}
    for key, label in labels.items():
        if expected[key] != got[key]:
            differences.append(f"{label} : attendu {expected[key]}, lu {got[key]}")
        elif f"{key}_names" in expected:
            # Equal counts may hide two errors that cancel out: where the sidecar lists the
            # names, they are compared too (by surname, each as many times as listed).
            wanted_names = Counter(surname_key(name) for name in expected[f"{key}_names"])
            read_names = Counter(surname_key(name) for name in got[f"{key}_names"])
            if wanted_names != read_names:
                missing = [name for name in expected[f"{key}_names"]
                           if surname_key(name) in wanted_names - read_names]
                extra = [name for name in got[f"{key}_names"]
                         if surname_key(name) in read_names - wanted_names]
                differences.append(f"{label} : noms différents ; manquent "
                                   f"{', '.join(missing) or '—'} ; en trop "
                                   f"{', '.join(extra) or '—'}")
    missing_pairs, extra_pairs = _unmatched_pairs(expected["proxies"], got["proxies"])
    if missing_pairs or extra_pairs:
        missing = [f"{g} → {h}" for g, h in missing_pairs]
        extra = [f"{g} → {h}" for g, h in extra_pairs]
        differences.append(
            f"procurations : attendu {len(expected['proxies'])}, lu {len(got['proxies'])}"
            + (f" ; manquent {', '.join(missing)}" if missing else "")
            + (f" ; en trop {', '.join(extra)}" if extra else "")
        )
    if not same_surname(expected.get("secretary"), got["secretary"]):
        differences.append(f"secrétaire : attendu {expected.get('secretary')!r}, "
                           f"lu {got['secretary']!r}")
    return differences


def check_text(slug: str, text: str, expected: dict, parse) -> CheckOutcome:
    try:
        result = parse(text)
    except ParseError as error:
        return CheckOutcome(slug, FLAGGED, expected, {}, [str(error)], [str(error)])
    got = summarise(result)
    differences = compare(expected, got)
    anomalies = [f"{anomaly.label} — {anomaly.message} [{anomaly.text}]"
                 for anomaly in result.anomalies]
    if not differences:
        verdict = EXACT
    else:
        verdict = FLAGGED if anomalies else SILENTLY_WRONG
    return CheckOutcome(slug, verdict, expected, got, differences, anomalies)


def check_directory(directory: Path, parse, *, held_back: bool = True) -> list[CheckOutcome]:
    """Every ``*.txt`` of ``directory`` that has a sidecar ``*.json``, in name order;
    without the held-back ones when ``held_back`` is False (they are then not even read)."""
    outcomes = []
    for text_path in sorted(Path(directory).glob("*.txt")):
        sidecar = text_path.with_suffix(".json")
        if not sidecar.exists():
            continue
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        if data.get("held_back") and not held_back:
            continue
        text = text_path.read_text(encoding="utf-8")
        outcome = check_text(text_path.stem, text, data["expected"], parse)
        outcome.held_back = bool(data.get("held_back"))
        outcomes.append(outcome)
    return outcomes


def _figures(outcomes: list[CheckOutcome]) -> str:
    counts = {verdict: sum(outcome.verdict == verdict for outcome in outcomes)
              for verdict in (EXACT, FLAGGED, SILENTLY_WRONG)}
    return (f"{counts[EXACT]} exact, {counts[FLAGGED]} flagged, "
            f"{counts[SILENTLY_WRONG]} silently wrong")


def summary_line(outcomes: list[CheckOutcome]) -> str:
    """"tuned: … ; held back: …" — the two sets apart, since only the second measures how the
    rules generalise. A corpus without held-back texts prints the tuned figure alone."""
    tuned = [outcome for outcome in outcomes if not outcome.held_back]
    held = [outcome for outcome in outcomes if outcome.held_back]
    if not held:
        return _figures(tuned)
    return f"tuned: {_figures(tuned)}; held back: {_figures(held)}"
