"""A mandate records whether its source states its start date; pages do not state it when not."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0009_body_settings_weights_and_seats_checks'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalmandate',
            name='start_stated',
            field=models.BooleanField(default=True, help_text="Décoché : les pages disent que la date de début n'est pas précisée.", verbose_name='date de début indiquée par la source'),
        ),
        migrations.AddField(
            model_name='mandate',
            name='start_stated',
            field=models.BooleanField(default=True, help_text="Décoché : les pages disent que la date de début n'est pas précisée.", verbose_name='date de début indiquée par la source'),
        ),
    ]
