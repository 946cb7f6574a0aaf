"""Delete the alert subscriptions never confirmed within ALERTS_UNCONFIRMED_DAYS (what the
Celery beat task alerts.purge_unconfirmed runs), and the addresses left without any."""

from django.core.management.base import BaseCommand

from deliberations.alerts.services import unconfirmed_purge


class Command(BaseCommand):
    help = "Supprime les alertes par courriel non confirmées à temps et les adresses sans alerte."

    def handle(self, *args, **options):
        count = unconfirmed_purge()
        self.stdout.write(f"{count} alerte(s) non confirmée(s) supprimée(s).")
