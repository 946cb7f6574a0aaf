"""Admin screens of the session documents, additive to the existing admin: the clerk opens
a procès-verbal for a held session, writes the substance of the discussions per item, records
its adoption at a later session and its signature (which publishes the PDF); publishes the
list of deliberations examined; generates the registre of a body and a year. Every write goes
through documents/services.py; French errors come from there."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.html import format_html

from deliberations import rules
from deliberations.documents import services
from deliberations.models import (
    AgendaItem,
    Convocation,
    ConvocationAddress,
    ConvocationDelivery,
    DeliberationList,
    Minutes,
    MinutesItem,
    Registre,
    Session,
)
from portal.kernel.scope import (
    OrganisationScopedAdmin,
    OrganisationScopeMixin,
    organisation_ids,
    scoped_for,
)
from portal.models import Body


class ScopedDocumentAdmin(OrganisationScopedAdmin):
    """A document screen: limited to the account's organisations (each model's
    organisation_path, portal.kernel.scope), its writes made by documents/services.py."""

    # The add forms call a service; when it refuses (French message shown), nothing was
    # created: no log entry, and the clerk comes back to the form.
    def log_addition(self, request, obj, message):
        if obj.pk is not None:
            return super().log_addition(request, obj, message)
        return None

    def response_add(self, request, obj, post_url_continue=None):
        if obj.pk is None:
            return HttpResponseRedirect(request.path)
        return super().response_add(request, obj, post_url_continue)

    def _apply(self, request, function, **kwargs):
        try:
            return function(by=request.user, **kwargs)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return None


class MinutesItemInline(OrganisationScopeMixin, admin.StackedInline):
    model = MinutesItem
    fields = ["deliberation", "ballot_request", "discussion"]
    readonly_fields = ["deliberation"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # Read-only once adopted (L2121-15: the text is the one the body adopted).
        editable = obj is None or obj.status == Minutes.Status.DRAFT
        return editable and super().has_change_permission(request, obj)


class MinutesForm(forms.ModelForm):
    approve_at = forms.ModelChoiceField(
        queryset=Session.objects.none(), required=False, label="arrêté lors de la séance",
        help_text="Séance postérieure de la même assemblée, au commencement de laquelle le "
        "procès-verbal a été arrêté (L2121-15).",
    )
    sign_on = forms.DateField(
        required=False, label="signé par le président et le secrétaire le",
        help_text="Renseigner publie le procès-verbal (PDF/A) : il ne pourra plus être "
        "modifié.", widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Minutes
        fields = ["session", "opening"]


@admin.register(Minutes)
class MinutesAdmin(ScopedDocumentAdmin):
    form = MinutesForm
    inlines = [MinutesItemInline]
    list_display = ["session", "status", "approved_at", "published_on", "publication_due"]
    list_filter = ["status"]
    list_select_related = ["session__body", "approved_at__body"]

    @admin.display(description="publication due au plus tard le")
    def publication_due(self, obj):
        if obj.approved_at is None:
            return "—"
        due = rules.minutes_publication_deadline(obj.approved_at.date)
        if obj.published_on is None and timezone.localdate() > due:
            return format_html('<strong class="errornote">{} (en retard)</strong>',
                               f"{due:%d/%m/%Y}")
        return f"{due:%d/%m/%Y}"

    def get_inlines(self, request, obj):
        # The items are created with the draft, from the deliberations examined.
        return [] if obj is None else self.inlines

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["session"]
        fields = ["session", "status", "opening", "approved_at", "signed_on", "published_on",
                  "file", "sha256", "communicated_on"]
        if obj.status == Minutes.Status.DRAFT:
            fields.append("approve_at")
        elif obj.status == Minutes.Status.APPROVED:
            fields.append("sign_on")
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        readonly = ["session", "status", "approved_at", "signed_on", "published_on", "file",
                    "sha256"]
        if obj.status != Minutes.Status.DRAFT:
            readonly.append("opening")
        return readonly

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "approve_at" in form.base_fields:
            form.base_fields["approve_at"].queryset = Session.objects.filter(
                body=obj.session.body, date__gt=obj.session.date, status=Session.Status.HELD)
        if obj is None and "session" in form.base_fields:
            form.base_fields["session"].queryset = scoped_for(
                request, Session.objects.filter(status=Session.Status.HELD, minutes__isnull=True))
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            minutes = self._apply(request, services.minutes_draft, session=obj.session)
            if minutes is not None:
                obj.pk = minutes.pk
            return
        # Only the text of a draft changes; the date of communication to the member communes
        # (L5211-40-2) is recorded whatever the state, it is not part of the PV.
        fields = ["communicated_on", "updated_at"]
        if obj.status == Minutes.Status.DRAFT:
            fields.append("opening")
        obj.save(update_fields=fields)

    def save_related(self, request, form, formsets, change):
        if form.instance.pk is None:
            return
        minutes = Minutes.objects.get(pk=form.instance.pk)
        if minutes.status == Minutes.Status.DRAFT:
            super().save_related(request, form, formsets, change)
        else:
            # Adopted text: nothing of the items is saved (the change message reads these).
            for formset in formsets:
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if form.cleaned_data.get("approve_at"):
            self._apply(request, services.minutes_approve, minutes=minutes,
                        at_session=form.cleaned_data["approve_at"])
        elif form.cleaned_data.get("sign_on"):
            self._apply(request, services.minutes_publish, minutes=minutes,
                        signed_on=form.cleaned_data["sign_on"])

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.status == Minutes.Status.DRAFT


@admin.register(DeliberationList)
class DeliberationListAdmin(ScopedDocumentAdmin):
    list_display = ["session", "published_on", "deadline"]
    list_select_related = ["session__body"]

    @admin.display(description="délai (L2121-25)")
    def deadline(self, obj):
        due = rules.deliberation_list_deadline(obj.session.date)
        late = " — publiée en retard" if obj.published_on > due else ""
        return f"{due:%d/%m/%Y}{late}"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["session"]
        return ["session", "published_on", "entries", "file", "sha256", "created_by",
                "communicated_on"]

    def get_readonly_fields(self, request, obj=None):
        # Published as generated: only the date of communication to the member communes
        # (L5211-40-2) is recorded afterwards.
        return [] if obj is None else self.get_fields(request, obj)[:-1]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None and "session" in form.base_fields:
            form.base_fields["session"].queryset = scoped_for(request, Session.objects.filter(
                status=Session.Status.HELD, deliberation_list__isnull=True))
            form.base_fields["session"].help_text = (
                "La liste est générée à partir des délibérations de la séance et publiée "
                "aujourd'hui (PDF/A et page publique de la séance).")
        return form

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["communicated_on"])
            return
        document = self._apply(request, services.deliberation_list_publish, session=obj.session)
        if document is not None:
            obj.pk = document.pk

    def has_delete_permission(self, request, obj=None):
        return False


class RegistreForm(forms.ModelForm):
    class Meta:
        model = Registre
        fields = ["body", "year"]


@admin.register(Registre)
class RegistreAdmin(ScopedDocumentAdmin):
    form = RegistreForm
    list_display = ["body", "year", "version", "act_count", "page_count", "generated_at",
                    "sha256"]
    list_filter = ["year"]
    list_select_related = ["body"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["body", "year"]
        return ["body", "year", "version", "act_count", "page_count", "file", "sha256",
                "content_fingerprint", "generated_at", "generated_by"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    def save_model(self, request, obj, form, change):
        body = Body.objects.get(pk=obj.body_id)
        result = self._apply(request, services.registre_generate, body=body, year=obj.year)
        if result is not None:
            registre, generated = result
            obj.pk = registre.pk
            if not generated:
                self.message_user(request, "Aucun acte n'a changé : la dernière version du "
                                  "registre reste valable.", messages.INFO)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AgendaItem)
class AgendaItemAdmin(ScopedDocumentAdmin):
    """The agenda of a session (ordre du jour), item by item, before the convocation."""

    list_display = ["session", "position", "title", "rapporteur"]
    list_select_related = ["session__body", "rapporteur"]
    list_filter = ["session__body"]
    autocomplete_fields = ["rapporteur"]
    fields = ["session", "position", "title", "rapporteur", "note"]

    def has_change_permission(self, request, obj=None):
        # The agenda sent is the one convened: frozen once the convocation left.
        if obj is not None and Convocation.objects.filter(session=obj.session_id).exists():
            return False
        return super().has_change_permission(request, obj)

    has_delete_permission = has_change_permission


@admin.register(ConvocationAddress)
class ConvocationAddressAdmin(ScopedDocumentAdmin):
    """Where each organisation convenes its members: an address per member and
    organisation, seen and changed by that organisation's clerks only."""

    list_display = ["member", "organisation", "email"]
    list_filter = ["organisation"]
    list_select_related = ["member", "organisation"]
    search_fields = ["member__last_name", "member__first_name", "email"]
    autocomplete_fields = ["member"]
    fields = ["organisation", "member", "email"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        ids = organisation_ids(request)
        if ids is not None and len(ids) == 1:
            initial.setdefault("organisation", ids[0])
        return initial


class ConvocationDeliveryInline(OrganisationScopeMixin, admin.TabularInline):
    model = ConvocationDelivery
    fields = ["member", "email", "sent_at", "sha256", "opened_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ConvocationForm(forms.ModelForm):
    class Meta:
        model = Convocation
        fields = ["session", "urgent"]


@admin.register(Convocation)
class ConvocationAdmin(ScopedDocumentAdmin):
    """Send the convocation of a session: choose the session (its agenda must be entered),
    say whether it is urgent; the sending is recorded and cannot be changed."""

    form = ConvocationForm
    list_display = ["session", "sent_at", "urgent", "delay", "delivery_count"]
    list_select_related = ["session__body"]
    inlines = [ConvocationDeliveryInline]

    @admin.display(description="délai L2121-12")
    def delay(self, obj):
        problem = rules.convocation_delay_problem(
            sent_on=timezone.localdate(obj.sent_at), session_on=obj.session.date,
            urgent=obj.urgent)
        if problem:
            return format_html('<strong class="errornote">Non respecté : {}</strong>', problem)
        return "Respecté"

    @admin.display(description="envois")
    def delivery_count(self, obj):
        return obj.deliveries.count()

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["session", "urgent"]
        return ["session", "urgent", "sent_at", "subject", "file", "sha256", "sent_by"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None and "session" in form.base_fields:
            form.base_fields["session"].queryset = scoped_for(request, Session.objects.filter(
                status__in=[Session.Status.DRAFT, Session.Status.CONVENED],
                convocation__isnull=True))
            form.base_fields["session"].help_text = (
                "La convocation (PDF/A, ordre du jour et notes) est envoyée maintenant par "
                "courriel à chaque élu en exercice ayant une adresse de convocation.")
        return form

    def save_model(self, request, obj, form, change):
        result = self._apply(request, services.convocation_send, session=obj.session,
                             urgent=obj.urgent)
        if result is None:
            return
        convocation, missing = result
        obj.pk = convocation.pk
        if missing:
            self.message_user(request, (
                f"{len(missing)} élu(s) sans adresse de convocation, à convoquer par courrier : "
                + ", ".join(m.full_name for m in missing)), messages.WARNING)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
