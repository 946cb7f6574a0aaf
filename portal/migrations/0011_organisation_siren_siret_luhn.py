"""Organisation SIREN and SIRET checked with their Luhn key (python-stdnum)."""

import portal.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0010_mandate_start_stated'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalorganisation',
            name='siren',
            field=models.CharField(blank=True, max_length=9, validators=[portal.models.validate_siren], verbose_name='SIREN'),
        ),
        migrations.AlterField(
            model_name='historicalorganisation',
            name='siret',
            field=models.CharField(blank=True, help_text="14 chiffres (SIREN puis NIC du siège), exigé par l'export SCDL des délibérations.", max_length=14, validators=[portal.models.validate_siret], verbose_name='SIRET'),
        ),
        migrations.AlterField(
            model_name='organisation',
            name='siren',
            field=models.CharField(blank=True, max_length=9, validators=[portal.models.validate_siren], verbose_name='SIREN'),
        ),
        migrations.AlterField(
            model_name='organisation',
            name='siret',
            field=models.CharField(blank=True, help_text="14 chiffres (SIREN puis NIC du siège), exigé par l'export SCDL des délibérations.", max_length=14, validators=[portal.models.validate_siret], verbose_name='SIRET'),
        ),
    ]
