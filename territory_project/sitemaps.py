"""The territorial project's pages in sitemap.xml (registered in portal.kernel.pages): the
dashboard, each priority, action and indicator. `lastmod` is the project's adoption date, the
only date the records hold for these pages."""

from django.contrib.sitemaps import Sitemap

from territory_project.models import Action, Indicator, Priority, Project


class ProjectSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return [
            *Project.objects.order_by("pk"),
            *Priority.objects.select_related("project").order_by("pk"),
            *Action.objects.select_related("objective__stake__priority__project")
            .order_by("pk"),
            *Indicator.objects.select_related("project").order_by("pk"),
        ]

    def lastmod(self, item):
        project = item if isinstance(item, Project) else _project_of(item)
        return project.adopted_on


def _project_of(item):
    if isinstance(item, Action):
        return item.objective.stake.priority.project
    return item.project
