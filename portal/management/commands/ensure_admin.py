"""Creates (or updates) the administrator account of a development installation, quietly."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = ("Crée ou met à jour le compte administrateur (variables ADMIN_USERNAME, "
            "ADMIN_PASSWORD).")

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))

    def handle(self, *args, username, **options):
        password = os.environ.get("ADMIN_PASSWORD", "")
        if not password:
            raise CommandError("Indiquez le mot de passe dans la variable ADMIN_PASSWORD.")
        user, created = get_user_model().objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        if options["verbosity"] > 1:
            self.stdout.write(f"Compte « {username} » {'créé' if created else 'mis à jour'}.")
