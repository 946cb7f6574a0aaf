"""Indicators as the project states them: the baseline keeps its qualifier ("plus de") and
the date or period only when the text gives one; targets become rows of their own (several
per indicator, each with its horizon when stated). The one target recorded so far (a value
and a year on the indicator) moves to a target row."""

import django.db.models.deletion
from django.db import migrations, models


def targets_to_rows(apps, schema_editor):
    Indicator = apps.get_model("territory_project", "Indicator")
    Target = apps.get_model("territory_project", "Target")
    for indicator in Indicator.objects.filter(target_value__isnull=False):
        Target.objects.create(
            indicator=indicator, position=1, kind="level", value=indicator.target_value,
            unit=indicator.unit, year=indicator.target_year,
            wording=indicator.source_sentence, source_sentence=indicator.source_sentence)


class Migration(migrations.Migration):

    dependencies = [
        ('territory_project', '0002_clerk_permissions'),
    ]

    operations = [
        migrations.CreateModel(
            name='Target',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='rang')),
                ('kind', models.CharField(choices=[('level', 'niveau à atteindre'), ('change', 'évolution'), ('milestone', 'réalisation')], max_length=10, verbose_name='nature')),
                ('value', models.DecimalField(blank=True, decimal_places=3, max_digits=14, null=True, verbose_name='valeur')),
                ('unit', models.CharField(blank=True, max_length=80, verbose_name='unité')),
                ('year', models.PositiveSmallIntegerField(blank=True, help_text="Vide si le document n'en donne pas.", null=True, verbose_name='horizon')),
                ('wording', models.TextField(verbose_name='formulation du projet')),
                ('source_sentence', models.TextField(verbose_name='phrase source du projet')),
            ],
            options={
                'verbose_name': 'cible',
                'ordering': ['indicator', 'position'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='indicator',
            name='indicator_baseline_has_year',
        ),
        migrations.RemoveConstraint(
            model_name='indicator',
            name='indicator_target_has_year',
        ),
        migrations.AddField(
            model_name='indicator',
            name='baseline_period',
            field=models.CharField(blank=True, help_text='Telle que le document la donne (« entre 2010 et 2020 »).', max_length=80, verbose_name='période de la référence'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='baseline_qualifier',
            field=models.CharField(blank=True, help_text='Par exemple « plus de ».', max_length=30, verbose_name='qualificatif de la référence'),
        ),
        migrations.AddField(
            model_name='target',
            name='indicator',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='territory_project.indicator', verbose_name='indicateur'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.UniqueConstraint(fields=('indicator', 'position'), name='target_position_unique'),
        ),
        migrations.AddConstraint(
            model_name='target',
            constraint=models.CheckConstraint(condition=models.Q(('kind', 'milestone'), ('value__isnull', False), _connector='OR'), name='target_value_unless_milestone'),
        ),
        migrations.RunPython(targets_to_rows, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='indicator',
            name='target_value',
        ),
        migrations.RemoveField(
            model_name='indicator',
            name='target_year',
        ),
    ]
