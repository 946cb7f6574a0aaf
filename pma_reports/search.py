"""The activity reports' and publications' providers for the site-wide search
(portal.kernel.sitesearch), with the portal's French search (portal.kernel.search).

A report is found through its actions and objectives: one hit per matching action (every
matching item of a report is shown), the link pointing at the action in its report's page.
The reports and publications hold a few hundred short texts: they are matched in Python on
every database, with the stems of the query's singular and plural forms
(portal.kernel.search), which gives the same results, in the same order, on SQLite and
PostgreSQL.
"""

from __future__ import annotations

from collections import Counter

from pma_reports.models import Action, ActivityReport, Section
from portal.kernel.search import WORD, group_score, python_snippet, search_term_groups, stem
from portal.kernel.sitesearch import Hit


def _matching(rows, query: str):
    """(object, rank, snippet) for the rows whose text holds every word of the query (in
    its singular or plural form)."""
    groups = search_term_groups(query)
    if not groups:
        return []
    terms = [term for group in groups for term in group]
    found = []
    for row, texts in rows:
        score = group_score(Counter(stem(w) for text in texts for w in WORD.findall(text or "")),
                            groups)
        if score:
            found.append((row, score, python_snippet(texts[0], terms)))
    return sorted(found, key=lambda item: (-item[1], item[0].pk))


def _matching_actions(query: str):
    actions = Action.objects.filter(
        objective__pillar__report__in=ActivityReport.objects.public()
    ).select_related("objective__pillar__report__organisation", "parent")
    # A sub-item reads in the context of its parent ("Plan solaire : / Mise en ligne d'un
    # cadastre solaire…").
    return _matching(((a, [a.text, a.parent.text if a.parent else "", a.objective.title])
                      for a in actions), query)


def search_reports(query: str, limit: int, offset: int = 0) -> tuple[list[Hit], int]:
    """Every matching action of the public reports, best first (one query), each pointing at
    itself in its report's page."""
    matches = sorted(_matching_actions(query), key=lambda item: (
        -item[1], -item[0].objective.pillar.report.year, item[0].pk))
    hits = []
    for action, _rank, snippet in matches[offset:offset + limit]:
        report = action.objective.pillar.report
        hits.append(Hit(
            title=f"{report.title} — {action.objective.title}",
            url=f"{report.get_absolute_url()}#action-{action.pk}",
            snippet=snippet,
        ))
    return hits, len(matches)


def search_publications(query: str, limit: int, offset: int = 0) -> tuple[list[Hit], int]:
    """News items and letters whose title or a section matches (one query)."""
    sections = Section.objects.select_related("publication__organisation")
    matches = _matching(((s, [s.text, s.title, s.publication.title]) for s in sections), query)
    best: dict[int, tuple] = {}
    for section, rank, snippet in matches:
        if section.publication_id not in best or rank > best[section.publication_id][1]:
            best[section.publication_id] = (section.publication, rank, snippet)
    ordered = sorted(best.values(), key=lambda item: (-item[1], item[0].pk))
    hits = [Hit(title=p.title, url=p.get_absolute_url(), snippet=snippet)
            for p, _rank, snippet in ordered[offset:offset + limit]]
    return hits, len(best)


def report_vocabulary():
    """The words of the public reports' actions and objectives (for suggestions)."""
    public = ActivityReport.objects.public()
    yield from Action.objects.filter(objective__pillar__report__in=public).values_list(
        "text", flat=True)
    yield from Section.objects.values_list("title", flat=True)


