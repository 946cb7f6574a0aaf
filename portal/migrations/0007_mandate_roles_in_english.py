"""Mandate roles stored in English, as every other value (deliberations.rules.vocabulary):
"membre_bureau", "conseiller" and "suppleant" become "bureau_member", "councillor" and
"substitute"."""

from django.db import migrations, models

RENAMED = {"membre_bureau": "bureau_member", "conseiller": "councillor",
           "suppleant": "substitute"}


def rename(apps, schema_editor, mapping=RENAMED):
    for name in ("Mandate", "HistoricalMandate"):
        model = apps.get_model("portal", name)
        for old, new in mapping.items():
            model.objects.filter(role=old).update(role=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0006_history'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='mandate',
            name='mandate_substitute_only_for_suppleant',
        ),
        migrations.AlterField(
            model_name='historicalmandate',
            name='role',
            field=models.CharField(choices=[('president', 'Président'), ('vice_president', 'Vice-président'), ('bureau_member', 'Membre du Bureau'), ('councillor', 'Conseiller'), ('substitute', 'Délégué suppléant')], default='councillor', max_length=20, verbose_name='fonction'),
        ),
        migrations.AlterField(
            model_name='mandate',
            name='role',
            field=models.CharField(choices=[('president', 'Président'), ('vice_president', 'Vice-président'), ('bureau_member', 'Membre du Bureau'), ('councillor', 'Conseiller'), ('substitute', 'Délégué suppléant')], default='councillor', max_length=20, verbose_name='fonction'),
        ),
        migrations.RunPython(rename, rename_back),
        migrations.AddConstraint(
            model_name='mandate',
            constraint=models.CheckConstraint(condition=models.Q(('role', 'substitute'), ('substitute_for__isnull', True), _connector='OR'), name='mandate_substitute_only_for_suppleant', violation_error_message='Seul un délégué suppléant remplace un titulaire.'),
        ),
    ]
