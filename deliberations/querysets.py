"""What the public may see is decided here, once (STYLE.md habit 1); so is how it is searched
(habit 6)."""

from collections import Counter

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections, models
from django.db.models import Case, Exists, F, FloatField, OuterRef, Q, TextField, Value, When
from django.utils import timezone

from portal.search import (
    MARK_START,
    MARK_STOP,
    SEARCH_CONFIG,
    WORD,
    python_snippet,
    search_terms,
    stem,
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
        """Each act's public links with its corrections (issue 14), two queries for a whole
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

    def search(self, query: str):
        """Full-text search in French, accent-insensitive, word forms matched.

        Annotates `rank` (higher is better), `title_highlight` and `snippet` (text with matches
        between MARK_START and MARK_STOP). PostgreSQL uses the stored `search_vector`
        (`french_unaccent` configuration, GIN index); other databases fall back to matching
        normalised words in Python, which gives the same results on the seed records.
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
        return self._search_fallback(query)

    def _search_postgresql(self, query: str):
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
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

    def _search_fallback(self, query: str):
        terms = search_terms(query)
        if not terms:
            return self.none().search("")
        weights = {"title": 1.0, "theme": 0.4, "act_number": 0.4, "report": 0.1,
                   "decision": 0.1}
        scores, titles, snippets = {}, {}, {}
        rows = self.values_list("pk", *weights)
        for pk, *texts in rows:
            counts = {
                field: Counter(stem(w) for w in WORD.findall(text or ""))
                for field, text in zip(weights, texts, strict=True)
            }
            if not all(any(c[t] for c in counts.values()) for t in terms):
                continue
            scores[pk] = sum(
                weights[field] * counts[field][t] for field in weights for t in terms
            )
            title, report = texts[0], texts[3]
            titles[pk] = python_snippet(title, terms, words=10_000)
            snippets[pk] = python_snippet(report or "", terms)
        if not scores:
            return self.none().search("")

        def case(values, field):
            return Case(
                *(When(pk=pk, then=Value(v)) for pk, v in values.items()),
                default=Value(0.0 if field is FloatField else ""), output_field=field(),
            )

        return self.filter(pk__in=list(scores)).annotate(
            rank=case(scores, FloatField),
            title_highlight=case(titles, TextField),
            snippet=case(snippets, TextField),
        )


class SessionQuerySet(models.QuerySet):
    def public(self):
        """Sessions the public may see: convened, held or cancelled (a draft stays internal)."""
        return self.filter(status__in=PUBLIC_SESSION_STATUSES)


class IssuedExtractQuerySet(models.QuerySet):
    def current(self):
        """The latest version of each extract (not superseded)."""
        return self.filter(superseded_by__isnull=True)
