"""The deliberations' provider for the site-wide search (portal.kernel.sitesearch)."""

from deliberations.models import Deliberation
from portal.kernel.pagination import capped_count
from portal.kernel.sitesearch import Hit


def search_deliberations(query: str, limit: int, offset: int = 0) -> tuple[list[Hit], int]:
    """Published deliberations matching `query`, best first (two queries); the total is
    counted up to COUNT_CAP (portal.kernel.pagination), and every act counted is reached by
    paging."""
    matches = Deliberation.objects.published().search(query)
    total, _ = capped_count(matches)
    rows = matches.with_public_relations().best_first("-published_on", "pk")[
        offset:min(offset + limit, total)]
    hits = [
        Hit(title=d.title, url=d.get_absolute_url(), snippet=d.snippet, date=d.session.date)
        for d in rows
    ]
    return hits, total


def deliberation_vocabulary():
    """The words of the published acts' titles and themes (for suggestions)."""
    for title, theme in Deliberation.objects.published().values_list("title", "theme"):
        yield title
        yield theme
