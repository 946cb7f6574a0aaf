"""What the public may see is decided here, once (STYLE.md habit 1); so is how it is searched
(habit 6)."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections, models
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.query import ModelIterable
from django.utils import timezone

from portal.kernel.search import (
    MARK_START,
    MARK_STOP,
    SEARCH_CONFIG,
    fts5_group_query,
    python_snippet,
    search_term_groups,
    tsquery_text,
)

# Session states the public may see (Session.Status): convened, held, or cancelled (a
# convened session that did not take place or lacked the quorum is a public fact too).
PUBLIC_SESSION_STATUSES = ("convened", "held", "cancelled")

class DeliberationQuerySet(models.QuerySet):
    def published(self):
        """Deliberations the public may see: published (R2131-1) on or before today.

        Every public output (pages, search, feeds, sitemap, API, CSV, extracts) starts here.
        """
        return self.filter(
            status="published",
            published_on__lte=timezone.localdate(),
            # A session still being prepared hides everything in it (Session.objects.public).
            session__status__in=PUBLIC_SESSION_STATUSES,
        )

    def with_public_relations(self):
        """The joins a public list needs, in a constant number of queries."""
        return self.select_related(
            "session", "session__body", "session__body__organisation", "signatory"
        )

    def with_rectifications(self):
        """Each act's public links with its corrections, two queries for a whole
        list: ``public_rectifies`` (the published act it rectifies, or None) and
        ``public_rectifications`` (its published rectifications, oldest first)."""
        public = self.model.objects.published().select_related("session__body__organisation")
        return self.prefetch_related(
            models.Prefetch("rectifies", queryset=public, to_attr="public_rectifies"),
            models.Prefetch("rectifications",
                            queryset=public.order_by("session__date", "published_on", "pk"),
                            to_attr="public_rectifications"),
        )

    def executory(self, on=None):
        """Deliberations executory on a date (today by default), as a filter for lists.

        L2131-1: executory once published and, when it must be sent to the prefect (L2131-2),
        once received there. This is the SQL form of rules.executory_on (one date per act,
        used on the detail pages); tests/deliberations/test_public_pages.py checks that both
        agree. An individual decision is executory by the notification to each addressee,
        not by its publication (rules.individual_executory_on): every notification dated on
        or before ``on``.
        """
        on = on or timezone.localdate()
        received = Q(subject_to_transmission=False) | Q(received_on__lte=on)
        from deliberations.models import Notification  # the models module imports this one

        notifications = Notification.objects.filter(deliberation=OuterRef("pk"))
        pending = notifications.filter(Q(notified_on__isnull=True) | Q(notified_on__gt=on))
        return self.filter(received).filter(
            (Q(is_individual=False) & Q(published_on__lte=on))
            | (Q(is_individual=True) & Exists(notifications) & ~Exists(pending))
        )

    def not_executory(self, on=None):
        """The complement of executory() within this queryset."""
        return self.exclude(pk__in=self.executory(on).values("pk"))

    def distinct_values(self, field: str) -> list:
        """The distinct non-empty values of `field` in this queryset, in order, without reading
        every row: one recursive query that jumps from each value to the next through the
        index on `field` (a "loose index scan"), the queryset's filters checked on the way.
        For the list's facets (years, themes): a few dozen values among 250 000 acts.
        """
        rows = self.exclude(**{f"{field}__isnull": True})
        if isinstance(self.model._meta.get_field(field), (models.CharField, models.TextField)):
            rows = rows.exclude(**{field: ""})
        rows = rows.order_by(field).values(field)
        first_sql, first_params = rows[:1].query.sql_with_params()
        next_sql, next_params = rows.filter(
            **{f"{field}__gt": RawSQL("loose_scan.value", [])}
        )[:1].query.sql_with_params()
        sql = (
            f"WITH RECURSIVE loose_scan(value) AS (SELECT ({first_sql}) UNION ALL "
            f"SELECT ({next_sql}) FROM loose_scan WHERE loose_scan.value IS NOT NULL) "
            "SELECT value FROM loose_scan WHERE value IS NOT NULL"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, [*first_params, *next_params])
            return [value for (value,) in cursor.fetchall()]

    def search(self, query: str):
        """Full-text search in French, accent-insensitive, word forms matched.

        Annotates `rank` (higher is better), `title_highlight` and `snippet` (text with matches
        between MARK_START and MARK_STOP). PostgreSQL uses the stored `search_vector`
        (`french_unaccent` configuration, GIN index); SQLite its FTS5 table of the same French
        stems (migration 0040), ranked by the columns each term occurs in, with the weights
        PostgreSQL gives them (title, then theme and act number, then text), the highlights
        being written in Python on the rows actually read (SearchIterable). Both databases
        find the same acts for the same words (tests/deliberations/test_search_parity.py).
        Order the result with best_first() to rank it.
        """
        query = (query or "").strip()
        if not query:
            return self.annotate(
                rank=Value(0.0, output_field=FloatField()),
                title_highlight=F("title"),
                snippet=Value("", output_field=TextField()),
            )
        if connections[self.db].vendor == "postgresql":
            return self._search_postgresql(query)
        return self._search_sqlite(query)

    def best_first(self, *then):
        """A search's matches by decreasing rank (then `then`, newest first by default).

        Only the SEARCH_CANDIDATES newest matches are ranked: a broad query ("rapport" matches
        nearly every act) would otherwise compute the rank of every match before showing 20.
        A narrow query has fewer matches than that, and all of them are ranked.
        """
        then = then or tuple(LIST_ORDER)
        candidates = self.order_by(*LIST_ORDER).values("pk")[:SEARCH_CANDIDATES]
        return self.filter(pk__in=candidates).order_by("-rank", *then)

    def _search_postgresql(self, query: str):
        # The stems of the query's singular and plural forms (portal.kernel.search), those
        # the stored `french_unaccent` vector holds: the same request as on SQLite.
        groups = search_term_groups(query)
        if not groups:
            return self.none().search("")
        search_query = SearchQuery(tsquery_text(groups), config="simple", search_type="raw")
        marks = {"start_sel": MARK_START, "stop_sel": MARK_STOP}
        return self.filter(search_vector=search_query).annotate(
            rank=SearchRank(F("search_vector"), search_query),
            title_highlight=SearchHeadline(
                "title", search_query, config=SEARCH_CONFIG, highlight_all=True, **marks
            ),
            snippet=SearchHeadline(
                "report", search_query, config=SEARCH_CONFIG, max_words=35, min_words=15,
                max_fragments=2, fragment_delimiter=" … ", **marks
            ),
        )

    def _search_sqlite(self, query: str):
        groups = search_term_groups(query)
        if not groups:
            return self.none().search("")
        terms = [term for group in groups for term in group]
        # The rank: for each term, the weight of each column it occurs in (PostgreSQL's
        # weights of the vector's A, B and C). Each column's matches are listed once per
        # query by the FTS5 index; bm25() would look every candidate up in the index again.
        rank = sum(
            (Case(When(_Fts5Match(f'{{{column}}}: {fts5_group_query([group])}'),
                       then=Value(weight)), default=Value(0.0), output_field=FloatField())
             for group in groups for column, weight in FTS_WEIGHTS.items()),
            start=Value(0.0, output_field=FloatField()),
        )
        found = self.filter(_Fts5Match(fts5_group_query(groups))).annotate(rank=rank)
        found._iterable_class = SearchIterable
        found._search_terms = tuple(terms)
        return found

    # SQLite search: the terms travel with the queryset to SearchIterable.
    _search_terms = ()

    def _clone(self):
        clone = super()._clone()
        clone._search_terms = self._search_terms
        return clone


# The SQLite full-text table (deliberations' migration 0040) and its columns' weights, those
# PostgreSQL's ts_rank gives to the vector's A (title), B (theme, act number) and C (report,
# decision) by default.
FTS_TABLE = "deliberations_search"
FTS_WEIGHTS = {"title": 1.0, "theme": 0.4, "body": 0.2}
# How many of a search's newest matches best_first() ranks.
SEARCH_CANDIDATES = 1000
# The order of every list of acts: newest session first, then its items (Deliberation's
# Meta.ordering; its indexes in migration 0040 let a page read it without sorting every act).
LIST_ORDER = ("-session_date", "-session_id", "item_number", "id")


class _Fts5Match(Func):
    """SQLite: whether an act matches an FTS5 query. The acts' key is compared as `+id`, so
    that SQLite reads the acts in the list's order (index) and looks each one up in the
    matches, instead of reading every match and sorting them all."""

    output_field = BooleanField()

    def __init__(self, match: str):
        super().__init__(F("pk"))
        self.match = match

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, params = compiler.compile(self.source_expressions[0])
        sql = f"(+{pk_sql} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s))"
        return sql, [*params, self.match]


class SearchIterable(ModelIterable):
    """SQLite search results: each act read gets `title_highlight` and `snippet` (matched
    words marked), computed for the rows of the page only."""

    def __iter__(self):
        terms = list(self.queryset._search_terms)
        for deliberation in super().__iter__():
            deliberation.title_highlight = python_snippet(deliberation.title, terms,
                                                          words=10_000)
            deliberation.snippet = python_snippet(deliberation.report or "", terms)
            yield deliberation


class SessionQuerySet(models.QuerySet):
    def public(self):
        """Sessions the public may see: convened, held or cancelled (a draft stays internal)."""
        return self.filter(status__in=PUBLIC_SESSION_STATUSES)


class IssuedExtractQuerySet(models.QuerySet):
    def current(self):
        """The latest version of each extract (not superseded)."""
        return self.filter(superseded_by__isnull=True)
