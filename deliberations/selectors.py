"""Reads that turn stored sessions into the inputs of rules.py.

The admin, the public pages, the API and the PDF all get per-item figures from here, so
there is one path from the database to the legal rules.
"""

from dataclasses import dataclass

from django.conf import settings

from deliberations import rules
from deliberations.models import Attendance, Deliberation, Session
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


def members_in_office_count(session: Session) -> int:
    """Titular seats of the body held on the session date ("membres en exercice")."""
    return Mandate.objects.in_office(session.date).titular().filter(body_id=session.body_id).count()


def session_inputs(session: Session) -> SessionInputs:
    """Everything rules.session_table needs, in a constant number of queries (four)."""
    attendances = list(
        session.attendances.filter(status=Attendance.Status.PRESENT).select_related("member")
    )
    proxies = list(session.proxies.select_related("giver", "holder").order_by("pk"))
    names = {a.member_id: a.member.full_name for a in attendances}
    for proxy in proxies:
        names[proxy.giver_id] = proxy.giver.full_name
        names[proxy.holder_id] = proxy.holder.full_name
    carried_over = frozenset(
        session.deliberations.filter(is_carried_over=True, item_number__isnull=False)
        .values_list("item_number", flat=True)
    )
    return SessionInputs(
        in_office=members_in_office_count(session),
        presences=tuple(
            rules.Presence(a.member_id, a.from_item, a.until_item) for a in attendances
        ),
        proxies=tuple(
            rules.ProxyGrant(p.giver_id, p.holder_id, p.from_item, p.until_item) for p in proxies
        ),
        names=names,
        session_date=session.date,
        item_count=session.agenda_item_count,
        carried_over_items=carried_over,
        second_convocation=session.first_convocation_id is not None,
    )


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
