"""A convocation address per member and organisation: an élu who sits in two organisations
had one address that the clerks of both could change (the PMA's convocation then went where a
CABBALR account had typed). Each existing address is copied to every organisation where the
member holds or held a mandate, so that no convocation loses its addressee."""

import django.db.models.deletion
from django.db import migrations, models


def split_per_organisation(apps, schema_editor):
    ConvocationAddress = apps.get_model("deliberations", "ConvocationAddress")
    Mandate = apps.get_model("portal", "Mandate")
    for address in ConvocationAddress.objects.filter(organisation__isnull=True):
        organisations = sorted(set(Mandate.objects.filter(member_id=address.member_id)
                                   .values_list("body__organisation_id", flat=True)))
        if not organisations:
            address.delete()  # a member of no organisation is convened by none
            continue
        address.organisation_id = organisations[0]
        address.save(update_fields=["organisation"])
        ConvocationAddress.objects.bulk_create(
            ConvocationAddress(member_id=address.member_id, organisation_id=organisation,
                               email=address.email)
            for organisation in organisations[1:])
    if schema_editor.connection.vendor == "postgresql":
        # The new rows' deferred foreign-key checks run now: PostgreSQL refuses to alter a
        # table with pending trigger events (the column becomes required next).
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):

    dependencies = [
        ("deliberations", "0024_ballot_values_in_english"),
        ("portal", "0007_mandate_roles_in_english"),
    ]

    operations = [
        migrations.AlterField(
            model_name="convocationaddress",
            name="member",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                    related_name="convocation_addresses", to="portal.member",
                                    verbose_name="élu"),
        ),
        migrations.AddField(
            model_name="convocationaddress",
            name="organisation",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="+", to="portal.organisation",
                                    verbose_name="collectivité qui convoque"),
        ),
        migrations.RunPython(split_per_organisation, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="convocationaddress",
            name="organisation",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                    related_name="+", to="portal.organisation",
                                    verbose_name="collectivité qui convoque"),
        ),
        migrations.AlterModelOptions(
            name="convocationaddress",
            options={"ordering": ["member", "organisation"],
                     "verbose_name": "adresse de convocation",
                     "verbose_name_plural": "adresses de convocation"},
        ),
        migrations.AddConstraint(
            model_name="convocationaddress",
            constraint=models.UniqueConstraint(
                fields=("member", "organisation"),
                name="convocation_address_one_per_organisation",
                violation_error_message="Cet élu a déjà une adresse de convocation pour "
                "cette collectivité."),
        ),
    ]
