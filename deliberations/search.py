"""The deliberations' provider for the site-wide search (portal.sitesearch)."""

from deliberations.models import Deliberation
from portal.sitesearch import Hit


def search_deliberations(query: str, limit: int) -> tuple[list[Hit], int]:
    """Published deliberations matching `query`, best first (two queries)."""
    matches = Deliberation.objects.published().search(query)
    total = matches.count()
    rows = matches.with_public_relations().order_by("-rank", "-published_on", "pk")[:limit]
    hits = [
        Hit(title=d.title, url=d.get_absolute_url(), snippet=d.snippet, date=d.session.date)
        for d in rows
    ]
    return hits, total
