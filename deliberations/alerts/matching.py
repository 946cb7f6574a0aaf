"""Which published acts a subscription follows: the deliberations list's own filters and
search (DeliberationFilter), so that a digest holds what the page shows for the period."""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict

from deliberations.alerts.models import Subscription
from deliberations.models import Deliberation
from deliberations.publication.filters import DeliberationFilter
from portal.models import Mandate

# The list's parameters a search subscription keeps (the sort and the page are not criteria).
CRITERIA = ("q", "organisation", "body", "year", "date_from", "date_to", "theme", "matter",
            "executory")


def clean_criteria(params) -> tuple[dict, dict]:
    """The list's filters from a query string, validated as the page validates them:
    (criteria, errors). Only non-empty valid values are kept, so that a subscription never
    follows more than the page the subscriber saw."""
    data = QueryDict(mutable=True)
    for name in CRITERIA:
        value = (params.get(name) or "").strip()
        if value:
            data[name] = value
    filterset = DeliberationFilter(data)
    if not filterset.form.is_valid():
        return {}, {name: list(errors) for name, errors in filterset.form.errors.items()}
    return {name: data[name] for name in CRITERIA if name in data}, {}


def _scoped(scope: str, criteria: dict, body_id, member_id, priority_id):
    data = QueryDict(mutable=True)
    if scope == Subscription.Scope.SEARCH:
        data.update(criteria)
    # Newest first: a relevance sort ranks only the newest matches of a broad search.
    data["sort"] = "date"
    acts = DeliberationFilter(data).qs
    if scope == Subscription.Scope.BODY:
        acts = acts.filter(body_id=body_id)
    elif scope == Subscription.Scope.MEMBER:
        seats = Mandate.objects.filter(
            member_id=member_id, body=OuterRef("body"), start_on__lte=OuterRef("session_date"),
        ).filter(Q(end_on__isnull=True) | Q(end_on__gte=OuterRef("session_date")))
        acts = acts.filter(Exists(seats))
    elif scope == Subscription.Scope.PRIORITY:
        acts = acts.filter(pk__in=Deliberation.objects.filter(
            project_actions__objective__stake__priority__id=priority_id).values("pk"))
    elif scope == Subscription.Scope.REPORTS:
        acts = acts.filter(pk__in=Deliberation.objects.filter(
            activity_report_notes__isnull=False).values("pk"))
    return acts


def criteria_key(subscription: Subscription) -> tuple:
    """Subscriptions with equal keys follow the same acts (one query for all of them)."""
    return (subscription.scope, tuple(sorted((subscription.criteria or {}).items())),
            subscription.body_id, subscription.member_id, subscription.priority_id)


def matching_acts(subscription: Subscription, *, after: datetime.date,
                  through: datetime.date):
    """The published acts the subscription follows, put online after `after` and on or
    before `through` (Deliberation.objects.published(): a draft never)."""
    return _scoped(
        subscription.scope, subscription.criteria or {}, subscription.body_id,
        subscription.member_id, subscription.priority_id,
    ).filter(published_on__gt=after, published_on__lte=through)
