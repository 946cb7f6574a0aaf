"""Atom (RFC 4287) entries for activity reports and the iCalendar agenda of the events the
PMA's publications announce (RFC 5545, written like the session calendar, same escaping)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from pma_reports.models import ActivityReport, Event
from portal.kernel.atom import RecordFeed

# One escaping and folding of iCalendar text for the whole portal.
from portal.kernel.icalendar import escape, fold, utc

FEED_SIZE = 50


class ActivityReportFeed(RecordFeed):
    """Activity reports dated by their transmission to the members (L5211-39), the one date
    a report's record may hold. A report whose documents give no such date is not listed:
    the feed never dates it by guess (the reports' page lists every report)."""

    title = "Rapports d'activités"
    subtitle = ("Rapports d'activités des syndicats et pôles (article L5211-39 du CGCT), "
                "datés de leur transmission aux membres. Les rapports dont la date de "
                "transmission n'est pas connue n'y figurent pas : ils sont tous sur la page "
                "des rapports d'activités.")

    def link(self):
        return reverse("pma_reports:report_list")

    def feed_url(self):
        return reverse("pma_reports:report_feed")

    def items(self):
        return (self.dated_reports().select_related("organisation")
                .order_by("-received_on", "-year", "-pk")[:FEED_SIZE])

    @staticmethod
    def dated_reports():
        return ActivityReport.objects.public().filter(received_on__isnull=False)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return (f"{item.organisation.name} rend compte de son activité de {item.year} : "
                "axes, objectifs, actions et chiffres clés.")

    def item_author_name(self, item):
        return item.organisation.name

    def item_date(self, item):
        return item.received_on

    def updated_when_empty(self, obj):
        return self.dated_reports().aggregate(latest=Max("received_on"))["latest"]

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
