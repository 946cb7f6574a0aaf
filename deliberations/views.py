"""Public pages of deliberations and sessions, and the reuse outputs (CSV, Atom, iCalendar).

Every queryset starts from Deliberation.objects.published() or Session.objects.public();
the legal figures (quorum, executory date, appeal deadline) come from selectors.py.
"""

import datetime
import functools
import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef, Q, prefetch_related_objects
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from deliberations import annexes, record
from deliberations.documents.selectors import session_documents
from deliberations.models import (
    Annex,
    Attendance,
    Deliberation,
    IssuedExtract,
    Session,
)
from deliberations.publication import opendata, rows
from deliberations.publication.feeds import sessions_icalendar_chunks, with_public_titles
from deliberations.publication.filters import DeliberationFilter
from deliberations.querysets import SEARCH_CANDIDATES
from portal.kernel.cache import (
    ExportValidators,
    cache_public_page,
    keep_export,
    kept_export,
    kept_export_key,
)
from portal.kernel.db_routers import replica_reads
from portal.kernel.pagination import CappedPaginator

PAGE_SIZE = 20


def public_deliberations():
    return Deliberation.objects.published().with_public_relations()


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_safe
@replica_reads
@cache_public_page
def deliberation_list(request):
    """Published deliberations: facets, full-text search, sort, pagination (constant queries)."""
    filterset = DeliberationFilter(request.GET)
    # The count, the SCDL coverage and the filter fields depend on the filtered set only, not
    # on the page or the sort: read once per publication (rows.py), like each row's HTML.
    key = rows.filter_key(filterset)
    page = rows.CountedPaginator(filterset.qs, PAGE_SIZE, key=key).get_page(
        request.GET.get("page"))
    querystring = _query_without_page(request)
    sort = filterset.sort_order
    return render(request, "deliberations/deliberation_list.html", {
        "filter": filterset,
        "filter_fields": rows.filter_fields(filterset.form),
        "page": page,
        "rows": rows.list_rows(page),
        "search_query": filterset.search_query,
        "sort": sort,
        # A broad search ranks its newest matches only (DeliberationQuerySet.best_first).
        "ranked_among_newest": sort == "pertinence"
        and page.paginator.count >= SEARCH_CANDIDATES,
        "querystring": querystring,
        "has_filters": bool(querystring),
        # What the SCDL export of this list leaves out, and why (opendata.scdl_coverage).
        "scdl_coverage": rows.value(f"scdl-coverage:{key}",
                                    lambda: opendata.scdl_coverage(filterset.qs)),
    })


def _exists(relation_name: str):
    """Whether an act has rows in a reverse relation another app declares (territorial
    project, activity reports), as an annotation: the page reads them only when there are."""
    relation = Deliberation._meta.get_field(relation_name)
    return Exists(relation.related_model.objects.filter(
        **{relation.field.name: OuterRef("pk")}))


# Records of other apps that point at an act (no import of those apps), read on its page
# only when the act has some (the annotation of the same name).
#
# Read live, on purpose, and not frozen in the act's record (deliberations.record): the
# actions of the territorial project an act carries out, the project it adopts, and the
# activity report it takes note of are not legal facts of the act. They are cross-references
# that other apps' loaders add after the act is published (the project 2022-2032 and the
# reports are loaded, then linked to acts years old), and that are corrected there. Freezing
# them would hide every link made after the publication; they change nothing the act
# certifies (outcome, figures, dates), which is all the record holds. The same holds for the
# acts that rectify this one (``rectified_by`` below), published after it.
_LINKS = {
    "has_project_actions": "project_actions__objective__stake__priority__project",
    "has_adopted_projects": "adopted_projects",
    "has_activity_report_notes": "activity_report_notes__report__organisation",
}


@require_safe
@replica_reads
@cache_public_page
def deliberation_detail(request, organisation, year, slug):
    """A published act's page: its frozen record (deliberations.record) read with it in one
    query, then its published siblings and rectifications in a second one."""
    deliberation = get_object_or_404(
        # The record holds every fact the page prints: only the joins for the addresses.
        Deliberation.objects.published().select_related(
            "session__body__organisation", "record").annotate(
            has_extract=Exists(IssuedExtract.objects.current().filter(
                deliberation=OuterRef("pk"))),
            has_project_actions=_exists("project_actions"),
            has_adopted_projects=_exists("adopted_projects"),
            has_activity_report_notes=_exists("activity_report_notes"),
        ),
        session__body__organisation__slug=organisation, year=year, slug=slug,
    )
    return render_deliberation(request, deliberation)


def render_deliberation(request, deliberation, *, staff_preview=False):
    """The deliberation's page, rendered from its record (record.record_for): frozen for a
    published act, computed live for the admin's staff preview of an unpublished act (then
    marked "non publié" and never cached: it shows the record as it will be frozen)."""
    session = deliberation.session
    legal = record.record_for(deliberation)
    previous, following, rectified_by = _neighbours(deliberation)
    links = [lookup for flag, lookup in _LINKS.items() if getattr(deliberation, flag, True)]
    if links:
        prefetch_related_objects([deliberation], *links)
    has_extract = getattr(deliberation, "has_extract", None)
    if has_extract is None:
        from deliberations.extracts.issuing import extract_current

        has_extract = extract_current(deliberation) is not None
    return render(request, "deliberations/deliberation_detail.html", {
        "deliberation": deliberation,
        "record": legal,
        "record_parts": record_parts(deliberation, legal),
        "session": session,
        "organisation": session.body.organisation,
        "rectified_by": rectified_by,
        "rectifies_url": _act_url(legal.rectifies) if legal.rectifies else "",
        "has_extract": has_extract,
        "previous": previous,
        "next": following,
        "staff_preview": staff_preview,
        "show_reports": _LINKS["has_activity_report_notes"] in links,
        "show_project": bool({_LINKS["has_project_actions"], _LINKS["has_adopted_projects"]}
                             & set(links)),
    })


@dataclass(frozen=True)
class Neighbour:
    """The published act before or after this one in its session, as the pager links it."""

    url: str
    item_number: int | None


def _neighbours(deliberation):
    """(previous, next, rectified_by): the act's published neighbours in its session and its
    published rectifications, facts that come after its publication, hence not in its record.
    One query of plain values for the session's acts (no model built for each of them), and
    a second one only when published acts rectify this one."""
    rows = list(
        Deliberation.objects.published()
        .filter(Q(session_id=deliberation.session_id) | Q(rectifies_id=deliberation.pk))
        .order_by("item_number", "pk")
        .values_list("pk", "session_id", "rectifies_id", "item_number", "slug", "year",
                     "session__body__organisation__slug")
    )
    siblings = [row for row in rows if row[1] == deliberation.session_id]
    index = next((i for i, row in enumerate(siblings) if row[0] == deliberation.pk), None)
    previous = following = None
    if index is not None:  # else an unpublished act (staff preview): no neighbour
        if index > 0:
            previous = _neighbour(siblings[index - 1])
        if index + 1 < len(siblings):
            following = _neighbour(siblings[index + 1])
    rectifying = [row[0] for row in rows if row[2] == deliberation.pk]
    rectified_by = list(
        Deliberation.objects.filter(pk__in=rectifying)
        .select_related("session__body__organisation")
        .order_by("session__date", "published_on", "pk")
    ) if rectifying else []
    return previous, following, rectified_by


def _neighbour(row) -> Neighbour:
    _, _, _, item_number, slug, year, organisation = row
    return Neighbour(url=reverse("deliberations:deliberation_detail", kwargs={
        "organisation": organisation, "year": year, "slug": slug}), item_number=item_number)


RECORD_TEMPLATE = "deliberations/_deliberation_record.html"
# The templates the record's parts are rendered with: their text is part of the cache key,
# so a deployment that changes one of them starts new entries.
RECORD_TEMPLATES = (RECORD_TEMPLATE, "deliberations/_person.html",
                    "deliberations/_member_votes.html", "deliberations/_appointments.html",
                    "deliberations/_quorum_table.html")
RECORD_PARTS = ("heading", "facts", "body", "annexes")
RECORD_PART_END = "<!--partie-->"
# A published record never changes: its parts stay valid as long as the cache keeps them.
RECORD_PARTS_SECONDS = 24 * 3600


@functools.cache
def _record_templates_digest() -> str:
    digest = hashlib.sha256()
    for name in RECORD_TEMPLATES:
        digest.update(get_template(name).template.source.encode("utf-8"))
    return digest.hexdigest()[:16]


def record_parts(deliberation, legal) -> dict[str, str]:
    """The parts of the act's page made of its record alone (RECORD_TEMPLATE), as HTML.

    A frozen record is rendered once, then read from the cache under its SHA-256 (with the
    templates' text and the live addresses of the body, organisation and session the parts
    link to): the record never changes once published (immutability.py), and an amended one
    (record_amend_publication) has a new hash. A record computed live (a draft in the staff
    preview, an act not frozen yet) is rendered every time."""
    session = deliberation.session
    context = {"record": legal, "body_url": session.body.get_absolute_url(),
               "organisation_url": session.body.organisation.get_absolute_url(),
               "session_url": session.get_absolute_url()}
    frozen = record.frozen_record(deliberation) if deliberation.pk else None
    if frozen is None:
        return _render_record_parts(context)
    key = record_parts_key(frozen.sha256, context)
    parts = cache.get(key)
    if parts is None:
        parts = _render_record_parts(context)
        cache.set(key, parts, RECORD_PARTS_SECONDS)
    return {name: mark_safe(html) for name, html in parts.items()}  # rendered escaped


def record_parts_key(sha256: str, context) -> str:
    """The cache key of a frozen record's parts: its hash, the templates' text and the
    addresses the parts link to."""
    addresses = hashlib.sha256(" ".join(
        (context["body_url"], context["organisation_url"], context["session_url"])
    ).encode("utf-8")).hexdigest()[:16]
    return f"record-parts:{sha256}:{_record_templates_digest()}:{addresses}"


def _render_record_parts(context) -> dict[str, str]:
    html = get_template(RECORD_TEMPLATE).render(context)
    *parts, rest = html.split(RECORD_PART_END)
    if len(parts) != len(RECORD_PARTS) or rest.strip():
        raise ValueError(f"{RECORD_TEMPLATE} doit finir chacune de ses {len(RECORD_PARTS)} "
                         f"parties par {RECORD_PART_END}.")
    return {name: mark_safe(part.strip()) for name, part in zip(RECORD_PARTS, parts,
                                                                strict=True)}


def _act_url(ref) -> str:
    return reverse("deliberations:deliberation_detail", kwargs={
        "organisation": ref.organisation_slug, "year": ref.year, "slug": ref.slug})


@require_safe
def annex_download(request, pk):
    """The file of an annex of a published act, always as a download: never rendered by the
    browser in the portal's origin (an annex is a clerk's upload), whatever its content."""
    annex = get_object_or_404(
        Annex.objects.filter(deliberation__in=Deliberation.objects.published()).exclude(file=""),
        pk=pk,
    )
    kind = annexes.annex_kind(annex.file.name, annex.file)
    if kind is None:
        # Stored before the content check existed and not an allowed document: not served.
        raise Http404("Annexe indisponible.")
    response = FileResponse(annex.file.open("rb"), as_attachment=True,
                            filename=PurePath(annex.file.name).name,
                            content_type=kind.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_safe
@replica_reads
@cache_public_page
def session_list(request):
    """Public sessions, upcoming first then past ones (constant queries)."""
    today = timezone.localdate()
    sessions = Session.objects.public().select_related("body__organisation")
    upcoming = sessions.filter(date__gte=today).order_by("date", "starts_at")
    past = CappedPaginator(
        sessions.filter(date__lt=today).order_by("-date", "-starts_at"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "deliberations/session_list.html", {
        "upcoming": upcoming, "page": past,
    })


@require_safe
@replica_reads
@cache_public_page
def session_detail(request, pk):
    """A session's page. Once an act of it is published, what the session certifies
    (convocation, president and secretaries, attendance, proxies, quorum per item) is read
    from the latest frozen record of its acts, and each published item from its own record:
    nothing changed around the session afterwards shows (a constant number of queries)."""
    session = get_object_or_404(
        Session.objects.public().select_related("body__organisation", "first_convocation"),
        pk=pk,
    )
    deliberations = list(
        session.deliberations.published().select_related("record").order_by("item_number", "pk")
    )
    records = record.records_for(deliberations)
    frozen = [d for d in deliberations if record.frozen_record(d) is not None]
    if frozen:
        latest = max(frozen, key=lambda d: (d.record.frozen_at, d.record.pk))
        facts = records[latest.pk].session
    else:
        facts = record.live_session_facts(session)
    by_status = {status: [] for status in Attendance.Status.values}
    # The page lists people by name; the record keeps the registre's order.
    for line in sorted(facts.attendance, key=lambda line: line.member.name):
        by_status[line.status].append(line)
    return render(request, "deliberations/session_detail.html", {
        "session": session,
        "facts": facts,
        "organisation": session.body.organisation,
        "items": [(d, records[d.pk]) for d in deliberations],
        "present": by_status[Attendance.Status.PRESENT],
        "excused": by_status[Attendance.Status.EXCUSED],
        "absent": by_status[Attendance.Status.ABSENT],
        "proxies": sorted(facts.proxies, key=lambda proxy: proxy.giver.name),
        **session_documents(session),
    })


@require_safe
@replica_reads
def deliberation_csv(request):
    """SCDL "Délibérations" 2.1.5 export of the filtered list (opendata.py): exactly the
    schema's columns, the acts holding every required value; streamed in chunks; a client
    holding the current copy (ETag, Last-Modified) gets a 304."""
    return _csv_export(request, extended=False, filename="deliberations-scdl.csv")


@require_safe
@replica_reads
def deliberation_csv_extended(request):
    """The extended export: every published act of the filtered list, the SCDL columns then
    the item's quorum figures and the rectification links (opendata.EXTENDED_COLUMNS)."""
    return _csv_export(request, extended=True, filename="deliberations-etendu.csv")


def _csv_export(request, *, extended, filename):
    filterset = DeliberationFilter(request.GET)
    if not filterset.is_valid():
        # An export must not silently ignore a filter: say which one is wrong.
        return HttpResponseBadRequest(
            filterset.errors.as_text(), content_type="text/plain; charset=utf-8"
        )
    queryset = filterset.qs
    if extended:
        queryset = queryset.with_rectifications()
    else:
        queryset = opendata.scdl_complete(queryset)
    facts = queryset.order_by().aggregate(
        count=Count("pk"), updated=Max("updated_at"), published=Max("published_on"),
    )
    validators = ExportValidators(request, facts=facts.values(),
                                  last_modified=_latest(facts["updated"], facts["published"]))
    if (not_modified := validators.not_modified(request)) is not None:
        return validators.apply(not_modified)
    response = StreamingHttpResponse(
        opendata.scdl_csv_chunks(queryset, build_url=request.build_absolute_uri,
                                 extended=extended),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return validators.apply(response)


def _latest(updated_at, published_on):
    """The later of a change instant and a publication date (at midnight, local time)."""
    published_at = None
    if published_on is not None:
        published_at = timezone.make_aware(
            datetime.datetime.combine(published_on, datetime.time())
        )
    return max(filter(None, [updated_at, published_at]), default=None)


CALENDAR_WINDOW_DAYS = 365
CALENDAR_FIRST_YEAR = 1990


def calendar_window(request, today: datetime.date):
    """The sessions' dates a calendar request covers: by default the last 12 months and
    everything to come; with ``?annee=2019`` that year only. (first day, last day or None,
    the calendar's description), or None for a year that is not a year."""
    year = request.GET.get("annee")
    if year is None:
        since = today - datetime.timedelta(days=CALENDAR_WINDOW_DAYS)
        return since, None, (
            f"Séances depuis le {since:%d/%m/%Y} et à venir ; les années précédentes : "
            f"{request.build_absolute_uri(request.path)}?annee=AAAA")
    if not year.isdigit() or not CALENDAR_FIRST_YEAR <= int(year) <= today.year + 1:
        return None
    year = int(year)
    return (datetime.date(year, 1, 1), datetime.date(year, 12, 31),
            f"Séances de l'année {year}")


@require_safe
@replica_reads
def session_calendar(request):
    """iCalendar (RFC 5545) feed of public sessions, with ETag and Last-Modified (304 when the
    client's copy is current). By default the last 12 months and every session to come, so
    the feed a calendar polls stays small whatever the history; older sessions by year
    (``?annee=2019``). Made once per change: streamed the first time, then served whole from
    the cache without a query until a public record changes or the day turns."""
    today = timezone.localdate()
    window = calendar_window(request, today)
    if window is None:
        return HttpResponseBadRequest(
            "Année invalide : indiquez une année sur quatre chiffres, par exemple ?annee=2019.",
            content_type="text/plain; charset=utf-8")
    since, until, description = window
    name = f"seances-{until.year}" if until else "seances"
    # Read before the rows: the key holds the generation and the day (kernel.cache), and the
    # window's dates, so a body made on the eve of a new day is never served on that day; the
    # scheme and host are in every address of the body. (DTSTAMP: when the body was made.)
    key = kept_export_key(f"icalendar:{request.scheme}://{request.get_host()}"
                          f"{request.get_full_path()}:{since}:{until}")
    kept = kept_export(key)
    if kept is not None:
        validators = ExportValidators.of_kept(kept)
        if (not_modified := validators.not_modified(request)) is not None:
            return validators.apply(not_modified)
        response = HttpResponse(kept.content, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{name}.ics"'
        return validators.apply(response)
    dates = {"date__gte": since, **({"date__lte": until} if until else {})}
    sessions = Session.objects.public().filter(**dates)
    facts = sessions.order_by().aggregate(count=Count("pk"), latest=Max("pk"))
    # The window on the acts' own copy of their session's date (its index) and on the joined
    # session's date: the planner then reads the window's sessions by their index instead of
    # hashing every public session (a cost that grew with the table).
    published = Deliberation.objects.published().filter(
        **{f"session_{lookup}": value for lookup, value in dates.items()},
        **{f"session__{lookup}": value for lookup, value in dates.items()},
    ).order_by().aggregate(
        count=Count("pk"), updated=Max("updated_at"), published=Max("published_on"),
    )
    validators = ExportValidators(
        request, facts=[since, until, *facts.values(), *published.values()],
        last_modified=_latest(published["updated"], published["published"]),
    )
    if (not_modified := validators.not_modified(request)) is not None:
        return validators.apply(not_modified)
    # Two streamed queries whatever the window's size: the sessions, and their published
    # acts' titles beside them (feeds.with_public_titles).
    sessions = with_public_titles(sessions, dates=dates)
    response = StreamingHttpResponse(
        keep_export(key, sessions_icalendar_chunks(
            sessions, build_url=request.build_absolute_uri,
            host=request.get_host().split(":")[0], description=description), validators),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return validators.apply(response)
