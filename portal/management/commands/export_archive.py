"""``manage.py export_archive DIR``: every governance record, every stored file and a
manifest of SHA-256 hashes signed with ARCHIVE_SIGNING_KEY (portal/kernel/archive.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.kernel.archive import ArchiveError, export_archive


class Command(BaseCommand):
    help = ("Écrit dans un dossier neuf tous les enregistrements, les fichiers émis (extraits, "
            "annexes, procès-verbaux…) et un manifeste des empreintes SHA-256, signé avec la "
            "clé ARCHIVE_SIGNING_KEY de l'environnement.")

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="dossier de l'archive (neuf ou vide)")

    def handle(self, *args, directory, **options):
        try:
            summary = export_archive(directory)
        except (ArchiveError, OSError) as error:
            raise CommandError(f"Archive impossible : {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Archive écrite : {summary.as_french()}"))
