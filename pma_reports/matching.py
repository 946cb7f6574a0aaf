"""The reviewed year-over-year pairs of report actions (data/year_over_year.json).

Actions are retitled from one report to the next ("Energies fatales" in 2020, "Valorisation
des énergies fatales" in 2021), so no rule on their words can tell which ones are the same
action: a reviewer says so, pair by pair, with the reason. An action no pair names stays
alone on its row, and the page concludes nothing from its absence in the other report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "year_over_year.json"


@dataclass(frozen=True)
class Pair:
    theme: str
    heading: str
    # Report year → the starts of the texts of that year's actions in the pair.
    starts: dict[int, tuple[str, ...]]
    reason: str


def normalise(text: str) -> str:
    """Curly and straight apostrophes are the same letter here (the 2020 OCR uses both)."""
    return text.replace("’", "'").strip()


@cache
def reviewed_pairs(path: Path = DATA_FILE) -> tuple[Pair, ...]:
    rows = json.loads(path.read_text(encoding="utf-8"))["paires"]
    return tuple(
        Pair(theme=row["theme"], heading=row["intitule"],
             starts={int(year): tuple(normalise(s) for s in starts)
                     for year, starts in row["actions"].items()},
             reason=row["raison"])
        for row in rows
    )


def pairs_for(theme: str) -> list[Pair]:
    return [pair for pair in reviewed_pairs() if pair.theme == theme]


def starts_with(action_text: str, start: str) -> bool:
    return normalise(action_text).startswith(start)
