"""Clerks link deliberations to actions, record measurements and evaluations; the structure
read from the document (priorities, stakes, objectives, actions' wording) is theirs to read
and to correct, not to create. Agents read everything."""

from django.db import migrations

CLERKS = "Secrétariat des assemblées"
AGENTS = "Agents"
MODELS = ["project", "priority", "stake", "objective", "action", "actiondeliberation",
          "socialfunction", "finding", "indicator", "measurement", "evaluation"]
CLERK_ACTIONS = {
    "actiondeliberation": ["add", "change", "delete", "view"],
    "measurement": ["add", "change", "delete", "view"],
    "evaluation": ["add", "change", "delete", "view"],
    "action": ["change", "view"],
    "indicator": ["change", "view"],
    "socialfunction": ["change", "view"],
    "finding": ["change", "view"],
    "stake": ["change", "view"],
    "project": ["view"],
    "priority": ["view"],
    "objective": ["view"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    own = Permission.objects.filter(content_type__app_label="territory_project")
    clerks, _ = Group.objects.get_or_create(name=CLERKS)
    agents, _ = Group.objects.get_or_create(name=AGENTS)
    clerks.permissions.add(*own.filter(codename__in=[
        f"{action}_{model}" for model, actions in CLERK_ACTIONS.items() for action in actions]))
    agents.permissions.add(*own.filter(codename__in=[f"view_{model}" for model in MODELS]))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    own = Permission.objects.filter(content_type__app_label="territory_project")
    for group in Group.objects.filter(name__in=[CLERKS, AGENTS]):
        group.permissions.remove(*own)


class Migration(migrations.Migration):
    dependencies = [
        ("territory_project", "0001_territorial_project"),
        ("deliberations", "0002_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
