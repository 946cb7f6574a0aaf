"""Site-wide search: each app registers a provider; the /recherche/ page groups results by kind.

portal depends on no other app, so apps register themselves (in AppConfig.ready()):

    sitesearch.register("deliberations", "Délibérations", search_deliberations, order=10)

A provider takes the query and a limit and returns (hits, total): at most `limit` hits, best
first, and the total number of matches. It runs a constant number of queries.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    # May contain portal.kernel.search.MARK_START / MARK_STOP around matched words (escaped, then
    # highlighted by the `highlight` template filter).
    snippet: str = ""
    date: datetime.date | None = None


Provider = Callable[[str, int], tuple[list[Hit], int]]


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    search: Provider
    order: int


_REGISTRY: dict[str, Kind] = {}


def register(kind: str, label: str, search: Provider, order: int = 100) -> None:
    """Registers (or replaces) the provider of one kind of result."""
    _REGISTRY[kind] = Kind(kind, label, search, order)


def kinds() -> list[Kind]:
    return sorted(_REGISTRY.values(), key=lambda k: (k.order, k.key))


@dataclass(frozen=True)
class Group:
    kind: Kind
    hits: list[Hit]
    total: int


def search_all(query: str, limit: int = 10) -> list[Group]:
    """Every registered kind searched for `query`; groups without results are left out."""
    query = (query or "").strip()
    if not query:
        return []
    groups = []
    for kind in kinds():
        hits, total = kind.search(query, limit)
        if total:
            groups.append(Group(kind, hits, total))
    return groups
