"""The activity reports' and publications' providers for the site-wide search
(portal.kernel.sitesearch), with the portal's French search (portal.kernel.search).

A report is found through its actions and objectives: one hit per report, its snippet from
the best matching action, the link pointing at that objective. PostgreSQL matches with the
`french_unaccent` configuration; other databases with the same Snowball stems in Python.
"""

from __future__ import annotations

from collections import Counter

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection

from pma_reports.models import Action, ActivityReport, Section
from portal.kernel.search import (
    MARK_START,
    MARK_STOP,
    SEARCH_CONFIG,
    WORD,
    python_snippet,
    search_terms,
    stem,
)
from portal.kernel.sitesearch import Hit


def _postgresql(queryset, fields: list[str], query: str, text_field: str):
    vector = SearchVector(*fields, config=SEARCH_CONFIG)
    search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    return queryset.annotate(document=vector).filter(document=search_query).annotate(
        rank=SearchRank(vector, search_query),
        snippet=SearchHeadline(text_field, search_query, config=SEARCH_CONFIG, max_words=35,
                               min_words=15, start_sel=MARK_START, stop_sel=MARK_STOP),
    ).order_by("-rank", "pk")


def _fallback(rows, query: str):
    """(object, rank, snippet) for the rows whose text holds every term of the query."""
    terms = search_terms(query)
    if not terms:
        return []
    found = []
    for row, texts in rows:
        counts = Counter(stem(w) for text in texts for w in WORD.findall(text or ""))
        if all(counts[t] for t in terms):
            found.append((row, sum(counts[t] for t in terms), python_snippet(texts[0], terms)))
    return sorted(found, key=lambda item: (-item[1], item[0].pk))


def _matching_actions(query: str):
    actions = Action.objects.filter(
        objective__pillar__report__in=ActivityReport.objects.public()
    ).select_related("objective__pillar__report__organisation", "parent")
    # A sub-item reads in the context of its parent ("Plan solaire : / Mise en ligne d'un
    # cadastre solaire…").
    if connection.vendor == "postgresql":
        return [(a, a.rank, a.snippet) for a in _postgresql(
            actions, ["text", "parent__text", "objective__title"], query, "text")]
    return _fallback(((a, [a.text, a.parent.text if a.parent else "", a.objective.title])
                      for a in actions), query)


def search_reports(query: str, limit: int) -> tuple[list[Hit], int]:
    """Reports with at least one matching action, best first (one query). The hit points at
    the objective whose actions match most (the solar plan rather than a passing mention)."""
    objectives: dict[tuple[int, int], list] = {}
    for action, rank, snippet in _matching_actions(query):
        key = (action.objective.pillar.report_id, action.objective_id)
        total, best = objectives.get(key, (0.0, None))
        if best is None or rank > best[1]:
            best = (action, rank, snippet)
        objectives[key] = (total + rank, best)
    best_per_report: dict[int, tuple] = {}
    for (report_id, _objective_id), (total, best) in objectives.items():
        if report_id not in best_per_report or total > best_per_report[report_id][0]:
            best_per_report[report_id] = (total, best)
    ordered = sorted(best_per_report.values(),
                     key=lambda item: (-item[0], -item[1][0].objective.pillar.report.year))
    hits = []
    for _total, (action, _rank, snippet) in ordered[:limit]:
        report = action.objective.pillar.report
        hits.append(Hit(
            title=f"{report.title} — {action.objective.title}",
            url=f"{report.get_absolute_url()}#objectif-{action.objective_id}",
            snippet=snippet,
        ))
    return hits, len(best_per_report)


def search_publications(query: str, limit: int) -> tuple[list[Hit], int]:
    """News items and letters whose title or a section matches (one query)."""
    sections = Section.objects.select_related("publication__organisation")
    if connection.vendor == "postgresql":
        matches = [(s, s.rank, s.snippet) for s in _postgresql(
            sections, ["publication__title", "title", "text"], query, "text")]
    else:
        matches = _fallback(((s, [s.text, s.title, s.publication.title]) for s in sections),
                            query)
    best: dict[int, tuple] = {}
    for section, rank, snippet in matches:
        if section.publication_id not in best or rank > best[section.publication_id][1]:
            best[section.publication_id] = (section.publication, rank, snippet)
    ordered = sorted(best.values(), key=lambda item: (-item[1], item[0].pk))
    hits = [Hit(title=p.title, url=p.get_absolute_url(), snippet=snippet)
            for p, _rank, snippet in ordered[:limit]]
    return hits, len(best)


