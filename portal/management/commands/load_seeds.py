"""``manage.py load_seeds [--seeds-dir DIR]``: every record of the seed documents, in order
(organisations, members, sessions and acts; then the territorial project; then the PMA's
reports), through the loaders the apps register in portal.kernel.seeds.

Idempotent: a second run changes no row.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.kernel import seeds


class Command(BaseCommand):
    help = "Charge tous les enregistrements des documents sources, dans l'ordre."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds-dir", type=Path, default=None,
            help="Dossier des documents sources (par défaut : réglage SEEDS_DIR).",
        )

    def handle(self, *args, **options):
        seeds_dir = options["seeds_dir"] or Path(settings.SEEDS_DIR)
        for loader in seeds.loaders():
            try:
                report = loader.load(seeds_dir)
            except seeds.SeedError as error:
                raise CommandError(f"Chargement impossible : {error}") from error
            if options["verbosity"] > 0:
                self.stdout.write(self.style.SUCCESS(report.summary))
            for warning in report.warnings:
                self.stdout.write(self.style.WARNING(f"Attention : {warning}"))
