"""The clerks' group edits the activity reports and publications and records taking-notes;
agents read them (same groups as deliberations/0002_groups)."""

from django.db import migrations

CLERKS = "Secrétariat des assemblées"
AGENTS = "Agents"
MODELS = ["activityreport", "pillar", "objective", "action", "keyfigure", "takingnote",
          "publication", "section", "event"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    clerks, _ = Group.objects.get_or_create(name=CLERKS)
    agents, _ = Group.objects.get_or_create(name=AGENTS)
    codenames = [f"{action}_{model}" for model in MODELS
                 for action in ("add", "change", "delete", "view")]
    permissions = Permission.objects.filter(content_type__app_label="pma_reports")
    clerks.permissions.add(*permissions.filter(codename__in=codenames))
    agents.permissions.add(*permissions.filter(codename__startswith="view_"))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[CLERKS, AGENTS]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="pma_reports"))


class Migration(migrations.Migration):
    dependencies = [
        ("pma_reports", "0001_activity_reports"),
        ("deliberations", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
