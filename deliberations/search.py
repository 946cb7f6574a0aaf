"""The deliberations' provider for the site-wide search (portal.kernel.sitesearch)."""

from deliberations.models import Deliberation
from portal.kernel.pagination import capped_count
from portal.kernel.sitesearch import Hit


def search_deliberations(query: str, limit: int) -> tuple[list[Hit], int]:
    """Published deliberations matching `query`, best first (two queries); the total is
    counted up to COUNT_CAP (portal.kernel.pagination)."""
    matches = Deliberation.objects.published().search(query)
    total, _ = capped_count(matches)
    rows = matches.with_public_relations().best_first("-published_on", "pk")[:limit]
    hits = [
        Hit(title=d.title, url=d.get_absolute_url(), snippet=d.snippet, date=d.session.date)
        for d in rows
    ]
    return hits, total
