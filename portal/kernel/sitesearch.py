"""Site-wide search: each app registers a provider; the /recherche/ page groups results by kind,
and each kind has its own paged list, so that every result counted can be reached.

portal depends on no other app, so apps register themselves (in AppConfig.ready()):

    sitesearch.register("deliberations", "Délibérations", search_deliberations, order=10)

A provider takes the query, a limit and an offset and returns (hits, total): at most `limit`
hits from `offset`, best first, and the total number of matches (every one reachable by
paging). It runs a constant number of queries. It may also give the words its records hold
(`vocabulary`), from which a misspelt query gets a suggestion (portal.kernel.suggestions).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    # May contain portal.kernel.search.MARK_START / MARK_STOP around matched words (escaped, then
    # highlighted by the `highlight` template filter).
    snippet: str = ""
    date: datetime.date | None = None


Provider = Callable[[str, int, int], tuple[list[Hit], int]]


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    search: Provider
    order: int
    vocabulary: Callable[[], Iterable[str]] | None = None


_REGISTRY: dict[str, Kind] = {}


def register(kind: str, label: str, search: Provider, order: int = 100,
             vocabulary: Callable[[], Iterable[str]] | None = None) -> None:
    """Registers (or replaces) the provider of one kind of result."""
    _REGISTRY[kind] = Kind(kind, label, search, order, vocabulary)


def kinds() -> list[Kind]:
    return sorted(_REGISTRY.values(), key=lambda k: (k.order, k.key))


def kind(key: str) -> Kind | None:
    return _REGISTRY.get(key)


@dataclass(frozen=True)
class Group:
    kind: Kind
    hits: list[Hit]
    total: int

    @property
    def more(self) -> bool:
        """Whether results of this kind are left for its own paged list."""
        return self.total > len(self.hits)


def search_all(query: str, limit: int = 10) -> list[Group]:
    """Every registered kind searched for `query`; groups without results are left out."""
    query = (query or "").strip()
    if not query:
        return []
    groups = []
    for registered in kinds():
        hits, total = registered.search(query, limit, 0)
        if total:
            groups.append(Group(registered, hits, total))
    return groups


@dataclass(frozen=True)
class Page:
    """One page of one kind's results."""

    group: Group
    number: int
    per_page: int

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.group.total // self.per_page))

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.group.hits else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.group.hits) - 1 if self.group.hits else 0

    @property
    def previous_page_number(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next_page_number(self) -> int | None:
        return self.number + 1 if self.number < self.num_pages else None


def search_kind(query: str, key: str, page: int = 1, per_page: int = 20) -> Page | None:
    """Page `page` of the results of one kind (None for an unknown kind); a page past the
    last one gives the last one."""
    registered = kind(key)
    query = (query or "").strip()
    if registered is None or not query:
        return None
    page = max(1, page)
    hits, total = registered.search(query, per_page, (page - 1) * per_page)
    last = max(1, -(-total // per_page))
    if page > last:
        page = last
        hits, total = registered.search(query, per_page, (page - 1) * per_page)
    return Page(Group(registered, hits, total), page, per_page)
