"""Send the e-mail alert digests due today (what the Celery beat task alerts.send_digests
runs), for hosts without Celery: run it once a day from cron. A rerun sends nothing twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from deliberations.alerts.digests import send_digests


class Command(BaseCommand):
    help = ("Envoie les alertes par courriel dues aujourd'hui "
            "(actes publiés depuis le dernier envoi).")

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Jour de l'envoi (AAAA-MM-JJ), aujourd'hui par défaut.")
        parser.add_argument("--batch-size", type=int, default=None,
                            help="Alertes traitées par lot (ALERTS_BATCH_SIZE par défaut).")

    def handle(self, *args, date=None, batch_size=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"Date invalide : « {date} » (attendu AAAA-MM-JJ).") from error
        run = send_digests(today=today, batch_size=batch_size)
        self.stdout.write(run.as_french())
