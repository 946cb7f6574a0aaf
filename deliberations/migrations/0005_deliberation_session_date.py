"""Deliberation.session_date, derived from the session, and the constraints that no
transmission, receipt or publication precedes the session."""

import django.db.models.expressions
from django.db import migrations, models


def fill_session_date(apps, schema_editor):
    Deliberation = apps.get_model("deliberations", "Deliberation")
    for deliberation in Deliberation.objects.select_related("session").only(
        "pk", "session__date"
    ):
        Deliberation.objects.filter(pk=deliberation.pk).update(
            session_date=deliberation.session.date
        )


def constraint(field):
    return migrations.AddConstraint(
        model_name="deliberation",
        constraint=models.CheckConstraint(
            condition=models.Q(**{f"{field}__isnull": True})
            | models.Q(**{f"{field}__gte": django.db.models.expressions.F("session_date")}),
            name=f"deliberation_{field}_not_before_session",
            violation_error_message="Une date de transmission, de réception ou de publication "
            "ne peut précéder la séance.",
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("deliberations", "0004_extract_certified_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="deliberation",
            name="session_date",
            field=models.DateField(editable=False, null=True, verbose_name="date de la séance"),
        ),
        migrations.RunPython(fill_session_date, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="deliberation",
            name="session_date",
            field=models.DateField(editable=False, verbose_name="date de la séance"),
        ),
        constraint("transmitted_on"),
        constraint("received_on"),
        constraint("published_on"),
    ]
