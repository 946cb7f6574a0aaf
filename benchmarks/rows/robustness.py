"""Robustness of the attendance parser (not part of the test suite): the tuned texts of the
corpus (tests/fixtures/minutes, held-back texts never read) deformed the way text extraction
deforms minutes, each checked against its hand counts.

    .venv/bin/python benchmarks/run.py robustness [--corpus DIR] [--verbose]

Deformations: every line wrapped at 70, 55 and 40 columns (a PDF page narrower than the
original, lines cut at a space, inside a name or a heading), wrapped at 60 with long words cut
by a hyphen, the whole block flattened onto one line (an extraction that loses every line
break), civilities written in full ("Monsieur", "Madame"), and tabs after separators. A rule
that survives them is not tied to one text's line breaks. Prints, for each deformation, exact /
flagged / silently wrong, and with --verbose the texts that are not exact.
"""

import argparse
import re
import textwrap
from pathlib import Path

from deliberations.minutes.parsing import parse_attendance
from deliberations.minutes.parsing.corpus import EXACT, SILENTLY_WRONG, check_directory

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "minutes"


def wrapped(width: int):
    def deform(text: str) -> str:
        return "\n".join(
            "\n".join(textwrap.wrap(line, width, break_long_words=False,
                                    break_on_hyphens=False)) if line.strip() else ""
            for line in text.splitlines())
    return deform


def flattened(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def hyphenated(width: int):
    """Wrapped at ``width`` with long words cut by a hyphen at the line end ("GRARLAR-
    / DEL-BELASSOL"), as a justified PDF column is extracted."""
    def deform(text: str) -> str:
        lines = wrapped(width)(text).split("\n")
        for index in range(len(lines) - 1):
            words = lines[index + 1].split(" ")
            first = words[0]
            if len(first) >= 8 and first.isalpha() and len(lines[index]) + 5 < width + 10:
                lines[index] += f" {first[:4]}-"
                lines[index + 1] = " ".join([first[4:], *words[1:]])
        return "\n".join(lines)
    return deform


def civilities_in_full(text: str) -> str:
    """"M." and "Mme" written "Monsieur" and "Madame"."""
    return re.sub(r"(?<![\w.])Mme(?=\s)", "Madame", re.sub(r"(?<![\w.])M\.(?=\s)", "Monsieur",
                                                            text))


def tabs(text: str) -> str:
    """Separators and colons followed by a tab instead of a space (a table copied as text)."""
    return re.sub(r"([,;:]) ", "\\1\t", text)


DEFORMATIONS = {"as is": lambda text: text, "wrapped at 70": wrapped(70),
                "wrapped at 55": wrapped(55), "wrapped at 40": wrapped(40),
                "hyphenated 60": hyphenated(60), "one line": flattened,
                "Monsieur/Madame": civilities_in_full, "tabs": tabs}


def measure(corpus: Path, deform) -> list:
    return check_directory(corpus, lambda text: parse_attendance(deform(text)), held_back=False)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="run.py robustness")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args(argv)
    for label, deform in DEFORMATIONS.items():
        outcomes = measure(options.corpus, deform)
        exact = sum(outcome.verdict == EXACT for outcome in outcomes)
        wrong = [outcome for outcome in outcomes if outcome.verdict == SILENTLY_WRONG]
        print(f"{label:<14} {exact:>3} exact of {len(outcomes)}, "
              f"{len(outcomes) - exact - len(wrong)} flagged, {len(wrong)} silently wrong"
              + (f" ({', '.join(outcome.slug for outcome in wrong)})" if wrong else ""))
        if options.verbose:
            for outcome in outcomes:
                if outcome.verdict != EXACT:
                    print(f"    {outcome.slug}: {outcome.verdict}: "
                          + " | ".join(outcome.differences))
