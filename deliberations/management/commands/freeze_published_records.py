"""Freeze the records of acts published before records were frozen at publication."""

from django.core.management.base import BaseCommand
from django.db import transaction

from deliberations.record import freeze_published_records


class Command(BaseCommand):
    help = ("Fige l'état publié des délibérations publiées qui n'en ont pas encore "
            "(publiées avant que l'état publié ne soit figé à la publication).")

    def handle(self, *args, **options):
        with transaction.atomic():
            count = freeze_published_records()
        self.stdout.write(f"{count} état(s) publié(s) figé(s).")
