"""Feeds: Atom (RFC 4287) for published deliberations (any filtered list has its own feed)
and an iCalendar (RFC 5545) file of public sessions, written by hand to avoid a
dependency."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
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
        found = feed_entries(items)
        for item in items:
            item.feed_entry = found[item.pk]
        return items

    def item_title(self, item):
        return item.feed_entry.title

    def item_description(self, item):
        return item.feed_entry.summary

    def item_author_name(self, item):
        return item.feed_entry.author

    def item_date(self, item):
        return item.feed_entry.published_on

    def updated_when_empty(self, filterset):
        return Deliberation.objects.published().aggregate(latest=Max("published_on"))["latest"]

    def item_categories(self, item):
        theme = item.feed_entry.theme
        return [theme] if theme else []


@dataclass(frozen=True)
class FeedEntry:
    """What an Atom entry states of an act, taken from its record."""

    title: str
    summary: str
    author: str
    published_on: datetime.date | None
    theme: str


def _feed_entry(facts) -> FeedEntry:
    parts = [f"{facts.body.name} — {facts.organisation.name}",
             f"séance du {facts.session.date:%d/%m/%Y}"]
    if facts.act.theme:
        parts.append(facts.act.theme)
    if facts.vote.outcome_label:
        parts.append(facts.vote.outcome_label)
    return FeedEntry(title=facts.act.title, summary=" · ".join(parts),
                     author=facts.organisation.name,
                     published_on=facts.publication.published_on, theme=facts.act.theme)


# A frozen record never changes: the entry made of it stays valid as long as the cache keeps
# it. Raised when FeedEntry or _feed_entry changes.
FEED_ENTRY_VERSION = 1
FEED_ENTRY_SECONDS = 24 * 3600


def feed_entries(items) -> dict[int, FeedEntry]:
    """The entries of acts read with ``select_related("record")``, by act id. An act's
    entry is made of its record once, then read from the cache under the record's SHA-256:
    decoding the 50 records of a feed (each with its session's attendance) would cost more
    than the rest of the feed. An act without a frozen record is made from its live record
    every time."""
    keys = {}
    for item in items:
        frozen = record.frozen_record(item)
        if frozen is not None:
            keys[f"feed-entry:{FEED_ENTRY_VERSION}:{frozen.sha256}"] = item.pk
    cached = cache.get_many(list(keys)) if keys else {}
    found = {keys[key]: entry for key, entry in cached.items()}
    missing = [item for item in items if item.pk not in found]
    if missing:
        made = {pk: _feed_entry(facts) for pk, facts in record.records_for(missing).items()}
        found.update(made)
        cache.set_many({key: made[pk] for key, pk in keys.items() if pk in made},
                       FEED_ENTRY_SECONDS)
    return found


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
# PostgreSQL).
CHUNK_SIZE = 200

# The order of a calendar's events, and of the acts read beside them (with_public_titles).
SESSION_ORDER = ("date", "starts_at", "pk")


def with_public_titles(sessions: QuerySet, *, chunk_size=None):
    """The sessions of `sessions` (ordered by SESSION_ORDER), each with `public_deliberations`
    (its published acts in item order, their titles only), read in two streamed queries
    whatever the number of sessions: the sessions, and beside them the published acts of those
    sessions in the same order, each session taking the acts that follow it (a merge of two
    sorted streams). A prefetch would run one more query per chunk of sessions."""
    chunk_size = chunk_size or CHUNK_SIZE
    acts = (
        Deliberation.objects.published().filter(session__in=sessions.values("pk"))
        .order_by(*(f"session__{field}" for field in SESSION_ORDER), "item_number", "pk")
        # Only the titles are listed: the reports and decisions are not read (flat memory),
        # and as rows, not models (an act instance costs more than its line of the calendar).
        .values_list("session_id", "title", named=True)
        .iterator(chunk_size=chunk_size)
    )
    pending = next(acts, None)
    for session in sessions.order_by(*SESSION_ORDER).iterator(chunk_size=chunk_size):
        items = []
        while pending is not None and pending.session_id == session.pk:
            items.append(pending)
            pending = next(acts, None)
        session.public_deliberations = items
        yield session
    if pending is not None:  # both streams are in the same order: never reached
        raise RuntimeError(f"Délibération {pending.pk} hors de l'ordre des séances.")


def sessions_icalendar_chunks(sessions, *, build_url, host: str, chunk_size=None,
                              description: str = ""):
    """sessions_icalendar as text chunks of `chunk_size` events, for a StreamingHttpResponse:
    a queryset or a generator (with_public_titles) is read in chunks, so memory stays flat
    whatever the number of sessions."""
    chunk_size = chunk_size or CHUNK_SIZE
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
