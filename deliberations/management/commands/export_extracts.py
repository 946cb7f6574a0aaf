"""python manage.py export_extracts --session <id> [--output FILE.zip]

Writes a ZIP of the certified extracts of a session's published deliberations, issuing the
missing or outdated ones, with a progress bar on stderr.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from deliberations.extracts import issuing
from deliberations.models import Session


class Command(BaseCommand):
    help = "Exporte dans un ZIP les extraits certifiés des délibérations publiées d'une séance."

    def add_arguments(self, parser):
        parser.add_argument("--session", type=int, required=True, help="Identifiant de la séance.")
        parser.add_argument(
            "--output", type=Path,
            help="Fichier ZIP à écrire (par défaut : extraits-<collectivité>-<assemblée>-"
            "<date>.zip dans le répertoire courant).",
        )

    def handle(self, *args, session, output, **options):
        try:
            session_obj = Session.objects.select_related("body__organisation").get(pk=session)
        except Session.DoesNotExist as exc:
            raise CommandError(f"Aucune séance n'a l'identifiant {session}.") from exc
        output = output or Path(f"{issuing.session_archive_name(session_obj)}.zip")
        show_bar = options["verbosity"] > 0

        def progress(items, total):
            return tqdm(items, total=total, desc="Extraits", unit="extrait", file=sys.stderr,
                        disable=not show_bar)

        with open(output, "wb") as target:
            count = issuing.write_sessions_zip([session_obj], target, progress=progress)
        if count == 0:
            self.stderr.write(self.style.WARNING(
                "Aucune délibération publiée dans cette séance : l'archive est vide."))
        self.stdout.write(self.style.SUCCESS(f"{count} extrait(s) écrit(s) dans {output}"))
