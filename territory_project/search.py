"""The territorial project's provider for the site-wide search (portal.kernel.sitesearch): its
stakes (title and "Parce que …"), objectives, actions (with their objective), indicators
(label, unit and source sentence) and social functions (name and findings), French word forms,
singular and plural, and accents folded as in the deliberations' search
(portal.kernel.search).

A project holds a few hundred short texts: they are matched in Python on every database (a
handful of queries), which keeps the same results, in the same order, on SQLite and
PostgreSQL without a search index.
"""

from collections import Counter

from django.urls import reverse

from portal.kernel.search import WORD, group_score, python_snippet, search_term_groups, stem
from portal.kernel.sitesearch import Hit
from territory_project.models import Action, Indicator, Objective, SocialFunction, Stake

# Among equal scores, the broader record first: a stake, then an objective, an indicator, a
# social function, an action.
STAKE, OBJECTIVE, INDICATOR, SOCIAL_FUNCTION, ACTION = range(5)


def _score(text: str, groups) -> int:
    return group_score(Counter(stem(word) for word in WORD.findall(text)), groups)


def _priority_url(project, number: int, anchor: str) -> str:
    url = reverse("territory_project:priority", kwargs={"slug": project.slug, "number": number})
    return f"{url}#{anchor}"


def _candidates():
    """(kind, priority number, position, text, title, url, project) of every searchable
    record of the project."""
    for stake in Stake.objects.select_related("priority__project"):
        project = stake.priority.project
        yield (STAKE, stake.priority.number, stake.position,
               f"{stake.title}. {stake.rationale}", f"Enjeu : {stake.title}",
               _priority_url(project, stake.priority.number, f"enjeu-{stake.position}"), project)
    for objective in Objective.objects.select_related("stake__priority__project"):
        priority = objective.stake.priority
        yield (OBJECTIVE, priority.number, objective.pk, objective.title,
               f"Objectif : {objective.title}",
               _priority_url(priority.project, priority.number, f"objectif-{objective.pk}"),
               priority.project)
    for action in Action.objects.select_related("objective__stake__priority__project"):
        priority = action.objective.stake.priority
        yield (ACTION, priority.number, action.pk,
               f"{action.title}. Objectif : {action.objective.title}", f"Action : {action.title}",
               reverse("territory_project:action",
                       kwargs={"slug": priority.project.slug, "pk": action.pk}),
               priority.project)
    for indicator in Indicator.objects.select_related("project", "stake__priority"):
        number = indicator.stake.priority.number if indicator.stake else 0
        yield (INDICATOR, number, indicator.position,
               f"{indicator.label} ({indicator.unit}). {indicator.source_sentence}",
               f"Indicateur : {indicator.label}", indicator.get_absolute_url(),
               indicator.project)
    for function in SocialFunction.objects.select_related("project").prefetch_related(
            "findings"):
        findings = " ".join(finding.text for finding in function.findings.all())
        url = reverse("territory_project:social_functions", kwargs={"slug": function.project.slug})
        yield (SOCIAL_FUNCTION, 0, function.number, f"{function.name}. {findings}",
               f"Fonction sociale : {function.name}", f"{url}#fonction-{function.slug}",
               function.project)


def search_project(query: str, limit: int, offset: int = 0) -> tuple[list[Hit], int]:
    groups = search_term_groups(query)
    if not groups:
        return [], 0
    terms = [term for group in groups for term in group]
    scored = []
    for kind, number, position, text, title, url, project in _candidates():
        score = _score(text, groups)
        if score:
            scored.append((-score, kind, number, position, text, title, url, project))
    scored.sort(key=lambda row: row[:4])
    hits = [Hit(title=title, url=url, snippet=python_snippet(text, terms),
                date=project.adopted_on)
            for *_key, text, title, url, project in scored[offset:offset + limit]]
    return hits, len(scored)


def project_vocabulary():
    """The words of the project's texts (for suggestions)."""
    for *_key, text, _title, _url, _project in _candidates():
        yield text
