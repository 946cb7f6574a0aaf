"""Reads that turn stored sessions into the inputs of rules.py.

The admin, the public pages, the API and the PDF all get per-item figures from here, so
there is one path from the database to the legal rules.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import time

from django.conf import settings
from django.db.models import Q

from deliberations import rules
from deliberations.models import Attendance, Deliberation, Proxy, Session, WrittenProxy
from portal.kernel.calendars import public_holidays
from portal.models import Body, Mandate, Organisation


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
    # Attendance rows per status (Attendance.Status value -> count).
    status_counts: dict = field(default_factory=dict)
    # Titular member -> the suppléants designated for them (rules.designated_substitutes).
    substitutes: dict = field(default_factory=dict)
    # The body's own rules (statutes), CGCT defaults otherwise (body_rules).
    body_rules: rules.BodyRules = rules.CGCT_RULES
    # Item -> member -> why they left the room, when not a personal interest (L1612-12).
    withdrawal_reasons: dict = field(default_factory=dict)
    # Member -> voices of their seat, for a body whose statutes weight the votes; else None.
    voices: dict | None = None


def _mandate_spans(body_ids, first_date, last_date) -> dict[int, list[rules.MandateSpan]]:
    """The mandates of these bodies that may be held between two dates, as rules.MandateSpan
    per body (one query). Which of them are in office on a given date is decided by
    rules.members_in_office only: this query just leaves out mandates that cannot matter."""
    spans = defaultdict(list)
    rows = (
        Mandate.objects.filter(body_id__in=body_ids, start_on__lte=last_date)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=first_date))
        .order_by()
        .values_list("body_id", "member_id", "start_on", "end_on", "role", "substitute_for_id",
                     "commune_id", "voices")
    )
    for body_id, member_id, start_on, end_on, role, substitute_for, commune, voices in rows:
        spans[body_id].append(rules.MandateSpan(
            member_id, start_on, end_on, substitute=role == Mandate.Role.SUBSTITUTE,
            substitute_for=substitute_for, commune=commune, voices=voices,
        ))
    return spans


def rules_of_body(body: Body, settings=None) -> rules.BodyRules:
    """rules.BodyRules of a body: its statutes' settings (``settings``, a BodySettings row or
    None) over the CGCT defaults; suppléants only in an organe délibérant, never in the Bureau
    (L5211-6)."""
    base = rules.BUREAU_RULES if body.kind == Body.Kind.BUREAU else rules.CGCT_RULES
    # The department decides the territorial scope of the exceptional regimes (loi 2020-856).
    base = replace(base, department=body.organisation.department)
    if settings is None:
        return base
    return rules.BodyRules(
        quorum_counts_represented=settings.quorum_counts_represented,
        quorum_source=settings.quorum_source,
        proxies_per_holder=settings.proxies_per_holder,
        proxies_source=settings.proxies_source,
        convocation_clear_days=settings.convocation_clear_days,
        convocation_source=settings.convocation_source,
        substitutes_admitted=base.substitutes_admitted,
        department=base.department,
        remote_from_designated_places=settings.remote_from_designated_places,
        remote_source=settings.remote_source,
        two_thirds_basis=settings.two_thirds_basis,
        two_thirds_source=settings.two_thirds_source,
        seats=settings.seats,
        weighted_votes=settings.weighted_votes,
        quorum_in_voices=settings.quorum_in_voices,
        weights_source=settings.weights_source,
    )


def _bodies_rules(body_ids, loaded=()) -> dict[int, rules.BodyRules]:
    """rules_of_body for several bodies in one query, none when every body is in ``loaded``
    with its settings already read (``select_related("body__settings")``)."""
    found = {
        # A missing reverse one-to-one raises an AttributeError subclass: getattr's default.
        body.pk: rules_of_body(body, getattr(body, "settings", None))
        for body in loaded
        if Body.settings.is_cached(body) and Body.organisation.is_cached(body)
    }
    missing = set(body_ids) - found.keys()
    if missing:
        found.update({
            body.pk: rules_of_body(body, getattr(body, "settings", None))
            for body in Body.objects.filter(pk__in=missing).select_related("settings",
                                                                           "organisation")
        })
    return found


def convocation_clear_days(body: Body) -> tuple[int, str]:
    """The convocation delay of a body and its source: its statutes (BodySettings) or the
    CGCT (L2121-12, settings.CONVOCATION_CLEAR_DAYS). Lists select ``body__settings``."""
    statutes = getattr(body, "settings", None)  # a missing one-to-one raises AttributeError
    if statutes is not None:
        return statutes.convocation_clear_days, statutes.convocation_source
    return settings.CONVOCATION_CLEAR_DAYS, "CGCT L2121-12"


def body_rules_for(body_id) -> rules.BodyRules:
    """rules_of_body by primary key (one query)."""
    return _bodies_rules([body_id]).get(body_id, rules.CGCT_RULES)


def in_office_member_ids(body_id, on) -> frozenset:
    """The members in office in a body on a date (L2121-17; rules.members_in_office): the
    admin checks the attendance being typed against it. One query."""
    return rules.members_in_office(_mandate_spans([body_id], on, on)[body_id], on)


def designated_substitutes(body_id, on) -> dict:
    """Titular member -> the suppléants designated for them in a body on a date (L5211-6;
    rules.designated_substitutes). One query."""
    return dict(rules.designated_substitutes(_mandate_spans([body_id], on, on)[body_id], on))


def bulk_session_inputs(sessions, *, published_only: bool = False,
                        _rows=None) -> dict[int, SessionInputs]:
    """SessionInputs for many sessions in six queries, whatever their number: mandates of
    the sessions' bodies (members in office per session date, rules.members_in_office, so a
    member holding two seats on the date counts once), attendances, proxies, carried-over
    items, withdrawals (L2131-11), the bodies' own rules, the comptes administratifs
    (L1612-12). Lists and exports use it so that their query count does not grow with the
    data.

    `published_only`: what the public sees (pages, API, feeds, exports) is computed from the
    attendance and from published acts only; a draft act's withdrawals, carried-over flag or
    vote kind would otherwise split the public table and reveal an unpublished item."""
    sessions = {s.pk: s for s in sessions}
    if not sessions:
        return {}
    dates = [s.date for s in sessions.values()]
    # Rows a screen read already for itself (attendance_workspace, session_workspace) are
    # not read twice: "spans", "attendances", "proxies" with "full_names", "acts".
    pre_read = _rows or {}
    spans = pre_read.get("spans") or _mandate_spans(
        {s.body_id for s in sessions.values()}, min(dates), max(dates))
    attendance_rows = pre_read.get("attendances")
    proxy_rows = pre_read.get("proxies")
    full_names = pre_read.get("full_names")
    if attendance_rows is None:
        full_names = None
        attendance_rows = Attendance.objects.filter(session_id__in=sessions).select_related(
            "member", "replaces").order_by("session_id", "pk")
        proxy_rows = Proxy.objects.filter(session_id__in=sessions).select_related(
            "giver", "holder").order_by("session_id", "pk")
    in_office = {
        pk: rules.members_in_office(spans[s.body_id], s.date) for pk, s in sessions.items()
    }
    substitutes = {
        pk: dict(rules.designated_substitutes(spans[s.body_id], s.date))
        for pk, s in sessions.items()
    }
    body_rules = _bodies_rules(
        {s.body_id for s in sessions.values()},
        loaded=[s.body for s in sessions.values() if Session.body.is_cached(s)],
    )

    def name_of(member_id, member_attribute):
        return full_names[member_id] if full_names is not None else member_attribute().full_name
    presences, proxies, names = defaultdict(list), defaultdict(list), defaultdict(dict)
    recorded = set()
    status_counts = defaultdict(lambda: defaultdict(int))
    for a in attendance_rows:
        recorded.add(a.session_id)
        status_counts[a.session_id][a.status] += 1
        names[a.session_id][a.member_id] = name_of(a.member_id, lambda a=a: a.member)
        if a.status != Attendance.Status.PRESENT:
            continue
        presences[a.session_id].append(
            rules.Presence(a.member_id, a.from_item, a.until_item, replaces=a.replaces_id)
        )
        if a.replaces_id is not None:
            names[a.session_id].setdefault(a.replaces_id,
                                           name_of(a.replaces_id, lambda a=a: a.replaces))
    for p in proxy_rows:
        recorded.add(p.session_id)
        proxies[p.session_id].append(
            rules.ProxyGrant(p.giver_id, p.holder_id, p.from_item, p.until_item)
        )
        names[p.session_id][p.giver_id] = name_of(p.giver_id, lambda p=p: p.giver)
        names[p.session_id][p.holder_id] = name_of(p.holder_id, lambda p=p: p.holder)
    acts = Deliberation.objects.published() if published_only else Deliberation.objects.all()
    # Carried-over items (L2121-17) and comptes administratifs (L1612-12), in one read.
    carried_over = defaultdict(set)
    accounts = []
    if pre_read.get("acts") is not None:
        act_rows = [(act.session_id, act.item_number, act.is_carried_over, act.vote_kind)
                    for act in pre_read["acts"] if act.item_number is not None
                    and (act.is_carried_over
                         or act.vote_kind == Deliberation.VoteKind.ADMINISTRATIVE_ACCOUNT)]
    else:
        act_rows = acts.filter(
            Q(is_carried_over=True) | Q(vote_kind=Deliberation.VoteKind.ADMINISTRATIVE_ACCOUNT),
            session_id__in=sessions, item_number__isnull=False,
        ).values_list("session_id", "item_number", "is_carried_over", "vote_kind")
    for session_id, item, is_carried_over, vote_kind in act_rows:
        if is_carried_over:
            carried_over[session_id].add(item)
        if vote_kind == Deliberation.VoteKind.ADMINISTRATIVE_ACCOUNT:
            accounts.append((session_id, item))
    # Withdrawals (L2131-11) are per item. A deliberation without an item number cannot be
    # placed on an item, so its withdrawals are left out of the per-item figures rather than
    # guessed onto a range (its own page says the register gives no number).
    Withdrawn = Deliberation.withdrawn_members.through
    withdrawn = defaultdict(lambda: defaultdict(set))
    for session_id, item, member_id in Withdrawn.objects.filter(
        deliberation__in=acts.filter(session_id__in=sessions, item_number__isnull=False)
    ).values_list("deliberation__session_id", "deliberation__item_number", "member_id"):
        withdrawn[session_id][item].add(member_id)
    # L1612-12 and L2121-14: for the compte administratif the president withdraws; neither
    # present nor giving nor holding a proxy on that item.
    reasons = defaultdict(dict)
    for session_id, item in accounts:
        president = sessions[session_id].president_id
        if president is not None:
            withdrawn[session_id][item].add(president)
            reasons[session_id][item] = {president: rules.ADMINISTRATIVE_ACCOUNT_WITHDRAWAL}
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
            status_counts=dict(status_counts[pk]),
            substitutes=substitutes[pk],
            body_rules=body_rules.get(session.body_id, rules.CGCT_RULES),
            withdrawal_reasons=dict(reasons[pk]),
            voices=(dict(rules.seat_voices(spans[session.body_id], session.date))
                    if body_rules.get(session.body_id, rules.CGCT_RULES).weighted_votes
                    else None),
        )
        for pk, session in sessions.items()
    }


def bulk_quorum_tables(sessions, *, published_only: bool = False) -> dict[int, list]:
    """session_quorum_table for many sessions, reads grouped (bulk_session_inputs)."""
    sessions = list(sessions)
    inputs = bulk_session_inputs(sessions, published_only=published_only)
    return {s.pk: session_quorum_table(s, inputs[s.pk]) for s in sessions}


def session_inputs(session: Session, *, published_only: bool = False) -> SessionInputs:
    """Everything rules.session_table needs for one session (six queries)."""
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
        names=inputs.names,
        withdrawn=inputs.withdrawn,
        in_office_members=inputs.in_office_members,
        substitutes=inputs.substitutes,
        body_rules=inputs.body_rules,
        withdrawal_reasons=inputs.withdrawal_reasons,
        voices=inputs.voices,
    )


def items_to_carry_over(session: Session, table=None) -> tuple:
    """The items of a session lacking the quorum (rules.items_to_carry_over), to be carried
    over to a second convocation (L2121-17): every item of a session closed for lack of
    quorum with no attendance entered is unknown, hence empty."""
    table = table if table is not None else session_quorum_table(session)
    return rules.items_to_carry_over(table, session.agenda_item_count)


def quorum_failed(session: Session) -> bool:
    """Whether a session opens a second convocation (L2121-17): closed for lack of quorum, or
    held and the quorum lost at some item (items_to_carry_over)."""
    if session.status == Session.Status.CANCELLED:
        return True
    return session.status == Session.Status.HELD and bool(items_to_carry_over(session))


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


def vote_outcome_of(*, vote_kind, votes_for, votes_against, abstentions=0, blank_or_null=0,
                    ballot="show_of_hands", president_voted_for=None, president_abstained=False,
                    ranges=(), body_id=None):
    """rules.vote_result for a vote as recorded, with the figures of its item (``ranges``,
    deliberation_quorum): members in office for a two-thirds majority, members present or
    represented for the closed session (L5211-11), the body's basis of "deux tiers du
    conseil" (BodySettings). Raises ValueError as the rule does."""
    figures = [r.figures for r in ranges]
    if figures:
        body_rules = figures[0].body_rules
    elif body_id is not None and vote_kind == Deliberation.VoteKind.TWO_THIRDS_COUNCIL:
        # No attendance entered: the basis of "deux tiers du conseil" is still the body's.
        body_rules = body_rules_for(body_id)
    else:
        body_rules = rules.CGCT_RULES
    # Weighted votes (statutes): the counts are voices, and so is what may be cast.
    available = [f.voices.voices_available if f.voices else f.votes_available
                 for f in figures]
    return rules.vote_result(
        two_thirds_basis=body_rules.two_thirds_basis, seats=body_rules.seats,
        basis_source=body_rules.two_thirds_source,
        votes_for=votes_for, votes_against=votes_against, abstentions=abstentions,
        blank_or_null=blank_or_null, ballot=ballot, president_voted_for=president_voted_for,
        president_abstained=president_abstained, kind=vote_kind,
        in_office=max((f.voices.in_office_voices if f.voices else f.in_office
                       for f in figures), default=None),
        votes_available=min(available, default=None),
    )


def vote_outcome(deliberation: Deliberation, ranges=None):
    """The outcome of a deliberation's recorded vote, worded as the registre writes it
    (rules.vote_result), or None when no count was recorded or it cannot be computed (e.g.
    a two-thirds vote with no attendance entered): pages then print the clerk's wording.
    ``ranges``: deliberation_quorum(deliberation) when the caller has it."""
    if deliberation.votes_for is None or deliberation.votes_against is None:
        return None
    try:
        return vote_outcome_of(
            vote_kind=deliberation.vote_kind, votes_for=deliberation.votes_for,
            votes_against=deliberation.votes_against,
            abstentions=deliberation.abstentions or 0,
            blank_or_null=deliberation.blank_or_null or 0, ballot=deliberation.ballot,
            president_voted_for=deliberation.president_voted_for,
            president_abstained=deliberation.president_abstained,
            ranges=ranges if ranges is not None else deliberation_quorum(deliberation),
            body_id=deliberation.session.body_id,
        )
    except ValueError:
        return None


def special_vote_statement(deliberation: Deliberation, ranges=None) -> str:
    """The registre's sentence for a vote that is not an ordinary majority vote (compte
    administratif, two thirds, closed session) or a tie the abstaining president did not
    break; empty otherwise, so that ordinary votes keep the clerk's own wording only."""
    special = (deliberation.vote_kind != Deliberation.VoteKind.ORDINARY
               or deliberation.president_abstained)
    if not special:
        return ""
    outcome = vote_outcome(deliberation, ranges)
    return outcome.explanation if outcome else ""


def executory_on(deliberation: Deliberation):
    """L2131-1: when the act became executory (None while it is not). An individual decision
    is executory by its notification, not its publication (rules.individual_executory_on);
    its notifications are read through ``deliberation.notifications.all()``, so lists
    prefetch them."""
    if deliberation.is_individual:
        return rules.individual_executory_on(
            notified_on=[n.notified_on for n in deliberation.notifications.all()],
            received_on=deliberation.received_on,
            subject_to_transmission=deliberation.subject_to_transmission,
        )
    return rules.executory_on(
        published_on=deliberation.published_on,
        received_on=deliberation.received_on,
        subject_to_transmission=deliberation.subject_to_transmission,
    )


def activity_report_deadline(activity_year: int):
    """When an EPCI's activity report of `activity_year` must be sent to its members' mayors
    (L5211-39): for the apps that list it (pma_reports), which read rules through here."""
    return rules.activity_report_deadline(activity_year)


def organisation_holidays(organisation: Organisation):
    """The public holidays of the organisation's department (portal.kernel.calendars): national
    list, plus Good Friday and 26 December in Moselle, Bas-Rhin and Haut-Rhin."""
    return public_holidays(organisation.department)


def appeal_deadline(deliberation: Deliberation):
    """R421-1 CJA: last day to appeal, a délai franc from publication, on the calendar of the
    organisation's department (None before publication). Reads
    ``deliberation.session.body.organisation``: lists select them with the deliberation.
    An individual decision: from the last notification (each addressee's own period runs
    from their notification, notification_rows)."""
    if deliberation.is_individual:
        notified = [n.notified_on for n in deliberation.notifications.all()]
        if not notified or None in notified:
            return None
        return rules.appeal_deadline(
            max(notified), holidays=organisation_holidays(deliberation.session.body.organisation)
        )
    if deliberation.published_on is None:
        return None
    return rules.appeal_deadline(
        deliberation.published_on,
        holidays=organisation_holidays(deliberation.session.body.organisation),
    )


def session_problems(session: Session) -> list[str]:
    """The presence and proxy problems of a session's stored attendance, item by item
    (rules.py: L2121-17, L2121-20, L5211-6), each message once."""
    messages = []
    for item_range in session_quorum_table(session):
        for problem in item_range.figures.problems:
            if problem.message not in messages:
                messages.append(problem.message)
    return messages


def attendance_grid(session: Session):
    """(members, attendances, proxies) of a session's attendance grid. The members are
    everyone holding a seat in the body on the session date (suppléants included: they may
    sit, L5211-6) and anyone already recorded for the session (nothing stored is hidden),
    sorted by name as in the registre. Four queries, whatever the size of the body."""
    members, attendances, proxies, _spans = _grid_rows(session)
    return members, attendances, proxies


def _grid_rows(session: Session):
    from portal.models import Member

    attendances = list(session.attendances.order_by("pk"))
    # The written proxy each proxy rests on is shown in its row (L2121-20).
    proxies = list(session.proxies.select_related("written_proxy").order_by("pk"))
    spans = _mandate_spans([session.body_id], session.date, session.date)
    ids = {span.member for span in spans[session.body_id]}
    for attendance in attendances:
        ids.update(filter(None, (attendance.member_id, attendance.replaces_id)))
    for proxy in proxies:
        ids.update((proxy.giver_id, proxy.holder_id))
    members = list(Member.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk"))
    return members, attendances, proxies, spans


def attendance_workspace(session: Session):
    """(members, attendances, proxies, inputs) of the clerk's attendance screen: the grid's
    rows and the session's rules inputs (session_inputs) from one read of each table, six
    queries whatever the size of the body (the body's statutes come with the session when it
    was read with ``select_related("body__settings")``)."""
    members, attendances, proxies, spans = _grid_rows(session)
    full_names = {member.pk: member.full_name for member in members}
    inputs = bulk_session_inputs([session], _rows={
        "spans": spans, "attendances": attendances, "proxies": proxies,
        "full_names": full_names})[session.pk]
    return members, attendances, proxies, inputs


def session_workspace(session: Session):
    """(inputs, deliberations) of the clerk's session page: the session's rules inputs and
    its deliberations in item order, the deliberations read once for both (not published
    only: the clerk sees every act of the session)."""
    deliberations = list(session.deliberations.order_by("item_number", "pk").only(
        "pk", "item_number", "act_number", "title", "result", "status", "session_id",
        "is_carried_over", "vote_kind",
    ))
    inputs = bulk_session_inputs([session], _rows={"acts": deliberations})[session.pk]
    return inputs, deliberations


def prefect_review_deadline(deliberation: Deliberation):
    """L2131-6: last day of the prefect's review (déféré), two months from receipt in the
    prefecture (None while the receipt date is unknown or the act is not transmitted)."""
    if not deliberation.subject_to_transmission or deliberation.received_on is None:
        return None
    return rules.prefect_review_deadline(
        deliberation.received_on,
        holidays=organisation_holidays(deliberation.session.body.organisation),
    )


# --- Written proxies across sessions (L2121-20) ----------------------------------------------


@dataclass(frozen=True)
class ProxyUse:
    """A proxy of a session as the admin form or the import holds it, before or after saving."""

    giver: object  # Member
    holder: object  # Member
    written_proxy: WrittenProxy | None = None


def matching_written_proxies(session: Session, pairs) -> dict[tuple[int, int], WrittenProxy]:
    """The written proxy (pouvoir écrit) of the session's body covering its date, for each
    (giver id, holder id) pair: the most recent one when several do. One query."""
    pairs = {(giver_id, holder_id) for giver_id, holder_id in pairs}
    if not pairs or session.date is None or session.body_id is None:
        return {}
    found: dict[tuple[int, int], WrittenProxy] = {}
    documents = (
        WrittenProxy.objects.filter(
            body_id=session.body_id, valid_from__lte=session.date,
            giver_id__in={g for g, _ in pairs}, holder_id__in={h for _, h in pairs},
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=session.date))
        .select_related("giver")
        .order_by("-valid_from", "-pk")
    )
    for document in documents:
        found.setdefault((document.giver_id, document.holder_id), document)
    return {pair: document for pair, document in found.items() if pair in pairs}


_THIS_SESSION = "this session"


def written_proxy_problems(session: Session, uses: list[ProxyUse]) -> dict[int, str]:
    """French message per proxy (keyed by its position in ``uses``) whose written proxy cannot
    serve at this session: not the document of this giver, holder and body, not valid on the
    session date, or a fourth consecutive session of the body without certified illness
    (rules.written_proxy_problem, L2121-20). Two queries, whatever the number of proxies."""
    documents = {use.written_proxy.pk: use.written_proxy for use in uses if use.written_proxy}
    if not documents or session.date is None:
        return {}
    # The body's sessions in date order, this one (saved or not) among them.
    keyed = [
        ((day, starts_at or time.min, pk), pk)
        for pk, day, starts_at in Session.objects.filter(body_id=session.body_id)
        .exclude(pk=session.pk).values_list("pk", "date", "starts_at")
    ]
    keyed.append(((session.date, session.starts_at or time.min, session.pk or 0), _THIS_SESSION))
    body_sessions = [key for _, key in sorted(keyed)]
    used_in = defaultdict(list)
    for document_id, session_id in (
        Proxy.objects.filter(written_proxy_id__in=documents).exclude(session_id=session.pk)
        .values_list("written_proxy_id", "session_id")
    ):
        used_in[document_id].append(session_id)

    problems: dict[int, str] = {}
    for index, use in enumerate(uses):
        document = use.written_proxy
        if document is None:
            continue
        giver = use.giver.full_name
        if (document.giver_id, document.holder_id, document.body_id) != (
            use.giver.pk, use.holder.pk, session.body_id
        ):
            problems[index] = (
                f"Le pouvoir écrit choisi pour {giver} n'a pas été donné par {giver} à "
                f"{use.holder.full_name} pour cette assemblée (L2121-20)."
            )
            continue
        if session.date < document.valid_from or (
            document.valid_until is not None and session.date > document.valid_until
        ):
            problems[index] = (
                f"Le pouvoir écrit de {giver} n'est pas valable le {session.date:%d/%m/%Y} "
                f"({document})."
            )
            continue
        message = rules.written_proxy_problem(
            body_sessions=body_sessions, used_in=used_in[document.pk], session=_THIS_SESSION,
            illness=document.illness_certified, giver_name=giver,
        )
        if message:
            problems[index] = message
    return problems


def stored_written_proxy_problems(session: Session) -> list[str]:
    """written_proxy_problems of the proxies stored for the session (attendance import)."""
    uses = [
        ProxyUse(proxy.giver, proxy.holder, proxy.written_proxy)
        for proxy in session.proxies.select_related("giver", "holder", "written_proxy")
        .order_by("pk")
    ]
    return list(written_proxy_problems(session, uses).values())


# --- Individual decisions, appointments, roll-call votes ---------------------------------


@dataclass(frozen=True)
class NotificationRow:
    addressee: str
    notified_on: object
    executory_on: object
    appeal_deadline: object


def notification_rows(deliberation: Deliberation) -> list[NotificationRow]:
    """Per addressee of an individual decision: notification date, the date the act is
    executory for them (rules.individual_executory_on) and their last day to appeal (two
    months from their notification, délai franc, rules.appeal_deadline)."""
    holidays = organisation_holidays(deliberation.session.body.organisation)
    rows = []
    for notification in deliberation.notifications.all():
        day = notification.notified_on
        rows.append(NotificationRow(
            notification.addressee, day,
            rules.individual_executory_on(
                notified_on=[day], received_on=deliberation.received_on,
                subject_to_transmission=deliberation.subject_to_transmission,
            ),
            rules.appeal_deadline(day, holidays=holidays) if day else None,
        ))
    return rows


@dataclass(frozen=True)
class AppointmentView:
    appointment: object
    outcome: rules.AppointmentOutcome | None
    error: str
    rounds: tuple[int, ...]
    # (candidate name, votes per round, None where the candidate was not in that round)
    candidates: tuple[tuple[str, tuple], ...]


def appointment_views(deliberation: Deliberation) -> list[AppointmentView]:
    """Each appointment of a deliberation with its result per candidate per round and its
    outcome worded by rules.appointment_result (L2121-21). Reads
    ``deliberation.appointments.all()`` with their votes and candidates: views prefetch
    ``appointments__votes__candidate`` and ``appointments__single_candidate``."""
    views = []
    for appointment in deliberation.appointments.all():
        votes = list(appointment.votes.all())
        rounds = tuple(sorted({vote.round for vote in votes}))
        by_round = [{v.candidate_id: v.votes for v in votes if v.round == number}
                    for number in rounds]
        members = {v.candidate_id: v.candidate for v in votes}
        if appointment.single_candidate_id:
            members[appointment.single_candidate_id] = appointment.single_candidate
        try:
            outcome = rules.appointment_result(
                rounds=by_round,
                born_on={pk: member.born_on for pk, member in members.items()},
                single_candidate=appointment.single_candidate_id,
                names={pk: member.full_name for pk, member in members.items()},
                feminine={pk for pk, member in members.items() if member.civility == "Mme"},
                secret_ballot_waived=appointment.secret_ballot_waived,
                # L2122-7: the executive is elected by a vote even on a single candidacy.
                executive_election=appointment.executive_election,
            )
            error = ""
        except ValueError as problem:
            outcome, error = None, str(problem)
        order = sorted(members, key=lambda pk: (-sum(r.get(pk, 0) for r in by_round),
                                                members[pk].full_name))
        candidates = tuple(
            (members[pk].full_name, tuple(r.get(pk) for r in by_round)) for pk in order
            if any(pk in r for r in by_round)
        )
        views.append(AppointmentView(appointment, outcome, error, rounds, candidates))
    return views


@dataclass(frozen=True)
class Rectifications:
    """The public links of an act with its corrections: the act it rectifies, if published,
    and its published rectifications, oldest first (two queries)."""

    rectifies: Deliberation | None
    rectified_by: list[Deliberation]


def rectifications(deliberation: Deliberation) -> Rectifications:
    """Read from DeliberationQuerySet.with_rectifications when the act came from it."""
    if hasattr(deliberation, "public_rectifications"):
        return Rectifications(rectifies=deliberation.public_rectifies,
                              rectified_by=deliberation.public_rectifications)
    deliberation = (Deliberation.objects.with_rectifications().only("pk", "rectifies_id")
                    .get(pk=deliberation.pk))
    return Rectifications(rectifies=deliberation.public_rectifies,
                          rectified_by=deliberation.public_rectifications)


@dataclass(frozen=True)
class Officer:
    """A member who may sign the body's acts, with the capacity printed under the name."""

    member: object
    capacity: str
    title: str


def _officer_capacity(mandate: Mandate) -> str:
    """"Le Président" for the president; "Par délégation du Président, le 2e Vice-président"
    for a vice-president, who signs on the president's delegation (L5211-9)."""
    feminine = mandate.member.civility == mandate.member.Civility.MRS
    if mandate.role == Mandate.Role.PRESIDENT:
        return "La Présidente" if feminine else "Le Président"
    title = mandate.title.replace("Vice-président", "Vice-présidente" if feminine
                                  else "Vice-président")
    return f"Par délégation du Président, {'la' if feminine else 'le'} {title}"


def session_officers(session: Session) -> list[Officer]:
    """Who may sign the acts of a session (R2131-1 names the signatory): the officers of
    the body in office on the session date — the president first, then the vice-presidents
    by rank (L5211-9, L5211-10) — and the session's president when no such mandate names
    them (an election session chaired by the oldest member). One query."""
    mandates = list(
        Mandate.objects.in_office(session.date)
        .filter(body_id=session.body_id,
                role__in=[Mandate.Role.PRESIDENT, Mandate.Role.VICE_PRESIDENT])
        .select_related("member")
        .order_by("role", "vice_president_rank", "member__last_name")
    )
    # "president" sorts before "vice_president": the president heads the list.
    officers = [Officer(m.member, _officer_capacity(m), m.title) for m in mandates]
    seen = {officer.member.pk for officer in officers}
    if session.president_id is not None and session.president_id not in seen:
        president = session.president
        officers.append(Officer(president, session.president_capacity or (
            "La Présidente de séance" if president.civility == president.Civility.MRS
            else "Le Président de séance"), "président de séance"))
    return officers
