"""The help of Session.videoconference names who may meet remotely and from when."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('deliberations', '0028_legal_appointment_scope_two_thirds_council'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalsession',
            name='videoconference',
            field=models.BooleanField(default=False, help_text="L5211-11-1 : organe délibérant d'un EPCI à fiscalité propre (loi 2019-1461), de tout EPCI et syndicat mixte fermé depuis le 1er août 2022 (loi 3DS, art. 170), de toute assemblée pendant les périodes dérogatoires Covid-19 ; votes au scrutin public ; ni élection du président et du bureau, ni budget primitif, ni désignations (L2121-33).", verbose_name='réunion par téléconférence'),
        ),
        migrations.AlterField(
            model_name='session',
            name='videoconference',
            field=models.BooleanField(default=False, help_text="L5211-11-1 : organe délibérant d'un EPCI à fiscalité propre (loi 2019-1461), de tout EPCI et syndicat mixte fermé depuis le 1er août 2022 (loi 3DS, art. 170), de toute assemblée pendant les périodes dérogatoires Covid-19 ; votes au scrutin public ; ni élection du président et du bureau, ni budget primitif, ni désignations (L2121-33).", verbose_name='réunion par téléconférence'),
        ),
    ]
