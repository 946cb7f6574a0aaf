"""A deliberation records whether its source states the ballot; pages say "non précisé" when
not. On SQLite adding a column rebuilds the table, which the published record's triggers would
refuse: they are dropped and installed again around it; the rebuild also drops the triggers
that keep the full-text index in step (0023), which are created again."""

import importlib

from django.db import migrations, models

_search = importlib.import_module("deliberations.migrations.0023_search_fts_list_indexes")
# The three triggers of 0023 (its first statement creates the FTS table, which stays, and its
# last fills it, which the kept rows do not need).
SEARCH_TRIGGERS = _search._run(_search.BACKWARD_SQL[:3] + _search.FORWARD_SQL[1:4])


def install(apps, schema_editor):
    from deliberations import immutability

    immutability.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from deliberations import immutability

    immutability.uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('deliberations', '0023_search_fts_list_indexes'),
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
        migrations.RunPython(SEARCH_TRIGGERS, migrations.RunPython.noop),
        migrations.RunPython(install, uninstall),
    ]
