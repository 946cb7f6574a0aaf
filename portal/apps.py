from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate

ACTIONS = {"add": "ajouter", "change": "modifier", "delete": "supprimer", "view": "consulter"}


def french_permission_names(using="default", **kwargs):
    """Rename the default permissions in French, "Peut modifier : séance", after Django has
    created them (auth's post_migrate handler runs first: it is connected earlier)."""
    from django.contrib.auth.models import Permission

    for permission in Permission.objects.using(using).select_related("content_type"):
        action = ACTIONS.get(permission.codename.split("_", 1)[0])
        if action is None or not permission.name.startswith("Can "):
            continue
        model = permission.content_type.model_class()
        label = model._meta.verbose_name if model else permission.content_type.model
        name = f"Peut {action} : {label}"[:255]
        Permission.objects.using(using).filter(pk=permission.pk).update(name=name)


def sqlite_search_functions(sender, connection, **kwargs):
    """SQLite: the French stems function the full-text triggers call (portal.kernel.search)."""
    if connection.vendor == "sqlite":
        from portal.kernel.search import register_sqlite_functions

        register_sqlite_functions(connection.connection)


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Collectivités, assemblées et élus"

    def ready(self):
        from portal import checks  # noqa: F401 -- registers the system checks
        from portal.kernel import errors

        errors.install()
        from portal import sitemaps

        sitemaps.register()
        from portal.kernel import sitesearch
        from portal.search import member_vocabulary, search_members

        sitesearch.register("elus", "Élus", search_members, order=40,
                            vocabulary=member_vocabulary)
        # Any write to a public app's model invalidates the cached public pages.
        from portal.kernel import cache

        cache.connect_invalidation()
        connection_created.connect(sqlite_search_functions,
                                   dispatch_uid="sqlite_search_functions")
        # Django names the default permissions in English ("Can add séance").
        post_migrate.connect(french_permission_names, dispatch_uid="french_permission_names")
