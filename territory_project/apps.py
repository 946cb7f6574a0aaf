from django.apps import AppConfig


class TerritoryProjectConfig(AppConfig):
    name = "territory_project"
    verbose_name = "Projet de territoire 2022-2032"

    def ready(self):
        from portal.kernel import deadlines, sitesearch
        from territory_project.deadlines import evaluation_deadlines

        deadlines.register(evaluation_deadlines)
        from territory_project.search import search_project

        sitesearch.register("territory_project", "Projet de territoire", search_project,
                            order=30)
