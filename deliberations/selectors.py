"""Reads that turn stored sessions into the inputs of rules.py.

The admin, the public pages, the API and the PDF all get per-item figures from here, so
there is one path from the database to the legal rules.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Subquery

from deliberations import rules
from deliberations.models import Attendance, Deliberation, Proxy, Session
from portal.models import Mandate


@dataclass(frozen=True)
class SessionInputs:
    in_office: int
    presences: tuple[rules.Presence, ...]
    proxies: tuple[rules.ProxyGrant, ...]
    names: dict[int, str]
    session_date: object
    item_count: int | None
    carried_over_items: frozenset[int]
    second_convocation: bool


def bulk_session_inputs(sessions) -> dict[int, SessionInputs]:
    """SessionInputs for many sessions in four queries, whatever their number: titular
    mandates in office on each session date, present attendances, proxies, carried-over
    items. Lists and exports use it so that their query count does not grow with the data."""
    sessions = {s.pk: s for s in sessions}
    if not sessions:
        return {}
    in_office = dict(
        Session.objects.filter(pk__in=sessions).annotate(
            in_office=Subquery(
                Mandate.objects.in_office(OuterRef("date")).titular()
                .filter(body_id=OuterRef("body_id")).order_by()
                .values("body_id").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            )
        ).values_list("pk", "in_office")
    )
    presences, proxies, names = defaultdict(list), defaultdict(list), defaultdict(dict)
    for a in Attendance.objects.filter(
        session_id__in=sessions, status=Attendance.Status.PRESENT
    ).select_related("member").order_by("session_id", "pk"):
        presences[a.session_id].append(
            rules.Presence(a.member_id, a.from_item, a.until_item)
        )
        names[a.session_id][a.member_id] = a.member.full_name
    for p in Proxy.objects.filter(session_id__in=sessions).select_related(
        "giver", "holder"
    ).order_by("session_id", "pk"):
        proxies[p.session_id].append(
            rules.ProxyGrant(p.giver_id, p.holder_id, p.from_item, p.until_item)
        )
        names[p.session_id][p.giver_id] = p.giver.full_name
        names[p.session_id][p.holder_id] = p.holder.full_name
    carried_over = defaultdict(set)
    for session_id, item in Deliberation.objects.filter(
        session_id__in=sessions, is_carried_over=True, item_number__isnull=False
    ).values_list("session_id", "item_number"):
        carried_over[session_id].add(item)
    return {
        pk: SessionInputs(
            in_office=in_office.get(pk) or 0,
            presences=tuple(presences[pk]),
            proxies=tuple(proxies[pk]),
            names=names[pk],
            session_date=session.date,
            item_count=session.agenda_item_count,
            carried_over_items=frozenset(carried_over[pk]),
            second_convocation=session.first_convocation_id is not None,
        )
        for pk, session in sessions.items()
    }


def bulk_quorum_tables(sessions) -> dict[int, list]:
    """session_quorum_table for many sessions, reads grouped (bulk_session_inputs)."""
    sessions = list(sessions)
    inputs = bulk_session_inputs(sessions)
    return {s.pk: session_quorum_table(s, inputs[s.pk]) for s in sessions}


def session_inputs(session: Session) -> SessionInputs:
    """Everything rules.session_table needs for one session (four queries)."""
    return bulk_session_inputs([session])[session.pk]


def session_quorum_table(session: Session, inputs: SessionInputs | None = None):
    """Per-item figures of a session as ranges of items (rules.session_table)."""
    inputs = inputs or session_inputs(session)
    if inputs.in_office == 0:
        return []
    return rules.session_table(
        in_office=inputs.in_office,
        presences=inputs.presences,
        proxies=inputs.proxies,
        session_date=inputs.session_date,
        item_count=inputs.item_count,
        carried_over_items=inputs.carried_over_items,
        second_convocation=inputs.second_convocation,
        windows=tuple(settings.PROXY_DOUBLE_HOLDING_WINDOWS),
        names=inputs.names,
    )


def deliberation_quorum(deliberation: Deliberation, table=None):
    """The item ranges that apply to a deliberation.

    One range when its item number is known; every range of the session when the registre
    does not give the number (the seeds do not), so that a reader sees the quorum held
    throughout rather than a figure the portal cannot know.
    """
    table = table if table is not None else session_quorum_table(deliberation.session)
    if deliberation.item_number is None:
        return table
    return [
        r for r in table
        if r.first_item <= deliberation.item_number
        and (r.last_item is None or deliberation.item_number <= r.last_item)
    ]


def executory_on(deliberation: Deliberation):
    """L2131-1: when the act became executory (None while it is not)."""
    return rules.executory_on(
        published_on=deliberation.published_on,
        received_on=deliberation.received_on,
        subject_to_transmission=deliberation.subject_to_transmission,
    )


def appeal_deadline(deliberation: Deliberation):
    """R421-1 CJA: last day to appeal, counted from publication (None before publication)."""
    if deliberation.published_on is None:
        return None
    return rules.appeal_deadline(
        deliberation.published_on,
        move_to_working_day=settings.APPEAL_DEADLINE_MOVES_TO_WORKING_DAY,
    )
