"""The reviewed OCR correction table of the 2020 activity report (seed 001).

The 2020 report reached us as OCR text of a two-column PDF: the objective headings of the
left column are cut into pieces and interleaved with the actions of the right column, some
bullets are lost, and letters are misread ("I'économie", "Chaine", "Pdles"). Each entry below
repairs one such damage, in order, on the whole text. The loader checks that each original
occurs exactly `count` times before replacing it, so a change in the source text stops the
load instead of being corrected silently; the page keeps the source text and lists the
corrections applied ("texte source").

`§ ` marks the start of an objective heading rebuilt by a layout correction: the OCR lost the
column that told headings from actions, so the table says where each objective starts.
The tables are reviewed data, not code: `data/corrections.json`, one row per correction with
the line of the text it meets at its turn (`ligne`, 1-based, the first line it touches), the
original, the correction, the reason and, where it recurs, the expected number of
occurrences. Each row is tested (tests/pma_reports/test_corrections.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Correction:
    original: str
    corrected: str
    reason: str
    count: int = 1
    # A regular expression (for one misreading that recurs in many words, such as "I'" for
    # "l'"); `corrected` is then the replacement template.
    regex: bool = False
    # The line of the text the correction meets at its turn (1-based), for the reviewer.
    line: int = 0


class CorrectionMismatch(ValueError):
    """The source text no longer holds an original the table expects."""


DATA_FILE = Path(__file__).resolve().parent / "data" / "corrections.json"


def _load_tables(path: Path = DATA_FILE) -> dict[str, list[Correction]]:
    """The reviewed tables of the data file, each row as a Correction."""
    tables = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: [
            Correction(
                original=row["original"],
                corrected=row["corrige"],
                reason=row["raison"],
                count=row.get("occurrences", 1),
                regex=row.get("expression_reguliere", False),
                line=row["ligne"],
            )
            for row in table["corrections"]
        ]
        for name, table in tables.items()
    }


_TABLES = _load_tables()
# Layout repairs of the 2020 OCR text, then the letters the OCR misread.
LAYOUT_2020: list[Correction] = _TABLES["mise_en_page_2020"]
READING_2020: list[Correction] = _TABLES["lecture_2020"]
OCR_2020 = LAYOUT_2020 + READING_2020
# The 2021 report is not OCR (a table exported with its HTML lists), but a page break lost
# the indentation of two sub-items.
LAYOUT_2021: list[Correction] = _TABLES["mise_en_page_2021"]


def apply_corrections(text: str, table: list[Correction]) -> str:
    """Apply the table in order; raise CorrectionMismatch if an original is not found the
    expected number of times (the source changed: the table must be reviewed again)."""
    for correction in table:
        if correction.regex:
            found = len(re.findall(correction.original, text))
        else:
            found = text.count(correction.original)
        if found != correction.count:
            raise CorrectionMismatch(
                f"Correction « {correction.original!r} » : {found} occurrence(s) trouvée(s), "
                f"{correction.count} attendue(s)."
            )
        if correction.regex:
            text = re.sub(correction.original, correction.corrected, text)
        else:
            text = text.replace(correction.original, correction.corrected)
    return text
