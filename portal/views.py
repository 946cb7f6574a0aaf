"""The public shell: home, organisations, bodies, members, accessibility, legal notice, errors.

The apps' records on these pages (acts, sessions, attendance) come from what they register in
portal.kernel.pages: the site imports no app.
"""


from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from portal.kernel import pages, sitesearch, suggestions
from portal.kernel.cache import cache_public_page
from portal.kernel.db_routers import replica_reads
from portal.models import Body, Mandate, Member, Organisation

LATEST = 10
SEARCH_GROUP_LIMIT = 10
# Results per page of one kind's list.
SEARCH_PAGE_SIZE = 20


def _organisations_with_bodies():
    return Organisation.objects.filter(bodies__isnull=False).distinct().prefetch_related(
        Prefetch("bodies", queryset=Body.objects.order_by("name")),
        Prefetch("member_organisations", queryset=Organisation.objects.order_by("name")),
    )


@require_safe
@replica_reads
@cache_public_page
def home(request):
    return render(request, "portal/home.html", {
        "organisations": _organisations_with_bodies(),
        **pages.context("home", request),
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
        **pages.context("organisation", request, organisation=organisation),
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
    return render(request, "portal/body_detail.html", {
        "body": body,
        "organisation": body.organisation,
        "mandates": mandates,
        **pages.context("body", request, body=body),
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
    return render(request, "portal/member_detail.html", {
        "member": member,
        "mandates": mandates,
        "today": timezone.localdate(),
        **pages.context("member", request, member=member, mandates=mandates),
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


@require_safe
def site_search(request):
    """One search box for the whole portal: results of every registered kind, grouped, each
    kind with its own paged list (?type=…&page=…) so that every result counted is reached;
    a search that finds nothing suggests the closest words the records hold."""
    query = (request.GET.get("q") or "").strip()[:200]
    page_number = request.GET.get("page") or "1"
    kind_page = sitesearch.search_kind(
        query, request.GET.get("type") or "",
        page=int(page_number) if page_number.isdigit() else 1, per_page=SEARCH_PAGE_SIZE,
    ) if request.GET.get("type") else None
    groups = [] if kind_page else sitesearch.search_all(query, limit=SEARCH_GROUP_LIMIT)
    empty = bool(query) and not groups and not (kind_page and kind_page.group.total)
    return render(request, "portal/search.html", {
        "query": query,
        "groups": groups,
        "kind_page": kind_page,
        "suggestion": suggestions.suggest(query) if empty else None,
    })
