from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def install_immutability(sender, using, **kwargs):
    """Re-install the triggers of the published record after every migrate: on SQLite a
    migration that rebuilds a table drops its triggers (immutability.py)."""
    from deliberations import immutability

    immutability.install(connections[using])


class DeliberationsConfig(AppConfig):
    name = "deliberations"
    verbose_name = "Séances et délibérations"

    def ready(self):
        post_migrate.connect(install_immutability, sender=self,
                             dispatch_uid="deliberations_immutability")
        from deliberations.documents.deadlines import deliberation_deadlines
        from deliberations.search import search_deliberations
        from portal import deadlines, sitesearch

        deadlines.register(deliberation_deadlines)

        sitesearch.register("deliberations", "Délibérations", search_deliberations, order=10)
