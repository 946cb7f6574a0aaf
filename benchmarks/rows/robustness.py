"""Robustness of the attendance parser (not part of the test suite): the tuned texts of the
corpus (tests/fixtures/minutes, held-back texts never read) deformed the way text extraction
deforms minutes, each checked against its hand counts.

    .venv/bin/python benchmarks/run.py robustness [--corpus DIR] [--verbose]

Deformations: every line wrapped at 70 and at 55 columns (a PDF page narrower than the
original, lines cut at a space, inside a name or a heading), and the whole block flattened onto
one line (an extraction that loses every line break). A rule that survives them is not tied to
one text's line breaks. Prints, for each deformation, exact / flagged / silently wrong, and
with --verbose the texts that are not exact.
"""

import argparse
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


DEFORMATIONS = {"as is": lambda text: text, "wrapped at 70": wrapped(70),
                "wrapped at 55": wrapped(55), "one line": flattened}


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
