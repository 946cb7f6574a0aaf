import datetime

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from portal.models import (
    Body,
    BodySettings,
    Commune,
    Mandate,
    Member,
    Organisation,
    StaffAssignment,
)


def user_organisation_ids(request) -> list[int] | None:
    """Organisations a staff account works for (StaffAssignment); None for a superuser,
    who is not restricted. Cached on the request."""
    if request.user.is_superuser:
        return None
    cached = getattr(request, "_organisation_ids", None)
    if cached is None:
        cached = list(request.user.assignments.values_list("organisation_id", flat=True))
        request._organisation_ids = cached
    return cached


def scope_queryset(request, queryset):
    """Restrict any queryset of a scoped model to the account's organisations.

    Members (élus) are shared between organisations (an élu of the CABBALR also sits in the
    PMA): an account sees those with a seat in one of its organisations, and those with no
    seat yet that its organisation created (their mandate comes next).
    """
    ids = user_organisation_ids(request)
    if ids is None:
        return queryset
    model = queryset.model
    if model is Member:
        return queryset.filter(
            Q(mandates__body__organisation__in=ids)
            | Q(mandates__isnull=True, created_by_organisation__in=ids)
        ).distinct()
    path = ORGANISATION_PATHS.get(model._meta.label)
    if path is None:
        return queryset
    return queryset.filter(**{f"{path}__in": ids}).distinct()


# How each scoped model reaches its organisation.
ORGANISATION_PATHS = {
    "portal.Organisation": "pk",
    "portal.Commune": "organisation",
    "portal.Body": "organisation",
    "portal.Mandate": "body__organisation",
    "deliberations.Session": "body__organisation",
    "deliberations.WrittenProxy": "body__organisation",
    "deliberations.Deliberation": "session__body__organisation",
    "deliberations.IssuedExtract": "deliberation__session__body__organisation",
    "deliberations.Appointment": "deliberation__session__body__organisation",
}


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A list filter on a related object offering only those of the account's
    organisations (a clerk of one organisation does not see the others' names)."""

    def field_choices(self, field, request, model_admin):
        queryset = scope_queryset(request, field.related_model._default_manager.all())
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        if field.related_model is Body:
            queryset = queryset.select_related("organisation")  # Body.__str__
        return [(obj.pk, str(obj)) for obj in queryset]


class _KeysOnlyMixin:
    """Django's autocomplete widgets look the submitted values up in the database when a form
    comes back with errors: a value that is not a key ("abc", NUL, 10³⁰) makes that query fail
    with a server error instead of the form's French error message. Only values that are
    valid keys are looked up; the field itself still reports the invalid choice."""

    def optgroups(self, name, value, attr=None):
        model = self.field.remote_field.model
        target = model._meta.get_field(
            getattr(self.field.remote_field, "field_name", None) or model._meta.pk.name)
        keys = []
        for item in value:
            try:
                target.run_validators(target.to_python(item))
            except (ValidationError, TypeError, ValueError):
                continue
            keys.append(item)
        return super().optgroups(name, keys, attr)


class KeysOnlyAutocompleteSelect(_KeysOnlyMixin, AutocompleteSelect):
    pass


class KeysOnlyAutocompleteSelectMultiple(_KeysOnlyMixin, AutocompleteSelectMultiple):
    pass


class OrganisationScopeMixin:
    """For ModelAdmin and inlines: lists, change pages, list filters and every related
    choice (foreign keys, many-to-many, autocomplete) are limited to the account's
    organisations."""

    def get_list_filter(self, request):
        filters = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and get_fields_from_path(self.model, item)[-1].is_relation:
                item = (item, ScopedRelatedFieldListFilter)
            filters.append(item)
        return filters

    # Addresses typed without a scheme are public-sector sites: assume https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return scope_queryset(request, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault(
            "queryset",
            scope_queryset(request, db_field.remote_field.model._default_manager.all()),
        )
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault("widget", KeysOnlyAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault(
            "queryset",
            scope_queryset(request, db_field.remote_field.model._default_manager.all()),
        )
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault("widget", KeysOnlyAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class OrganisationScopedAdmin(OrganisationScopeMixin, admin.ModelAdmin):
    """ModelAdmin restricted to the organisations of the staff account."""


class FrenchHistoryValues(HistoricalRecordContextHelper):
    """Values of a history diff as a clerk reads them: the label of a choice ("Publiée", not
    "published"), "oui"/"non", "(vide)" for an empty value (never "None")."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if value is None or value == "":
            return "(vide)"
        if isinstance(value, bool):
            return "oui" if value else "non"
        if field.choices and not isinstance(value, list):
            return dict(field.flatchoices).get(value, value)
        return value


class AuditedAdmin(SimpleHistoryAdmin):
    """The « Historique » of a governance record (django-simple-history): every creation,
    change and deletion with the account and the time, and for a change what it changed
    (field: before → after). ``related_history`` adds the history of rows edited on this
    record's page that have no page of their own, e.g. a session's attendance:
    [(model, field naming this record, title, relations its name is made of)].

    Reading only: nothing is reverted from the history (SIMPLE_HISTORY_REVERT_DISABLED; a
    published act changes only by a rectification), and an account reads the history of
    the records it may see, nothing else (a deleted record's: superusers only)."""

    object_history_template = "admin/audit/object_history.html"
    object_history_list_template = "admin/audit/object_history_list.html"
    related_history: list[tuple[type[models.Model], str, str, list[str]]] = []
    related_history_limit = 200

    def _visible_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            return obj
        try:
            exists = self.model._default_manager.filter(pk=unquote(object_id)).exists()
        except (ValueError, ValidationError) as error:
            raise Http404("Objet introuvable.") from error
        if exists or not request.user.is_superuser:
            raise Http404("Objet introuvable.")
        return None

    def history_view(self, request, object_id, extra_context=None):
        obj = self._visible_object(request, object_id)
        related = []
        if obj is not None:
            for model, field, title, relations in self.related_history:
                records = model.history.filter(**{f"{field}_id": obj.pk})
                path = ORGANISATION_PATHS.get(model._meta.label)
                ids = user_organisation_ids(request)
                if path and ids is not None:
                    records = records.filter(**{f"{path}__in": ids})
                records = list(
                    records.select_related("history_user", *relations)
                    .order_by("-history_date", "-history_id")[: self.related_history_limit]
                )
                for record in records:
                    # The row's name from the relations read with it: one query per
                    # section, not one per row.
                    row = record.history_object
                    for name in {relation.split("__")[0] for relation in relations}:
                        setattr(row, name, getattr(record, name))
                    record.row_label = str(row)
                self._set_related_deltas(request, model, records)
                related.append({"title": title, "records": records,
                                "truncated": len(records) == self.related_history_limit})
        # The admin's own journal (Django's « Historique » before this one): its messages
        # say what a screen did ("Liste de présence importée du registre : …").
        actions = []
        if obj is not None:
            from django.contrib.admin.models import LogEntry

            actions = (
                LogEntry.objects.filter(
                    object_id=str(obj.pk),
                    content_type=ContentType.objects.get_for_model(self.model),
                )
                .select_related("user")
                .order_by("-action_time")
            )
        extra_context = {**(extra_context or {}), "related_histories": related,
                         "admin_actions": actions}
        return super().history_view(request, object_id, extra_context)

    def _set_related_deltas(self, request, model, records):
        """What each record changed since the previous record of the same row, as the main
        history does (records are newest first)."""
        previous = {}
        for record in reversed(records):
            older = previous.get(record.id)
            if older is not None and record.history_type == "~":
                delta = record.diff_against(older, foreign_keys_are_objs=True)
                record.history_delta_changes = FrenchHistoryValues(
                    model, record).context_for_delta_changes(delta)
            previous[record.id] = record

    def history_view_title(self, request, obj):
        return f"Historique : {obj}"

    def history_form_view_title(self, request, obj):
        return f"Version enregistrée : {obj}"

    def get_historical_record_context_helper(self, request, historical_record):
        return FrenchHistoryValues(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history's page of a past version would save its form when posted, with
        # only the "view history" right checked: here it is a page to read.
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        self._visible_object(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin, OrganisationScopedAdmin):
    """Organisations are created, deleted and renamed by superusers only: an organisation
    gets a public page, so a clerk could otherwise publish a spoofed one ("Préfecture
    (officiel)" with a phishing link). A clerk keeps their own organisation's practical
    details up to date."""

    list_display = ["name", "short_name", "kind", "siret", "arrondissement"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "siren", "siret"]
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["member_organisations"]
    # What a clerk of the organisation may change; everything else is its identity.
    CLERK_FIELDS = ("arrondissement", "sub_prefecture", "administrative_court", "seat_address",
                    "website")

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return [field.name for field in Organisation._meta.get_fields()
                if field.concrete and field.editable and not field.auto_created
                and field.name not in self.CLERK_FIELDS]

    def get_prepopulated_fields(self, request, obj=None):
        if not request.user.is_superuser:
            return {}
        return super().get_prepopulated_fields(request, obj)


@admin.register(Commune)
class CommuneAdmin(OrganisationScopedAdmin):
    list_display = ["name", "insee_code", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name", "insee_code"]
    list_select_related = ["organisation"]


class BodySettingsInline(admin.StackedInline):
    """The body's own rules (statutes of a syndicat mixte), each with its source text; without
    a record the CGCT defaults apply (deliberations.rules.CGCT_RULES)."""

    model = BodySettings
    extra = 0
    max_num = 1
    can_delete = True
    fields = [("quorum_counts_represented", "quorum_source"),
              ("proxies_per_holder", "proxies_source"),
              ("convocation_clear_days", "convocation_source"),
              ("remote_from_designated_places", "remote_source"),
              ("two_thirds_basis", "seats", "two_thirds_source"),
              ("weighted_votes", "quorum_in_voices", "weights_source")]


@admin.register(Body)
class BodyAdmin(AuditedAdmin, OrganisationScopedAdmin):
    list_display = ["name", "organisation", "kind", "delegated_by"]
    list_filter = ["organisation", "kind"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation", "delegated_by"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BodySettingsInline]


class MandateInline(OrganisationScopeMixin, admin.TabularInline):
    model = Mandate
    fk_name = "member"
    extra = 0
    autocomplete_fields = ["body", "commune", "substitute_for"]
    # substitute_for: the titular member a délégué suppléant is designated for (L5211-6).
    fields = ["body", "role", "vice_president_rank", "delegation", "commune", "substitute_for",
              "voices", "start_on", "end_on"]


def member_organisations(member, *, current_on: datetime.date | None = None) -> set[int]:
    """Organisations where a member holds a mandate; with `current_on`, only mandates not
    ended on that date (a seat starting later counts: the élu is elected)."""
    mandates = Mandate.objects.filter(member=member)
    if current_on is not None:
        mandates = mandates.filter(Q(end_on__isnull=True) | Q(end_on__gte=current_on))
    return set(mandates.values_list("body__organisation_id", flat=True))


def may_change_member(request, member) -> bool:
    """A member is changed by a clerk of an organisation where they hold a current mandate;
    a member who never held one, by the organisation that created them."""
    ids = user_organisation_ids(request)
    if ids is None:
        return True
    current = member_organisations(member, current_on=timezone.localdate())
    if current:
        return bool(current & set(ids))
    if not Mandate.objects.filter(member=member).exists():
        return member.created_by_organisation_id in ids
    return False  # mandates all ended: history of the organisations, changed by a superuser


def may_change_member_identity(request, member) -> bool:
    """Name, civility and slug of a member appear on the pages, API and certified extracts
    of every organisation where they sit: changed by a superuser, or by an account assigned
    to all of those organisations."""
    ids = user_organisation_ids(request)
    if ids is None:
        return True
    concerned = member_organisations(member)
    if member.created_by_organisation_id is not None:
        concerned.add(member.created_by_organisation_id)
    return concerned <= set(ids) and may_change_member(request, member)


@admin.register(Member)
class MemberAdmin(AuditedAdmin, OrganisationScopedAdmin):
    """Élus with a seat in the account's organisations (or none yet, created by one of them);
    on each page only the mandates in those organisations are shown and editable."""

    # Only the mandates in the account's organisations (ORGANISATION_PATHS).
    related_history = [(Mandate, "member", "Mandats", ["member", "body__organisation"])]

    list_display = ["last_name", "first_name", "civility"]
    search_fields = ["last_name", "first_name", "match_key"]
    prepopulated_fields = {"slug": ["last_name", "first_name"]}
    inlines = [MandateInline]
    IDENTITY_FIELDS = ["last_name", "first_name", "civility", "slug"]

    def get_fields(self, request, obj=None):
        fields = [*self.IDENTITY_FIELDS]
        if obj is None or request.user.is_superuser or obj.created_by_organisation_id:
            fields.append("created_by_organisation")
        return fields

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not request.user.is_superuser:
            readonly.append("created_by_organisation")
            if not may_change_member_identity(request, obj):
                readonly += self.IDENTITY_FIELDS
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if "slug" in self.get_readonly_fields(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        field = form.base_fields.get("created_by_organisation")
        if field is not None and not request.user.is_superuser:
            # A clerk's new member belongs to one of the clerk's organisations.
            field.required = True
            field.help_text = ("Tant qu'aucun mandat ne le rattache à une collectivité, seuls "
                               "les agents de celle-ci peuvent modifier cet élu.")
        return form

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        ids = user_organisation_ids(request)
        if ids is not None and len(ids) == 1:
            initial.setdefault("created_by_organisation", ids[0])
        return initial

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change_member(request, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_change_member_identity(request, obj))

    def history_view(self, request, object_id, extra_context=None):
        # The history names the accounts of every organisation that edited the member:
        # shown to the staff of an organisation concerned only (the scoped queryset).
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404("Élu introuvable.")
        return super().history_view(request, object_id, extra_context)


@admin.register(Mandate)
class MandateAdmin(AuditedAdmin, OrganisationScopedAdmin):
    list_display = ["member", "body", "role", "vice_president_rank", "commune", "start_on",
                    "end_on"]
    list_filter = ["body__organisation", "body", "role"]
    search_fields = ["member__last_name", "member__first_name"]
    autocomplete_fields = ["member", "body", "commune", "substitute_for"]
    list_select_related = ["member", "body", "body__organisation", "commune"]


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(AuditedAdmin):
    list_display = ["user", "organisation"]
    list_filter = ["organisation"]
    autocomplete_fields = ["organisation"]

    # Only superusers decide who works for which organisation.
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class StaffAssignmentInline(admin.TabularInline):
    """The organisations a staff account works for, edited on the account's own page (where a
    superuser gives the account its groups), not on a separate screen."""

    model = StaffAssignment
    extra = 1
    autocomplete_fields = ["organisation"]
    verbose_name = "collectivité de travail"
    verbose_name_plural = "Collectivités de travail (le compte ne voit que leurs données)"

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class UserWithAssignmentsAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, StaffAssignmentInline]


admin.site.unregister(User)
admin.site.register(User, UserWithAssignmentsAdmin)


def view_on_site(request, content_type_id, object_id):
    """The admin's "voir sur le site" (/admin/r/<type>/<id>/), limited to what the account may
    see in the admin: otherwise any staff account, of any organisation, would be redirected
    to the public address (made from the title) of another organisation's draft, and could
    enumerate ids."""
    if not request.user.is_superuser:
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist as error:
            raise Http404("Objet introuvable.") from error
        model_admin = admin.site._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            raise PermissionDenied
        if model_admin.get_object(request, str(object_id)) is None:
            raise Http404("Objet introuvable.")
    return contenttype_views.shortcut(request, content_type_id, object_id)
