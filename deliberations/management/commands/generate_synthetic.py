"""python manage.py generate_synthetic --deliberations N [--seed S]

Fills the database with synthetic records for benchmarks and load tests
(deliberations/synthetic/): organisations, bodies, members, sessions with attendance per
item and proxies, N deliberations. Deterministic for a given seed and day. Refuses a database
that already holds them. On PostgreSQL the rows are loaded with COPY (--no-copy: INSERT), and the
published records are frozen by --jobs processes (the CPU count by default).
"""

import os
import time

from django.core.management.base import BaseCommand, CommandError

from deliberations import synthetic


class Command(BaseCommand):
    help = ("Crée des données synthétiques (collectivités, séances, présences, procurations, "
            "délibérations) pour les bancs d'essai. Jamais sur une base de production.")

    def add_arguments(self, parser):
        parser.add_argument("--deliberations", type=int, required=True,
                            help="Nombre de délibérations à créer (au moins "
                            f"{synthetic.LARGE_ITEMS}).")
        parser.add_argument("--seed", type=int, default=1,
                            help="Graine du générateur : même graine, mêmes données (1 par "
                            "défaut).")
        parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                            help="PostgreSQL : nombre de processus qui figent les états "
                            "publiés (par défaut, le nombre de processeurs).")
        parser.add_argument("--no-copy", action="store_true",
                            help="PostgreSQL : des INSERT au lieu de COPY (mêmes lignes, plus "
                            "lent ; pour comparer).")

    def handle(self, *args, deliberations, seed, no_copy=False, jobs=1, **options):
        started = time.perf_counter()
        verbose = options["verbosity"] > 0

        def progress(message):
            if verbose:
                # CPU of this process and of its finished children (the freezing processes).
                cpu = sum(os.times()[:4])
                self.stderr.write(f"  {message} ({time.perf_counter() - started:.0f} s, "
                                  f"CPU Python {cpu:.0f} s)")

        try:
            result = synthetic.generate(deliberations=deliberations, seed=seed,
                                        progress=progress, copy=False if no_copy else None,
                                        jobs=jobs)
        except ValueError as error:
            raise CommandError(str(error)) from error
        counts = result.counts
        self.stdout.write(
            f"{counts['acts']} délibérations, {counts['sessions']} séances, "
            f"{counts['attendances']} présences, {counts['proxies']} procurations, "
            f"{counts['members']} élus, {counts['bodies']} assemblées, "
            f"{counts['organisations']} collectivités en "
            f"{time.perf_counter() - started:.0f} s. Séance de {synthetic.LARGE_MEMBERS} élus × "
            f"{synthetic.LARGE_ITEMS} questions : n° {result.large_session.pk}."
        )
