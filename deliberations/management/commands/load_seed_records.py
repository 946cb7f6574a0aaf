"""``manage.py load_seed_records [--seeds-dir DIR]``: load the records of the seed documents.

Idempotent: run it again and the same rows stay, with the same primary keys.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from deliberations.minutes.parsing import ParseError
from deliberations.minutes.seeding import SeedError, load_seed_records


class Command(BaseCommand):
    help = (
        "Charge les collectivités, communes, assemblées, élus, mandats, séances, présences, "
        "procurations et délibérations des documents sources (extraits 000 et 003)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds-dir", type=Path, default=None,
            help="Dossier des documents sources (par défaut : réglage SEEDS_DIR).",
        )

    def handle(self, *args, **options):
        seeds_dir = options["seeds_dir"] or Path(settings.SEEDS_DIR)
        try:
            summary = load_seed_records(seeds_dir=seeds_dir)
        except (SeedError, ParseError, OSError) as error:
            raise CommandError(f"Chargement impossible : {error}") from error
        self.stdout.write(self.style.SUCCESS(summary.as_french()))
