"""Freeze the records of acts published before records were frozen at publication, or whose
bulk freezing stopped partway (generate_synthetic freezes after its load's commit)."""

import os

from django.core.management.base import BaseCommand
from django.db import transaction

from deliberations.record import freeze_published_records


class Command(BaseCommand):
    help = ("Fige l'état publié des délibérations publiées qui n'en ont pas encore "
            "(publiées avant que l'état publié ne soit figé à la publication, ou dont le gel en "
            "masse s'est arrêté en route).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--jobs", type=int, default=1,
            help="Processus de gel en parallèle (PostgreSQL) ; chaque lot est validé à part, "
                 "un arrêt laisse des lots entiers et une nouvelle exécution finit le reste. "
                 f"1 (défaut) : une seule transaction. Cœurs de cette machine : {os.cpu_count()}.")
        parser.add_argument("--batch", type=int, default=1000,
                            help="Actes par lot (défaut : 1000).")

    def handle(self, *args, jobs, batch, **options):
        if jobs > 1:
            count = freeze_published_records(batch=batch, jobs=jobs)
        else:
            with transaction.atomic():
                count = freeze_published_records(batch=batch)
        self.stdout.write(f"{count} état(s) publié(s) figé(s).")
