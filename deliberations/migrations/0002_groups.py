"""Creates the two staff groups and their permissions."""

from django.db import migrations

CLERKS = "Secrétariat des assemblées"
AGENTS = "Agents"

EDITABLE = {
    "portal": ["organisation", "commune", "body", "member", "mandate"],
    "deliberations": ["session", "attendance", "proxy", "deliberation", "annex"],
}
READ_ONLY = {
    "deliberations": ["deliberationstatuschange", "issuedextract"],
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; create them now so groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(app_label, model, actions):
        return list(
            Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )

    clerks, _ = Group.objects.get_or_create(name=CLERKS)
    agents, _ = Group.objects.get_or_create(name=AGENTS)
    clerk_perms, agent_perms = [], []
    for app_label, models in EDITABLE.items():
        for model in models:
            clerk_perms += perms(app_label, model, ["add", "change", "delete", "view"])
            agent_perms += perms(app_label, model, ["view"])
    for app_label, models in READ_ONLY.items():
        for model in models:
            clerk_perms += perms(app_label, model, ["view"])
            agent_perms += perms(app_label, model, ["view"])
    export = list(
        Permission.objects.filter(
            content_type__app_label="deliberations", codename="export_extract"
        )
    )
    clerks.permissions.set(clerk_perms + export)
    agents.permissions.set(agent_perms + export)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[CLERKS, AGENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0001_initial"),
        ("deliberations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
