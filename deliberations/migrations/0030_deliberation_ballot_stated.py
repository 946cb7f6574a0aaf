"""A deliberation records whether its source states the ballot; pages say "non précisé" when
not. On SQLite adding a column rebuilds the table, which the published record's triggers would
refuse: they are lifted around it and put back (the search triggers are put back after every
migrate, deliberations.apps)."""

from django.db import migrations, models


def install(apps, schema_editor):
    from deliberations import immutability

    if immutability.supported(schema_editor.connection):
        immutability.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from deliberations import immutability

    if immutability.supported(schema_editor.connection):
        immutability.uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('deliberations', '0029_videoconference_help_by_kind_and_date'),
    ]

    operations = [
        migrations.RunPython(uninstall, install),
        migrations.AddField(
            model_name='deliberation',
            name='ballot_stated',
            field=models.BooleanField(default=True, help_text='Décoché : les pages disent « non précisé par la source ».', verbose_name='mode de scrutin indiqué par la source'),
        ),
        migrations.AddField(
            model_name='historicaldeliberation',
            name='ballot_stated',
            field=models.BooleanField(default=True, help_text='Décoché : les pages disent « non précisé par la source ».', verbose_name='mode de scrutin indiqué par la source'),
        ),
        migrations.RunPython(install, uninstall),
    ]
