"""The public shell: home, organisations, bodies, members, accessibility, legal notice, errors.

What is public is decided by Deliberation.objects.published() and Session.objects.public().
"""

import sys
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from deliberations.models import Attendance, Deliberation, Proxy, Session
from deliberations.querysets import LIST_ORDER
from portal.kernel import sitesearch
from portal.kernel.cache import cache_public_page
from portal.kernel.db_routers import replica_reads
from portal.kernel.pagination import CappedPaginator, capped_count
from portal.models import Body, Mandate, Member, Organisation

LATEST = 10
SEARCH_GROUP_LIMIT = 10


def _latest_deliberations(**filters):
    return (
        Deliberation.objects.published().with_public_relations().filter(**filters)
        # Newest publications first, read from deliberation_latest_idx.
        .order_by("-published_on", *LIST_ORDER)[:LATEST]
    )


def _upcoming_sessions(**filters):
    return (
        Session.objects.public().filter(date__gte=timezone.localdate(), **filters)
        .select_related("body__organisation").order_by("date", "starts_at")[:LATEST]
    )


def _recent_sessions(**filters):
    return (
        Session.objects.public().filter(date__lt=timezone.localdate(), **filters)
        .select_related("body__organisation").order_by("-date", "-starts_at")[:LATEST]
    )


def _organisations_with_bodies():
    return Organisation.objects.filter(bodies__isnull=False).distinct().prefetch_related(
        Prefetch("bodies", queryset=Body.objects.order_by("name")),
        Prefetch("member_organisations", queryset=Organisation.objects.order_by("name")),
    )


@require_safe
@replica_reads
@cache_public_page
def home(request):
    # Counted up to COUNT_CAP: a full count would cost more than the page (issue 13).
    count, capped = capped_count(Deliberation.objects.published())
    return render(request, "portal/home.html", {
        "latest": _latest_deliberations(),
        "upcoming": _upcoming_sessions(),
        "recent_sessions": _recent_sessions(),
        "organisations": _organisations_with_bodies(),
        "deliberation_count": count,
        "deliberation_count_capped": capped,
    })


@require_safe
@replica_reads
@cache_public_page
def organisation_list(request):
    return render(request, "portal/organisation_list.html", {
        "organisations": _organisations_with_bodies(),
    })


@require_safe
@replica_reads
@cache_public_page
def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    return render(request, "portal/organisation_detail.html", {
        "organisation": organisation,
        "bodies": organisation.bodies.order_by("name"),
        "member_organisations": organisation.member_organisations.all(),
        "groupings": organisation.groupings.all(),
        "latest": _latest_deliberations(session__body__organisation=organisation),
        "upcoming": _upcoming_sessions(body__organisation=organisation),
        "recent_sessions": _recent_sessions(body__organisation=organisation),
    })


@require_safe
@replica_reads
@cache_public_page
def body_detail(request, organisation, slug):
    body = get_object_or_404(
        Body.objects.select_related("organisation", "delegated_by"),
        organisation__slug=organisation, slug=slug,
    )
    today = timezone.localdate()
    mandates = (
        Mandate.objects.in_office(today).filter(body=body)
        .select_related("member", "commune", "represented_organisation")
        .order_by("member__last_name", "member__first_name")
    )
    sessions = CappedPaginator(
        Session.objects.public().filter(body=body).annotate(
            public_count=Count(
                "deliberations",
                filter=Q(deliberations__in=Deliberation.objects.published()),
            )
        ).order_by("-date", "-starts_at"),
        20,
    ).get_page(request.GET.get("page"))
    return render(request, "portal/body_detail.html", {
        "body": body,
        "organisation": body.organisation,
        "mandates": mandates,
        "sessions": sessions,
        "latest": _latest_deliberations(body=body),
    })


@require_safe
@replica_reads
@cache_public_page
def member_list(request):
    members = Member.objects.with_public_record().order_by("last_name", "first_name")
    letter = (request.GET.get("lettre") or "").upper()[:1]
    if letter.isalpha():
        members = members.filter(last_name__istartswith=letter)
    page = Paginator(members, 100).get_page(request.GET.get("page"))
    return render(request, "portal/member_list.html", {
        "page": page,
        "letter": letter if letter.isalpha() else "",
        "letters": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    })


@dataclass(frozen=True)
class AttendanceRecord:
    """A member's attendance over the held public sessions of the bodies where they sat."""

    sessions: int
    present: int

    @property
    def rate(self) -> float | None:
        return self.present / self.sessions if self.sessions else None


def member_attendance(member: Member, mandates) -> AttendanceRecord:
    """Sessions held (public) during the member's titular mandates, and those attended.

    A suppléant sits only when the titular member is absent (L5211-6): their seat does not
    count in the sessions they were expected at, but a session where they sat does.
    """
    titular = [m for m in mandates if m.role != Mandate.Role.SUBSTITUTE]
    # Only sessions whose attendance is recorded: a session without its list says nothing
    # about who came.
    held = Session.objects.public().filter(
        status=Session.Status.HELD, attendances__isnull=False
    ).distinct()
    expected = set()
    if titular:
        condition = Q()
        for m in titular:
            span = Q(body_id=m.body_id, date__gte=m.start_on)
            if m.end_on:
                span &= Q(date__lte=m.end_on)
            condition |= span
        expected = set(held.filter(condition).values_list("pk", flat=True))
    attended = set(
        Attendance.objects.filter(
            member=member, status=Attendance.Status.PRESENT, session__in=held
        ).values_list("session_id", flat=True)
    )
    return AttendanceRecord(sessions=len(expected | attended), present=len(attended))


@require_safe
@replica_reads
@cache_public_page
def member_detail(request, slug):
    member = get_object_or_404(Member.objects.with_public_record(), slug=slug)
    mandates = list(
        member.mandates.select_related(
            "body__organisation", "commune", "represented_organisation", "substitute_for"
        ).order_by("-start_on", "body__name")
    )
    public_sessions = Session.objects.public()
    proxies = Proxy.objects.filter(session__in=public_sessions).select_related(
        "session__body__organisation", "giver", "holder"
    ).order_by("-session__date")
    return render(request, "portal/member_detail.html", {
        "member": member,
        "mandates": mandates,
        "attendance": member_attendance(member, mandates),
        "proxies_given": proxies.filter(giver=member),
        "proxies_held": proxies.filter(holder=member),
        "today": timezone.localdate(),
    })


@require_safe
def accessibility(request):
    return render(request, "portal/accessibility.html", {
        "contact": settings.ACCESSIBILITY_CONTACT,
    })


@require_safe
def legal_notice(request):
    return render(request, "portal/legal_notice.html", {
        "organisations": Organisation.objects.filter(bodies__isnull=False).distinct(),
        "contact": settings.ACCESSIBILITY_CONTACT,
    })


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('django.contrib.sitemaps.views.sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


def server_error(request):
    # Called while the exception is handled: a database that is down, met outside a view
    # (a middleware), gets the same French 503 page as in a view (portal/kernel/resilience.py).
    from portal.kernel import resilience

    if resilience.is_database_unavailable(sys.exc_info()[1]):
        return resilience.unavailable_response()
    # No request context: a failing database or context processor must not fail this page.
    context = {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "ACCESSIBILITY_STATUS": settings.ACCESSIBILITY_STATUS,
    }
    return HttpResponseServerError(loader.render_to_string("500.html", context))


@require_safe
def site_search(request):
    """One search box for the whole portal: results of every registered kind, grouped."""
    query = (request.GET.get("q") or "").strip()[:200]
    return render(request, "portal/search.html", {
        "query": query,
        "groups": sitesearch.search_all(query, limit=SEARCH_GROUP_LIMIT),
    })
