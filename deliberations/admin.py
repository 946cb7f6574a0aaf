from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html

from deliberations import rules, selectors, services
from deliberations.extracts.admin import (
    ExportExtractPermissionMixin,
    export_session_extracts,
    issue_certified_extracts,
)
from deliberations.forms import (
    AppointmentAdminForm,
    AppointmentVoteFormSet,
    AttendanceFormSet,
    DeliberationAdminForm,
    MemberVoteFormSet,
    ProxyFormSet,
    SessionAdminForm,
)
from deliberations.minutes.admin import import_attendance_view
from deliberations.models import (
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
from portal.admin import OrganisationScopedAdmin, OrganisationScopeMixin

SESSION_LOCKED_NOTE = (
    "Cette séance a des délibérations publiées : sa date, son assemblée, son état, sa liste "
    "de présence et ses procurations ne peuvent plus être modifiés ici. Pour corriger une "
    "erreur, rectifiez par une délibération rectificative."
)


class AttendanceInline(OrganisationScopeMixin, admin.TabularInline):
    model = Attendance
    formset = AttendanceFormSet
    extra = 0
    autocomplete_fields = ["member", "replaces"]
    fields = ["member", "status", "from_item", "until_item", "replaces", "remote", "note"]
    verbose_name_plural = "Présences (par question)"


class ProxyInline(OrganisationScopeMixin, admin.TabularInline):
    model = Proxy
    formset = ProxyFormSet
    extra = 0
    autocomplete_fields = ["giver", "holder", "written_proxy"]
    fields = ["giver", "holder", "from_item", "until_item", "written_proxy"]


@admin.register(WrittenProxy)
class WrittenProxyAdmin(OrganisationScopedAdmin):
    """Written proxies (pouvoirs écrits) serving at several sessions of a body (L2121-20)."""

    list_display = ["giver", "holder", "body", "valid_from", "valid_until", "illness_certified"]
    list_filter = ["body__organisation", "body", "illness_certified"]
    list_select_related = ["giver", "holder", "body", "body__organisation"]
    search_fields = ["giver__last_name", "giver__first_name", "holder__last_name",
                     "holder__first_name"]
    autocomplete_fields = ["giver", "holder"]
    fields = ["body", "giver", "holder", "signed_on", ("valid_from", "valid_until"),
              "illness_certified", "note"]


class DeliberationInline(admin.TabularInline):
    model = Deliberation
    extra = 0
    fields = ["item_number", "act_number", "title", "result", "status"]
    # The full deliberation (text, vote, publication) is edited on its own page, where the
    # vote is checked and a published act is locked.
    readonly_fields = fields
    show_change_link = True
    max_num = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Session)
class SessionAdmin(ExportExtractPermissionMixin, OrganisationScopedAdmin):
    form = SessionAdminForm
    list_display = ["date", "starts_at", "body", "place", "status", "convocation_check"]
    list_filter = ["body__organisation", "body", "status"]
    date_hierarchy = "date"
    search_fields = ["place", "body__name"]
    list_select_related = ["body", "body__organisation", "body__settings"]
    autocomplete_fields = ["president", "secretary", "other_secretaries"]
    raw_id_fields = ["first_convocation"]
    readonly_fields = ["quorum_table", "convocation_check"]
    inlines = [AttendanceInline, ProxyInline, DeliberationInline]
    actions = [export_session_extracts]
    fieldsets = [
        (None, {"fields": ["body", "status", ("date", "starts_at"), "place"]}),
        ("Convocation", {"fields": [("convened_on", "urgent"), "urgency_ruling", "videoconference",
                                    "convocation_posted_at",
                                    "convocation_check", "first_convocation"]}),
        ("Bureau de séance", {"fields": ["president", "president_capacity", "secretary",
                                         "other_secretaries", "agenda_item_count"]}),
        ("Quorum et votes par question", {"fields": ["quorum_table"]}),
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
    def quorum_table(self, session):
        if session is None or session.pk is None:
            return "Enregistrez la séance et sa liste de présence pour voir le quorum."
        inputs = selectors.session_inputs(session)
        if inputs.in_office == 0:
            return "Aucun membre en exercice n'est enregistré pour cette assemblée à cette date."
        return render_to_string(
            "admin/deliberations/session/_quorum_table.html",
            {"ranges": selectors.session_quorum_table(session, inputs),
             "in_office": inputs.in_office},
        )

    def _create_formsets(self, request, obj, change):
        # Let the proxy formset see the attendance formset of the same page (cross-check of
        # L2121-20 before anything is saved). Django has no public hook for this.
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        for formset in formsets:
            formset.siblings = formsets
        return formsets, inline_instances

    def get_urls(self):
        custom = [
            path(
                "<path:object_id>/importer-presence/",
                self.admin_site.admin_view(
                    lambda request, object_id: import_attendance_view(request, object_id, self)
                ),
                name="deliberations_session_import_attendance",
            )
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
        }
        return super().change_view(request, object_id, form_url, extra_context)


class AnnexInline(admin.TabularInline):
    model = Annex
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0
    fields = ["position", "title", "file", "url"]

    # The annexes of a published act are part of it: locked like the act itself.
    def _locked(self, obj):
        return obj is not None and obj.status == Deliberation.Status.PUBLISHED

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class NotificationInline(admin.TabularInline):
    """Addressees of an individual decision and the date each was notified (L2131-1)."""

    model = Notification
    extra = 0
    fields = ["addressee", "notified_on"]


class MemberVoteInline(OrganisationScopeMixin, admin.TabularInline):
    """Votes per member in a public roll call (L2121-21), read by the procès-verbal."""

    model = MemberVote
    formset = MemberVoteFormSet
    extra = 0
    autocomplete_fields = ["member", "for_member"]
    fields = ["member", "for_member", "choice"]


class AppointmentInline(admin.TabularInline):
    """Elections of persons decided by the deliberation (L2121-21); the votes per round are
    entered on each appointment's own page."""

    model = Appointment
    form = AppointmentAdminForm
    extra = 0
    fields = ["position", "office", "executive_election", "secret_ballot_waived",
              "single_candidate"]
    autocomplete_fields = ["single_candidate"]
    show_change_link = True


class AppointmentVoteInline(OrganisationScopeMixin, admin.TabularInline):
    model = AppointmentVote
    formset = AppointmentVoteFormSet
    extra = 0
    autocomplete_fields = ["candidate"]
    fields = ["round", "candidate", "votes"]


@admin.register(Appointment)
class AppointmentAdmin(OrganisationScopedAdmin):
    """An appointment and its results per candidate per round (L2121-21)."""

    form = AppointmentAdminForm
    list_display = ["office", "deliberation"]
    list_select_related = ["deliberation"]
    search_fields = ["office", "deliberation__title"]
    autocomplete_fields = ["deliberation", "single_candidate"]
    inlines = [AppointmentVoteInline]


class StatusChangeInline(admin.TabularInline):
    model = DeliberationStatusChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "from_status", "to_status", "changed_by", "note"]
    readonly_fields = fields
    verbose_name_plural = "Historique des états"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Deliberation)
class DeliberationAdmin(ExportExtractPermissionMixin, OrganisationScopedAdmin):
    form = DeliberationAdminForm
    list_display = ["title_short", "session", "item_number", "act_number", "result", "status",
                    "published_on", "executory"]
    list_filter = ["status", "result", "session__body__organisation", "session__body",
                   "matter_code"]
    search_fields = ["title", "act_number", "theme"]
    list_select_related = ["session", "session__body", "session__body__organisation"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["rapporteur", "signatory", "non_voting_members",
                           "withdrawn_members"]
    readonly_fields = ["status", "executory", "appeal_deadline", "prefect_review_deadline"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [AnnexInline, AppointmentInline, MemberVoteInline, NotificationInline,
               StatusChangeInline]
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
    ]

    def get_readonly_fields(self, request, obj=None):
        # A published act is changed only by a rectifying deliberation, never edited in place.
        if obj is not None and obj.status == Deliberation.Status.PUBLISHED:
            return [field.name for field in Deliberation._meta.get_fields()
                    if field.concrete and field.editable and not field.auto_created] + [
                "status", "executory", "appeal_deadline", "prefect_review_deadline"]
        return super().get_readonly_fields(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.status == Deliberation.Status.PUBLISHED:
            return {}
        return super().get_prepopulated_fields(request, obj)

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
        return f"{value:%d/%m/%Y}" if value else "Non exécutoire"

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
class IssuedExtractAdmin(OrganisationScopedAdmin):
    list_display = ["code", "deliberation", "version", "issued_at", "issued_by", "signed",
                    "superseded_by"]
    list_select_related = ["deliberation", "issued_by", "superseded_by"]
    search_fields = ["code", "sha256", "deliberation__title"]
    readonly_fields = [f.name for f in IssuedExtract._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # An issued extract stays verifiable for ever: it is superseded, never deleted.
    def has_delete_permission(self, request, obj=None):
        return False


# Session documents (procès-verbal, list of deliberations, registre): their own admin module.
from deliberations.documents import admin as documents_admin  # noqa: E402, F401
