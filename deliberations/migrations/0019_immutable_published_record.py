"""A published act is immutable in the database (deliberations/immutability.py
builds the PostgreSQL and SQLite triggers), and a correction is a new act linked to the one
it rectifies."""

import django.db.models.deletion
from django.db import migrations, models


def install(apps, schema_editor):
    from deliberations import immutability

    immutability.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from deliberations import immutability

    immutability.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("deliberations", "0018_name_alias"),
    ]

    operations = [
        migrations.AddField(
            model_name="deliberation",
            name="rectifies",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="rectifications", to="deliberations.deliberation",
                verbose_name="rectifie la délibération",
                help_text="La délibération publiée que celle-ci corrige ; elle reste en ligne, "
                "avec un bandeau qui renvoie à celle-ci une fois publiée.",
            ),
        ),
        migrations.AddField(
            model_name="deliberation",
            name="rectification_kind",
            field=models.CharField(
                blank=True, default="", max_length=20, verbose_name="nature de la rectification",
                choices=[("", "—"), ("material_error", "Rectificatif d'erreur matérielle"),
                         ("new_deliberation",
                          "Nouvelle délibération (retrait ou modification)")],
            ),
        ),
        migrations.AddConstraint(
            model_name="deliberation",
            constraint=models.CheckConstraint(
                condition=models.Q(("rectifies__isnull", True), ("rectification_kind", ""))
                | models.Q(("rectifies__isnull", False),
                           models.Q(("rectification_kind", ""), _negated=True)),
                name="deliberation_rectification_has_kind",
                violation_error_message="Une rectification indique la délibération qu'elle "
                "corrige et sa nature (erreur matérielle ou nouvelle délibération).",
            ),
        ),
        migrations.RunPython(install, uninstall),
    ]
