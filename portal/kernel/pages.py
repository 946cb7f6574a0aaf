"""What apps contribute to the site's shared pages (home, organisation, body, member) and to
the sitemap, through a registry: the site's views and sitemap import no app.

An app registers, in its AppConfig.ready():

    pages.register("member", member_record)        # a function returning template context
    pages.register_sitemap("deliberations", DeliberationSitemap)

A page contributor takes the request and the page's object(s) as keyword arguments (home:
none; organisation: organisation; body: body; member: member, mandates) and returns a dict
merged into the template context. It runs a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

PAGES = ("home", "organisation", "body", "member")

Contributor = Callable[..., dict]


@dataclass(frozen=True)
class _Entry:
    order: int
    key: str
    contribute: Contributor


_CONTRIBUTORS: dict[str, dict[str, _Entry]] = {page: {} for page in PAGES}

# The one dict the sitemap view is given (portal/urls.py): apps fill it in their ready(),
# which runs before the URLconf is first read.
SITEMAPS: dict[str, type] = {}
# Named URLs of the apps' main public lists, listed by the site's "pages" sitemap.
STATIC_URL_NAMES: list[str] = []


def register(page: str, contribute: Contributor, *, order: int = 100) -> None:
    """Registers (or replaces, by function name) what an app adds to one shared page."""
    if page not in _CONTRIBUTORS:
        raise ValueError(f"unknown page {page!r}: one of {', '.join(PAGES)}")
    key = f"{contribute.__module__}.{contribute.__qualname__}"
    _CONTRIBUTORS[page][key] = _Entry(order, key, contribute)


def context(page: str, request, **objects) -> dict:
    """The context every registered app adds to `page`, in registration order."""
    merged: dict = {}
    for entry in sorted(_CONTRIBUTORS[page].values(), key=lambda e: (e.order, e.key)):
        merged.update(entry.contribute(request, **objects))
    return merged


def register_sitemap(section: str, sitemap: type, *, static_url_names=()) -> None:
    """Adds a section to sitemap.xml and, optionally, named list pages to its "pages" section."""
    SITEMAPS[section] = sitemap
    for name in static_url_names:
        if name not in STATIC_URL_NAMES:
            STATIC_URL_NAMES.append(name)
