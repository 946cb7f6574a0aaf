"""Cache of what the public lists render: the HTML of a list row and the API representation
of an act, each rendered once and then read from the cache for every page that shows it; and
the parts of a list page that depend only on what is published (the filter form's fields, the
count of a filtered list and its SCDL coverage), computed once per public cache generation.

A row's key names what the row is made of:
- the act's frozen record (`PublishedRecord.sha256`), which never changes once published
  (immutability.py), or, for an act with no frozen record yet, its id and `updated_at`;
- the public cache generation (portal.kernel.cache): the row also shows facts kept outside
  the record (the body's and organisation's names, rectification links), and any write to a
  public model bumps the generation, so no row outlives a change of what it shows;
- for the API, the scheme and host of the request (its URLs are absolute) and the
  serializer's field names (a deployment that changes them starts new keys).

A search result row is cached the same way with slots where its highlighted title and
snippet go (they depend on the query), filled for each page (list_rows).

A page part's key holds the generation and today's date (an act published with a future date
becomes public at midnight without any write, as for the page cache) and what the part is
made of: the filtered set (`filter_key`: the form's cleaned values, the sort left out), or a
field's submitted value.

Like the page cache, this one is on when PUBLIC_CACHE_SECONDS > 0 and its entries live that
long; PUBLIC_ROW_CACHE_SECONDS, when set, rules it alone (the benchmarks measure it with the
page cache off: a page the page cache does not hold still finds its rows and parts here).
"""

import datetime
import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model
from django.template.loader import get_template
from django.utils import formats, timezone
from django.utils.dates import MONTHS
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from portal.kernel import cache as public_cache
from portal.kernel.pagination import (
    CappedPageNumberPagination,
    CappedPaginator,
    capped_count,
)
from portal.templatetags.portal_tags import highlight

FIELD_TEMPLATE = "deliberations/_field.html"


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


def _keys(kind: str, items, extra: str = "", shape=None) -> dict[str, object]:
    prefix = f"rows:{kind}:{public_cache.generation()}:{extra}"
    if shape is None:
        return {f"{prefix}:{identity(item)}": item for item in items}
    return {f"{prefix}:{identity(item)}:{shape(item)}": item for item in items}


def _cached(kind: str, items, render, extra: str = "", prepare=None, shape=None) -> list:
    """render(item) for each item, through the cache (one get_many, one set_many).
    shape(item), if given, is part of the item's key (what else than the act its rendering
    depends on).
    prepare(missing items), if given, runs once and returns the items to render in their
    place, in the same order (with what only a rendering reads: a page whose rows are all
    cached skips that read)."""
    items = list(items)
    if not enabled() or not items:
        if prepare is not None and items:
            items = prepare(items)
        return [render(item) for item in items]
    keys = _keys(kind, items, extra, shape)
    found = cache.get_many(list(keys))
    absent = {key: item for key, item in keys.items() if key not in found}
    if absent and prepare is not None:
        absent = dict(zip(absent, prepare(list(absent.values())), strict=True))
    missing = {key: render(item) for key, item in absent.items()}
    if missing:
        cache.set_many(missing, timeout=seconds())
    values = {**found, **missing}
    return [values[key] for key in keys]


def _searched(deliberation) -> bool:
    return bool(getattr(deliberation, "title_highlight", None)
                or getattr(deliberation, "snippet", None))


# Where a search result's row shows its highlighted title and snippet: the cached row of a
# search result holds these slots (characters of Unicode's private use area, which escaping
# leaves as they are and no act's text holds), filled for each query.
TITLE_SLOT = "\ue000titre\ue001"
SNIPPET_SLOT = "\ue000extrait\ue001"


def _search_shape(deliberation) -> str:
    """Which of the highlighted title and the snippet a search result has: the
    row shows the plain title, or no snippet paragraph, without them (item_html)."""
    return f"{int(bool(deliberation.title_highlight))}{int(bool(deliberation.snippet))}"


def _date(value) -> str:
    """{{ value|date:"j F Y" }}: "3 novembre 2026", the month in the active language."""
    if not value:
        return ""
    return f"{value.day} {MONTHS[value.month]} {value.year}"


def _text(value) -> str:
    """{{ value }}: a number localised, any value escaped unless it is safe HTML."""
    return conditional_escape(formats.localize(value) if isinstance(value, int) else value)


def item_html(deliberation) -> str:
    """The HTML of an act's row in a list or search result: an article with the body and
    organisation, the title linked to the act's page (highlighted in a search), the session's
    date, the act's and the item's numbers, the theme and publication date, then the search
    snippet.

    Written in Python rather than as a template included once per row: the template took a
    quarter of an uncached list's CPU (docs/capacity.md); the escaping and formatting are the
    template's (conditional_escape, the date filter's month names, portal_tags.highlight)."""
    body = deliberation.session.body
    organisation = body.organisation
    highlighted = getattr(deliberation, "title_highlight", None)
    title = highlight(highlighted) if highlighted else _text(deliberation.title)
    meta = [f"Séance du {_date(deliberation.session.date)}"]
    if deliberation.act_number:
        meta.append(f"Acte n° {_text(deliberation.act_number)}")
    if deliberation.item_number:
        meta.append(f"Question n° {_text(deliberation.item_number)}")
    if deliberation.theme:
        meta.append(_text(deliberation.theme))
    meta.append(f"Publiée le {_date(deliberation.published_on)}")
    snippet = getattr(deliberation, "snippet", None)
    snippet = f'<p class="snippet">{highlight(snippet)}</p>' if snippet else ""
    return (
        '<article class="result">\n'
        f'  <p class="kicker">{_text(body.name)} — '
        f'{_text(organisation.short_name or organisation.name)}</p>\n'
        f'  <h3><a href="{_text(deliberation.get_absolute_url())}">{title}</a></h3>\n'
        f'  <p class="meta">{" · ".join(meta)}</p>\n'
        f"  {snippet}\n"
        "</article>\n"
    )


def list_rows(deliberations) -> list[str]:
    """The HTML of the list rows of `deliberations` (a page), in order (item_html).

    A search result's row is cached with slots in place of its highlighted title and
    snippet (one row per act and shape), then filled with this query's, through the filter
    the row applies to them (portal_tags.highlight)."""
    render = item_html

    deliberations = list(deliberations)
    if not any(_searched(d) for d in deliberations):
        return [mark_safe(html) for html in _cached("item", deliberations, render)]  # noqa: S308
    if not enabled():
        return [mark_safe(render(d)) for d in deliberations]  # noqa: S308 (item_html escapes each value)

    def frame(deliberation):
        title, snippet = deliberation.title_highlight, deliberation.snippet
        deliberation.title_highlight = TITLE_SLOT if title else ""
        deliberation.snippet = SNIPPET_SLOT if snippet else ""
        try:
            return render(deliberation)
        finally:
            deliberation.title_highlight, deliberation.snippet = title, snippet

    frames = _cached("search", deliberations, frame, shape=_search_shape)
    return [
        mark_safe(  # noqa: S308 (item_html's output, filled through highlight)
            html.replace(TITLE_SLOT, highlight(d.title_highlight), 1)
            .replace(SNIPPET_SLOT, highlight(d.snippet), 1))
        for html, d in zip(frames, deliberations, strict=True)
    ]


def _plain(value):
    """A representation made of plain values only: DRF's Hyperlink (a str that carries the
    model instance it links to, and so pickles the whole act with its record) becomes a
    plain str."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, str) and type(value) is not str:
        return str(value)
    return value


def api_rows(deliberations, serializer_class, context, prepare=None) -> list[dict]:
    """serializer_class(deliberation).data for each act of a page, in order, through the
    cache. prepare(acts), if given, returns those acts with what their representation reads
    beyond the page's rows (prefetches): called for the acts the cache does not hold."""
    child = serializer_class(context=context)
    request = context.get("request")
    base = request.build_absolute_uri("/") if request is not None else ""
    fields = hashlib.sha256(",".join(sorted(child.fields)).encode()).hexdigest()[:12]
    # Made plain only to be stored: JSON writes a Hyperlink as the str it is.
    represent = ((lambda act: _plain(child.to_representation(act))) if enabled()
                 else child.to_representation)
    return _cached("api", deliberations, represent, f"{base}:{fields}", prepare)


# --- Parts of a list page -----------------------------------------------------------------


def _part_key(name: str) -> str:
    return f"rows:part:{public_cache.generation()}:{timezone.localdate().isoformat()}:{name}"


def value(name: str, compute):
    """compute() once per generation and day (a value read from every published act: facet
    choices, counts). The value must be picklable."""
    if not enabled():
        return compute()
    key = _part_key(name)
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, timeout=seconds())
    return found


def _canonical(item) -> str:
    if isinstance(item, Model):
        return f"{item._meta.label_lower}:{item.pk}"
    if isinstance(item, datetime.date):
        return item.isoformat()
    return repr(item)


def filter_key(filterset, leave_out=("sort",)) -> str:
    """What the filtered set is made of: the form's cleaned values (invalid fields are left
    out of the filtering, as of cleaned_data), the sort left out (it orders the set without
    changing it). Two addresses that filter the same acts share the key."""
    filterset.form.is_valid()
    cleaned = getattr(filterset.form, "cleaned_data", {})
    parts = sorted(f"{name}={_canonical(item)}" for name, item in cleaned.items()
                   if name not in leave_out and item not in (None, "", [], ()))
    return hashlib.sha256("&".join(parts).encode()).hexdigest()


def filter_fields(form, leave_out=("q",)) -> list[str]:
    """The HTML of the form's fields (label, widget, errors: deliberations/_field.html), in
    order. A field whose submitted value is valid is read from the cache under that value:
    its choices (bodies, years, themes…) change only with what is published, so rendering
    them once per generation is enough; a field with errors is rendered each time."""
    template = get_template(FIELD_TEMPLATE)
    fields = [form[name] for name in form.fields if name not in leave_out]

    def render(field):
        return mark_safe(template.render({"field": field}))  # noqa: S308 (template output)

    if not enabled():
        return [render(field) for field in fields]
    keys = {}
    for field in fields:
        if form.is_bound and field.errors:
            continue
        submitted = hashlib.sha256(repr(field.value()).encode()).hexdigest()[:32]
        keys[field.name] = _part_key(
            f"field:{type(form).__qualname__}:{form.prefix}:{field.name}:{submitted}")
    found = cache.get_many(list(keys.values()))
    html, missing = [], {}
    for field in fields:
        key = keys.get(field.name)
        if key is not None and key in found:
            html.append(mark_safe(found[key]))  # noqa: S308 (template output, cached)
            continue
        html.append(render(field))
        if key is not None:
            missing[key] = str(html[-1])
    if missing:
        cache.set_many(missing, timeout=seconds())
    return html


class CountedPaginator(CappedPaginator):
    """CappedPaginator whose capped count is read once per filtered set (`key`, see
    filter_key), generation and day, instead of counting on every page of every visit."""

    def __init__(self, object_list, per_page, *, key: str, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.key = key

    @cached_property
    def _capped_count(self) -> tuple[int, bool]:
        return tuple(value(f"count:{self.cap}:{self.key}",
                           lambda: capped_count(self.object_list, self.cap)))


class CountedPageNumberPagination(CappedPageNumberPagination):
    """The API's pages with CountedPaginator, keyed by the view's `filter_key` (set by its
    filter_queryset)."""

    def paginate_queryset(self, queryset, request, view=None):
        key = getattr(view, "filter_key", None)
        if key is not None:
            self.django_paginator_class = functools.partial(CountedPaginator, key=key)
        return super().paginate_queryset(queryset, request, view)
