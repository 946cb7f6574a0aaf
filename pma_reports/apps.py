from django.apps import AppConfig


def load_from_seeds(seeds_dir):
    """This app's part of ``manage.py load_seeds`` (imported only when the command runs)."""
    from pma_reports.seeding import load_from_seeds

    return load_from_seeds(seeds_dir)


class PmaReportsConfig(AppConfig):
    name = "pma_reports"
    verbose_name = "Rapports d'activités du Pôle métropolitain de l'Artois"

    def ready(self):
        from pma_reports.search import report_vocabulary, search_publications, search_reports
        from portal.kernel import sitesearch

        sitesearch.register("rapports", "Rapports d'activités", search_reports, order=30,
                            vocabulary=report_vocabulary)
        sitesearch.register("publications", "Actualités et lettres aux maires",
                            search_publications, order=40)

        from pma_reports.deadlines import activity_report_deadlines
        from portal.kernel import deadlines

        deadlines.register(activity_report_deadlines)

        from portal.kernel import seeds

        seeds.register("pma_reports", load_from_seeds, order=30)

        from pma_reports.sitemaps import ActivityReportSitemap, PublicationSitemap
        from portal.kernel import pages

        pages.register_sitemap("rapports", ActivityReportSitemap,
                               static_url_names=("pma_reports:report_list",))
        pages.register_sitemap("publications", PublicationSitemap)
