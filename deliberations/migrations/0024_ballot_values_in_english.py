"""Ballot values stored in English, as every other value (deliberations.rules.vocabulary):
"main_levee" becomes "show_of_hands" and "public" "roll_call". Published acts are rewritten
only here, the immutability triggers lifted for the migration and put back at its end: the
value names the same ballot, what the act certifies does not change."""

from django.db import migrations, models

RENAMED = {"main_levee": "show_of_hands", "public": "roll_call"}


def rename(apps, schema_editor, mapping=RENAMED):
    for name in ("Deliberation", "HistoricalDeliberation"):
        model = apps.get_model("deliberations", name)
        for old, new in mapping.items():
            model.objects.filter(ballot=old).update(ballot=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in RENAMED.items()})


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
        ('deliberations', '0023_search_fts_list_indexes'),
    ]

    # The triggers are lifted around the change (SQLite rebuilds the table, and the triggers of
    # the tables that refer to it would stop the rebuild), then put back.
    operations = [
        migrations.RunPython(uninstall, install),
        migrations.AlterField(
            model_name='deliberation',
            name='ballot',
            field=models.CharField(choices=[('show_of_hands', 'À main levée'), ('roll_call', 'Scrutin public'), ('secret', 'Scrutin secret')], default='show_of_hands', max_length=16, verbose_name='mode de scrutin'),
        ),
        migrations.AlterField(
            model_name='historicaldeliberation',
            name='ballot',
            field=models.CharField(choices=[('show_of_hands', 'À main levée'), ('roll_call', 'Scrutin public'), ('secret', 'Scrutin secret')], default='show_of_hands', max_length=16, verbose_name='mode de scrutin'),
        ),
        migrations.RunPython(rename, rename_back),
        migrations.RunPython(install, uninstall),
    ]
