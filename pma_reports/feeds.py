"""Atom entries for activity reports and the iCalendar agenda of the events the PMA's
publications announce (RFC 5545, written like the session calendar, same escaping)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from pma_reports.models import ActivityReport, Event

# One escaping and folding of iCalendar text for the whole portal.
from portal.kernel.icalendar import escape, fold, utc

FEED_SIZE = 50


class ActivityReportFeed(Feed):
    feed_type = Atom1Feed
    title = "Rapports d'activités"
    subtitle = "Rapports d'activités des syndicats et pôles (article L5211-39 du CGCT)"

    def link(self):
        return reverse("pma_reports:report_list")

    def items(self):
        return (ActivityReport.objects.public().select_related("organisation")
                .order_by("-year", "-pk")[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return (f"{item.organisation.name} rend compte de son activité de {item.year} : "
                "axes, objectifs, actions et chiffres clés.")

    def item_pubdate(self, item):
        # The report covers a year; without a transmission date, 31 December of that year.
        day = item.received_on or datetime.date(item.year, 12, 31)
        return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)

    def item_categories(self, item):
        return ["Rapport d'activités", item.organisation.short_name or item.organisation.name]


def events_icalendar(events, *, build_url, host: str) -> str:
    now = utc(timezone.now())
    local = ZoneInfo(settings.TIME_ZONE)
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{host}//{settings.PORTAL_NAME}//FR",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape('Agenda du Pôle Métropolitain — ' + settings.PORTAL_NAME)}",
        "X-WR-TIMEZONE:" + settings.TIME_ZONE,
    ]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:evenement-{event.pk}@{host}", f"DTSTAMP:{now}"]
        if event.starts_at:
            start = datetime.datetime.combine(event.starts_on, event.starts_at, tzinfo=local)
            lines.append(f"DTSTART:{utc(start)}")
        else:
            end = (event.ends_on or event.starts_on) + datetime.timedelta(days=1)
            lines += [f"DTSTART;VALUE=DATE:{event.starts_on:%Y%m%d}",
                      f"DTEND;VALUE=DATE:{end:%Y%m%d}"]
        lines.append("SUMMARY:" + escape(event.title))
        description = f"Annoncé par : {event.publication.title}"
        if event.date_note:
            description += f"\nDate : {event.date_note}"
        lines.append("DESCRIPTION:" + escape(description))
        lines.append("URL:" + build_url(event.publication.get_absolute_url()))
        lines += [f"STATUS:{'TENTATIVE' if event.tentative else 'CONFIRMED'}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


@require_safe
def agenda_icalendar(request):
    events = Event.objects.select_related("publication__organisation").order_by(
        "starts_on", "starts_at", "pk")
    body = events_icalendar(events, build_url=request.build_absolute_uri,
                            host=request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda-pma.ics"'
    return response
