"""Reads that turn stored sessions into the inputs of rules.py.

The admin, the public pages, the API and the PDF all get per-item figures from here, so
there is one path from the database to the legal rules.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

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
    # Members in office on the session date (rules.members_in_office); ``in_office`` is its size.
    in_office_members: frozenset = frozenset()
    # Item number -> members withdrawn for a personal interest on it (L2131-11).
    withdrawn: dict[int, frozenset] = field(default_factory=dict)
    # Whether any attendance row (whatever its status) or proxy was recorded.
    attendance_recorded: bool = False


def _mandate_spans(body_ids, first_date, last_date) -> dict[int, list[rules.MandateSpan]]:
    """The mandates of these bodies that may be held between two dates, as rules.MandateSpan
    per body (one query). Which of them are in office on a given date is decided by
    rules.members_in_office only: this query just leaves out mandates that cannot matter."""
    spans = defaultdict(list)
    rows = (
        Mandate.objects.filter(body_id__in=body_ids, start_on__lte=last_date)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=first_date))
        .order_by()
        .values_list("body_id", "member_id", "start_on", "end_on", "role")
    )
    for body_id, member_id, start_on, end_on, role in rows:
        spans[body_id].append(rules.MandateSpan(
            member_id, start_on, end_on, substitute=role == Mandate.Role.SUBSTITUTE,
        ))
    return spans


def in_office_member_ids(body_id, on) -> frozenset:
    """The members in office in a body on a date (L2121-17; rules.members_in_office): the
    admin checks the attendance being typed against it. One query."""
    return rules.members_in_office(_mandate_spans([body_id], on, on)[body_id], on)


def bulk_session_inputs(sessions, *, published_only: bool = False) -> dict[int, SessionInputs]:
    """SessionInputs for many sessions in five queries, whatever their number: mandates of
    the sessions' bodies (members in office per session date, rules.members_in_office, so a
    member holding two seats on the date counts once), attendances, proxies, carried-over
    items, withdrawals (L2131-11). Lists and exports use it so that their query count does
    not grow with the data.

    `published_only`: what the public sees (pages, API, feeds, exports) is computed from the
    attendance and from published acts only; a draft act's withdrawals or carried-over flag
    would otherwise split the public table and reveal an unpublished item."""
    sessions = {s.pk: s for s in sessions}
    if not sessions:
        return {}
    dates = [s.date for s in sessions.values()]
    spans = _mandate_spans({s.body_id for s in sessions.values()}, min(dates), max(dates))
    in_office = {
        pk: rules.members_in_office(spans[s.body_id], s.date) for pk, s in sessions.items()
    }
    presences, proxies, names = defaultdict(list), defaultdict(list), defaultdict(dict)
    recorded = set()
    for a in Attendance.objects.filter(session_id__in=sessions).select_related(
        "member", "replaces"
    ).order_by("session_id", "pk"):
        recorded.add(a.session_id)
        names[a.session_id][a.member_id] = a.member.full_name
        if a.status != Attendance.Status.PRESENT:
            continue
        presences[a.session_id].append(
            rules.Presence(a.member_id, a.from_item, a.until_item, replaces=a.replaces_id)
        )
        if a.replaces_id is not None:
            names[a.session_id].setdefault(a.replaces_id, a.replaces.full_name)
    for p in Proxy.objects.filter(session_id__in=sessions).select_related(
        "giver", "holder"
    ).order_by("session_id", "pk"):
        recorded.add(p.session_id)
        proxies[p.session_id].append(
            rules.ProxyGrant(p.giver_id, p.holder_id, p.from_item, p.until_item)
        )
        names[p.session_id][p.giver_id] = p.giver.full_name
        names[p.session_id][p.holder_id] = p.holder.full_name
    acts = Deliberation.objects.published() if published_only else Deliberation.objects.all()
    carried_over = defaultdict(set)
    for session_id, item in acts.filter(
        session_id__in=sessions, is_carried_over=True, item_number__isnull=False
    ).values_list("session_id", "item_number"):
        carried_over[session_id].add(item)
    # Withdrawals (L2131-11) are per item. A deliberation without an item number cannot be
    # placed on an item, so its withdrawals are left out of the per-item figures rather than
    # guessed onto a range (its own page says the register gives no number).
    Withdrawn = Deliberation.withdrawn_members.through
    withdrawn = defaultdict(lambda: defaultdict(set))
    for session_id, item, member_id in Withdrawn.objects.filter(
        deliberation__in=acts.filter(session_id__in=sessions, item_number__isnull=False)
    ).values_list("deliberation__session_id", "deliberation__item_number", "member_id"):
        withdrawn[session_id][item].add(member_id)
    return {
        pk: SessionInputs(
            in_office=len(in_office[pk]),
            presences=tuple(presences[pk]),
            proxies=tuple(proxies[pk]),
            names=names[pk],
            session_date=session.date,
            item_count=session.agenda_item_count,
            carried_over_items=frozenset(carried_over[pk]),
            second_convocation=session.first_convocation_id is not None,
            in_office_members=in_office[pk],
            withdrawn={item: frozenset(m) for item, m in withdrawn[pk].items()},
            attendance_recorded=pk in recorded,
        )
        for pk, session in sessions.items()
    }


def bulk_quorum_tables(sessions, *, published_only: bool = False) -> dict[int, list]:
    """session_quorum_table for many sessions, reads grouped (bulk_session_inputs)."""
    sessions = list(sessions)
    inputs = bulk_session_inputs(sessions, published_only=published_only)
    return {s.pk: session_quorum_table(s, inputs[s.pk]) for s in sessions}


def session_inputs(session: Session, *, published_only: bool = False) -> SessionInputs:
    """Everything rules.session_table needs for one session (five queries)."""
    return bulk_session_inputs([session], published_only=published_only)[session.pk]


def session_quorum_table(session: Session, inputs: SessionInputs | None = None, *,
                         published_only: bool = False):
    """Per-item figures of a session as ranges of items (rules.session_table).

    Empty when no member is in office, or when no attendance was recorded at all (an upcoming
    session, or one whose register is not entered yet): "quorum non atteint" would then be
    false (L2121-17 counts members present, and nobody was counted).

    Public callers pass `published_only=True` (bulk_session_inputs).
    """
    inputs = inputs or session_inputs(session, published_only=published_only)
    if inputs.in_office == 0 or not inputs.attendance_recorded:
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
        withdrawn=inputs.withdrawn,
        in_office_members=inputs.in_office_members,
    )


def deliberation_quorum(deliberation: Deliberation, table=None, *,
                        published_only: bool = False):
    """The item ranges that apply to a deliberation.

    One range when its item number is known; every range of the session when the registre
    does not give the number (the seeds do not), so that a reader sees the quorum held
    throughout rather than a figure the portal cannot know.
    """
    if table is None:
        table = session_quorum_table(deliberation.session, published_only=published_only)
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
