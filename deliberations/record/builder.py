"""The one selector that builds an act's legal record from the database: every legal fact is
computed by the rules (``deliberations.rules``, through ``deliberations.selectors``, the reads
that feed them); nothing here decides a fact itself, it gathers and names."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects

from deliberations import rules, selectors
from deliberations.models import (
    Annex,
    Appointment,
    Attendance,
    Deliberation,
    MemberVote,
    Notification,
    Proxy,
    Session,
)
from deliberations.record.types import (
    ActFacts,
    AnnexRef,
    AppointmentFacts,
    AttendanceLine,
    BodyFacts,
    ConvocationFacts,
    DeliberationRecord,
    MemberVoteLine,
    NotificationFacts,
    OrganisationFacts,
    PersonRef,
    ProxyLine,
    PublicationFacts,
    QuorumRange,
    QuorumRule,
    RectifiedActRef,
    SessionFacts,
    VoiceCounts,
    VoteFacts,
)
from portal.models import Member


def person(member: Member | None) -> PersonRef | None:
    if member is None:
        return None
    civility = {"Mme": "Madame", "M.": "Monsieur"}.get(member.civility, "")
    return PersonRef(name=member.full_name, slug=member.slug, civility=civility)


def _names(members) -> tuple[PersonRef, ...]:
    return tuple(sorted((person(m) for m in members), key=lambda p: (p.name, p.slug)))


def quorum_ranges(table) -> tuple[QuorumRange, ...]:
    return tuple(
        QuorumRange(
            first_item=r.first_item, last_item=r.last_item, in_office=r.figures.in_office,
            present=r.figures.present, represented=r.figures.represented,
            votes_available=r.figures.votes_available,
            quorum_required=r.figures.quorum_required, quorum_met=r.figures.quorum_met,
            voices=_voices(r.figures.voices),
        )
        for r in table
    )


def _voices(figures) -> VoiceCounts | None:
    """Weighted votes (rules.VoiceFigures) as the record keeps them; None for one voice a seat."""
    if figures is None:
        return None
    return VoiceCounts(
        in_office=figures.in_office_voices, present=figures.present_voices,
        represented=figures.represented_voices, available=figures.voices_available,
        quorum_required=figures.quorum_required, source=figures.source,
    )


def quorum_rule(table) -> QuorumRule | None:
    """The rule the figures of ``table`` follow, as the page and the PV word it: the
    exceptional regime in force on the session date, else the body's statutes or the CGCT
    (L2121-17, L2121-20)."""
    if not table:
        return None
    figures = table[0].figures
    regime = figures.regime
    if regime is not None:
        counted = ("présents ou représentés" if regime.quorum_counts_represented else
                   "physiquement présents (les procurations n'y sont pas comptées)")
        return QuorumRule(
            source=regime.source, counts_represented=regime.quorum_counts_represented,
            proxies_per_holder=regime.proxies_per_holder, exceptional_regime=regime.label,
            wording=f"Quorum : le tiers des membres en exercice {counted}, régime dérogatoire "
            f"Covid-19 en vigueur à la date de la séance ({regime.source}) ; un membre peut "
            f"détenir {regime.proxies_per_holder} procurations.",
        )
    body_rules = figures.body_rules
    if body_rules.quorum_counts_represented:
        wording = ("Quorum : plus de la moitié des membres en exercice présents ou représentés "
                   f"({body_rules.quorum_source}).")
    else:
        wording = ("Quorum : plus de la moitié des membres en exercice physiquement présents "
                   "(article L2121-17 du CGCT) ; les procurations n'y sont pas comptées.")
    if body_rules.proxies_per_holder > 1:
        wording += (f" Un membre peut détenir {body_rules.proxies_per_holder} procurations "
                    f"({body_rules.proxies_source}).")
    voices = figures.voices
    if voices is not None:
        counted = ("en voix" if voices.quorum_required is not None
                   else "en membres (article L2121-17 du CGCT)")
        wording += (" Votes pondérés : chaque siège porte les voix que lui donnent les statuts"
                    + (f" ({voices.source})" if voices.source else "")
                    + f" ; le quorum se compte {counted}.")
    return QuorumRule(
        source=body_rules.quorum_source, counts_represented=body_rules.quorum_counts_represented,
        proxies_per_holder=body_rules.proxies_per_holder, exceptional_regime="",
        wording=wording,
    )


def _convocation(session: Session) -> ConvocationFacts:
    required, source = selectors.convocation_clear_days(session.body)
    urgent_days = settings.CONVOCATION_CLEAR_DAYS_URGENT
    if session.convened_on is None:
        return ConvocationFacts(
            convened_on=None, posted_at=session.convocation_posted_at, clear_days=None,
            required_clear_days=urgent_days if session.urgent else required, source=source,
            urgent=session.urgent, urgency_ruling=session.urgency_ruling, timely=None,
        )
    problems = [rules.convocation_delay_problem(
        sent_on=session.convened_on, session_on=session.date, urgent=session.urgent,
        clear_days=required, clear_days_urgent=urgent_days)]
    if session.urgent:
        problems += rules.urgency_problems(
            convened_on=session.convened_on, session_on=session.date, urgent=True,
            ruling=session.urgency_ruling, clear_days=required, clear_days_urgent=urgent_days)
    return ConvocationFacts(
        convened_on=session.convened_on, posted_at=session.convocation_posted_at,
        clear_days=rules.clear_days_between(session.convened_on, session.date),
        required_clear_days=urgent_days if session.urgent else required, source=source,
        urgent=session.urgent, urgency_ruling=session.urgency_ruling,
        timely=rules.convocation_is_timely(
            convened_on=session.convened_on, session_on=session.date, urgent=session.urgent,
            clear_days=required, clear_days_urgent=urgent_days),
        problems=tuple(p for p in problems if p),
    )


def session_facts(session: Session, table, *, rows=None, in_office=None) -> SessionFacts:
    """The session part of a record. ``rows``: (attendances, proxies) of the session in the
    registre's order when the caller read them for many sessions at once; ``in_office``:
    the number of members in office when already known (selectors.SessionInputs)."""
    if rows is None:
        # In the order of the registre (as entered or imported): the extract prints them so.
        rows = (list(session.attendances.select_related("member", "replaces").order_by("pk")),
                list(session.proxies.select_related("giver", "holder").order_by("pk")))
    attendances, proxies = rows
    secretaries = [session.secretary] if session.secretary_id else []
    secretaries += sorted(session.other_secretaries.all(), key=lambda member: member.pk)
    first = session.first_convocation
    if in_office is None:
        in_office = len(selectors.in_office_member_ids(session.body_id, session.date))
    return SessionFacts(
        id=session.pk, date=session.date, starts_at=session.starts_at, place=session.place,
        status=session.status, convocation=_convocation(session),
        videoconference=session.videoconference,
        first_convocation_id=first.pk if first else None,
        first_convocation_date=first.date if first else None,
        president=person(session.president), president_capacity=session.president_capacity,
        secretaries=tuple(person(m) for m in secretaries),
        in_office=in_office,
        attendance=tuple(
            AttendanceLine(member=person(a.member), status=a.status, from_item=a.from_item,
                           until_item=a.until_item, replaces=person(a.replaces), note=a.note,
                           remote=a.remote)
            for a in attendances
        ),
        proxies=tuple(ProxyLine(giver=person(p.giver), holder=person(p.holder),
                                from_item=p.from_item, until_item=p.until_item)
                      for p in proxies),
        quorum=quorum_ranges(table), quorum_rule=quorum_rule(table),
    )


def _vote(deliberation: Deliberation, ranges) -> VoteFacts:
    special = (deliberation.vote_kind != Deliberation.VoteKind.ORDINARY
               or deliberation.president_abstained)
    outcome, problem = None, ""
    if deliberation.votes_for is not None and deliberation.votes_against is not None:
        try:
            outcome = selectors.vote_outcome_of(
                vote_kind=deliberation.vote_kind, votes_for=deliberation.votes_for,
                votes_against=deliberation.votes_against,
                abstentions=deliberation.abstentions or 0,
                blank_or_null=deliberation.blank_or_null or 0, ballot=deliberation.ballot,
                president_voted_for=deliberation.president_voted_for,
                president_abstained=deliberation.president_abstained, ranges=ranges,
                body_id=deliberation.session.body_id,
            )
        except ValueError as error:
            problem = str(error)
    labels = dict(Deliberation.Result.choices)
    if outcome is not None:
        result, wording = str(outcome.result), outcome.explanation
    elif deliberation.result == Deliberation.Result.NOTED:
        result = deliberation.result
        wording = "Prise d'acte" + (f" ({deliberation.vote_wording})"
                                    if deliberation.vote_wording else "") + "."
    else:
        result = deliberation.result
        parts = [p for p in (deliberation.vote_wording, labels.get(result, "")) if p]
        wording = " — ".join(parts) + "." if parts else "Résultat non renseigné."
    return VoteFacts(
        kind=deliberation.vote_kind, kind_label=deliberation.get_vote_kind_display(),
        ballot=deliberation.ballot, ballot_label=deliberation.get_ballot_display(),
        votes_for=deliberation.votes_for, votes_against=deliberation.votes_against,
        abstentions=deliberation.abstentions, blank_or_null=deliberation.blank_or_null,
        president_voted_for=deliberation.president_voted_for,
        president_abstained=deliberation.president_abstained,
        clerk_wording=deliberation.vote_wording, outcome=result,
        outcome_label=labels.get(result, ""), wording=wording, computed=outcome is not None,
        special=special, problem=problem,
        not_voting=_names(deliberation.non_voting_members.all()),
        withdrawn=_names(deliberation.withdrawn_members.all()),
        member_votes=tuple(sorted(
            (MemberVoteLine(member=person(v.member), choice=v.choice,
                            choice_label=v.get_choice_display(),
                            for_member=person(v.for_member))
             for v in deliberation.member_votes.all()),
            key=lambda line: (line.member.name, line.for_member.name if line.for_member
                              else ""),
        )),
        roll_call_requests=deliberation.roll_call_requests,
        secret_ballot_requests=deliberation.secret_ballot_requests,
    )


def _publication(deliberation: Deliberation) -> PublicationFacts:
    return PublicationFacts(
        subject_to_transmission=deliberation.subject_to_transmission,
        transmitted_on=deliberation.transmitted_on,
        prefecture_act_id=deliberation.prefecture_act_id,
        received_on=deliberation.received_on, published_on=deliberation.published_on,
        executory_on=selectors.executory_on(deliberation),
        appeal_deadline=selectors.appeal_deadline(deliberation),
        is_individual=deliberation.is_individual,
        notifications=tuple(
            NotificationFacts(addressee=row.addressee, notified_on=row.notified_on,
                              executory_on=row.executory_on,
                              appeal_deadline=row.appeal_deadline)
            for row in (selectors.notification_rows(deliberation)
                        if deliberation.is_individual else [])
        ),
        signatory=person(deliberation.signatory),
        signatory_capacity=deliberation.signatory_capacity,
    )


def _rectifies(deliberation: Deliberation) -> RectifiedActRef | None:
    corrected = deliberation.rectifies
    if corrected is None:
        return None
    return RectifiedActRef(
        kind=deliberation.rectification_kind,
        kind_label=deliberation.get_rectification_kind_display(),
        slug=corrected.slug, organisation_slug=corrected.session.body.organisation.slug,
        year=corrected.year, title=corrected.title, act_number=corrected.act_number,
        body=corrected.session.body.name, session_date=corrected.session.date,
        published_on=corrected.published_on,
    )


def _act(deliberation: Deliberation) -> ActFacts:
    return ActFacts(
        id=deliberation.pk, slug=deliberation.slug, year=deliberation.year,
        item_number=deliberation.item_number, act_number=deliberation.act_number,
        theme=deliberation.theme, title=deliberation.title, report=deliberation.report,
        president_request=deliberation.president_request, decision=deliberation.decision,
        appeal_clause=deliberation.appeal_clause, nature=deliberation.nature,
        nature_label=deliberation.get_nature_display(), matter_code=deliberation.matter_code,
        matter_name=deliberation.matter_full_name if deliberation.matter_code else "",
        rapporteur=person(deliberation.rapporteur), budget_year=deliberation.budget_year,
        budget_name=deliberation.budget_name, is_carried_over=deliberation.is_carried_over,
        status=deliberation.status,
    )


# The relations of an act that build_records reads, most often empty: (relation, model and
# column of the rows that name the act, lookups prefetched when there are some).
_ACT_RELATIONS = (
    ("non_voting_members", Deliberation.non_voting_members.through, "deliberation_id",
     ("non_voting_members",)),
    ("withdrawn_members", Deliberation.withdrawn_members.through, "deliberation_id",
     ("withdrawn_members",)),
    ("notifications", Notification, "deliberation_id", ("notifications",)),
    ("annexes", Annex, "deliberation_id", ("annexes",)),
    ("appointments", Appointment, "deliberation_id",
     ("appointments__votes__candidate", "appointments__single_candidate")),
    ("member_votes", MemberVote, "deliberation_id",
     (Prefetch("member_votes",
               queryset=MemberVote.objects.select_related("member", "for_member")),)),
)


def _prefetch_where_present(objects, model, relations) -> None:
    """prefetch_related on the objects that have rows in each relation, found first (one
    query a relation); the others are given an empty result. Django's prefetch builds a
    queryset per object and relation (40 % of the reading of a thousand acts, which
    have no withdrawn member, notification, annex, appointment or roll-call vote)."""
    if not objects:
        return
    for relation in relations:
        if isinstance(relation, str):  # a many-to-many field of ``model``
            field = model._meta.get_field(relation)
            relation = (relation, field.remote_field.through,
                        field.m2m_field_name() + "_id", (relation,))
        name, rows, column, lookups = relation
        present = set(rows.objects.filter(**{f"{column}__in": [o.pk for o in objects]})
                      .values_list(column, flat=True).distinct().order_by())
        prefetch_related_objects([o for o in objects if o.pk in present], *lookups)
        empty = _empty_result(model._meta.get_field(name).related_model)
        for obj in objects:
            if obj.pk not in present:
                cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
                cache[name] = empty


def _empty_result(related):
    """A queryset already evaluated to no row, shared by the objects without rows in a
    relation (read only: their related managers return it for ``.all()``)."""
    queryset = related._default_manager.none()
    queryset._result_cache, queryset._prefetch_done = [], True
    return queryset


def _attach(objects, model, members, *fields) -> None:
    """Set each member foreign key of the objects to the member read once (build_records)."""
    descriptors = [model._meta.get_field(name) for name in fields]
    for obj in objects:
        for field in descriptors:
            member_id = getattr(obj, field.attname)
            field.set_cached_value(obj, members[member_id] if member_id is not None else None)


def build_record(deliberation: Deliberation) -> DeliberationRecord:
    """The legal record of an act as the database holds it now (build_records)."""
    return build_records([deliberation])[deliberation.pk]


def build_records(deliberations) -> dict[int, DeliberationRecord]:
    """The legal records of acts as the database holds them now, by act id, in a number of
    queries that does not grow with the number of acts (about twenty).

    A published act's figures are those the public sees: the session's attendance and its
    published acts (selectors.bulk_session_inputs, ``published_only``), this one included; a
    draft's are those the clerk sees (every act of the session)."""
    acts = list(
        Deliberation.objects.select_related("rectifies__session__body__organisation")
        # The search vector is PostgreSQL's, never part of a record.
        .defer("search_vector").filter(pk__in=[d.pk for d in deliberations])
    )
    # Each session, and each member named, read once for all the acts (not once per act
    # through select_related): a batch of a thousand acts names a few hundred people.
    sessions = Session.objects.select_related(
        "body__organisation", "body__settings", "first_convocation",
    ).in_bulk({act.session_id for act in acts})
    _prefetch_where_present(list(sessions.values()), Session, ("other_secretaries",))
    attendances, proxies = defaultdict(list), defaultdict(list)
    for row in Attendance.objects.filter(session_id__in=sessions).order_by("session_id", "pk"):
        attendances[row.session_id].append(row)
    for row in Proxy.objects.filter(session_id__in=sessions).order_by("session_id", "pk"):
        proxies[row.session_id].append(row)
    members = Member.objects.in_bulk((
        {pk for act in acts for pk in (act.signatory_id, act.rapporteur_id)}
        | {pk for session in sessions.values()
           for pk in (session.president_id, session.secretary_id)}
        | {pk for rows in attendances.values() for a in rows
           for pk in (a.member_id, a.replaces_id)}
        | {pk for rows in proxies.values() for p in rows for pk in (p.giver_id, p.holder_id)}
    ) - {None})
    _attach(sessions.values(), Session, members, "president", "secretary")
    _attach([a for rows in attendances.values() for a in rows], Attendance, members, "member",
            "replaces")
    _attach([p for rows in proxies.values() for p in rows], Proxy, members, "giver", "holder")
    _attach(acts, Deliberation, members, "signatory", "rapporteur")
    for act in acts:
        Deliberation.session.field.set_cached_value(act, sessions[act.session_id])
    _prefetch_where_present(acts, Deliberation, _ACT_RELATIONS)
    # Per session and reading (public: published acts only; clerk: every act).
    facts = {}
    for published in (True, False):
        wanted = {act.session_id: act.session for act in acts
                  if (act.status == Deliberation.Status.PUBLISHED) == published}
        if not wanted:
            continue
        inputs = selectors.bulk_session_inputs(
            list(wanted.values()), published_only=published, _rows={
                "attendances": [a for pk in wanted for a in attendances[pk]],
                "proxies": [p for pk in wanted for p in proxies[pk]]})
        for pk, session in wanted.items():
            table = selectors.session_quorum_table(session, inputs[pk])
            facts[pk, published] = (table, session_facts(
                session, table, rows=(attendances[pk], proxies[pk]),
                in_office=inputs[pk].in_office))
    records = {}
    for act in acts:
        session = act.session
        organisation = session.body.organisation
        table, session_part = facts[act.session_id,
                                    act.status == Deliberation.Status.PUBLISHED]
        ranges = selectors.deliberation_quorum(act, table)
        records[act.pk] = DeliberationRecord(
            organisation=OrganisationFacts(
                name=organisation.name, slug=organisation.slug, siret=organisation.siret,
                arrondissement=organisation.arrondissement,
                sub_prefecture=organisation.sub_prefecture,
                administrative_court=organisation.administrative_court,
                department=organisation.department,
            ),
            body=BodyFacts(name=session.body.name, slug=session.body.slug,
                           kind=session.body.kind),
            session=session_part,
            act=_act(act),
            quorum=quorum_ranges(ranges),
            vote=_vote(act, ranges),
            appointments=tuple(
                AppointmentFacts(
                    office=view.appointment.office,
                    wording=view.outcome.wording if view.outcome else "", error=view.error,
                    rounds=view.rounds,
                    candidates=tuple((name, tuple(votes)) for name, votes in view.candidates),
                )
                for view in selectors.appointment_views(act)
            ),
            publication=_publication(act),
            rectifies=_rectifies(act),
            annexes=tuple(
                AnnexRef(title=annex.title, url=annex.get_absolute_url(),
                         is_file=bool(annex.file))
                for annex in act.annexes.all()
            ),
        )
    return records


def live_session_facts(session: Session) -> SessionFacts:
    """The session part of a record computed now, for a session none of whose acts is
    published yet (its public page): figures from the published acts only."""
    return session_facts(session, selectors.session_quorum_table(session, published_only=True))
