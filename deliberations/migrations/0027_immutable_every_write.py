"""The published record's triggers cover every write: SQLite ``INSERT OR REPLACE`` and
``UPDATE OR REPLACE``, PostgreSQL ``TRUNCATE`` (deliberations/immutability.py,
``covering_sql``)."""

from django.db import migrations


def install(apps, schema_editor):
    from deliberations import immutability

    immutability.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from deliberations import immutability

    immutability.uninstall(schema_editor.connection, covering_only=True)


class Migration(migrations.Migration):
    dependencies = [
        ("deliberations", "0026_published_record"),
    ]

    operations = [
        migrations.RunPython(install, uninstall),
    ]
