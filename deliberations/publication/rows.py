"""Cache of the rows of the public lists: the HTML of a list row and the API representation
of an act, each rendered once and then read from the cache for every page that shows it.

A row's key names what the row is made of:
- the act's frozen record (`PublishedRecord.sha256`), which never changes once published
  (immutability.py), or, for an act with no frozen record yet, its id and `updated_at`;
- the public cache generation (portal.kernel.cache): the row also shows facts kept outside
  the record (the body's and organisation's names, rectification links), and any write to a
  public model bumps the generation, so no row outlives a change of what it shows;
- for the API, the scheme and host of the request (its URLs are absolute) and the
  serializer's field names (a deployment that changes them starts new keys).

A search result row (highlighted title, snippet) depends on the query: it is rendered every
time, never cached. Like the page cache, this one is on when PUBLIC_CACHE_SECONDS > 0 and
its entries live that long; PUBLIC_ROW_CACHE_SECONDS, when set, rules it alone (the
benchmarks measure it with the page cache off).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from portal.kernel import cache as public_cache

ITEM_TEMPLATE = "deliberations/_deliberation_item.html"


def seconds() -> int:
    return getattr(settings, "PUBLIC_ROW_CACHE_SECONDS", settings.PUBLIC_CACHE_SECONDS)


def enabled() -> bool:
    return seconds() > 0


def identity(deliberation) -> str:
    """The frozen record's hash when the act has one (read with the act through
    select_related("record"), else no query is made), else its id and last change."""
    frozen = deliberation._state.fields_cache.get("record")
    if frozen is not None:
        return f"r{frozen.sha256}"
    return f"a{deliberation.pk}-{deliberation.updated_at.timestamp():.6f}"


def _keys(kind: str, items, extra: str = "") -> dict[str, object]:
    prefix = f"rows:{kind}:{public_cache.generation()}:{extra}"
    return {f"{prefix}:{identity(item)}": item for item in items}


def _cached(kind: str, items, render, extra: str = "") -> list:
    """render(item) for each item, through the cache (one get_many, one set_many)."""
    items = list(items)
    if not enabled() or not items:
        return [render(item) for item in items]
    keys = _keys(kind, items, extra)
    found = cache.get_many(list(keys))
    missing = {key: render(item) for key, item in keys.items() if key not in found}
    if missing:
        cache.set_many(missing, timeout=seconds())
    values = {**found, **missing}
    return [values[key] for key in keys]


def _searched(deliberation) -> bool:
    return bool(getattr(deliberation, "title_highlight", None)
                or getattr(deliberation, "snippet", None))


def list_rows(deliberations) -> list[str]:
    """The HTML of the list rows of `deliberations` (a page), in order."""
    template = get_template(ITEM_TEMPLATE)

    def render(deliberation):
        return template.render({"deliberation": deliberation})

    deliberations = list(deliberations)
    if any(_searched(d) for d in deliberations):
        return [mark_safe(render(d)) for d in deliberations]  # noqa: S308 (template output)
    return [mark_safe(html) for html in _cached("item", deliberations, render)]  # noqa: S308


def api_rows(deliberations, serializer_class, context) -> list[dict]:
    """serializer_class(deliberation).data for each act of a page, in order, through the
    cache."""
    child = serializer_class(context=context)
    request = context.get("request")
    base = request.build_absolute_uri("/") if request is not None else ""
    fields = hashlib.sha256(",".join(sorted(child.fields)).encode()).hexdigest()[:12]
    return _cached("api", deliberations, child.to_representation, f"{base}:{fields}")
