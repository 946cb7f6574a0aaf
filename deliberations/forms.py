"""Admin forms: they turn the legal rules (rules.py) into French error messages that name the
member and the item, before anything is saved."""

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Max

from deliberations import rules, selectors
from deliberations.models import (
    ATTENDANCE_LOCKED,
    Appointment,
    Attendance,
    Deliberation,
    Session,
)
from portal.kernel.names import name_key
from portal.kernel.scope import KeysOnlyAutocompleteSelect


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


def secretary_problem(secretary, presences) -> str | None:
    """L2121-15: the secretary is appointed among the members present (checked once an
    attendance list is entered: a session may be created before it)."""
    if secretary is None or not presences:
        return None
    if secretary.pk in {presence.member for presence in presences}:
        return None
    return (f"Le secrétaire de séance, {secretary.full_name}, doit figurer parmi les membres "
            "présents (L2121-15).")


def _session_substitutes(session):
    """(designated suppléants, the body's rules) for the checks of L5211-6 and the statutes."""
    if session.date is None or session.body_id is None:
        return None, rules.CGCT_RULES
    return (selectors.designated_substitutes(session.body_id, session.date),
            selectors.body_rules_for(session.body_id))



def first_convocation_candidates(queryset, session):
    """The sessions a session may be the second convocation of (L2121-17): the earlier
    sessions of its body, latest first; every session of the queryset (the clerk's
    organisations) while the new session has no body yet (the form checks the body then)."""
    queryset = queryset.select_related("body__organisation").order_by("-date", "-pk")
    if session is not None and session.body_id:
        queryset = queryset.filter(body_id=session.body_id).exclude(pk=session.pk)
        if session.date:
            queryset = queryset.filter(date__lt=session.date)
    return queryset


class SessionOfBodyAutocomplete(KeysOnlyAutocompleteSelect):
    """The admin's search box for the first convocation: the session being edited travels in
    the search URL (?seance=…) so that the answers are that body's earlier sessions only
    (SessionAdmin.get_search_results), searched by date or by the body's name."""

    session_pk = None

    def get_url(self):
        url = super().get_url()
        return f"{url}?{urlencode({'seance': self.session_pk})}" if self.session_pk else url


class SessionAdminForm(forms.ModelForm):
    class Meta:
        model = Session
        # The admin's fieldsets decide which fields are shown.
        fields = "__all__"  # noqa: DJ007

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first = self.fields.get("first_convocation")
        if first is not None:
            # Chosen by name and date among the earlier sessions of the same body (a second
            # convocation follows a session of that body, L2121-17), never by numeric id.
            first.queryset = first_convocation_candidates(first.queryset, self.instance)
            first.empty_label = "— aucune (première convocation) —"
            widget = getattr(first.widget, "widget", first.widget)
            if isinstance(widget, SessionOfBodyAutocomplete):
                widget.session_pk = self.instance.pk

    def clean(self):
        data = super().clean()
        body = data.get("body")
        if data.get("videoconference") and body is not None:
            for message in rules.videoconference_problems(
                bureau=body.kind == body.Kind.BUREAU, ballot="show_of_hands",
            ):
                self.add_error("videoconference", message)
            if data.get("date"):
                # L5211-11-1 by kind of organisation and date (loi 3DS), Covid windows.
                message = rules.videoconference_allowed_problem(
                    organisation_kind=body.organisation.kind, on=data["date"],
                    department=body.organisation.department,
                )
                if message:
                    self.add_error("videoconference", message)
                statutes = selectors.body_rules_for(body.pk)
                message = rules.videoconference_places_problem(
                    on=data["date"], places=data.get("place") or "",
                    designated_places_only=statutes.remote_from_designated_places,
                    source=statutes.remote_source, department=body.organisation.department,
                )
                if message:
                    self.add_error("place", message)
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
        self._check_secretary(data)
        self._check_item_count(data)
        return data

    def _check_item_count(self, data):
        """The item count bounds every range of items recorded for the session (attendance,
        proxies, acts): it cannot drop below the last item they name."""
        if self.instance.pk is None or "agenda_item_count" not in self.changed_data:
            return
        count = data.get("agenda_item_count")
        highest = [
            value for query in (self.instance.attendances, self.instance.proxies)
            for value in query.aggregate(a=Max("from_item"), b=Max("until_item")).values()
        ] + [self.instance.deliberations.aggregate(n=Max("item_number"))["n"]]
        last = max((value for value in highest if value is not None), default=None)
        if last is None:
            return
        if count is None:
            self.add_error("agenda_item_count", (
                f"La présence, les procurations ou les délibérations de la séance nomment "
                f"la question {last} : le nombre de questions ne peut être effacé."))
        elif count < last:
            self.add_error("agenda_item_count", (
                f"La présence, les procurations ou les délibérations de la séance nomment "
                f"la question {last} : l'ordre du jour en compte au moins {last}."))

    def _check_secretary(self, data):
        """L2121-15 against the attendance already entered (on its own screen)."""
        if self.instance.pk is None or not data.get("secretary"):
            return
        presences = [
            rules.Presence(member_id) for member_id in self.instance.attendances.filter(
                status=Attendance.Status.PRESENT).values_list("member_id", flat=True)
        ]
        message = secretary_problem(data["secretary"], presences)
        if message:
            self.add_error("secretary", message)


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
        self._check_signatory(data)
        self._check_item_number(data)
        return data

    def _check_item_number(self, data):
        """The act's item is one of the session's agenda (rules.item_range_problem)."""
        session, item = data.get("session"), data.get("item_number")
        if session is None or item is None or "item_number" not in self.changed_data:
            return
        problem = rules.item_range_problem(item, item, session.agenda_item_count)
        if problem:
            self.add_error("item_number", problem)

    def _check_signatory(self, data):
        """The signatory is one of the body's officers on the session date, as on the
        "Publier" step (selectors.session_officers)."""
        signatory, session = data.get("signatory"), data.get("session")
        if signatory is None or session is None or "signatory" not in self.changed_data:
            return
        officers = selectors.session_officers(session)
        if signatory.pk not in {officer.member.pk for officer in officers}:
            names = ", ".join(f"{o.member.full_name} ({o.title})" for o in officers) or (
                "les élus dont le mandat de président ou de vice-président est enregistré")
            self.add_error("signatory", (
                f"{signatory.full_name} n'est ni le président ni un vice-président de "
                f"l'assemblée le {session.date:%d/%m/%Y} : choisissez parmi "
                f"{names}."))

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
                ranges=ranges, body_id=session.body_id if session is not None else None,
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
        # Weighted votes (statutes): the counts entered are voices.
        available = min(r.figures.voices.voices_available if r.figures.voices
                        else r.figures.votes_available for r in ranges)
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


# --- The attendance grid of a session (SessionAdmin.attendance_view) ---------------------
#
# One row per member in office (and per suppléant or other member already recorded), five
# compact inputs per row: status, items present, suppléant de, proxy holder, proxy items.
# A 152-member Conseil is 760 fields, under DATA_UPLOAD_MAX_NUMBER_FIELDS (1 000); a larger
# body is paged (grid_page_size) and the rows of the other pages are checked as stored.

# Status of a grid row. "represented" stores no attendance row: the member gave a proxy
# (the registre lists givers under "Procurations", not among the excused). "" = not recorded.
REPRESENTED = "represented"
GRID_STATUS_CHOICES = [
    ("", "— non renseigné"),
    (Attendance.Status.PRESENT, "Présent"),
    (REPRESENTED, "Représenté (procuration)"),
    (Attendance.Status.EXCUSED, "Absent excusé"),
    (Attendance.Status.ABSENT, "Absent"),
]
# A sixth input, "à distance", only for a session held by videoconference (L5211-11-1).
GRID_FIELDS_PER_ROW = 6
# Room left for the CSRF token, the page's member list and the submit button.
GRID_SPARE_FIELDS = 20
_ITEMS = re.compile(r"^\s*(\d{1,3})?\s*(?:[-–—]|à)?\s*(\d{1,3})?\s*$")


def grid_page_size() -> int:
    """How many members one page of the grid may hold without raising Django's limit."""
    return max(10, (settings.DATA_UPLOAD_MAX_NUMBER_FIELDS - GRID_SPARE_FIELDS)
               // GRID_FIELDS_PER_ROW)


def items_text(from_item, until_item) -> str:
    """(5, 12) → "5-12"; (5, None) → "5-"; (None, 4) → "-4"; whole session → ""."""
    if from_item is None and until_item is None:
        return ""
    if from_item == until_item:
        return str(from_item)
    return f"{from_item or ''}-{until_item or ''}"


def parse_items(text: str) -> tuple[int | None, int | None]:
    """The inverse of items_text; "7" is item 7 only. ValueError with a French message."""
    text = (text or "").strip()
    if not text:
        return None, None
    match = _ITEMS.match(text)
    if not match or not any(match.groups()):
        raise ValueError(f"« {text} » : écrivez les questions sous la forme 5-12, 5- "
                         "(à partir de la 5) ou -4 (jusqu'à la 4).")
    first, last = (int(group) if group else None for group in match.groups())
    if last is None and not re.search(r"[-–—]|à", text):
        last = first  # a single number: that item only
    if first == 0 or last == 0:
        raise ValueError("Les questions sont numérotées à partir de 1.")
    if first is not None and last is not None and first > last:
        raise ValueError(f"« {text} » : la première question doit précéder la dernière.")
    return first, last


@dataclass
class GridRow:
    """One member's line of the grid, as stored or as typed."""

    member: object
    label: str
    status: str = ""
    items: str = ""
    replaces: str = ""
    holder: str = ""
    proxy_items: str = ""
    note: str = ""
    # L5211-11-1: present by videoconference (counts as present for the quorum).
    remote: bool = False
    errors: list = dataclass_field(default_factory=list)
    # Parsed values (set by AttendanceGrid.clean).
    from_item: int | None = None
    until_item: int | None = None
    replaces_member: object = None
    holder_member: object = None
    proxy_from: int | None = None
    proxy_until: int | None = None
    # The written proxy (pouvoir écrit, L2121-20) the row's proxy rests on: as stored, then
    # as tied by AttendanceGrid.clean when the row changes.
    written_proxy: object = None
    stored_written_proxy: object = None

    @property
    def key(self) -> str:
        return f"m{self.member.pk}"

    def values(self) -> tuple:
        """The five texts of the row, as posted."""
        return (self.status, self.items, self.replaces, self.holder, self.proxy_items)

    def state(self) -> tuple:
        """What a save compares with the stored row: the texts and the "à distance" box."""
        return (*self.values(), self.remote)


class AttendanceGrid:
    """Attendance and proxies of a session as one compact grid (no formset: a formset needs
    two fields per row more and a management form, and renders ten times slower).

    ``members``: the members shown (in office on the session date, suppléants of the body,
    anyone already recorded); ``attendances`` and ``proxies``: what is stored. ``data``: the
    POST of one page. Checks are those of rules.py, through first_presence_problems and
    first_proxy_problems, on the whole session (the rows of other pages as stored).
    """

    def __init__(self, *, session, members, attendances, proxies, in_office, data=None,
                 page_members=None):
        self.session = session
        self.in_office = in_office
        labels = _unique_labels(members)
        self.rows = {member.pk: GridRow(member, labels[member.pk]) for member in members}
        self.by_label = {label.casefold(): pk for pk, label in labels.items()}
        self.by_key = {}
        for member in members:
            self.by_key.setdefault(name_key(member.full_name), []).append(member.pk)
        for attendance in attendances:
            row = self.rows[attendance.member_id]
            row.status = attendance.status
            row.items = items_text(attendance.from_item, attendance.until_item)
            row.replaces = labels.get(attendance.replaces_id, "")
            row.note = attendance.note
            row.remote = attendance.remote
        for proxy in proxies:
            row = self.rows[proxy.giver_id]
            row.status = row.status or REPRESENTED
            row.holder = labels.get(proxy.holder_id, "")
            row.proxy_items = items_text(proxy.from_item, proxy.until_item)
            row.written_proxy = row.stored_written_proxy = proxy.written_proxy
        self.stored = {pk: row.state() for pk, row in self.rows.items()}
        self.page_members = list(page_members if page_members is not None else self.rows)
        self.errors: list[str] = []
        self.bound = data is not None
        if self.bound:
            for pk in self.page_members:
                row = self.rows[pk]
                key = row.key
                row.status = data.get(f"{key}-s", "")
                row.items = data.get(f"{key}-i", "").strip()
                row.replaces = data.get(f"{key}-r", "").strip()
                row.holder = data.get(f"{key}-h", "").strip()
                row.proxy_items = data.get(f"{key}-p", "").strip()
                # The box is shown only for a session held by videoconference; otherwise the
                # stored value stays (and is refused by _clean_row if set).
                if session.videoconference:
                    row.remote = bool(data.get(f"{key}-d"))

    def member_for(self, text: str):
        """The member a typed name designates: a label of the list, or a name that only one
        member has once accents, case and hyphens are ignored."""
        if not text:
            return None
        pk = self.by_label.get(text.casefold())
        if pk is None:
            candidates = self.by_key.get(name_key(text), [])
            if len(candidates) != 1:
                raise ValueError(f"« {text} » ne désigne aucun élu de la liste : choisissez un "
                                 "nom proposé.")
            pk = candidates[0]
        return self.rows[pk].member

    @property
    def changed_rows(self) -> list[GridRow]:
        return [self.rows[pk] for pk in self.page_members
                if self.rows[pk].state() != self.stored[pk]]

    def is_valid(self) -> bool:
        if not self.bound:
            return False
        self.clean()
        return not self.errors and not any(row.errors for row in self.rows.values())

    def clean(self):
        if self.changed_rows and self.session.has_published_acts():
            # The published quorum rests on this attendance: changed only by a rectifying
            # deliberation, never in place (the row checks below would only add noise).
            self.errors.append(ATTENDANCE_LOCKED)
            return
        for row in self.rows.values():
            self._clean_row(row)
        if any(row.errors for row in self.rows.values()):
            self.errors.append("Des lignes sont à corriger (signalées ci-dessous). Rien n'a "
                               "été enregistré.")
            return
        presences, proxies, givers, names = self.rules_inputs()
        in_office = self.in_office or None
        # L5211-6 and the statutes: a suppléant sits only for the titular who designated them,
        # in a body admitting suppléants; a replaced titular cannot also give a proxy.
        substitutes, body_rules = _session_substitutes(self.session)
        presence_problems = {}
        if in_office is not None:
            presence_problems = first_presence_problems(
                presences=presences, item_count=self.session.agenda_item_count, names=names,
                in_office_members=in_office, substitutes=substitutes, body_rules=body_rules,
            )
        for member, message in presence_problems.items():
            self.rows[member].errors.append(message)
        proxy_problems = first_proxy_problems(
            presences=presences, proxies=proxies, session_date=self.session.date,
            item_count=self.session.agenda_item_count, names=names,
            in_office_members=in_office, substitutes=substitutes, body_rules=body_rules,
        )
        for index, message in proxy_problems.items():
            self.rows[givers[index]].errors.append(message)
        written_problems = self._check_written_proxies()
        secretary = secretary_problem(self.session.secretary, presences)
        if secretary:
            self.errors.append(secretary)
        if presence_problems or proxy_problems or written_problems:
            self.errors.append("Présences ou procurations invalides : corrigez les lignes "
                               "signalées. Rien n'a été enregistré.")

    def _check_written_proxies(self) -> dict[int, str]:
        """L2121-20: a written proxy serves at most three consecutive sessions of the body,
        except certified illness. A changed row's proxy is tied to the written proxy of the
        same giver and holder covering the session date (as the import does); an unchanged
        row keeps the document stored with it. Problems go on the giver's row."""
        rows = [row for row in self.rows.values() if row.holder_member is not None]
        if not rows or self.session.body_id is None or self.session.date is None:
            return {}
        changed = [row for row in rows if row.state() != self.stored[row.member.pk]]
        matched = selectors.matching_written_proxies(
            self.session, [(row.member.pk, row.holder_member.pk) for row in changed]
        )
        for row in changed:
            row.written_proxy = matched.get((row.member.pk, row.holder_member.pk))
        problems = selectors.written_proxy_problems(self.session, [
            selectors.ProxyUse(row.member, row.holder_member, row.written_proxy)
            for row in rows
        ])
        for index, message in sorted(problems.items()):
            rows[index].errors.append(message)
        return problems

    def _clean_row(self, row: GridRow):
        row.errors = []
        if row.status not in dict(GRID_STATUS_CHOICES):
            row.errors.append("Choisissez une présence dans la liste.")
            return
        for attribute, target in (("items", ("from_item", "until_item")),
                                  ("proxy_items", ("proxy_from", "proxy_until"))):
            try:
                values = parse_items(getattr(row, attribute))
            except ValueError as error:
                row.errors.append(str(error))
                values = (None, None)
            setattr(row, target[0], values[0])
            setattr(row, target[1], values[1])
            # Only what is typed: rows recorded before the count was set stay as recorded.
            problem = rules.item_range_problem(*values, self.session.agenda_item_count)
            if problem and row.state() != self.stored[row.member.pk]:
                row.errors.append(problem)
        for attribute, target in (("replaces", "replaces_member"), ("holder", "holder_member")):
            try:
                setattr(row, target, self.member_for(getattr(row, attribute)))
            except ValueError as error:
                row.errors.append(str(error))
                setattr(row, target, None)
        present = row.status == Attendance.Status.PRESENT
        if not present and (row.items or row.replaces):
            row.errors.append("Les questions de présence et la suppléance ne concernent qu'un "
                              "élu présent.")
        if row.remote and not present:
            row.errors.append("Seul un élu présent peut assister à distance.")
        if row.remote and not self.session.videoconference:
            row.errors.append("La séance ne se tient pas par téléconférence (L5211-11-1) : "
                              "aucun élu n'y assiste à distance.")
        if row.replaces_member is not None and row.replaces_member.pk == row.member.pk:
            row.errors.append("Un élu ne peut être son propre suppléant.")
        if row.status == REPRESENTED and not row.holder:
            row.errors.append("Indiquez le mandataire à qui l'élu a donné procuration.")
        if row.proxy_items and not row.holder:
            row.errors.append("Indiquez le mandataire des questions couvertes par la "
                              "procuration.")
        if row.holder_member is not None and row.holder_member.pk == row.member.pk:
            row.errors.append("Un élu ne peut se donner procuration à lui-même.")
        if row.holder and not row.status:
            row.status = REPRESENTED

    def rules_inputs(self):
        """(presences, proxies, giver of each proxy, names) for rules.py, from the rows."""
        presences, proxies, givers, names = [], [], [], {}
        for pk, row in self.rows.items():
            names[pk] = row.member.full_name
            if row.status == Attendance.Status.PRESENT:
                presences.append(rules.Presence(
                    pk, row.from_item, row.until_item,
                    replaces=row.replaces_member.pk if row.replaces_member else None,
                ))
            if row.holder_member is not None:
                proxies.append(rules.ProxyGrant(pk, row.holder_member.pk, row.proxy_from,
                                                row.proxy_until))
                givers.append(pk)
        return presences, proxies, givers, names

    def counts(self) -> dict[str, int]:
        """Rows per status; "none" counts the rows not filled in."""
        counts = {value or "none": 0 for value, _ in GRID_STATUS_CHOICES}
        for row in self.rows.values():
            status = row.status or "none"
            counts[status if status in counts else "none"] += 1
        return counts


def _unique_labels(members) -> dict:
    """NOM Prénom of each member; two members of the same name get their URL id too, so that
    the name typed in the grid designates one of them."""
    seen: dict[str, int] = {}
    for member in members:
        seen[member.full_name.casefold()] = seen.get(member.full_name.casefold(), 0) + 1
    return {
        member.pk: member.full_name if seen[member.full_name.casefold()] == 1
        else f"{member.full_name} ({member.slug})"
        for member in members
    }


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
                  "commission_or_outside_body", "secret_ballot_waived", "single_candidate"]

    def clean(self):
        """L2122-7 (via L5211-2) and L2121-21 against the ballot of the deliberation: the
        executive by secret ballot, a single candidacy included; other nominations by secret
        ballot unless the unanimous waiver is recorded."""
        data = super().clean()
        deliberation = data.get("deliberation")
        if deliberation is None and self.instance.deliberation_id is not None:
            deliberation = self.instance.deliberation
        for message in rules.appointment_ballot_problems(
            secret_ballot_waived=bool(data.get("secret_ballot_waived")),
            executive_election=bool(data.get("executive_election")),
            deliberation_ballot=deliberation.ballot if deliberation is not None else None,
            single_candidate=data.get("single_candidate") is not None,
            commission_or_outside_body=bool(data.get("commission_or_outside_body")),
        ):
            self.add_error(None, message)
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
                executive_election=self.instance.executive_election,
                names={pk: m.full_name for pk, m in members.items()},
            )
        except ValueError as error:
            raise ValidationError(str(error)) from error
