"""``manage.py import_archive DIR [--with-accounts]``: restores a signed archive of
export_archive into a new, migrated database (portal/kernel/archive.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.kernel.archive import ArchiveError, import_archive


class Command(BaseCommand):
    help = ("Restaure une archive d'export_archive dans une base neuve (après migrate) : "
            "vérifie la signature du manifeste (ARCHIVE_SIGNING_KEY) et les empreintes, puis "
            "insère les enregistrements et les fichiers. Les comptes ne sont restaurés "
            "qu'avec --with-accounts.")

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="dossier de l'archive")
        parser.add_argument(
            "--with-accounts", action="store_true",
            help="restaurer aussi les comptes, les droits de leurs groupes et leurs "
                 "affectations (sinon les comptes du nouveau serveur restent seuls)")

    def handle(self, *args, directory, with_accounts, **options):
        try:
            summary = import_archive(directory, with_accounts=with_accounts)
        except (ArchiveError, OSError) as error:
            raise CommandError(f"Restauration impossible : {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Archive restaurée : {summary.as_french()}"))
