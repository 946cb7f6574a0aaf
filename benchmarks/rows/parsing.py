"""Benchmark of the attendance parser (not part of the test suite). Target: ≤ 20 ms for a
150-name block.

    .venv/bin/python benchmarks/run.py parsing [--names 150] [--samples 30]

The blocks are synthetic (surnames and given names combined in turn) and written in the
styles met in the corpus of tests/fixtures/minutes: "NOM Prénom" by commas with a procurations
list, "initiale. NOM" wrapped over lines, one line cut by dashes, and the first style read
against a roster of the same members. Prints the median and worst time of each.
"""

import argparse
import os
import statistics

from harness.timing import repeat

from deliberations.minutes.parsing import parse_attendance

SURNAMES = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND",
            "LEROY", "MOREAU", "SIMON", "LAURENT", "LEFEBVRE", "MICHEL", "GARCIA", "DAVID",
            "BERTRAND", "ROUX", "VINCENT", "FOURNIER", "MOREL", "GIRARD", "ANDRE", "LE GOFF",
            "DA SILVA", "MERCIER", "DUPONT", "LAMBERT", "BONNET", "FRANCOIS"]
GIVEN = ["Jean", "Marie", "Pierre", "Anne", "Michel", "Sylvie", "Alain", "Nathalie", "Luc",
         "Isabelle", "Jean-Pierre", "Marie-Claude", "Paul", "Sophie", "Yann"]


def people(count: int) -> list[tuple[str, str]]:
    return [(SURNAMES[index % len(SURNAMES)] + ("" if index < len(SURNAMES)
                                                  else f"-{SURNAMES[index // len(SURNAMES)]}"),
             GIVEN[index % len(GIVEN)]) for index in range(count)]


def block_commas(members: list[tuple[str, str]]) -> str:
    present = members[: len(members) * 2 // 3]
    givers = members[len(present): len(present) + 20]
    excused = members[len(present) + 20:]
    return (
        "ETAIENT PRESENTS :\n" + ", ".join(f"{s} {g}" for s, g in present) + "\n\n"
        "PROCURATIONS :\n" + ", ".join(
            f"{gs} {gg} donne procuration à {hs} {hg}"
            for (gs, gg), (hs, hg) in zip(givers, present, strict=False))
        + "\n\nETAIENT ABSENTS EXCUSES :\n" + ", ".join(f"{s} {g}" for s, g in excused)
        + "\n\nMonsieur " + " ".join(present[0]) + " est élu Secrétaire,\n"
    )


def block_initials(members: list[tuple[str, str]]) -> str:
    names = ", ".join(f"{g[0]}. {s}" for s, g in members)
    lines, line = [], ""
    for word in names.split(" "):  # wrapped at 90 columns, names cut across lines
        if len(line) + len(word) > 90:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return "PRESENTS\n\n" + "\n".join(lines + [line]) + "\n"


def block_dashes(members: list[tuple[str, str]]) -> str:
    return "Etaient présents : " + " – ".join(f"{s} {g[0]}." for s, g in members) + "\n"


def measure(text: str, samples: int, **options) -> tuple[float, float, float, int]:
    """Median and worst wall time, median CPU time (the machine may be shared: CPU time is
    what the parser itself costs), in ms, and the number of entries read."""
    cpu: list[float] = []
    wall = repeat(lambda: parse_attendance(text, **options), samples=samples, budget=60.0,
                  minimum=samples, cpu=cpu)
    result = parse_attendance(text, **options)
    read = len(result.present) + len(result.proxies) + len(result.excused)
    return (statistics.median(wall) * 1000, max(wall) * 1000, statistics.median(cpu) * 1000,
            read)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="run.py parsing", description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=150)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args(argv)
    members = people(args.names)
    roster = [f"{s} {g}" for s, g in members]
    cases = [
        ("NOM Prénom, procurations", block_commas(members), {}),
        ("initiale. NOM, lignes coupées", block_initials(members), {}),
        ("une ligne, tirets", block_dashes(members), {}),
        ("NOM Prénom + liste des élus", block_commas(members), {"roster": roster}),
    ]
    print(f"Lecture d'une liste de {args.names} noms ({args.samples} mesures, cible ≤ 20 ms de "
          "CPU ; le temps écoulé dépend de la charge de la machine)")
    print(f"charge de la machine : {os.getloadavg()[0]:.1f} sur {os.cpu_count()} cœurs")
    print(f"{'style':<32} {'lus':>5} {'médiane ms':>11} {'pire ms':>9} {'CPU ms':>8}  cible")
    for label, text, options in cases:
        median, worst, cpu, read = measure(text, args.samples, **options)
        print(f"{label:<32} {read:>5} {median:>11.1f} {worst:>9.1f} {cpu:>8.1f}  "
              f"{'ok' if cpu <= 20 else 'DÉPASSÉE'}")

