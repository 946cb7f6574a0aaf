"""Organisation SIREN and SIRET checked with their Luhn key (python-stdnum)."""

import portal.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        # After both of main's 0008 branches (it also joins them).
        ('portal', '0008_mandate_start_stated'),
        ('portal', '0009_body_settings_weights_and_seats_checks'),
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
