from django.apps import AppConfig


def load_from_seeds(seeds_dir):
    """This app's part of ``manage.py load_seeds`` (imported only when the command runs)."""
    from territory_project.seeding import load_from_seeds

    return load_from_seeds(seeds_dir)


class TerritoryProjectConfig(AppConfig):
    name = "territory_project"
    verbose_name = "Projet de territoire 2022-2032"

    def ready(self):
        from portal.kernel import deadlines, sitesearch
        from territory_project.deadlines import evaluation_deadlines

        deadlines.register(evaluation_deadlines)
        from territory_project.search import project_vocabulary, search_project

        sitesearch.register("territory_project", "Projet de territoire", search_project,
                            order=30, vocabulary=project_vocabulary)

        from portal.kernel import seeds

        seeds.register("territory_project", load_from_seeds, order=20)

        from portal.kernel import pages
        from territory_project.sitemaps import ProjectSitemap

        pages.register_sitemap("projet-de-territoire", ProjectSitemap)
