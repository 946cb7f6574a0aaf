"""The pg_trgm extension on PostgreSQL: trigram similarity for search suggestions (nothing on
SQLite, where portal.kernel.suggestions computes the same similarity)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0011_organisation_siren_siret_luhn"),
    ]

    operations = [
        TrigramExtension(),
    ]
