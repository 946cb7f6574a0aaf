"""Admin forms: they turn the legal rules (rules.py) into French error messages that name the
member and the item, before anything is saved."""

from django import forms
from django.core.exceptions import ValidationError

from deliberations import rules, selectors
from deliberations.models import (
    ATTENDANCE_LOCKED,
    Appointment,
    Attendance,
    Deliberation,
    Session,
)


def _checked_items(presences, proxies, item_count):
    # Figures are constant between the items where attendance changes (rules.breakpoints).
    items = rules.breakpoints(presences, proxies)
    if item_count:
        items = [item for item in items if item <= item_count]
    return items


def first_proxy_problems(*, presences, proxies, session_date, item_count, names,
                         in_office_members=None, substitutes=None,
                         body_rules=rules.CGCT_RULES):
    """The first problem of each proxy (keyed by its position in `proxies`), checked at every
    item where attendance changes (rules.breakpoints): figures are constant in between.

    `in_office_members` (selectors.in_office_member_ids): a giver must be in office and a
    holder must count as present (L2121-17, L2121-20, L5211-6); None skips that check."""
    found: dict[int, str] = {}
    for item in _checked_items(presences, proxies, item_count):
        for problem in rules.proxy_problems(
            item=item, presences=presences, proxies=proxies, session_date=session_date,
            names=names,
            in_office_members=in_office_members,
            substitutes=substitutes,
            body_rules=body_rules,
        ):
            for index, proxy in enumerate(proxies):
                if (proxy.giver, proxy.holder) == (problem.giver, problem.holder):
                    found.setdefault(index, problem.message)
    return found


def first_presence_problems(*, presences, item_count, names, in_office_members,
                            substitutes=None, body_rules=rules.CGCT_RULES):
    """The first problem of each member marked present (keyed by member): not in office, or a
    suppléant whose titular member is present, who is not that member's designated suppléant
    or who sits in a body admitting none (L2121-17, L5211-6), at every item where attendance
    changes."""
    found: dict = {}
    for item in _checked_items(presences, (), item_count):
        for problem in rules.presence_problems(
            item=item, presences=presences, in_office_members=in_office_members, names=names,
            substitutes=substitutes, body_rules=body_rules,
        ):
            found.setdefault(problem.member, problem.message)
    return found


def _session_in_office(session):
    """Members in office on the session date, or None when it cannot be known yet (no body or
    date) or no mandate is recorded for the body (then nothing can be checked against it)."""
    if session.date is None or session.body_id is None:
        return None
    return selectors.in_office_member_ids(session.body_id, session.date) or None


def _session_substitutes(session):
    """(designated suppléants, the body's rules) for the checks of L5211-6 and the statutes."""
    if session.date is None or session.body_id is None:
        return None, rules.CGCT_RULES
    return (selectors.designated_substitutes(session.body_id, session.date),
            selectors.body_rules_for(session.body_id))


def _attendance_presences(attendance_formset):
    """(presences, names, form of each present member) from the live attendance forms."""
    presences, names, forms_by_member = [], {}, {}
    for form in attendance_formset.live_forms():
        data = form.cleaned_data
        member = data.get("member")
        if member is None:
            continue
        names[member.pk] = member.full_name
        if data.get("status") == Attendance.Status.PRESENT:
            replaces = data.get("replaces")
            if replaces is not None:
                names.setdefault(replaces.pk, replaces.full_name)
            presences.append(rules.Presence(
                member.pk, data.get("from_item"), data.get("until_item"),
                replaces=replaces.pk if replaces is not None else None,
            ))
            forms_by_member[member.pk] = form
    return presences, names, forms_by_member


class SessionRelatedFormSet(forms.BaseInlineFormSet):
    """Inline formset that can see the other inline formsets of the same session page.

    SessionAdmin sets `siblings` so that proxies are checked against the attendance being
    entered on the same page, not against what was saved before.
    """

    siblings: list = []

    def check_not_locked(self):
        # A session whose acts are published keeps its attendance and proxies (the published
        # quorum rests on them): any added, changed or deleted row is refused as a whole.
        if self.has_changed() and self.instance.has_published_acts():
            raise ValidationError(ATTENDANCE_LOCKED, code="locked")

    def live_forms(self):
        return [
            form for form in self.forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


class AttendanceFormSet(SessionRelatedFormSet):
    def clean(self):
        self.check_not_locked()
        # Before Django's generic "données en double" check, so the message names the member.
        self._check_listed_once()
        super().clean()
        self._check_members_count()
        self._check_secretary_present()

    def _check_secretary_present(self):
        """L2121-15: the secretary is appointed among the members present (checked once an
        attendance list is entered: a session may be created before it)."""
        secretary = self.instance.secretary
        if secretary is None:
            return
        presences, _, _ = _attendance_presences(self)
        if presences and secretary.pk not in {presence.member for presence in presences}:
            raise ValidationError(
                f"Le secrétaire de séance, {secretary.full_name}, doit figurer parmi les "
                "membres présents (L2121-15)."
            )

    def _check_members_count(self):
        """L2121-17, L5211-6: a member marked present must be in office on the session date,
        or a suppléant sitting for an absent titular member; say which one does not."""
        in_office = _session_in_office(self.instance)
        if in_office is None:
            return
        presences, names, forms_by_member = _attendance_presences(self)
        substitutes, body_rules = _session_substitutes(self.instance)
        problems = first_presence_problems(
            presences=presences, item_count=self.instance.agenda_item_count, names=names,
            in_office_members=in_office, substitutes=substitutes, body_rules=body_rules,
        )
        for member, message in problems.items():
            forms_by_member[member].add_error(None, message)
        if problems:
            raise ValidationError(
                "Présences invalides : corrigez les lignes signalées. Rien n'a été enregistré."
            )

    def _check_listed_once(self):
        seen = {}
        for form in self.live_forms():
            member = form.cleaned_data.get("member")
            if member is None:
                continue
            if member.pk in seen:
                raise ValidationError(
                    f"{member.full_name} figure deux fois dans la liste de présence."
                )
            seen[member.pk] = form


class ProxyFormSet(SessionRelatedFormSet):
    def clean(self):
        self.check_not_locked()
        super().clean()
        attendance_formset = next(
            (s for s in self.siblings if isinstance(s, AttendanceFormSet)), None
        )
        if attendance_formset is None or not attendance_formset.is_valid():
            return
        presences, names, _ = _attendance_presences(attendance_formset)
        proxy_forms, proxies = [], []
        for form in self.live_forms():
            data = form.cleaned_data
            giver, holder = data.get("giver"), data.get("holder")
            if giver is None or holder is None:
                continue
            names[giver.pk], names[holder.pk] = giver.full_name, holder.full_name
            proxy_forms.append(form)
            proxies.append(
                rules.ProxyGrant(giver.pk, holder.pk, data.get("from_item"),
                                 data.get("until_item"))
            )
        session = self.instance
        if session.date is None:
            return
        substitutes, body_rules = _session_substitutes(session)
        problems = first_proxy_problems(
            presences=presences, proxies=proxies, session_date=session.date,
            item_count=session.agenda_item_count, names=names,
            in_office_members=_session_in_office(session), substitutes=substitutes,
            body_rules=body_rules,
        )
        for index, message in sorted(problems.items()):
            proxy_forms[index].add_error(None, message)
        if problems:
            raise ValidationError(
                "Procurations invalides : corrigez les lignes signalées. Rien n'a été enregistré."
            )
        self._check_written_proxies(session, proxy_forms)

    def _check_written_proxies(self, session, proxy_forms):
        """L2121-20: a written proxy serves at most three consecutive sessions of the body,
        except certified illness. A proxy row with no document chosen is tied to the written
        proxy of the same giver and holder covering the session date, as the import does."""
        if session.body_id is None:
            return
        matched = selectors.matching_written_proxies(session, [
            (form.cleaned_data["giver"].pk, form.cleaned_data["holder"].pk)
            for form in proxy_forms if form.cleaned_data.get("written_proxy") is None
        ])
        uses = []
        for form in proxy_forms:
            data = form.cleaned_data
            document = data.get("written_proxy") or matched.get(
                (data["giver"].pk, data["holder"].pk)
            )
            # The form's instance is already built: set the link there so that it is saved.
            data["written_proxy"] = form.instance.written_proxy = document
            uses.append(selectors.ProxyUse(data["giver"], data["holder"], document))
        problems = selectors.written_proxy_problems(session, uses)
        for index, message in sorted(problems.items()):
            proxy_forms[index].add_error(None, message)
        if problems:
            raise ValidationError(
                "Procurations invalides : corrigez les lignes signalées. Rien n'a été enregistré."
            )


class SessionAdminForm(forms.ModelForm):
    class Meta:
        model = Session
        # The admin's fieldsets decide which fields are shown.
        fields = "__all__"  # noqa: DJ007

    def clean(self):
        data = super().clean()
        body = data.get("body")
        if data.get("videoconference") and body is not None:
            for message in rules.videoconference_problems(
                bureau=body.kind == body.Kind.BUREAU, ballot="main_levee",
            ):
                self.add_error("videoconference", message)
        first = data.get("first_convocation")
        if first is not None and data.get("body") and data.get("date"):
            for message in rules.second_convocation_problems(
                first_session_on=first.date,
                first_quorum_failed=selectors.quorum_failed(first),
                same_body=first.body_id == data["body"].pk,
                second_session_on=data["date"],
                convened_on=data.get("convened_on"),
            ):
                self.add_error("first_convocation", message)
        return data


class DeliberationAdminForm(forms.ModelForm):
    class Meta:
        model = Deliberation
        # The admin's fieldsets decide which fields are shown.
        fields = "__all__"  # noqa: DJ007

    def clean(self):
        data = super().clean()
        self._check_vote(data)
        self._check_ballot_requests(data)
        self._check_videoconference(data)
        self._check_dates(data)
        return data

    def _check_videoconference(self, data):
        """L5211-11-1: in a session held by videoconference, public votes only, an item whose
        secret ballot is asked for is postponed, and some items are excluded."""
        session = data.get("session")
        if session is None or not session.videoconference:
            return
        present = None
        if session.pk and data.get("secret_ballot_requests"):
            ranges = self._item_ranges(data, session)
            present = min((r.figures.present for r in ranges), default=None)
        executive = bool(self.instance.pk) and self.instance.appointments.filter(
            executive_election=True).exists()
        for message in rules.videoconference_problems(
            bureau=session.body.kind == session.body.Kind.BUREAU,
            ballot=data.get("ballot") or Deliberation.Ballot.SHOW_OF_HANDS,
            secret_requests=data.get("secret_ballot_requests"), present=present,
            executive_election=executive,
            initial_budget=bool(data.get("is_initial_budget")),
            # @ctes 5.3 "Désignation de représentants": the appointments of L2121-33.
            external_appointment=data.get("matter_code") == "5.3",
        ):
            self.add_error(None, message)

    def _check_ballot_requests(self, data):
        """L2121-21: roll call at the request of a quarter of the members present, secret
        ballot at the request of a third (it prevails); checked against the members present
        on the item (selectors, rules.required_ballot)."""
        session = data.get("session")
        if session is None or session.pk is None:
            return
        if data.get("roll_call_requests") is None and data.get("secret_ballot_requests") is None:
            return
        ranges = self._item_ranges(data, session)
        if not ranges:
            return
        for message in rules.ballot_request_problems(
            ballot=data.get("ballot") or Deliberation.Ballot.SHOW_OF_HANDS,
            present=min(r.figures.present for r in ranges),
            roll_call_requests=data.get("roll_call_requests"),
            secret_requests=data.get("secret_ballot_requests"),
        ):
            self.add_error("ballot", message)

    def _check_vote(self, data):
        votes_for, votes_against = data.get("votes_for"), data.get("votes_against")
        if votes_for is None and votes_against is None:
            return
        if votes_for is None or votes_against is None:
            raise ValidationError("Indiquez à la fois le nombre de voix pour et contre.")
        session = data.get("session")
        ranges = self._item_ranges(data, session) if session is not None and session.pk else []
        try:
            outcome = selectors.vote_outcome_of(
                vote_kind=data.get("vote_kind") or Deliberation.VoteKind.ORDINARY,
                votes_for=votes_for, votes_against=votes_against,
                abstentions=data.get("abstentions") or 0,
                blank_or_null=data.get("blank_or_null") or 0,
                ballot=data.get("ballot") or Deliberation.Ballot.SHOW_OF_HANDS,
                president_voted_for=data.get("president_voted_for"),
                president_abstained=bool(data.get("president_abstained")),
                ranges=ranges,
            )
        except ValueError as error:
            raise ValidationError(str(error)) from error
        result = data.get("result")
        if not result:
            data["result"] = outcome.result
        elif result != Deliberation.Result.NOTED and result != outcome.result:
            label = Deliberation.Result(result).label
            self.add_error(
                "result",
                f"Le résultat saisi (« {label} ») ne correspond pas au décompte : "
                f"{outcome.explanation}",
            )
        if ranges:
            self._check_vote_total(data, ranges)

    def _item_ranges(self, data, session):
        item = data.get("item_number")
        table = selectors.session_quorum_table(session)
        return [
            r for r in table
            if item is None or (r.first_item <= item and (r.last_item is None
                                                           or item <= r.last_item))
        ]

    def _check_vote_total(self, data, ranges):
        available = min(r.figures.votes_available for r in ranges)
        non_voting = len(data.get("non_voting_members") or [])
        for message in rules.check_vote_counts(
            votes_for=data.get("votes_for") or 0,
            votes_against=data.get("votes_against") or 0,
            abstentions=data.get("abstentions") or 0,
            blank_or_null=data.get("blank_or_null") or 0,
            votes_available=available,
            non_voting=non_voting,
        ):
            self.add_error(None, message)

    def _check_dates(self, data):
        session = data.get("session")
        if session is None:
            return
        for field in ("transmitted_on", "received_on", "published_on"):
            value = data.get(field)
            if value and value < session.date:
                label = Deliberation._meta.get_field(field).verbose_name
                self.add_error(field, f"La date « {label} » ne peut précéder la séance du "
                               f"{session.date:%d/%m/%Y}.")


class MemberVoteFormSet(forms.BaseInlineFormSet):
    """Votes per member (public roll call, L2121-21): never in a secret ballot, and their
    tally equals the counts of the deliberation (rules.member_vote_problems)."""

    def clean(self):
        super().clean()
        choices = [
            form.cleaned_data["choice"] for form in self.forms
            if form.is_valid() and form.cleaned_data.get("choice")
            and not form.cleaned_data.get("DELETE")
        ]
        deliberation = self.instance
        for message in rules.member_vote_problems(
            choices=choices, ballot=deliberation.ballot, votes_for=deliberation.votes_for,
            votes_against=deliberation.votes_against, abstentions=deliberation.abstentions,
        ):
            raise ValidationError(message)


class AppointmentAdminForm(forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["deliberation", "position", "office", "executive_election",
                  "secret_ballot_waived", "single_candidate"]

    def clean(self):
        data = super().clean()
        for message in rules.appointment_ballot_problems(
            secret_ballot_waived=bool(data.get("secret_ballot_waived")),
            executive_election=bool(data.get("executive_election")),
        ):
            self.add_error("secret_ballot_waived", message)
        return data


class AppointmentVoteFormSet(forms.BaseInlineFormSet):
    """The rounds entered must make a lawful election (rules.appointment_result, L2121-21):
    at most three rounds, none after someone was elected, the oldest on a tie at round 3."""

    def clean(self):
        super().clean()
        rows = [form.cleaned_data for form in self.forms
                if form.is_valid() and form.cleaned_data.get("candidate")
                and not form.cleaned_data.get("DELETE")]
        rounds = sorted({row["round"] for row in rows})
        if rounds and rounds != list(range(1, len(rounds) + 1)):
            raise ValidationError("Les tours de scrutin se suivent à partir du premier.")
        by_round = [{row["candidate"].pk: row["votes"] for row in rows if row["round"] == n}
                    for n in rounds]
        members = {row["candidate"].pk: row["candidate"] for row in rows}
        single = self.instance.single_candidate
        try:
            rules.appointment_result(
                rounds=by_round, born_on={pk: m.born_on for pk, m in members.items()},
                single_candidate=single.pk if single else None,
                names={pk: m.full_name for pk, m in members.items()},
            )
        except ValueError as error:
            raise ValidationError(str(error)) from error
