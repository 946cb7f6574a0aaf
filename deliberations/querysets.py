"""What the public may see is decided here, once (STYLE.md habit 1); so is how it is searched
(habit 6)."""

import functools
import re
from collections import Counter

import snowballstemmer
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections, models
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.utils import timezone

from portal.names import strip_accents

# Session states the public may see (Session.Status): convened, held, or cancelled (a
# convened session that did not take place or lacked the quorum is a public fact too).
PUBLIC_SESSION_STATUSES = ("convened", "held", "cancelled")

# Full-text configuration created by migration 0003_search: `french` stemming after `unaccent`.
SEARCH_CONFIG = "french_unaccent"
# Highlight markers put around matched words in snippets. Control characters never occur in
# the registre text, so templates can HTML-escape a snippet first and then turn the markers
# into <mark> (portal_tags.highlight) without trusting the stored text.
MARK_START = "\x02"
MARK_STOP = "\x03"

# Words the French configuration ignores; the SQLite fallback drops the same common ones.
_STOPWORDS = frozenset(
    "a au aux avec ce ces d dans de des du elle en et eux il je l la le les leur lui m ma mais "
    "me meme mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur "
    "t ta te tes toi ton tu un une vos votre vous y c j".split()
)
_WORD = re.compile(r"\w+")


_FRENCH_STEMMER = snowballstemmer.stemmer("french")


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """French stem for the SQLite fallback: accents and case folded, then the Snowball French
    stemmer, the algorithm behind PostgreSQL's `french` configuration, so that both databases
    match the same word forms ("logements" → "log", "rapportant" → "rapport")."""
    return _FRENCH_STEMMER.stemWord(strip_accents(word).lower())


def search_terms(query: str) -> list[str]:
    """The stems a query asks for (all of them must match), stop words removed."""
    terms = []
    for word in _WORD.findall(query.replace("’", "'")):
        stem = _stem(word)
        if stem and stem not in _STOPWORDS and stem not in terms:
            terms.append(stem)
    return terms


def _python_snippet(text: str, terms: list[str], words: int = 30) -> str:
    """About `words` words of `text` around the first matched term, matches marked."""
    tokens = list(_WORD.finditer(text))
    if not tokens:
        return ""
    first = next((i for i, t in enumerate(tokens) if _stem(t.group()) in terms), 0)
    start = max(0, first - words // 3)
    end = min(len(tokens), start + words)
    out, cursor = [], tokens[start].start()
    for token in tokens[start:end]:
        out.append(text[cursor:token.start()])
        if _stem(token.group()) in terms:
            out.append(f"{MARK_START}{token.group()}{MARK_STOP}")
        else:
            out.append(token.group())
        cursor = token.end()
    snippet = "".join(out).strip()
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) else ""
    return f"{prefix}{snippet}{suffix}"


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

    def executory(self, on=None):
        """Deliberations executory on a date (today by default), as a filter for lists.

        L2131-1: executory once published and, when it must be sent to the prefect (L2131-2),
        once received there. This is the SQL form of rules.executory_on (one date per act,
        used on the detail pages); tests/deliberations/test_public_pages.py checks that both
        agree.
        """
        on = on or timezone.localdate()
        return self.filter(published_on__lte=on).filter(
            Q(subject_to_transmission=False) | Q(received_on__lte=on)
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
                field: Counter(_stem(w) for w in _WORD.findall(text or ""))
                for field, text in zip(weights, texts, strict=True)
            }
            if not all(any(c[t] for c in counts.values()) for t in terms):
                continue
            scores[pk] = sum(
                weights[field] * counts[field][t] for field in weights for t in terms
            )
            title, report = texts[0], texts[3]
            titles[pk] = _python_snippet(title, terms, words=10_000)
            snippets[pk] = _python_snippet(report or "", terms)
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
