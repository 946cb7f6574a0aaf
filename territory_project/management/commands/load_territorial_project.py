"""``manage.py load_territorial_project [--seeds-dir DIR]``: the territorial project 2022–2032
read from seed 003 (run after load_seed_records, which loads its adopting deliberation).

Idempotent: run it again and the same rows stay, with the same primary keys.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.kernel.seeds import SeedError, seed_file
from territory_project.parsing import ProjectParseError
from territory_project.seeding import ProjectLoadError, project_load


class Command(BaseCommand):
    help = (
        "Charge le projet de territoire 2022-2032 (priorités, enjeux, objectifs, actions, "
        "fonctions sociales, indicateurs) depuis le document source 003."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds-dir", type=Path, default=None,
            help="Dossier des documents sources (par défaut : réglage SEEDS_DIR).",
        )

    def handle(self, *args, **options):
        seeds_dir = options["seeds_dir"] or Path(settings.SEEDS_DIR)
        try:
            _, summary = project_load(text=seed_file(seeds_dir, "003"))
        except (SeedError, ProjectParseError, ProjectLoadError, OSError) as error:
            raise CommandError(f"Chargement impossible : {error}") from error
        self.stdout.write(self.style.SUCCESS(summary.as_french()))
