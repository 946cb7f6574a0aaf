"""``manage.py parse_attendance FILE``: print the attendance block of a registre as JSON.

FILE is a text file or ``-`` for standard input. Anomalies are part of the output, not
errors: the command exits 0 whenever it found an attendance section.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from deliberations.minutes.parsing import ParseError, parse_attendance

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
        parser.add_argument("file", help="Fichier texte du registre, ou « - » pour l'entrée "
                            "standard.")

    def handle(self, *args, **options):
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
