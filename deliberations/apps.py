import contextlib

from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


def load_from_seeds(seeds_dir):
    """This app's part of ``manage.py load_seeds`` (imported only when the command runs)."""
    from deliberations.minutes.seeding import load_from_seeds

    return load_from_seeds(seeds_dir)


def install_triggers(sender, using, **kwargs):
    """Re-install the triggers of the published record and of the SQLite search index after
    every migrate: on SQLite a migration that rebuilds a table drops its triggers
    (immutability.py, search_index.py)."""
    from deliberations import immutability, search_index

    immutability.install(connections[using])
    search_index.install(connections[using])


class DeliberationsConfig(AppConfig):
    name = "deliberations"
    verbose_name = "Séances et délibérations"

    @contextlib.contextmanager
    def restoring(self, connection):
        """An archive restore (portal/kernel/archive.py) inserts the published record table by
        table: the triggers of immutability.py would refuse the attendance of a session whose
        acts are already in. They are dropped inside the restore's transaction and installed
        again before it commits (DDL is transactional on PostgreSQL and SQLite)."""
        from deliberations import immutability

        immutability.uninstall(connection)
        try:
            yield
        finally:
            immutability.install(connection)

    def ready(self):
        post_migrate.connect(install_triggers, sender=self,
                             dispatch_uid="deliberations_immutability")
        from deliberations.immutability import enable_recursive_triggers

        connection_created.connect(enable_recursive_triggers,
                                   dispatch_uid="deliberations_recursive_triggers")
        from deliberations.documents.deadlines import deliberation_deadlines
        from deliberations.search import deliberation_vocabulary, search_deliberations
        from portal.kernel import deadlines, sitesearch

        deadlines.register(deliberation_deadlines)

        sitesearch.register("deliberations", "Délibérations", search_deliberations, order=10,
                            vocabulary=deliberation_vocabulary)

        from deliberations import site

        site.register()

        from portal.kernel import seeds

        seeds.register("deliberations", load_from_seeds, order=10)

        from deliberations.mandate_checks import mandate_problems
        from portal.kernel import validation

        validation.register("portal.Mandate", mandate_problems)
