"""Deliberations: their page, inlines, lifecycle steps, preview and bulk actions."""

from pathlib import PurePath

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from deliberations import immutability, record, rules, selectors, services
from deliberations.admin.locking import LockedRecordAdminMixin
from deliberations.admin.mixins import ImmutableRecordAdminMixin, PublishedActInlineMixin
from deliberations.admin.steps import (
    AdoptForm,
    PublishForm,
    ReceiptForm,
    TransmitForm,
    WithdrawForm,
)
from deliberations.extracts import issuing
from deliberations.extracts.admin import (
    ExportExtractPermissionMixin,
    issue_certified_extracts,
)
from deliberations.forms import (
    AppointmentAdminForm,
    DeliberationAdminForm,
    MemberVoteFormSet,
)
from deliberations.models import (
    MATTER_CHOICES,
    MATTER_LABELS,
    Annex,
    Appointment,
    Deliberation,
    DeliberationStatusChange,
    MemberVote,
    Notification,
)
from deliberations.views import render_deliberation
from portal.admin import AuditedAdmin
from portal.kernel.admin_inlines import TabularInline
from portal.kernel.scope import OrganisationScopedAdmin, OrganisationScopeMixin


class _AnnexFile:
    """A stored annex as the file widget shows it: its name, linked to the staff download
    view (MEDIA_URL is not served)."""

    def __init__(self, value, url):
        self.value, self.url = value, url

    def __str__(self):
        return str(self.value)


class AnnexFileInput(AdminFileWidget):
    def format_value(self, value):
        value = super().format_value(value)
        annex = getattr(value, "instance", None)
        if value and annex is not None and annex.pk:
            return _AnnexFile(value, annex_admin_url(annex))
        return value


def annex_admin_url(annex) -> str:
    return reverse("admin:deliberations_deliberation_annex",
                   args=[annex.deliberation_id, annex.pk])


class AnnexInline(PublishedActInlineMixin, OrganisationScopeMixin, TabularInline):
    model = Annex
    formfield_overrides = {models.URLField: {"assume_scheme": "https"},
                           models.FileField: {"widget": AnnexFileInput}}
    extra = 0
    fields = ["position", "title", "file", "url"]
    readonly_fields = ["annex_file"]

    def get_fields(self, request, obj=None):
        # Read-only rows (a published act) show the download view's link, not /media/.
        if obj is not None and not self.has_change_permission(request, obj):
            return ["position", "title", "annex_file", "url"]
        return self.fields

    @admin.display(description="fichier")
    def annex_file(self, annex):
        if annex is None or annex.pk is None or not annex.file:
            return "—"
        return format_html('<a href="{}">{}</a>', annex_admin_url(annex),
                           PurePath(annex.file.name).name)


class NotificationInline(OrganisationScopeMixin, TabularInline):
    """Addressees of an individual decision and the date each was notified (L2131-1).
    Open after publication: a notification is a fact about the act, like its receipt."""

    model = Notification
    extra = 0
    fields = ["addressee", "notified_on"]

    @staticmethod
    def _open(obj) -> bool:
        # Only an individual decision is notified; other published acts are read-only.
        return obj is None or obj.is_individual or (
            obj.status != Deliberation.Status.PUBLISHED)

    def has_add_permission(self, request, obj=None):
        return self._open(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._open(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._open(obj) and super().has_delete_permission(request, obj)


class MemberVoteInline(PublishedActInlineMixin, OrganisationScopeMixin,
                       TabularInline):
    """Votes per member in a public roll call (L2121-21), read by the procès-verbal."""

    model = MemberVote
    formset = MemberVoteFormSet
    extra = 0
    autocomplete_fields = ["member", "for_member"]
    fields = ["member", "for_member", "choice"]


class AppointmentInline(PublishedActInlineMixin, OrganisationScopeMixin,
                        TabularInline):
    """Elections of persons decided by the deliberation (L2121-21); the votes per round are
    entered on each appointment's own page."""

    model = Appointment
    form = AppointmentAdminForm
    extra = 0
    fields = ["position", "office", "executive_election", "commission_or_outside_body",
              "secret_ballot_waived", "single_candidate"]
    autocomplete_fields = ["single_candidate"]
    show_change_link = True


class StatusChangeInline(OrganisationScopeMixin, TabularInline):
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
class DeliberationAdmin(LockedRecordAdminMixin, ImmutableRecordAdminMixin,
                        ExportExtractPermissionMixin, AuditedAdmin, OrganisationScopedAdmin):
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
                       "extracts_list", "rectified_by", "legal_record"]
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
        ("État publié", {"fields": ["legal_record"]}),
        ("Rectification", {
            "description": "Une délibération publiée ne se modifie plus : une erreur se "
            "corrige par une nouvelle délibération (ou un rectificatif d'erreur matérielle) "
            "qui indique ici celle qu'elle rectifie. Une fois publiée, la délibération "
            "rectifiée affiche un bandeau qui renvoie vers elle.",
            "fields": [("rectifies", "rectification_kind"), "rectified_by"],
        }),
    ]

    def locked_reason(self, deliberation) -> str:
        # A published act is changed only by a rectifying deliberation, never edited in place.
        if deliberation.status == Deliberation.Status.PUBLISHED:
            return immutability.PUBLISHED_ACT_LOCKED
        return ""

    def undeletable_reason(self, deliberation) -> str:
        # Only a draft may be deleted: an adopted act belongs to the registre.
        if deliberation.status == Deliberation.Status.PUBLISHED:
            return ("Une délibération publiée ne peut être supprimée : elle appartient au "
                    "registre. Rectifiez-la par une délibération rectificative (ou de retrait) "
                    "adoptée par l'assemblée.")
        if deliberation.status == Deliberation.Status.ADOPTED:
            return ("Une délibération adoptée ne peut être supprimée : elle appartient au "
                    "registre. Si son adoption a été enregistrée par erreur, repassez-la "
                    "d'abord en brouillon (bouton « Repasser en brouillon »).")
        if deliberation.status == Deliberation.Status.TRANSMITTED:
            return ("Une délibération transmise en préfecture ne peut être supprimée : son "
                    "retrait passe par une nouvelle délibération de l'assemblée.")
        return ""

    def inlines_open_when_locked(self, deliberation) -> tuple:
        # The notification of an individual decision follows its publication (L2131-1).
        return (NotificationInline,) if deliberation.is_individual else ()

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

    def annex_view(self, request, object_id, annex_pk):
        """An annex's file for staff who may see the act (scoped to their organisations),
        as a download: never rendered in the portal's origin (a clerk's upload)."""
        deliberation = self.get_object(request, unquote(object_id))
        if deliberation is None:
            raise Http404("Délibération introuvable.")
        if not self.has_view_permission(request, deliberation):
            raise PermissionDenied
        annex = deliberation.annexes.exclude(file="").filter(pk=annex_pk).first()
        if annex is None:
            raise Http404("Annexe introuvable.")
        response = FileResponse(annex.file.open("rb"), as_attachment=True,
                                filename=PurePath(annex.file.name).name)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "sandbox"
        response["Cache-Control"] = "private, no-store"
        return response

    def get_urls(self):
        return [
            path("<path:object_id>/apercu/", self.admin_site.admin_view(self.preview_view),
                 name="deliberations_deliberation_preview"),
            path("<path:object_id>/annexe/<int:annex_pk>/",
                 self.admin_site.admin_view(self.annex_view),
                 name="deliberations_deliberation_annex"),
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
        initial = {
            "transmitted_on": deliberation.transmitted_on or timezone.localdate(),
            "prefecture_act_id": deliberation.prefecture_act_id,
            "received_on": timezone.localdate(),
            "published_on": deliberation.published_on or timezone.localdate(),
        }
        if form_class is PublishForm:
            officers = selectors.session_officers(deliberation.session)
            kwargs = {
                "officers": officers,
                "needs_confirmation": deliberation.subject_to_transmission
                and deliberation.received_on is None,
            }
            # The president in office on the session date signs unless the clerk chooses a
            # vice-president (the first officer: selectors.session_officers).
            chosen = next((o for o in officers if o.member.pk == deliberation.signatory_id),
                          officers[0] if officers else None)
            if chosen is not None:
                initial["signatory"] = chosen.member.pk
                initial["signatory_capacity"] = (deliberation.signatory_capacity
                                                 if chosen.member.pk == deliberation.signatory_id
                                                 and deliberation.signatory_capacity
                                                 else chosen.capacity)
        data = request.POST.copy() if request.method == "POST" else None
        form = form_class(data, initial=initial, **kwargs)
        refusal, preview = [], None
        if request.method == "POST" and form.is_valid():
            try:
                if form_class is PublishForm and not (
                        "confirm" in request.POST
                        and form.cleaned_data["preview_key"] == form.preview_fingerprint()):
                    preview = self._publish_preview(deliberation, form.cleaned_data,
                                                    request.user)
                    data["preview_key"] = form.preview_fingerprint()
                    form = form_class(data, initial=initial, **kwargs)
                    form.is_valid()
                else:
                    self._run_step(step, deliberation, form.cleaned_data, request.user)
            except ValidationError as error:
                refusal = error.messages
                deliberation.refresh_from_db()
            else:
                if preview is None:
                    deliberation.refresh_from_db()
                    self.message_user(
                        request, f"« {label} » : fait. La délibération est maintenant "
                        f"« {deliberation.get_status_display()} ».", messages.SUCCESS)
                    return redirect("admin:deliberations_deliberation_change",
                                    deliberation.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": label,
            "subtitle": deliberation.title[:120],
            "opts": self.model._meta,
            "original": deliberation,
            "deliberation": deliberation,
            "form": form,
            "refusal": refusal,
            "preview": preview,
            "is_publish": form_class is PublishForm,
            "allowed": step in next_steps(deliberation),
            "has_view_permission": True,
        }
        return TemplateResponse(request, "admin/deliberations/deliberation/lifecycle.html",
                                context)

    def _publish_preview(self, deliberation, data, user) -> str:
        """The certified text and signature block as publication would issue them: the
        publication runs in a transaction that is rolled back (its checks and refusals are
        the real ones; no extract is issued, no history row kept)."""

        class PreviewDone(Exception):
            pass

        try:
            with transaction.atomic():
                self._run_step("publier", deliberation, data, user)
                certified = issuing.certified_data(deliberation)
                raise PreviewDone
        except PreviewDone:
            pass
        finally:
            deliberation.refresh_from_db()
        context = issuing.extract_context(certified, issuing.IssueInfo(
            code="APERCU", version=0, issued_at=timezone.now()))
        return render_to_string("admin/deliberations/issuedextract/_certified_text.html",
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

    @admin.display(description="état publié")
    def legal_record(self, deliberation):
        """The act's record (deliberations.record): as it will be frozen, before "Publier";
        as it was frozen, with its fingerprint checked, once published."""
        if deliberation is None or deliberation.pk is None:
            return "Enregistrez la délibération pour voir l'état qui sera figé à sa publication."
        if deliberation.status == Deliberation.Status.PUBLISHED:
            check = record.record_check(deliberation.pk)
            if check is None:
                return ("Publiée avant que l'état publié ne soit figé : "
                        "« manage.py freeze_published_records » le fige.")
            return format_html(
                "Figé à la publication ; empreinte SHA-256 <code>{}</code> — {}.",
                check.stored, "intact" if check.matches else
                "NE CORRESPOND PLUS à l'état enregistré : modifié hors du registre")
        legal = record.record_for(deliberation)
        quorum = "; ".join(
            f"questions {r.first_item}{f' à {r.last_item}' if r.last_item else ' et suivantes'}"
            f" : {r.present} présents, {r.represented} représentés, quorum "
            f"{'atteint' if r.quorum_met else 'NON ATTEINT'}" for r in legal.quorum
        ) or "présences non renseignées"
        facts = [
            ("Quorum", quorum),
            ("Vote", legal.vote.wording),
            ("Exécutoire le", f"{legal.publication.executory_on:%d/%m/%Y}"
             if legal.publication.executory_on else "—"),
            ("Recours jusqu'au", f"{legal.publication.appeal_deadline:%d/%m/%Y}"
             if legal.publication.appeal_deadline else "—"),
        ]
        return format_html(
            "<p>L'état qui sera figé à la publication (<a href=\"{}\">aperçu de la page "
            "publique</a>) :</p><ul>{}</ul>",
            reverse("admin:deliberations_deliberation_preview", args=[deliberation.pk]),
            format_html_join("", "<li>{} : {}</li>", facts))

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
