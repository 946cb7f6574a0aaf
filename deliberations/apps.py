from django.apps import AppConfig


class DeliberationsConfig(AppConfig):
    name = "deliberations"
    verbose_name = "Séances et délibérations"

    def ready(self):
        from deliberations.documents.deadlines import deliberation_deadlines
        from deliberations.search import search_deliberations
        from portal import deadlines, sitesearch

        deadlines.register(deliberation_deadlines)

        sitesearch.register("deliberations", "Délibérations", search_deliberations, order=10)
