"""Feeds: Atom (RFC 4287) for published deliberations (any filtered list has its own feed)
and an iCalendar (RFC 5545) file of public sessions, written by hand to avoid a
dependency."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Max, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from deliberations import record
from deliberations.models import Deliberation, Session
from deliberations.publication.filters import DeliberationFilter
from portal.kernel.atom import RecordFeed
from portal.kernel.icalendar import escape, fold, utc

FEED_SIZE = 50


class DeliberationFeed(RecordFeed):
    """Latest published deliberations; the list's query string (facets, search) applies.

    A published act never changes (a rectification is another act): its entry is dated by
    its publication (R2131-1), as atom:published and atom:updated, and the feed by its
    latest entry, or by the latest publication of the portal when the search finds none.
    Every entry renders its act's record (deliberations.record): title, body, organisation,
    session date, theme, outcome and publication date as frozen when it was published."""

    def get_object(self, request):
        filterset = DeliberationFilter(request.GET)
        if not filterset.is_valid():
            raise Http404("Filtre invalide.")
        filterset.querystring = request.GET.urlencode()
        return filterset

    def title(self, filterset):
        if filterset.search_query:
            return f"Délibérations publiées : « {filterset.search_query} » — {settings.PORTAL_NAME}"
        return f"Délibérations publiées — {settings.PORTAL_NAME}"

    def subtitle(self, filterset):
        return "Délibérations publiées en ligne (R2131-1 CGCT), les plus récentes d'abord."

    def link(self, filterset):
        url = reverse("deliberations:deliberation_list")
        return f"{url}?{filterset.querystring}" if filterset.querystring else url

    def feed_url(self, filterset):
        url = reverse("deliberations:deliberation_feed")
        return f"{url}?{filterset.querystring}" if filterset.querystring else url

    def items(self, filterset):
        # The frozen records come with the acts (one query): each entry states its act's
        # record, never the live columns (a renamed body, a corrected title stay as published).
        items = list(filterset.qs.select_related("record")[:FEED_SIZE])
        record.records_for(items)
        return items

    def item_title(self, item):
        return record.record_for(item).act.title

    def item_description(self, item):
        facts = record.record_for(item)
        parts = [f"{facts.body.name} — {facts.organisation.name}",
                 f"séance du {facts.session.date:%d/%m/%Y}"]
        if facts.act.theme:
            parts.append(facts.act.theme)
        if facts.vote.outcome_label:
            parts.append(facts.vote.outcome_label)
        return " · ".join(parts)

    def item_author_name(self, item):
        return record.record_for(item).organisation.name

    def item_date(self, item):
        return record.record_for(item).publication.published_on

    def updated_when_empty(self, filterset):
        return Deliberation.objects.published().aggregate(latest=Max("published_on"))["latest"]

    def item_categories(self, item):
        theme = record.record_for(item).act.theme
        return [theme] if theme else []


# RFC 5545 §3.3.11: TEXT allows no control character but HTAB; a line break is written "\\n".
def _session_documents(session) -> list[str]:
    """The published list of deliberations (L2121-25) and procès-verbal (L2121-15) of a
    session, with their publication dates; the caller select_related them (constant
    queries)."""
    lines = []
    if _has(session, "deliberation_list"):
        published_on = session.deliberation_list.published_on
        lines.append(f"Liste des délibérations examinées publiée le {published_on:%d/%m/%Y}")
    minutes = session.minutes if _has(session, "minutes") else None
    if minutes is not None and minutes.published_on is not None:
        lines.append(f"Procès-verbal publié le {minutes.published_on:%d/%m/%Y}")
    return lines


def _has(session, relation: str) -> bool:
    try:
        getattr(session, relation)
    except ObjectDoesNotExist:
        return False
    return True


def sessions_icalendar(sessions, *, build_url, host: str) -> str:
    """A VCALENDAR with one VEVENT per session (times in UTC, so no VTIMEZONE is needed).

    Each session should carry `public_deliberations` (published ones, item order), listed in
    the description.
    """
    return "".join(sessions_icalendar_chunks(sessions, build_url=build_url, host=host))


# Sessions per chunk of the streamed calendar (QuerySet.iterator: a server-side cursor on
# PostgreSQL, the published deliberations prefetched chunk by chunk).
CHUNK_SIZE = 200


def sessions_icalendar_chunks(sessions, *, build_url, host: str, chunk_size=CHUNK_SIZE,
                              description: str = ""):
    """sessions_icalendar as text chunks of `chunk_size` events, for a StreamingHttpResponse:
    a queryset is read in chunks, so memory stays flat whatever the number of sessions."""
    now = utc(timezone.now())
    header = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{host}//{settings.PORTAL_NAME}//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape('Séances — ' + settings.PORTAL_NAME)}",
        "X-WR-TIMEZONE:" + settings.TIME_ZONE,
    ]
    if description:
        header.append(f"X-WR-CALDESC:{escape(description)}")
    yield _lines(header)
    if isinstance(sessions, QuerySet):
        sessions = sessions.iterator(chunk_size=chunk_size)
    lines = []
    for count, session in enumerate(sessions, start=1):
        lines += _session_event(session, build_url=build_url, host=host, now=now)
        if count % chunk_size == 0:
            yield _lines(lines)
            lines = []
    lines.append("END:VCALENDAR")
    yield _lines(lines)


def _lines(lines) -> str:
    return "".join(fold(line) + "\r\n" for line in lines)


def _session_event(session, *, build_url, host: str, now: str) -> list[str]:
    local = ZoneInfo(settings.TIME_ZONE)
    body = session.body
    lines = ["BEGIN:VEVENT", f"UID:seance-{session.pk}@{host}", f"DTSTAMP:{now}"]
    if session.starts_at:
        start = datetime.datetime.combine(session.date, session.starts_at, tzinfo=local)
        lines.append(f"DTSTART:{utc(start)}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{session.date:%Y%m%d}")
    lines.append("SUMMARY:" + escape(f"{body.name} — {body.organisation.name}"))
    if session.place:
        lines.append("LOCATION:" + escape(session.place))
    items = getattr(session, "public_deliberations", [])
    description = []
    if items:
        description.append("Délibérations publiées :\n" + "\n".join(
            f"- {d.title}" for d in items
        ))
    description += _session_documents(session)
    if description:
        lines.append("DESCRIPTION:" + escape("\n".join(description)))
    lines.append("URL:" + build_url(session.get_absolute_url()))
    cancelled = session.status == Session.Status.CANCELLED
    lines += [f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}", "END:VEVENT"]
    return lines
