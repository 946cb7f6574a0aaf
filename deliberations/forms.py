"""Admin forms: they turn the legal rules (rules.py) into French error messages that name the
member and the item, before anything is saved."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from deliberations import rules, selectors
from deliberations.models import Attendance, Deliberation


def first_proxy_problems(*, presences, proxies, session_date, item_count, names):
    """The first problem of each proxy (keyed by its position in `proxies`), checked at every
    item where attendance changes (rules.breakpoints): figures are constant in between."""
    items = rules.breakpoints(presences, proxies)
    if item_count:
        items = [item for item in items if item <= item_count]
    found: dict[int, str] = {}
    for item in items:
        for problem in rules.proxy_problems(
            item=item, presences=presences, proxies=proxies, session_date=session_date,
            windows=tuple(settings.PROXY_DOUBLE_HOLDING_WINDOWS), names=names,
        ):
            for index, proxy in enumerate(proxies):
                if (proxy.giver, proxy.holder) == (problem.giver, problem.holder):
                    found.setdefault(index, problem.message)
    return found


class SessionRelatedFormSet(forms.BaseInlineFormSet):
    """Inline formset that can see the other inline formsets of the same session page.

    SessionAdmin sets `siblings` so that proxies are checked against the attendance being
    entered on the same page, not against what was saved before.
    """

    siblings: list = []

    def live_forms(self):
        return [
            form for form in self.forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


class AttendanceFormSet(SessionRelatedFormSet):
    def clean(self):
        # Before Django's generic "données en double" check, so the message names the member.
        self._check_listed_once()
        super().clean()

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
        super().clean()
        attendance_formset = next(
            (s for s in self.siblings if isinstance(s, AttendanceFormSet)), None
        )
        if attendance_formset is None or not attendance_formset.is_valid():
            return
        presences, names = [], {}
        for form in attendance_formset.live_forms():
            data = form.cleaned_data
            member = data.get("member")
            if member is None:
                continue
            names[member.pk] = member.full_name
            if data.get("status") == Attendance.Status.PRESENT:
                presences.append(
                    rules.Presence(member.pk, data.get("from_item"), data.get("until_item"))
                )
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
        problems = first_proxy_problems(
            presences=presences, proxies=proxies, session_date=session.date,
            item_count=session.agenda_item_count, names=names,
        )
        for index, message in sorted(problems.items()):
            proxy_forms[index].add_error(None, message)
        if problems:
            raise ValidationError(
                "Procurations invalides : corrigez les lignes signalées. Rien n'a été enregistré."
            )


class DeliberationAdminForm(forms.ModelForm):
    class Meta:
        model = Deliberation
        # The admin's fieldsets decide which fields are shown.
        fields = "__all__"  # noqa: DJ007

    def clean(self):
        data = super().clean()
        self._check_vote(data)
        self._check_dates(data)
        return data

    def _check_vote(self, data):
        votes_for, votes_against = data.get("votes_for"), data.get("votes_against")
        if votes_for is None and votes_against is None:
            return
        if votes_for is None or votes_against is None:
            raise ValidationError("Indiquez à la fois le nombre de voix pour et contre.")
        try:
            outcome = rules.vote_result(
                votes_for=votes_for, votes_against=votes_against,
                abstentions=data.get("abstentions") or 0,
                blank_or_null=data.get("blank_or_null") or 0,
                ballot=data.get("ballot") or Deliberation.Ballot.SHOW_OF_HANDS,
                president_voted_for=data.get("president_voted_for"),
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
        session = data.get("session")
        if session is not None and session.pk:
            self._check_vote_total(data, session)

    def _check_vote_total(self, data, session):
        item = data.get("item_number")
        table = selectors.session_quorum_table(session)
        ranges = [
            r for r in table
            if item is None or (r.first_item <= item and (r.last_item is None
                                                           or item <= r.last_item))
        ]
        if not ranges:
            return
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
