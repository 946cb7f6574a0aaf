"""Admin screens of the session documents, additive to the existing admin: the clerk opens
a procès-verbal for a held session, writes the substance of the discussions per item, records
its adoption at a later session and its signature (which publishes the PDF); publishes the
list of deliberations examined; generates the registre of a body and a year. Every write goes
through documents/services.py; French errors come from there."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from deliberations import rules
from deliberations.documents import convocation as convocation_doc
from deliberations.documents import listing, services
from deliberations.documents import selectors as document_selectors
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
from portal.kernel.admin_inlines import TabularInline
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


class DocumentFileAdminMixin:
    """A document's PDF served by a view that checks the account may see the document (its
    organisations), never a raw /media/ link (MEDIA_URL is not served): the page shows
    ``download`` where the model's ``file`` would be."""

    def get_urls(self):
        opts = self.model._meta
        return [
            path("<path:object_id>/fichier/", self.admin_site.admin_view(self.file_view),
                 name=f"{opts.app_label}_{opts.model_name}_file"),
        ] + super().get_urls()

    def file_name(self, obj) -> str:
        return f"{self.model._meta.model_name}-{obj.pk}.pdf"

    def file_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Document introuvable.")
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        if not obj.file:
            raise Http404("Ce document n'a pas encore de PDF.")
        response = FileResponse(obj.file.open("rb"), content_type="application/pdf",
                                filename=self.file_name(obj))
        response["Content-Disposition"] = f'inline; filename="{self.file_name(obj)}"'
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.display(description="PDF")
    def download(self, obj):
        if obj is None or obj.pk is None or not obj.file:
            return "—"
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_file", args=[obj.pk])
        return format_html('<a href="{}">Télécharger {} (PDF)</a>', url, self.file_name(obj))

    def get_fields(self, request, obj=None):
        return ["download" if name == "file" else name
                for name in super().get_fields(request, obj)]

    def get_readonly_fields(self, request, obj=None):
        fields = ["download" if name == "file" else name
                  for name in super().get_readonly_fields(request, obj)]
        return [*fields, "download"] if "download" not in fields else fields


def session_document_links(session) -> list[tuple[str, str]]:
    """(label, admin download URL) of a session's documents, for its admin page: the
    convocation, the list of deliberations, the procès-verbal, and the registre of each
    year of the body that holds the session's acts."""
    links = []
    # One query for the three one-to-one documents, one for the registre.
    documents = Session.objects.select_related(
        "convocation", "deliberation_list", "minutes").get(pk=session.pk)
    convocation = getattr(documents, "convocation", None)
    if convocation is not None and convocation.file:
        links.append((f"Convocation envoyée le {timezone.localtime(convocation.sent_at):%d/%m/%Y}",
                      reverse("admin:deliberations_convocation_file", args=[convocation.pk])))
    listing = getattr(documents, "deliberation_list", None)
    if listing is not None and listing.file:
        links.append((f"Liste des délibérations publiée le {listing.published_on:%d/%m/%Y}",
                      reverse("admin:deliberations_deliberationlist_file", args=[listing.pk])))
    minutes = getattr(documents, "minutes", None)
    if minutes is not None and minutes.file:
        links.append(("Procès-verbal publié" + (
            f" le {minutes.published_on:%d/%m/%Y}" if minutes.published_on else ""),
            reverse("admin:deliberations_minutes_file", args=[minutes.pk])))
    registre = (Registre.objects.filter(body_id=session.body_id, year=session.date.year)
                .exclude(file="").order_by("-version").first())
    if registre is not None:
        links.append((f"Registre {registre.year} du {session.body.name}, version "
                      f"{registre.version}",
                      reverse("admin:deliberations_registre_file", args=[registre.pk])))
    return links


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
class MinutesAdmin(DocumentFileAdminMixin, ScopedDocumentAdmin):
    form = MinutesForm
    inlines = [MinutesItemInline]
    list_display = ["session", "status", "approved_at", "published_on", "publication_due"]
    list_filter = ["status"]
    list_select_related = ["session__body", "approved_at__body"]

    def file_name(self, obj) -> str:
        return f"proces-verbal-{obj.session_id}.pdf"


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
            approved = self._apply(request, services.minutes_approve, minutes=minutes,
                                   at_session=form.cleaned_data["approve_at"])
            if approved is not None and approved.approval_warning:
                self.message_user(request, approved.approval_warning, messages.WARNING)
        elif form.cleaned_data.get("sign_on"):
            self._apply(request, services.minutes_publish, minutes=minutes,
                        signed_on=form.cleaned_data["sign_on"])

    def has_delete_permission(self, request, obj=None):
        return obj is None or obj.status == Minutes.Status.DRAFT


@admin.register(DeliberationList)
class DeliberationListAdmin(DocumentFileAdminMixin, ScopedDocumentAdmin):
    list_display = ["session", "version", "published_on", "deadline"]
    list_select_related = ["session__body"]
    actions = ["republish"]

    @admin.action(description="Publier une nouvelle version des listes dont les "
                  "délibérations ont changé", permissions=["change"])
    def republish(self, request, queryset):
        done = 0
        for document in queryset.select_related("session"):
            result = self._apply(request, services.deliberation_list_republish,
                                 session=document.session)
            if result is not None and result[1]:
                done += 1
        self.message_user(request, f"Nouvelles versions publiées : {done} ; les autres "
                          "listes étaient à jour.", messages.SUCCESS)

    def file_name(self, obj) -> str:
        return f"liste-des-deliberations-{obj.session_id}.pdf"


    @admin.display(description="délai (L2121-25)")
    def deadline(self, obj):
        due = rules.deliberation_list_deadline(obj.session.date)
        late = " — publiée en retard" if obj.published_on > due else ""
        return f"{due:%d/%m/%Y}{late}"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["session"]
        return ["session", "version", "published_on", "entries_table", "current", "file",
                "sha256", "earlier", "created_by", "communicated_on"]

    @admin.display(description="versions précédentes")
    def earlier(self, obj):
        if obj is None or not obj.earlier_versions:
            return "Aucune : c'est la première version."
        return format_html_join(", ", "version {} publiée le {} ({} délibération{})", (
            (row["version"], f"{datetime.date.fromisoformat(row['published_on']):%d/%m/%Y}",
             len(row["entries"]), "s" if len(row["entries"]) > 1 else "")
            for row in obj.earlier_versions))

    @admin.display(description="délibérations de la liste publiée")
    def entries_table(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return render_to_string("admin/deliberations/deliberationlist/_entries.html",
                                {"entries": obj.entries})

    @admin.display(description="état par rapport à la séance")
    def current(self, obj):
        """Whether the published list still tells the session's acts as they are now (an act
        added or retitled after publication makes it stale)."""
        if obj is None or obj.pk is None:
            return "—"
        now = listing.list_entries(obj.session)
        if now == obj.entries:
            return "À jour : la liste publiée reprend les délibérations de la séance."
        published = {(e["item_number"], e["title"]) for e in obj.entries}
        current = {(e["item_number"], e["title"]) for e in now}
        added = sorted(current - published, key=lambda e: (e[0] is None, e[0] or 0))
        removed = sorted(published - current, key=lambda e: (e[0] is None, e[0] or 0))
        changes = [f"ajoutée ou modifiée depuis : {title[:80]}" for _, title in added] + [
            f"plus à la séance sous ce titre : {title[:80]}" for _, title in removed]
        if not changes:
            changes = ["numéros d'acte ou résultats modifiés depuis la publication"]
        return format_html(
            '<strong class="errornote">La liste publiée ne correspond plus aux délibérations '
            "de la séance ({}).</strong> Publiez-en une nouvelle version : cochez-la dans "
            "la liste des listes et choisissez l'action « Publier une nouvelle version ».",
            " ; ".join(changes))

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
class RegistreAdmin(DocumentFileAdminMixin, ScopedDocumentAdmin):
    form = RegistreForm
    list_display = ["body", "year", "version", "act_count", "page_count", "generated_at",
                    "sha256"]
    list_filter = ["year"]
    list_select_related = ["body"]

    def file_name(self, obj) -> str:
        return f"registre-{obj.body.slug}-{obj.year}-v{obj.version}.pdf"


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
            # The confirmation names the version generated ("version 2", never "None").
            obj.pk, obj.version = registre.pk, registre.version
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


class ConvocationDeliveryInline(OrganisationScopeMixin, TabularInline):
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
class ConvocationAdmin(DocumentFileAdminMixin, ScopedDocumentAdmin):
    """Send the convocation of a session: choose the session (its agenda must be entered),
    say whether it is urgent; the sending is recorded and cannot be changed."""

    def file_name(self, obj) -> str:
        return f"convocation-{obj.session_id}.pdf"

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
                "Un aperçu de la convocation (PDF/A, ordre du jour et notes) dit combien d'élus "
                "la recevront par courriel et lesquels sont à convoquer par courrier, avant "
                "l'envoi.")
        return form

    def get_urls(self):
        return [
            path("courrier/<int:session_id>/", self.admin_site.admin_view(self.postal_view),
                 name="deliberations_convocation_postal"),
        ] + super().get_urls()

    def _scoped_session(self, request, session_id):
        session = scoped_for(request, Session.objects.select_related(
            "body__organisation")).filter(pk=session_id).first()
        if session is None:
            raise Http404("Séance introuvable.")
        return session

    def postal_view(self, request, session_id):
        """The members without a convocation address, to convene by post: a printable
        list (the preview links to it before sending)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        session = self._scoped_session(request, session_id)
        _, by_post = document_selectors.convocation_recipients(session)
        return TemplateResponse(request, "admin/deliberations/convocation/postal.html", {
            **self.admin_site.each_context(request), "title": "Élus à convoquer par courrier",
            "session": session, "members": by_post, "opts": self.model._meta,
        })

    def add_view(self, request, form_url="", extra_context=None):
        """"Envoyer" comes after a preview: the convocation as it will be signed, how many
        members receive it by e-mail and who, without an address, is convened by post."""
        if request.method == "POST" and "confirm" not in request.POST:
            form = self.get_form(request)(request.POST)
            if form.is_valid():
                session = form.cleaned_data["session"]
                urgent = form.cleaned_data.get("urgent", False)
                refusal = []
                try:
                    services.convocation_check_sendable(session=session,
                                                        sent_on=timezone.localdate())
                except ValidationError as error:
                    refusal = error.messages
                addresses, by_post = document_selectors.convocation_recipients(session)
                context = convocation_doc.convocation_context(
                    session, sent_on=timezone.localdate(), urgent=urgent)
                return TemplateResponse(
                    request, "admin/deliberations/convocation/preview.html", {
                        **self.admin_site.each_context(request),
                        "title": "Aperçu de la convocation avant envoi",
                        "opts": self.model._meta, "session": session, "urgent": urgent,
                        "refusal": refusal,
                        "by_email": len(addresses), "by_post": by_post,
                        "body": render_to_string(
                            "deliberations/documents/_convocation_body.html",
                            {**context, "member": None}),
                    })
        return super().add_view(request, form_url, extra_context)

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
