"""``manage.py import_archive DIR``: restores an archive of export_archive into a new,
migrated database (portal/kernel/archive.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.kernel.archive import ArchiveError, import_archive


class Command(BaseCommand):
    help = ("Restaure une archive d'export_archive dans une base neuve (après migrate) : "
            "vérifie le manifeste, puis insère les enregistrements et les fichiers.")

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="dossier de l'archive")

    def handle(self, *args, directory, **options):
        try:
            summary = import_archive(directory)
        except (ArchiveError, OSError) as error:
            raise CommandError(f"Restauration impossible : {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Archive restaurée : {summary.as_french()}"))
