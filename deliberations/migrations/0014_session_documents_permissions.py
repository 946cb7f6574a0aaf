"""Clerks write the procès-verbal, publish the list of deliberations and generate the
registre; agents read them."""

from django.db import migrations

CLERKS = "Secrétariat des assemblées"
AGENTS = "Agents"
MODELS = ["minutes", "minutesitem", "deliberationlist", "registre"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="deliberations",
                                            content_type__model__in=MODELS)
    for group in Group.objects.filter(name=CLERKS):
        group.permissions.add(*permissions.filter(
            codename__regex=r"^(add|change|view|delete)_"))
    for group in Group.objects.filter(name=AGENTS):
        group.permissions.add(*permissions.filter(codename__startswith="view_"))


class Migration(migrations.Migration):
    dependencies = [("deliberations", "0013_session_documents")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
