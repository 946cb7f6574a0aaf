"""Feeds: Atom (RFC 4287) for published deliberations (any filtered list has its own feed)
and an iCalendar (RFC 5545) file of public sessions, written by hand to avoid a
dependency."""

import datetime
from dataclasses import dataclass
from typing import NamedTuple
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


class CalendarSession(NamedTuple):
    """What a calendar event states of a public session: read as a row beside its published
    titles (with_public_titles), or taken from a Session (``of``). A row, not a model: four
    model instances a session (session, body, organisation, documents) cost more than the
    event's text."""

    pk: int
    date: datetime.date
    starts_at: datetime.time | None
    place: str
    status: str
    body_name: str
    organisation_name: str
    # The list of deliberations (L2121-25), published once made (its date is never empty).
    list_published_on: datetime.date | None
    # The procès-verbal (L2121-15): None until published.
    minutes_published_on: datetime.date | None
    # Published acts in item order (anything with a `title`).
    public_deliberations: tuple | list = ()

    @classmethod
    def of(cls, session) -> "CalendarSession":
        """From a Session; the caller select_related its body, organisation and documents
        (constant queries)."""
        listing = session.deliberation_list if _has(session, "deliberation_list") else None
        minutes = session.minutes if _has(session, "minutes") else None
        return cls(session.pk, session.date, session.starts_at, session.place, session.status,
                   session.body.name, session.body.organisation.name,
                   listing.published_on if listing is not None else None,
                   minutes.published_on if minutes is not None else None,
                   getattr(session, "public_deliberations", ()))


# The columns of CalendarSession, in its order, as read by with_public_titles.
CALENDAR_COLUMNS = ("pk", "date", "starts_at", "place", "status", "body__name",
                    "body__organisation__name", "deliberation_list__published_on",
                    "minutes__published_on")


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


def with_public_titles(sessions: QuerySet, *, chunk_size=None, dates=None):
    """The sessions of `sessions` (ordered by SESSION_ORDER) as CalendarSession rows, each
    with `public_deliberations` (its published acts in item order, their titles only), read
    in two streamed queries whatever the number of sessions: the sessions, and beside them
    the published acts of those sessions in the same order, each session taking the acts that
    follow it (a merge of two sorted streams). A prefetch would run one more query per chunk
    of sessions. `dates` (Session lookups such as ``{"date__gte": …}``), the window
    `sessions` is filtered on, is repeated on the acts' joined session: the planner then
    reads the window's sessions by their date index instead of hashing every public one."""
    chunk_size = chunk_size or CHUNK_SIZE
    acts = (
        Deliberation.objects.published().filter(
            session__in=sessions.values("pk"),
            **{f"session__{lookup}": value for lookup, value in (dates or {}).items()})
        .order_by(*(f"session__{field}" for field in SESSION_ORDER), "item_number", "pk")
        # Only the titles are listed: the reports and decisions are not read (flat memory),
        # and as rows, not models (an act instance costs more than its line of the calendar).
        .values_list("session_id", "title", named=True)
        .iterator(chunk_size=chunk_size)
    )
    pending = next(acts, None)
    rows = (sessions.order_by(*SESSION_ORDER).values_list(*CALENDAR_COLUMNS)
            .iterator(chunk_size=chunk_size))
    for row in rows:
        items = []
        while pending is not None and pending.session_id == row[0]:
            items.append(pending)
            pending = next(acts, None)
        yield CalendarSession(*row, items)
    if pending is not None:  # both streams are in the same order: never reached
        raise RuntimeError(
            f"Délibération de la séance {pending.session_id} hors de l'ordre des séances.")


def sessions_icalendar_chunks(sessions, *, build_url, host: str, chunk_size=None,
                              description: str = ""):
    """sessions_icalendar as text chunks of `chunk_size` events, for a StreamingHttpResponse:
    a queryset or a generator (with_public_titles) is read in chunks, so memory stays flat
    whatever the number of sessions. Sessions are CalendarSession rows or Session models."""
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
    write = _EventWriter(build_url=build_url, host=host, now=now)
    events = []
    for count, session in enumerate(sessions, start=1):
        if not isinstance(session, CalendarSession):
            session = CalendarSession.of(session)
        events.append(write(session))
        if count % chunk_size == 0:
            yield "".join(events)
            events = []
    events.append("END:VCALENDAR\r\n")
    yield "".join(events)


def _lines(lines) -> str:
    return "".join(fold(line) + "\r\n" for line in lines)


# A pk that appears nowhere else in a session's address (see _EventWriter).
_PK_MARK = 987_654_321_987


class _EventWriter:
    """One VEVENT's text from a CalendarSession. Per event, only what varies is computed:
    the address is the session's pk inside a template made once (reverse and
    build_absolute_uri cost more than the rest of the event), a body's SUMMARY is escaped
    once, and only the lines that can exceed 75 octets are folded."""

    def __init__(self, *, build_url, host: str, now: str):
        url = build_url(reverse("deliberations:session_detail", kwargs={"pk": _PK_MARK}))
        self.url_head, self.url_tail = url.split(str(_PK_MARK))
        self.uid_head, self.uid_tail = "UID:seance-", f"@{host}"
        self.stamp = f"DTSTAMP:{now}\r\n"
        self.local = ZoneInfo(settings.TIME_ZONE)
        self.summaries = {}

    def __call__(self, session: CalendarSession) -> str:
        if session.starts_at:
            start = datetime.datetime.combine(session.date, session.starts_at,
                                              tzinfo=self.local)
            when = f"DTSTART:{utc(start)}\r\n"
        else:
            when = f"DTSTART;VALUE=DATE:{session.date:%Y%m%d}\r\n"
        names = (session.body_name, session.organisation_name)
        summary = self.summaries.get(names)
        if summary is None:
            summary = self.summaries[names] = fold(
                "SUMMARY:" + escape(f"{names[0]} — {names[1]}")) + "\r\n"
        parts = ["BEGIN:VEVENT\r\n",
                 fold(f"{self.uid_head}{session.pk}{self.uid_tail}"), "\r\n",
                 self.stamp, when, summary]
        if session.place:
            parts += [fold("LOCATION:" + escape(session.place)), "\r\n"]
        description = []
        if session.public_deliberations:
            description.append("Délibérations publiées :\n" + "\n".join(
                f"- {d.title}" for d in session.public_deliberations
            ))
        if session.list_published_on is not None:
            description.append("Liste des délibérations examinées publiée le "
                               f"{session.list_published_on:%d/%m/%Y}")
        if session.minutes_published_on is not None:
            description.append(f"Procès-verbal publié le {session.minutes_published_on:%d/%m/%Y}")
        if description:
            # RFC 5545 §3.3.11: TEXT allows no control character but HTAB; a line break is
            # written "\\n" (escape).
            parts += [fold("DESCRIPTION:" + escape("\n".join(description))), "\r\n"]
        parts += [fold(f"URL:{self.url_head}{session.pk}{self.url_tail}"), "\r\n",
                  "STATUS:CANCELLED\r\n" if session.status == Session.Status.CANCELLED
                  else "STATUS:CONFIRMED\r\n",
                  "END:VEVENT\r\n"]
        return "".join(parts)
