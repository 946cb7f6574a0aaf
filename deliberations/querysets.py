"""What the public may see is decided here, once (STYLE.md habit 1)."""

from django.db import models
from django.utils import timezone


class DeliberationQuerySet(models.QuerySet):
    def published(self):
        """Deliberations the public may see: published (R2131-1) on or before today.

        Every public output (pages, search, feeds, sitemap, API, CSV, extracts) starts here.
        """
        return self.filter(status="published", published_on__lte=timezone.localdate())

    def with_public_relations(self):
        """The joins a public list needs, in a constant number of queries."""
        return self.select_related(
            "session", "session__body", "session__body__organisation", "signatory"
        )


class SessionQuerySet(models.QuerySet):
    def public(self):
        """Sessions the public may see: convened or held (a draft session stays internal)."""
        return self.filter(status__in=["convened", "held"])


class IssuedExtractQuerySet(models.QuerySet):
    def current(self):
        """The latest version of each extract (not superseded)."""
        return self.filter(superseded_by__isnull=True)
