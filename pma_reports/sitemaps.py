"""The activity reports and publications in sitemap.xml (registered in portal.kernel.pages).

`lastmod` is stated only where the records hold a date: a publication's own date when the
document gives it, a report's date of transmission to the members when a document gives it;
otherwise none (the time the records were loaded is not when the page changed)."""

from django.contrib.sitemaps import Sitemap

from pma_reports.models import ActivityReport, Publication


class ActivityReportSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.6

    def items(self):
        return ActivityReport.objects.public().select_related("organisation").order_by("pk")

    def lastmod(self, item):
        return item.received_on


class PublicationSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.4

    def items(self):
        return Publication.objects.select_related("organisation").order_by("pk")

    def lastmod(self, item):
        return item.published_on
