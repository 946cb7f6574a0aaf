"""The territorial project's provider for the site-wide search (portal.kernel.sitesearch): its
stakes (title and "Parce que …") and actions (with their objective), French word forms and
accents folded as in the deliberations' search (portal.kernel.search).

A project holds a few hundred short texts: they are matched in Python on every database (two
queries), which keeps the same results on SQLite and PostgreSQL without a search index.
"""

from django.urls import reverse

from portal.kernel.search import WORD, python_snippet, search_terms, stem
from portal.kernel.sitesearch import Hit
from territory_project.models import Action, Stake


def _matches(text: str, terms: list[str]) -> int:
    """How many times the text's words hit the terms; 0 unless every term occurs."""
    stems = [stem(word) for word in WORD.findall(text)]
    if not all(term in stems for term in terms):
        return 0
    return sum(stems.count(term) for term in terms)


def search_project(query: str, limit: int) -> tuple[list[Hit], int]:
    terms = search_terms(query)
    if not terms:
        return [], 0
    scored = []
    for stake in Stake.objects.select_related("priority__project"):
        text = f"{stake.title}. {stake.rationale}"
        score = _matches(text, terms)
        if score:
            project = stake.priority.project
            url = reverse("territory_project:priority", kwargs={
                "slug": project.slug, "number": stake.priority.number})
            scored.append((score + 1, stake.priority.number, stake.position, Hit(
                title=f"Enjeu : {stake.title}", url=f"{url}#enjeu-{stake.position}",
                snippet=python_snippet(text, terms), date=project.adopted_on)))
    for action in Action.objects.select_related("objective__stake__priority__project"):
        text = f"{action.title}. Objectif : {action.objective.title}"
        score = _matches(text, terms)
        if score:
            project = action.objective.stake.priority.project
            scored.append((score, action.objective.stake.priority.number, action.pk, Hit(
                title=f"Action : {action.title}", url=reverse(
                    "territory_project:action", kwargs={"slug": project.slug, "pk": action.pk}),
                snippet=python_snippet(text, terms), date=project.adopted_on)))
    scored.sort(key=lambda row: (-row[0], row[1], row[2]))
    return [row[3] for row in scored[:limit]], len(scored)
