"""Act numbers: given at adoption per body and year (numbering.py), editable until publication."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('deliberations', '0031_deliberation_list_versions'),
    ]

    operations = [
        migrations.AlterField(
            model_name='deliberation',
            name='act_number',
            field=models.CharField(blank=True, help_text="Attribué à l'adoption (année-assemblée-rang, ex. 2022-B-001) s'il est vide ; modifiable jusqu'à la publication.", max_length=50, verbose_name="n° d'acte"),
        ),
        migrations.AlterField(
            model_name='historicaldeliberation',
            name='act_number',
            field=models.CharField(blank=True, help_text="Attribué à l'adoption (année-assemblée-rang, ex. 2022-B-001) s'il est vide ; modifiable jusqu'à la publication.", max_length=50, verbose_name="n° d'acte"),
        ),
    ]
