"""sitemap.xml: only what the public may see (published deliberations, public sessions)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from deliberations.models import Deliberation, Session
from portal.models import Body, Member, Organisation


class DeliberationSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Deliberation.objects.published().with_public_relations().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class SessionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Session.objects.public().order_by("pk")


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
            "portal:home", "deliberations:deliberation_list", "deliberations:session_list",
            "portal:organisation_list", "portal:member_list", "portal:accessibility",
            "portal:legal_notice",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": StaticSitemap,
    "deliberations": DeliberationSitemap,
    "seances": SessionSitemap,
    "collectivites": OrganisationSitemap,
    "assemblees": BodySitemap,
    "elus": MemberSitemap,
}
