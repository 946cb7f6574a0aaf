"""Appointments say whether the post is in a commission or an outside body (L2121-21: only
there does a single candidacy take effect at once); "deux tiers du conseil" becomes a vote
kind counted on the body's basis. On SQLite adding a column rebuilds the table, which the
published record's triggers would refuse: they are dropped and installed again around it."""

from django.db import migrations, models


def install(apps, schema_editor):
    from deliberations import immutability

    immutability.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from deliberations import immutability

    immutability.uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('deliberations', '0027_immutable_every_write'),
    ]

    operations = [
        migrations.RunPython(uninstall, install),
        migrations.AddField(
            model_name='appointment',
            name='commission_or_outside_body',
            field=models.BooleanField(default=False, help_text="L2121-21 : une candidature unique n'y prend effet immédiatement que pour une commission ou un organisme extérieur.", verbose_name='commission ou organisme extérieur'),
        ),
        migrations.AlterField(
            model_name='deliberation',
            name='vote_kind',
            field=models.CharField(choices=[('ordinary', 'Vote ordinaire (majorité des suffrages exprimés)'), ('administrative_account', 'Compte administratif (L1612-12)'), ('two_thirds_in_office', 'Deux tiers des membres en exercice'), ('two_thirds_cast', 'Deux tiers des suffrages exprimés'), ('closed_session', 'Huis clos (L5211-11)'), ('two_thirds_council', "Deux tiers du conseil (base de l'assemblée)")], default='ordinary', help_text='Règle de majorité (rules.vote_result). Compte administratif : le président de séance se retire et ne compte ni présent ni pour une procuration sur cette question.', max_length=24, verbose_name='nature du vote'),
        ),
        migrations.AlterField(
            model_name='historicaldeliberation',
            name='vote_kind',
            field=models.CharField(choices=[('ordinary', 'Vote ordinaire (majorité des suffrages exprimés)'), ('administrative_account', 'Compte administratif (L1612-12)'), ('two_thirds_in_office', 'Deux tiers des membres en exercice'), ('two_thirds_cast', 'Deux tiers des suffrages exprimés'), ('closed_session', 'Huis clos (L5211-11)'), ('two_thirds_council', "Deux tiers du conseil (base de l'assemblée)")], default='ordinary', help_text='Règle de majorité (rules.vote_result). Compte administratif : le président de séance se retire et ne compte ni présent ni pour une procuration sur cette question.', max_length=24, verbose_name='nature du vote'),
        ),
        migrations.RunPython(install, uninstall),
    ]
