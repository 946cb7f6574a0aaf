"""Robustness of the attendance parser (not part of the test suite): the tuned texts of the
corpus (tests/fixtures/minutes, held-back texts never read) deformed the way text extraction
deforms minutes, each checked against its hand counts.

    .venv/bin/python benchmarks/run.py robustness [--corpus DIR] [--verbose]

Deformations: every line wrapped at 70, 55 and 40 columns (a PDF page narrower than the
original, lines cut at a space, inside a name or a heading), wrapped at 60 with long words cut
by a hyphen, the whole block flattened onto one line (an extraction that loses every line
break), civilities written in full ("Monsieur", "Madame"), tabs after separators, page breaks
(a running header and a page number inserted inside the block) and bullets before the list
items. A rule that survives them is not tied to one text's line breaks. Prints, for each
deformation, exact / flagged / silently wrong, and with --verbose the texts that are not exact.
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


def page_breaks(text: str) -> str:
    """A page break at one or two points inside the block, as a PDF extraction leaves it: the
    running header ("Conseil communautaire du 12 mars 2019 – Page 2/14") and the page number
    on lines of their own, between two lines of the text (at a third and two thirds of its
    lines), or inside its longest line at a space near the middle when the text has too few
    lines (a page ending within a paragraph)."""
    lines = text.splitlines()
    points = [index for index in range(1, len(lines)) if lines[index - 1].strip()
              and lines[index].strip()]
    if len(points) < 4:
        longest = max(range(len(lines)), key=lambda index: len(lines[index]))
        line = lines[longest]
        cut = line.find(" ", len(line) // 2)
        if cut < 0:
            return text
        lines[longest:longest + 1] = [line[:cut], line[cut + 1:]]
        points = [longest + 1]
    else:
        points = [points[len(points) // 3], points[2 * len(points) // 3]]
    for page, index in reversed(list(enumerate(points, start=2))):
        lines[index:index] = [f"Conseil communautaire du 12 mars 2019 – Page {page}/14",
                              str(page)]
    return "\n".join(lines)


def bullets(text: str) -> str:
    """List items prefixed by a bullet, "• " (or "- ", one text in two): every line that opens
    an entry, i.e. holds a name in capitals, some lower case and no colon (no heading), and
    follows a line ending with a separator or a heading; a line that goes on with the entry
    above (wrapped) has none, as in a PDF list."""
    mark = "- " if len(text) % 2 else "• "
    lines, previous = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        opens = (not previous or re.search(r"[,;.:]$", previous) or previous.isupper())
        if (stripped and opens and ":" not in stripped and stripped[:1].isupper()
                and re.search(r"\b[A-ZÀ-Ý]{2,}\b", stripped) and re.search(r"[a-zà-ÿ]", stripped)):
            line = mark + stripped
        lines.append(line)
        previous = stripped or previous
    return "\n".join(lines)


DEFORMATIONS = {"as is": lambda text: text, "wrapped at 70": wrapped(70),
                "wrapped at 55": wrapped(55), "wrapped at 40": wrapped(40),
                "hyphenated 60": hyphenated(60), "one line": flattened,
                "Monsieur/Madame": civilities_in_full, "tabs": tabs,
                "page breaks": page_breaks, "bullets": bullets}


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
