from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, models, transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from deliberations import immutability, rules, selectors, services
from deliberations.extracts import issuing
from deliberations.extracts.admin import (
    ExportExtractPermissionMixin,
    export_session_extracts,
    issue_certified_extracts,
)
from deliberations.forms import (
    GRID_STATUS_CHOICES,
    REPRESENTED,
    AdoptForm,
    AppointmentAdminForm,
    AppointmentVoteFormSet,
    AttendanceGrid,
    DeliberationAdminForm,
    MemberVoteFormSet,
    PublishForm,
    ReceiptForm,
    SessionAdminForm,
    SessionOfBodyAutocomplete,
    TransmitForm,
    WithdrawForm,
    first_convocation_candidates,
    grid_page_size,
)
from deliberations.minutes.admin import import_attendance_view
from deliberations.models import (
    ATTENDANCE_LOCKED,
    MATTER_CHOICES,
    MATTER_LABELS,
    Annex,
    Appointment,
    AppointmentVote,
    Attendance,
    Deliberation,
    DeliberationStatusChange,
    IssuedExtract,
    MemberVote,
    Notification,
    Proxy,
    Session,
    WrittenProxy,
)
from deliberations.views import render_deliberation
from portal.admin import (
    AuditedAdmin,
    OrganisationScopedAdmin,
    OrganisationScopeMixin,
    scope_queryset,
)
from portal.kernel.wording import items_wording
from portal.models import Member

SESSION_LOCKED_NOTE = (
    "Cette séance a des délibérations publiées : sa date, son assemblée, son état, sa liste "
    "de présence et ses procurations ne peuvent plus être modifiés ici. Pour corriger une "
    "erreur, rectifiez par une délibération rectificative."
)


class ImmutableRecordAdminMixin:
    """The last line of defence: when the database refuses a change to the published record
    (immutability.py) that the screens did not prevent, the clerk reads the trigger's French
    sentence on the page instead of a server error; nothing is written (the admin's
    transaction is rolled back)."""

    def _refused(self, request, error):
        message = immutability.refusal_message(error)
        if message is None:
            raise error
        self.message_user(request, message, messages.ERROR)
        return redirect(request.get_full_path())

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as error:
            return self._refused(request, error)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except IntegrityError as error:
            return self._refused(request, error)


def _act_published(obj) -> bool:
    """Whether the parent act of an inline (or the act itself) is published."""
    deliberation = getattr(obj, "deliberation", obj)
    return deliberation is not None and deliberation.status == Deliberation.Status.PUBLISHED


class PublishedActInlineMixin:
    """The annexes, votes and appointments of a published act are part of it: locked like
    the act itself (immutability.PUBLISHED_ACT_PARTS_LOCKED)."""

    def has_add_permission(self, request, obj=None):
        return not _act_published(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _act_published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _act_published(obj) and super().has_delete_permission(request, obj)


@admin.register(WrittenProxy)
class WrittenProxyAdmin(ImmutableRecordAdminMixin, AuditedAdmin, OrganisationScopedAdmin):
    """Written proxies (pouvoirs écrits) serving at several sessions of a body (L2121-20)."""

    list_display = ["giver", "holder", "body", "valid_from", "valid_until", "illness_certified"]
    list_filter = ["body__organisation", "body", "illness_certified"]
    list_select_related = ["giver", "holder", "body", "body__organisation"]
    search_fields = ["giver__last_name", "giver__first_name", "holder__last_name",
                     "holder__first_name"]
    autocomplete_fields = ["giver", "holder"]
    fields = ["body", "giver", "holder", "signed_on", ("valid_from", "valid_until"),
              "illness_certified", "note"]

    # A written proxy used at a session with published acts is part of what they certify.
    def _locked(self, obj):
        return obj is not None and obj.uses.filter(
            session__deliberations__status=Deliberation.Status.PUBLISHED).exists()

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


@admin.register(Session)
class SessionAdmin(ImmutableRecordAdminMixin, ExportExtractPermissionMixin, AuditedAdmin,
                   OrganisationScopedAdmin):
    # Attendance and proxies are edited on the session's grid: their history is read here.
    related_history = [(Attendance, "session", "Présences", ["member"]),
                       (Proxy, "session", "Procurations", ["giver", "holder"])]
    form = SessionAdminForm
    list_display = ["date", "starts_at", "body", "place", "status", "convocation_check"]
    list_filter = ["body__organisation", "body", "status"]
    date_hierarchy = "date"
    search_fields = ["place", "body__name"]
    list_select_related = ["body", "body__organisation", "body__settings"]
    autocomplete_fields = ["president", "secretary", "other_secretaries"]
    readonly_fields = ["quorum_table", "convocation_check", "attendance_summary",
                       "session_acts"]
    # Attendance and proxies have a screen of their own (attendance_view): as inlines, a
    # 152-member session posted some 1 400 fields, over Django's limit, and could no longer
    # be saved. The deliberations are listed, each edited on its own page.
    inlines = []
    actions = [export_session_extracts]
    fieldsets = [
        (None, {"fields": ["body", "status", ("date", "starts_at"), "place"]}),
        ("Convocation", {"fields": [("convened_on", "urgent"), "urgency_ruling", "videoconference",
                                    "convocation_posted_at",
                                    "convocation_check", "first_convocation"]}),
        ("Bureau de séance", {"fields": ["president", "president_capacity", "secretary",
                                         "other_secretaries", "agenda_item_count"]}),
        ("Présences et procurations", {"fields": ["attendance_summary"]}),
        ("Quorum et votes par question", {"fields": ["quorum_table"]}),
        ("Délibérations de la séance", {"fields": ["session_acts"]}),
    ]

    @admin.display(description="Délai de convocation")
    def convocation_check(self, session):
        if session is None or session.convened_on is None or session.date is None:
            return "—"
        # The body's statutes may set another delay than L2121-12 (BodySettings).
        clear_days, source = selectors.convocation_clear_days(session.body)
        timely = rules.convocation_is_timely(
            convened_on=session.convened_on, session_on=session.date, urgent=session.urgent,
            clear_days=clear_days, clear_days_urgent=settings.CONVOCATION_CLEAR_DAYS_URGENT,
        )
        urgency = rules.urgency_problems(
            convened_on=session.convened_on, session_on=session.date, urgent=session.urgent,
            ruling=session.urgency_ruling, clear_days=clear_days,
            clear_days_urgent=settings.CONVOCATION_CLEAR_DAYS_URGENT,
        )
        if timely and urgency:
            return " ".join(urgency)
        if timely:
            return f"Respecté ({source})"
        latest = rules.latest_convocation_date(
            session.date, urgent=session.urgent, clear_days=clear_days,
            clear_days_urgent=settings.CONVOCATION_CLEAR_DAYS_URGENT,
        )
        return (f"Non respecté : convocation à envoyer au plus tard le {latest:%d/%m/%Y} "
                f"({source})")

    @admin.display(description="Présents, représentés et quorum par question")
    def quorum_table(self, session, inputs=None):
        if session is None or session.pk is None:
            return "Enregistrez la séance et sa liste de présence pour voir le quorum."
        inputs = inputs or _cached_inputs(session)
        if inputs.in_office == 0:
            return "Aucun membre en exercice n'est enregistré pour cette assemblée à cette date."
        return render_to_string(
            "admin/deliberations/session/_quorum_table.html",
            {"ranges": selectors.session_quorum_table(session, inputs),
             "in_office": inputs.in_office},
        )

    @admin.display(description="Liste de présence")
    def attendance_summary(self, session):
        if session is None or session.pk is None:
            return "Enregistrez la séance, puis saisissez ou importez sa liste de présence."
        inputs = _cached_inputs(session)
        counts = {status: inputs.status_counts.get(status, 0)
                  for status in Attendance.Status.values}
        counts["proxies"] = len(inputs.proxies)
        return render_to_string(
            "admin/deliberations/session/_attendance_summary.html",
            {**counts,
             "grid_url": reverse("admin:deliberations_session_attendance", args=[session.pk]),
             "import_url": reverse("admin:deliberations_session_import_attendance",
                                   args=[session.pk])},
        )

    # Not named "deliberation_list": that is the session's list of deliberations (the
    # document of L2121-25, documents.DeliberationList), which the admin would show instead.
    @admin.display(description="Délibérations")
    def session_acts(self, session):
        if session is None or session.pk is None:
            return "—"
        _cached_inputs(session)
        deliberations = session._session_acts
        return render_to_string(
            "admin/deliberations/session/_deliberation_list.html",
            {"deliberations": deliberations,
             "add_url": reverse("admin:deliberations_deliberation_add")
             + f"?session={session.pk}"},
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "first_convocation":
            # A search box among the body's earlier sessions (SessionAdminForm), not an id.
            kwargs["widget"] = SessionOfBodyAutocomplete(db_field, self.admin_site,
                                                         using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        if (request.GET.get("model_name") == "session"
                and request.GET.get("field_name") == "first_convocation"):
            # The first convocation's search box (SessionOfBodyAutocomplete): the earlier
            # sessions of the body of the session being edited, found by date or body name.
            edited = request.GET.get("seance", "")
            session = (queryset.filter(pk=edited).first()
                       if edited.isdigit() else None)
            queryset = first_convocation_candidates(queryset, session)
            dated = sessions_on(queryset, search_term)
            if dated is not None:
                return dated, False
        return super().get_search_results(request, queryset, search_term)

    def get_queryset(self, request):
        # The body's statutes (BodySettings) serve the convocation check and the quorum
        # table: read with the session, not once each.
        return super().get_queryset(request).select_related(
            "body__organisation", "body__settings")

    def get_readonly_fields(self, request, obj=None):
        # Attendance (members in office), act numbers and extracts hang on the body: a
        # session recorded for one body is not moved to another.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "body"] if obj is not None else fields

    def get_urls(self):
        custom = [
            path(
                "<path:object_id>/importer-presence/",
                self.admin_site.admin_view(
                    lambda request, object_id: import_attendance_view(request, object_id, self)
                ),
                name="deliberations_session_import_attendance",
            ),
            path(
                "<path:object_id>/presences/",
                self.admin_site.admin_view(self.attendance_view),
                name="deliberations_session_attendance",
            ),
        ]
        return custom + super().get_urls()

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.has_published_acts():
            # Said before the clerk types anything; the form refuses the change anyway.
            (name, options), *rest = fieldsets
            fieldsets = [(name, {**options, "description": SESSION_LOCKED_NOTE}), *rest]
        return fieldsets

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        if obj is not None and obj.pk and context["adminform"].form.errors:
            # The refused values were copied onto `obj` by the form: title and breadcrumbs
            # show the session as stored (its real date), not the refused one.
            stored = Session.objects.select_related("body").get(pk=obj.pk)
            context.update(subtitle=str(stored), original=stored)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "import_url": reverse(
                "admin:deliberations_session_import_attendance", args=[object_id]
            ),
            "attendance_url": reverse(
                "admin:deliberations_session_attendance", args=[object_id]
            ),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def attendance_view(self, request, object_id):
        """The attendance and proxies of a session as one grid, one row per member."""
        session = self.get_object(request, unquote(object_id))
        if session is None:
            raise Http404("Séance introuvable.")
        if not self.has_view_permission(request, session):
            raise PermissionDenied
        can_change = self.has_change_permission(request, session)
        if request.method == "POST" and not can_change:
            raise PermissionDenied
        members, attendances, proxies, inputs = selectors.attendance_workspace(session)
        in_office = inputs.in_office_members
        paginator = Paginator(members, grid_page_size())
        page = paginator.get_page(request.POST.get("page") or request.GET.get("page"))
        page_members = [member.pk for member in page.object_list]
        grid = AttendanceGrid(
            session=session, members=members, attendances=attendances, proxies=proxies,
            in_office=in_office, page_members=page_members,
            data=request.POST if request.method == "POST" else None,
        )
        if grid.bound and grid.is_valid():
            changed = grid.changed_rows
            try:
                services.session_attendance_replace(
                    session=session, members=[row.member.pk for row in changed],
                    attendances=[_attendance_of(row) for row in changed
                                 if row.status not in ("", REPRESENTED)],
                    proxies=[Proxy(giver=row.member, holder=row.holder_member,
                                   from_item=row.proxy_from, until_item=row.proxy_until,
                                   written_proxy=row.written_proxy)
                             for row in changed if row.holder_member is not None],
                    by=request.user,
                )
            except ValidationError as error:
                grid.errors.extend(error.messages)
            else:
                counts = grid.counts()
                self.message_user(
                    request,
                    (f"Liste de présence enregistrée ({len(changed)} ligne(s) modifiée(s)). "
                     f"Présents : {counts[Attendance.Status.PRESENT]} ; représentés : "
                     f"{counts[REPRESENTED]} ; absents excusés : "
                     f"{counts[Attendance.Status.EXCUSED]} ; absents : "
                     f"{counts[Attendance.Status.ABSENT]}.")
                    if changed else "Aucune modification : rien n'a été enregistré.",
                    messages.SUCCESS,
                )
                if "_return" in request.POST:
                    return redirect("admin:deliberations_session_change", session.pk)
                url = reverse("admin:deliberations_session_attendance", args=[session.pk])
                return redirect(f"{url}?page={page.number}" if page.number > 1 else url)
        context = {
            **self.admin_site.each_context(request),
            "title": "Présences et procurations",
            "subtitle": str(session),
            "opts": self.model._meta,
            "original": session,
            "session": session,
            "grid": grid,
            "rows": [grid.rows[pk] for pk in page_members],
            "page": page,
            "status_choices": GRID_STATUS_CHOICES,
            "can_change": can_change,
            # Said before the clerk types anything; the grid refuses the change anyway.
            "locked_note": ATTENDANCE_LOCKED if session.has_published_acts() else "",
            "in_office": len(in_office),
            "quorum_required": len(in_office) // 2 + 1 if in_office else None,
            "counts": grid.counts(),
            "quorum_table": self.quorum_table(session, inputs),
            "import_url": reverse("admin:deliberations_session_import_attendance",
                                  args=[session.pk]),
            "has_view_permission": True,
        }
        return TemplateResponse(
            request, "admin/deliberations/session/attendance_grid.html", context
        )


FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre"]


def sessions_on(queryset, term: str):
    """The sessions of ``queryset`` on a date typed as a clerk writes it ("06/12/2022",
    "12/2022", "2022", "décembre 2022", "6 décembre 2022"); None when the term is no date."""
    words = term.strip().lower().replace("/", " ").replace("-", " ").replace(".", " ").split()
    words = [str(FRENCH_MONTHS.index(w) + 1) if w in FRENCH_MONTHS else w for w in words]
    if not words or len(words) > 3 or not all(w.isdigit() for w in words):
        return None
    numbers = [int(w) for w in words]
    year = numbers[-1]
    if not 1900 <= year <= 2200:
        return None
    lookups = {"date__year": year}
    if len(numbers) >= 2:
        lookups["date__month"] = numbers[-2]
    if len(numbers) == 3:
        lookups["date__day"] = numbers[0]
    if not 1 <= lookups.get("date__month", 1) <= 12 or not 1 <= lookups.get("date__day", 1) <= 31:
        return queryset.none()
    return queryset.filter(**lookups)


def _cached_inputs(session):
    """The session's rules inputs, read once for the readonly fields of one page (the quorum
    table and the attendance summary receive the same instance)."""
    inputs = getattr(session, "_rules_inputs", None)
    if inputs is None:
        inputs, session._session_acts = selectors.session_workspace(session)
        session._rules_inputs = inputs
    return inputs


def _attendance_of(row) -> Attendance:
    return Attendance(
        member=row.member, status=row.status, from_item=row.from_item,
        until_item=row.until_item, replaces=row.replaces_member,
        remote=row.remote and row.status == Attendance.Status.PRESENT,
        # The registre's mention follows the items (as the import writes it).
        note=items_wording(row.from_item, row.until_item)
        if row.status == Attendance.Status.PRESENT else "",
    )


class AnnexInline(PublishedActInlineMixin, admin.TabularInline):
    model = Annex
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0
    fields = ["position", "title", "file", "url"]


class NotificationInline(admin.TabularInline):
    """Addressees of an individual decision and the date each was notified (L2131-1).
    Open after publication: a notification is a fact about the act, like its receipt."""

    model = Notification
    extra = 0
    fields = ["addressee", "notified_on"]


class MemberVoteInline(PublishedActInlineMixin, OrganisationScopeMixin,
                       admin.TabularInline):
    """Votes per member in a public roll call (L2121-21), read by the procès-verbal."""

    model = MemberVote
    formset = MemberVoteFormSet
    extra = 0
    autocomplete_fields = ["member", "for_member"]
    fields = ["member", "for_member", "choice"]


class AppointmentInline(PublishedActInlineMixin, admin.TabularInline):
    """Elections of persons decided by the deliberation (L2121-21); the votes per round are
    entered on each appointment's own page."""

    model = Appointment
    form = AppointmentAdminForm
    extra = 0
    fields = ["position", "office", "executive_election", "secret_ballot_waived",
              "single_candidate"]
    autocomplete_fields = ["single_candidate"]
    show_change_link = True


class AppointmentVoteInline(PublishedActInlineMixin, OrganisationScopeMixin,
                            admin.TabularInline):
    model = AppointmentVote
    formset = AppointmentVoteFormSet
    extra = 0
    autocomplete_fields = ["candidate"]
    fields = ["round", "candidate", "votes"]


@admin.register(Appointment)
class AppointmentAdmin(ImmutableRecordAdminMixin, OrganisationScopedAdmin):
    """An appointment and its results per candidate per round (L2121-21)."""

    form = AppointmentAdminForm
    list_display = ["office", "deliberation"]
    list_select_related = ["deliberation"]
    search_fields = ["office", "deliberation__title"]
    autocomplete_fields = ["deliberation", "single_candidate"]
    inlines = [AppointmentVoteInline]

    def has_change_permission(self, request, obj=None):
        return not _act_published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _act_published(obj) and super().has_delete_permission(request, obj)


class StatusChangeInline(admin.TabularInline):
    model = DeliberationStatusChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "transition", "by", "note"]
    readonly_fields = fields
    verbose_name_plural = "Historique des états"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="changement")
    def transition(self, change):
        return change.transition_label

    @admin.display(description="par")
    def by(self, change):
        user = change.changed_by
        if user is None:
            return "—"
        return user.get_full_name() or user.username


# Lifecycle steps offered on a deliberation's page: (url slug, button label, form, service).
LIFECYCLE_STEPS = {
    "adopter": ("Adopter", AdoptForm),
    "transmettre": ("Transmettre en préfecture", TransmitForm),
    "reception": ("Enregistrer la réception en préfecture", ReceiptForm),
    "publier": ("Publier", PublishForm),
    "brouillon": ("Repasser en brouillon", WithdrawForm),
}


def next_steps(deliberation) -> list[str]:
    """The steps a clerk may take from the deliberation's state (rules.ALLOWED_TRANSITIONS,
    plus the receipt date, a fact recorded once transmitted)."""
    status = deliberation.status
    steps = []
    if rules.can_transition(status, Deliberation.Status.ADOPTED):
        steps.append("adopter")
    if rules.can_transition(status, Deliberation.Status.TRANSMITTED) and (
            deliberation.subject_to_transmission):
        steps.append("transmettre")
    if status in (Deliberation.Status.TRANSMITTED, Deliberation.Status.PUBLISHED) and (
            deliberation.subject_to_transmission and deliberation.received_on is None):
        steps.append("reception")
    if rules.can_transition(status, Deliberation.Status.PUBLISHED):
        steps.append("publier")
    if rules.can_transition(status, Deliberation.Status.DRAFT):
        steps.append("brouillon")
    return steps


class MatterInUseFilter(admin.SimpleListFilter):
    """@ctes subjects actually used in the account's deliberations, with their labels (not
    the 58 codes of the nomenclature)."""

    title = "matière @ctes"
    parameter_name = "matter_code"

    def lookups(self, request, model_admin):
        codes = (model_admin.get_queryset(request).exclude(matter_code="").order_by()
                 .values_list("matter_code", flat=True).distinct())
        order = {code: index for index, (code, _) in enumerate(MATTER_CHOICES)}
        return [(code, f"{code} {MATTER_LABELS[code]}")
                for code in sorted(set(codes), key=lambda code: order.get(code, 999))
                if code in MATTER_LABELS]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(matter_code=self.value())
        return queryset


@admin.register(Deliberation)
class DeliberationAdmin(ImmutableRecordAdminMixin, ExportExtractPermissionMixin, AuditedAdmin,
                        OrganisationScopedAdmin):
    related_history = [(Annex, "deliberation", "Annexes", [])]
    form = DeliberationAdminForm
    # The state right after the title: at 1 280 px the last columns are cut off.
    list_display = ["title_short", "status", "session", "item_number", "executory"]
    list_filter = ["status", "result", "session__body__organisation", "session__body",
                   MatterInUseFilter]
    search_fields = ["title", "act_number", "theme"]
    list_select_related = ["session", "session__body", "session__body__organisation"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["rapporteur", "signatory", "non_voting_members",
                           "withdrawn_members", "rectifies"]
    readonly_fields = ["status", "executory", "appeal_deadline", "prefect_review_deadline",
                       "extracts_list", "rectified_by"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [AnnexInline, AppointmentInline, MemberVoteInline, NotificationInline,
               StatusChangeInline]
    change_form_template = "admin/deliberations/deliberation/change_form.html"
    actions = ["mark_adopted", "mark_transmitted", "publish", issue_certified_extracts]
    fieldsets = [
        (None, {"fields": ["session", ("item_number", "act_number"), "slug", "status"]}),
        ("Texte", {"fields": ["theme", "title", "rapporteur", "report", "president_request",
                              "vote_wording", "decision", "appeal_clause"]}),
        ("Classement @ctes et budget", {"fields": [("nature", "matter_code"),
                                                   ("budget_year", "budget_name"),
                                                   "is_initial_budget"]}),
        ("Vote", {"fields": [("roll_call_requests", "secret_ballot_requests"), "ballot",
                             "vote_kind", ("votes_for", "votes_against", "abstentions",
                                                     "blank_or_null"),
                             ("president_voted_for", "president_abstained"),
                             "non_voting_members", "withdrawn_members", "is_carried_over",
                             "result"]}),
        ("Transmission et publication", {"fields": [
            "subject_to_transmission", "is_individual", "prefecture_act_id",
            ("transmitted_on", "received_on", "published_on"), "executory",
            ("appeal_deadline", "prefect_review_deadline"),
            ("signatory", "signatory_capacity"),
        ]}),
        ("Extraits certifiés", {"fields": ["extracts_list"]}),
        ("Rectification", {
            "description": "Une délibération publiée ne se modifie plus : une erreur se "
            "corrige par une nouvelle délibération (ou un rectificatif d'erreur matérielle) "
            "qui indique ici celle qu'elle rectifie. Une fois publiée, la délibération "
            "rectifiée affiche un bandeau qui renvoie vers elle.",
            "fields": [("rectifies", "rectification_kind"), "rectified_by"],
        }),
    ]

    def get_readonly_fields(self, request, obj=None):
        # A published act is changed only by a rectifying deliberation, never edited in place.
        if obj is not None and obj.status == Deliberation.Status.PUBLISHED:
            return [field.name for field in Deliberation._meta.get_fields()
                    if field.concrete and field.editable and not field.auto_created] + [
                "status", "executory", "appeal_deadline", "prefect_review_deadline",
                "extracts_list", "rectified_by"]
        return super().get_readonly_fields(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.status == Deliberation.Status.PUBLISHED:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def view_on_site(self, deliberation):
        # The public page exists only once published; before, staff get a marked preview.
        if deliberation.status == Deliberation.Status.PUBLISHED:
            return reverse("admin:view_on_site", args=[
                ContentType.objects.get_for_model(Deliberation).pk, deliberation.pk])
        return reverse("admin:deliberations_deliberation_preview", args=[deliberation.pk])

    def preview_view(self, request, object_id):
        """The public page of an act not published yet, for staff, marked "non publié"."""
        deliberation = self.get_object(request, unquote(object_id))
        if deliberation is None:
            raise Http404("Délibération introuvable.")
        if not self.has_view_permission(request, deliberation):
            raise PermissionDenied
        response = render_deliberation(request, deliberation, staff_preview=True)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_urls(self):
        return [
            path("<path:object_id>/apercu/", self.admin_site.admin_view(self.preview_view),
                 name="deliberations_deliberation_preview"),
            path("<path:object_id>/etape/<slug:step>/",
                 self.admin_site.admin_view(self.lifecycle_view),
                 name="deliberations_deliberation_lifecycle"),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        deliberation = self.get_object(request, unquote(object_id))
        steps = []
        if deliberation is not None and self.has_change_permission(request, deliberation):
            steps = [
                (LIFECYCLE_STEPS[step][0], reverse(
                    "admin:deliberations_deliberation_lifecycle", args=[deliberation.pk, step]))
                for step in next_steps(deliberation)
            ]
        extra_context = {
            **(extra_context or {}), "lifecycle_steps": steps,
            "receipt_missing": deliberation is not None
            and deliberation.status == Deliberation.Status.PUBLISHED
            and deliberation.subject_to_transmission and deliberation.received_on is None,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def lifecycle_view(self, request, object_id, step):
        """One lifecycle step, asking only what that step needs; a refusal is a French
        sentence that says what to do first."""
        if step not in LIFECYCLE_STEPS:
            raise Http404("Étape inconnue.")
        deliberation = self.get_object(request, unquote(object_id))
        if deliberation is None:
            raise Http404("Délibération introuvable.")
        if not self.has_change_permission(request, deliberation):
            raise PermissionDenied
        label, form_class = LIFECYCLE_STEPS[step]
        kwargs = {}
        if form_class is PublishForm:
            kwargs = {
                "signatories": scope_queryset(request, Member.objects.all()).order_by(
                    "last_name", "first_name"),
                "needs_confirmation": deliberation.subject_to_transmission
                and deliberation.received_on is None,
            }
        initial = {
            "transmitted_on": deliberation.transmitted_on or timezone.localdate(),
            "prefecture_act_id": deliberation.prefecture_act_id,
            "received_on": timezone.localdate(),
            "published_on": deliberation.published_on or timezone.localdate(),
            "signatory": deliberation.signatory_id or deliberation.session.president_id,
            "signatory_capacity": deliberation.signatory_capacity
            or deliberation.session.president_capacity,
        }
        form = form_class(request.POST if request.method == "POST" else None, initial=initial,
                          **kwargs)
        refusal = []
        if request.method == "POST" and form.is_valid():
            try:
                self._run_step(step, deliberation, form.cleaned_data, request.user)
            except ValidationError as error:
                refusal = error.messages
                deliberation.refresh_from_db()
            else:
                deliberation.refresh_from_db()
                self.message_user(
                    request, f"« {label} » : fait. La délibération est maintenant "
                    f"« {deliberation.get_status_display()} ».", messages.SUCCESS)
                return redirect("admin:deliberations_deliberation_change", deliberation.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": label,
            "subtitle": deliberation.title[:120],
            "opts": self.model._meta,
            "original": deliberation,
            "deliberation": deliberation,
            "form": form,
            "refusal": refusal,
            "allowed": step in next_steps(deliberation),
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/deliberations/deliberation/lifecycle.html",
                                context)

    @staticmethod
    def _run_step(step, deliberation, data, user):
        if step == "adopter":
            services.deliberation_adopt(deliberation=deliberation, by=user)
        elif step == "transmettre":
            services.deliberation_transmit(
                deliberation=deliberation, transmitted_on=data["transmitted_on"],
                prefecture_act_id=data["prefecture_act_id"], by=user)
        elif step == "reception":
            services.deliberation_record_receipt(
                deliberation=deliberation, received_on=data["received_on"], by=user)
        elif step == "publier":
            services.deliberation_publish(
                deliberation=deliberation, published_on=data["published_on"],
                signatory=data["signatory"], signatory_capacity=data["signatory_capacity"],
                without_receipt_confirmed=data.get("confirm_without_receipt", True), by=user)
        else:
            services.deliberation_withdraw(deliberation=deliberation, reason=data["reason"],
                                           by=user)

    def get_actions(self, request):
        # Bulk deletion would bypass the per-act check below.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        # Only a draft may be deleted: an adopted act belongs to the registre.
        if obj is not None and obj.status != Deliberation.Status.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description="objet")
    def title_short(self, deliberation):
        return deliberation.title[:90]

    @admin.display(description="exécutoire le")
    def executory(self, deliberation):
        value = selectors.executory_on(deliberation) if deliberation.pk else None
        if value:
            return f"{value:%d/%m/%Y}"
        if (deliberation.status == Deliberation.Status.PUBLISHED
                and deliberation.subject_to_transmission and deliberation.received_on is None):
            return "Non exécutoire — à compléter : date de réception en préfecture"
        return "Non exécutoire"

    @admin.display(description="extraits émis")
    def extracts_list(self, deliberation):
        if deliberation is None or deliberation.pk is None:
            return "—"
        extracts = list(deliberation.extracts.select_related("issued_by")
                        .order_by("-version"))
        if not extracts:
            return "Aucun extrait émis (il l'est à la publication)."
        return render_to_string("admin/deliberations/deliberation/_extracts.html",
                                {"extracts": extracts})

    @admin.display(description="rectifiée par")
    def rectified_by(self, deliberation):
        if deliberation is None or deliberation.pk is None:
            return "—"
        rows = list(deliberation.rectifications.select_related("session__body")
                    .order_by("session__date", "pk"))
        if not rows:
            return "—"
        return format_html_join(
            ", ", '<a href="{}">{}</a> ({}, {} du {}, {})',
            ((reverse("admin:deliberations_deliberation_change", args=[row.pk]),
              row.title[:90], row.get_rectification_kind_display(), row.session.body.name,
              f"{row.session.date:%d/%m/%Y}", row.get_status_display()) for row in rows))

    @admin.display(description="fin du délai de recours (R421-1 CJA, délai franc)")
    def appeal_deadline(self, deliberation):
        value = selectors.appeal_deadline(deliberation) if deliberation.pk else None
        return f"{value:%d/%m/%Y} inclus" if value else "— (à compter de la publication)"

    @admin.display(description="fin du délai de déféré préfectoral (L2131-6)")
    def prefect_review_deadline(self, deliberation):
        value = selectors.prefect_review_deadline(deliberation) if deliberation.pk else None
        if value:
            return f"{value:%d/%m/%Y} inclus (deux mois à compter de la réception en préfecture)"
        return "— (à compter de la réception en préfecture)"

    def _transition(self, request, queryset, to_status, done_message):
        moved = 0
        for deliberation in queryset.select_related("session"):
            try:
                with transaction.atomic():
                    if to_status == Deliberation.Status.PUBLISHED:
                        services.deliberation_publish(deliberation=deliberation, by=request.user)
                    else:
                        services.deliberation_set_status(
                            deliberation=deliberation, to_status=to_status, by=request.user
                        )
                moved += 1
            except ValidationError as error:
                self.message_user(
                    request, format_html("« {} » : {}", deliberation.title[:80],
                                         " ".join(error.messages)),
                    messages.ERROR,
                )
        if moved:
            self.message_user(request, f"{moved} {done_message}", messages.SUCCESS)

    @admin.action(description="Marquer comme adoptée(s)", permissions=["change"])
    def mark_adopted(self, request, queryset):
        self._transition(request, queryset, Deliberation.Status.ADOPTED,
                         "délibération(s) marquée(s) adoptée(s).")

    @admin.action(description="Marquer comme transmise(s) en préfecture", permissions=["change"])
    def mark_transmitted(self, request, queryset):
        self._transition(request, queryset, Deliberation.Status.TRANSMITTED,
                         "délibération(s) marquée(s) transmise(s).")

    @admin.action(description="Publier (mise en ligne)", permissions=["change"])
    def publish(self, request, queryset):
        self._transition(request, queryset, Deliberation.Status.PUBLISHED,
                         "délibération(s) publiée(s).")


@admin.register(IssuedExtract)
class IssuedExtractAdmin(ImmutableRecordAdminMixin, OrganisationScopedAdmin):
    list_display = ["code", "deliberation", "version", "issued_at", "issued_by", "signed",
                    "superseded_by", "download"]
    list_select_related = ["deliberation", "issued_by", "superseded_by"]
    search_fields = ["code", "sha256", "deliberation__title"]
    # The file is offered through the staff download below (MEDIA_URL is not served) and
    # the certified data as the registre text it certifies, not as JSON.
    fields = ["deliberation", "version", "code", "issued_at", "issued_by", "signed",
              "superseded_by", "sha256", "content_fingerprint", "download", "certified_text"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # An issued extract stays verifiable for ever: it is superseded, never deleted.
    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("<path:object_id>/fichier/", self.admin_site.admin_view(self.file_view),
                 name="deliberations_issuedextract_file"),
        ] + super().get_urls()

    def file_view(self, request, object_id):
        """The issued PDF, for staff who may see the extract (scoped to their
        organisations); the public downloads the current version from the act's page."""
        extract = self.get_object(request, unquote(object_id))
        if extract is None:
            raise Http404("Extrait introuvable.")
        if not self.has_view_permission(request, extract):
            raise PermissionDenied
        response = FileResponse(extract.file.open("rb"), content_type="application/pdf",
                                as_attachment=True,
                                filename=f"extrait-{extract.code}-v{extract.version}.pdf")
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.display(description="fichier PDF")
    def download(self, extract):
        url = reverse("admin:deliberations_issuedextract_file", args=[extract.pk])
        return format_html('<a href="{}">Télécharger l\'extrait {} (version {})</a>', url,
                           extract.code, extract.version)

    @admin.display(description="contenu certifié")
    def certified_text(self, extract):
        context = issuing.extract_context(
            extract.certified_data,
            issuing.IssueInfo(code=extract.code, version=extract.version,
                              issued_at=extract.issued_at),
        )
        return render_to_string("admin/deliberations/issuedextract/_certified_text.html",
                                context)

# Session documents (procès-verbal, list of deliberations, registre): their own admin module.
from deliberations.documents import admin as documents_admin  # noqa: E402, F401
