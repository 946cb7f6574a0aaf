"""``manage.py parse_attendance FILE``: print the attendance block of a registre as JSON.

``manage.py parse_attendance --check DIR``: run the parser over a corpus of blocks counted by
hand (``<slug>.txt`` + ``<slug>.json``, see ``deliberations.minutes.parsing.corpus``), print
expected vs got and the anomalies of each text, then "tuned: N exact, … ; held back: M exact, …,
K silently wrong" (held-back texts: see ``deliberations.minutes.parsing.corpus``).
Exits 1 when a text is silently wrong.

FILE is a text file or ``-`` for standard input. Anomalies are part of the output, not
errors: the command exits 0 whenever it found an attendance section.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from deliberations.minutes.parsing import ParseError, parse_attendance
from deliberations.minutes.parsing.corpus import SILENTLY_WRONG, check_directory, summary_line

# Unreadable file or no attendance section: distinct from Django's generic exit 1.
EXIT_INPUT_ERROR = 2


class Command(BaseCommand):
    help = (
        "Analyse la liste de présence d'un extrait du registre (présents, procurations, "
        "excusés, secrétaire) et l'affiche en JSON."
    )
    # Pure text processing: no database nor URL needed, so the command stays usable while the
    # rest of the project is being configured.
    requires_system_checks = []
    # call_command(..., stdin=io.StringIO(text)) for tests, like createsuperuser.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Fichier texte du registre, ou « - » pour "
                            "l'entrée standard.")
        parser.add_argument("--check", metavar="DOSSIER",
                            help="Compare la lecture de chaque texte du dossier à ses décomptes "
                            "faits à la main (fichier .json à côté de chaque .txt).")
        parser.add_argument("--tuned-only", action="store_true",
                            help="Avec --check : ne lit que les textes d'ajustement ; les textes "
                            "mis de côté ne sont ni lus ni comptés.")
        parser.add_argument("--held-back-summary-only", action="store_true",
                            help="Avec --check : n'affiche aucun détail des textes mis de côté, "
                            "seulement leur décompte dans la ligne de synthèse.")

    def handle(self, *args, **options):
        if options["check"]:
            return self._check(Path(options["check"]), tuned_only=options["tuned_only"],
                               hide_held_back=options["held_back_summary_only"])
        if not options["file"]:
            raise CommandError("Indiquez un fichier, « - », ou --check DOSSIER.",
                               returncode=EXIT_INPUT_ERROR)
        text = self._read(options["file"], options.get("stdin") or sys.stdin)
        try:
            result = parse_attendance(text)
        except ParseError as error:
            raise CommandError(str(error), returncode=EXIT_INPUT_ERROR) from error
        self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))

    def _read(self, source: str, stdin) -> str:
        if source == "-":
            try:
                return stdin.read()
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"Impossible de lire l'entrée standard : {error}",
                                   returncode=EXIT_INPUT_ERROR) from error
        try:
            return Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                f"Impossible de lire le fichier « {source} » : {error}",
                returncode=EXIT_INPUT_ERROR,
            ) from error

    def _check(self, directory: Path, *, tuned_only: bool = False,
               hide_held_back: bool = False) -> None:
        if not directory.is_dir():
            raise CommandError(f"« {directory} » n'est pas un dossier.",
                               returncode=EXIT_INPUT_ERROR)
        outcomes = check_directory(directory, parse_attendance, held_back=not tuned_only)
        if not outcomes:
            raise CommandError(f"Aucun couple .txt/.json dans « {directory} ».",
                               returncode=EXIT_INPUT_ERROR)
        for outcome in outcomes:
            if outcome.held_back and hide_held_back:
                continue
            held = " (mis de côté)" if outcome.held_back else ""
            self.stdout.write(f"== {outcome.slug}{held} : {outcome.verdict}")
            expected, got = outcome.expected, outcome.got
            for key, label in (("present", "présents"), ("excused", "excusés"),
                               ("absent", "absents")):
                self.stdout.write(f"   {label:<12} attendu {expected.get(key)!s:>4}   "
                                  f"lu {got.get(key)!s:>4}")
            self.stdout.write(f"   {'procurations':<12} attendu {len(expected['proxies']):>4}   "
                              f"lu {len(got.get('proxies', [])):>4}")
            self.stdout.write(f"   {'secrétaire':<12} attendu {expected.get('secretary')!r}   "
                              f"lu {got.get('secretary')!r}")
            for difference in outcome.differences:
                self.stdout.write(f"   ÉCART : {difference}")
            for anomaly in outcome.anomalies:
                self.stdout.write(f"   anomalie : {anomaly}")
        self.stdout.write(summary_line(outcomes))
        if any(outcome.verdict == SILENTLY_WRONG for outcome in outcomes):
            raise CommandError("Au moins un texte est lu faux sans anomalie.", returncode=1)
