"""sitemap.xml: the site's own sections (organisations, bodies, members, its pages); the apps add
theirs through portal.kernel.pages. Only what the public may see."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.kernel import pages
from portal.models import Body, Member, Organisation


class OrganisationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Organisation.objects.filter(bodies__isnull=False).distinct().order_by("pk")


class BodySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Body.objects.select_related("organisation").order_by("pk")


class MemberSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Member.objects.with_public_record().order_by("pk")


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "portal:home", *pages.STATIC_URL_NAMES,
            "portal:organisation_list", "portal:member_list", "portal:accessibility",
            "portal:legal_notice",
        ]

    def location(self, item):
        return reverse(item)


def register() -> None:
    pages.register_sitemap("pages", StaticSitemap)
    pages.register_sitemap("collectivites", OrganisationSitemap)
    pages.register_sitemap("assemblees", BodySitemap)
    pages.register_sitemap("elus", MemberSitemap)
