"""``manage.py load_pma_reports [--seeds-dir DIR]``: load the PMA's activity reports (2020:
seed 001, 2021: seed 000), news items (002) and letter to mayors (004).

Run after load_seed_records (the PMA, its members and the Bureau deliberation that takes note
of the 2021 report). Idempotent: a second run leaves the same rows.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pma_reports.corrections import CorrectionMismatch
from pma_reports.parsing import ParseError
from pma_reports.seeding import SeedError, load_pma_reports


class Command(BaseCommand):
    help = (
        "Charge les rapports d'activités 2020 et 2021 du Pôle Métropolitain de l'Artois, ses "
        "actualités et sa lettre aux maires 2024 (documents 000, 001, 002, 004)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds-dir", type=Path, default=None,
            help="Dossier des documents sources (par défaut : réglage SEEDS_DIR).",
        )

    def handle(self, *args, **options):
        seeds_dir = options["seeds_dir"] or Path(settings.SEEDS_DIR)
        try:
            summary = load_pma_reports(seeds_dir=seeds_dir)
        except (SeedError, ParseError, CorrectionMismatch, OSError) as error:
            raise CommandError(f"Chargement impossible : {error}") from error
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(summary.as_french()))
        for warning in summary.warnings:
            self.stdout.write(self.style.WARNING(f"Attention : {warning}"))
