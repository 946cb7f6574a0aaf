"""Gives the staff groups (0002_groups) the permissions of the models added for legal depth:
body settings from statutes, appointments and their rounds, roll-call votes, notifications."""

from django.db import migrations

CLERKS = "Secrétariat des assemblées"
AGENTS = "Agents"
MODELS = {
    "portal": ["bodysettings"],
    "deliberations": ["appointment", "appointmentvote", "membervote", "notification"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    clerks = Group.objects.filter(name=CLERKS).first()
    agents = Group.objects.filter(name=AGENTS).first()
    for app_label, models in MODELS.items():
        for model in models:
            def perms(actions, app_label=app_label, model=model):
                return Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            if clerks:
                clerks.permissions.add(*perms(["add", "change", "delete", "view"]))
            if agents:
                agents.permissions.add(*perms(["view"]))


class Migration(migrations.Migration):
    dependencies = [
        ("deliberations", "0009_appointments_notifications_member_votes"),
        ("portal", "0005_member_birth_date"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
