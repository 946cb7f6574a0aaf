"""What deliberations adds to the site's shared pages (home, organisation, body, member) and to
sitemap.xml, registered in portal.kernel.pages by DeliberationsConfig.ready()."""

from dataclasses import dataclass

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from deliberations.models import Attendance, Deliberation, Proxy, Session
from deliberations.querysets import LIST_ORDER
from portal.kernel import pages
from portal.kernel.pagination import CappedPaginator, capped_count
from portal.models import Mandate

LATEST = 10


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


def home(request) -> dict:
    # Counted up to COUNT_CAP: a full count would cost more than the page at scale.
    count, capped = capped_count(Deliberation.objects.published())
    return {
        "latest": _latest_deliberations(),
        "upcoming": _upcoming_sessions(),
        "recent_sessions": _recent_sessions(),
        "deliberation_count": count,
        "deliberation_count_capped": capped,
    }


def organisation(request, *, organisation) -> dict:
    return {
        "latest": _latest_deliberations(session__body__organisation=organisation),
        "upcoming": _upcoming_sessions(body__organisation=organisation),
        "recent_sessions": _recent_sessions(body__organisation=organisation),
    }


def body(request, *, body) -> dict:
    sessions = CappedPaginator(
        Session.objects.public().filter(body=body).annotate(
            public_count=Count(
                "deliberations",
                filter=Q(deliberations__in=Deliberation.objects.published()),
            )
        ).order_by("-date", "-starts_at"),
        20,
    ).get_page(request.GET.get("page"))
    return {"sessions": sessions, "latest": _latest_deliberations(body=body)}


@dataclass(frozen=True)
class AttendanceRecord:
    """A member's attendance over the held public sessions of the bodies where they sat."""

    sessions: int
    present: int

    @property
    def rate(self) -> float | None:
        return self.present / self.sessions if self.sessions else None


def member_attendance(member, mandates) -> AttendanceRecord:
    """Sessions held (public) during the member's titular mandates, and those attended.

    A suppléant sits only when the titular member is absent (L5211-6): their seat does not
    count in the sessions they were expected at, but a session where they sat does.
    """
    titular = [m for m in mandates if m.role != Mandate.Role.SUBSTITUTE]
    # Only sessions whose attendance is recorded: a session without its list says nothing
    # about who came. Asked of each of the member's sessions (EXISTS, one index probe), not
    # by joining every attendance line of every session and removing the duplicates.
    held = Session.objects.public().filter(status=Session.Status.HELD)
    expected = set()
    if titular:
        condition = Q()
        for m in titular:
            span = Q(body_id=m.body_id, date__gte=m.start_on)
            if m.end_on:
                span &= Q(date__lte=m.end_on)
            condition |= span
        recorded = Exists(Attendance.objects.filter(session=OuterRef("pk")))
        expected = set(held.filter(condition).filter(recorded).order_by()
                       .values_list("pk", flat=True))
    # A line of the member's is itself the session's recorded attendance (and a held
    # session is a public one).
    attended = set(
        Attendance.objects.filter(
            member=member, status=Attendance.Status.PRESENT, session__status=Session.Status.HELD
        ).order_by().values_list("session_id", flat=True)
    )
    return AttendanceRecord(sessions=len(expected | attended), present=len(attended))


def member(request, *, member, mandates) -> dict:
    proxies = Proxy.objects.filter(session__in=Session.objects.public()).select_related(
        "session__body__organisation", "giver", "holder"
    ).order_by("-session__date")
    return {
        "attendance": member_attendance(member, mandates),
        "proxies_given": proxies.filter(giver=member),
        "proxies_held": proxies.filter(holder=member),
    }


class DeliberationSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Deliberation.objects.published().with_public_relations().order_by("pk")

    def lastmod(self, item):
        # The day the act was published, not the time its row was last written (a load or a
        # rectification's link would otherwise date every act to the same moment).
        return item.published_on


class SessionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Session.objects.public().order_by("pk")


def register() -> None:
    pages.register("home", home, order=10)
    pages.register("organisation", organisation, order=10)
    pages.register("body", body, order=10)
    pages.register("member", member, order=10)
    pages.register_sitemap(
        "deliberations", DeliberationSitemap,
        static_url_names=("deliberations:deliberation_list", "deliberations:session_list"),
    )
    pages.register_sitemap("seances", SessionSitemap)
