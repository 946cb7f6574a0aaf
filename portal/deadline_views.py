"""The clerk's calendar (admin): every legal deadline of the clerk's organisations, from
the providers registered in portal.kernel.deadlines, sortable, exportable as iCalendar."""

import datetime

from django.conf import settings
from django.contrib.admin import site
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from portal.admin import user_organisation_ids
from portal.kernel.deadlines import deadlines_for, matches, todo
from portal.kernel.icalendar import escape, fold

SORTS = {
    "date": lambda d: (d.due_on, d.label),
    "nature": lambda d: (d.label, d.due_on),
    "collectivite": lambda d: (d.organisation, d.due_on),
}


def _today() -> datetime.date:
    # One place for the clock, so that the tests fix it.
    return timezone.localdate()


STATES = {"retard": "en retard", "a-venir": "à faire", "en-cours": "délais en cours"}


def _deadlines(request):
    today = _today()
    deadlines = deadlines_for(user_organisation_ids(request), today)
    sort = request.GET.get("tri", "date")
    if sort not in SORTS:
        sort = "date"
    return today, sorted(deadlines, key=SORTS[sort]), sort


def clerk_todo(request):
    """The admin home's to-do list: the calendar's deadlines counted (portal.kernel.deadlines
    .todo), so that the home and the calendar always agree."""
    today = _today()
    return todo(deadlines_for(user_organisation_ids(request), today), today)


def calendar(request):
    today, deadlines, sort = _deadlines(request)
    kind = request.GET.get("nature", "")
    state = request.GET.get("etat", "")
    if state not in STATES:
        state = ""
    shown = [d for d in deadlines if matches(d, today, kind=kind, state=state)]
    rows = [{"deadline": d, "overdue": d.overdue(today)} for d in shown]
    filtered = ""
    if kind or state:
        label = next((d.label for d in deadlines if d.kind == kind), "")
        filtered = " — ".join(part for part in (label, STATES.get(state, "")) if part)
    return render(request, "admin/deadlines.html", {
        **site.each_context(request),
        "title": "Calendrier des échéances légales",
        "rows": rows,
        "today": today,
        "sort": sort,
        "filtered": filtered,
        "filter_query": "&".join(f"{name}={value}" for name, value in (
            ("nature", kind), ("etat", state)) if value),
        "overdue_count": sum(row["overdue"] for row in rows),
    })


def calendar_ics(request):
    """The same deadlines as all-day events, for the clerk's own diary."""
    today, deadlines, _ = _deadlines(request)
    host = request.get_host().split(":")[0]
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{host}//{settings.PORTAL_NAME}//FR",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             "X-WR-CALNAME:" + escape("Échéances légales — " + settings.PORTAL_NAME)]
    for d in deadlines:
        late = " (en retard)" if d.overdue(today) else ""
        lines += [
            "BEGIN:VEVENT", f"UID:{d.uid}@{host}", f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{d.due_on:%Y%m%d}",
            f"DTEND;VALUE=DATE:{d.due_on + datetime.timedelta(days=1):%Y%m%d}",
            "SUMMARY:" + escape(f"{d.label}{late} — {d.title}"),
            "DESCRIPTION:" + escape(f"{d.organisation}\n{d.legal_basis}"),
        ]
        if d.url:
            lines.append("URL:" + request.build_absolute_uri(d.url))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    response = HttpResponse("".join(fold(line) + "\r\n" for line in lines),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="echeances.ics"'
    return response
