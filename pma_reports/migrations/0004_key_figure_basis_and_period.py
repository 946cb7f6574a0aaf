"""Key figures record what they count over (basis) and the period the document states."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pma_reports', '0003_activity_report_published'),
    ]

    operations = [
        migrations.AddField(
            model_name='keyfigure',
            name='basis',
            field=models.CharField(choices=[('year', "dans l'année du rapport"), ('cumulative', 'cumul depuis un début indiqué'), ('period', 'sur une période indiquée'), ('average', 'moyenne')], default='year', max_length=12, verbose_name='ce que le chiffre compte'),
        ),
        migrations.AddField(
            model_name='keyfigure',
            name='period',
            field=models.CharField(blank=True, help_text="Telle que le document la donne (« les 6 premières semaines en ligne », « 2016-2021 ») ; vide pour un chiffre de l'année du rapport.", max_length=120, verbose_name='période indiquée par le document'),
        ),
    ]
