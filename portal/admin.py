from django.contrib import admin
from django.db import models
from django.db.models import Q

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
    seat yet (just created, their mandate comes next).
    """
    ids = user_organisation_ids(request)
    if ids is None:
        return queryset
    model = queryset.model
    if model is Member:
        return queryset.filter(
            Q(mandates__body__organisation__in=ids) | Q(mandates__isnull=True)
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


class OrganisationScopeMixin:
    """For ModelAdmin and inlines: lists, change pages and every related choice (foreign
    keys, many-to-many, autocomplete) are limited to the account's organisations."""

    # Addresses typed without a scheme are public-sector sites: assume https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return scope_queryset(request, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault(
            "queryset",
            scope_queryset(request, db_field.remote_field.model._default_manager.all()),
        )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault(
            "queryset",
            scope_queryset(request, db_field.remote_field.model._default_manager.all()),
        )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class OrganisationScopedAdmin(OrganisationScopeMixin, admin.ModelAdmin):
    """ModelAdmin restricted to the organisations of the staff account."""


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    list_display = ["name", "short_name", "kind", "siret", "arrondissement"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "siren", "siret"]
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["member_organisations"]


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
              ("convocation_clear_days", "convocation_source")]


@admin.register(Body)
class BodyAdmin(OrganisationScopedAdmin):
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
              "start_on", "end_on"]


@admin.register(Member)
class MemberAdmin(OrganisationScopedAdmin):
    """Élus with a seat in the account's organisations (or none yet); on each page only the
    mandates in those organisations are shown and editable."""

    list_display = ["last_name", "first_name", "civility"]
    search_fields = ["last_name", "first_name", "match_key"]
    prepopulated_fields = {"slug": ["last_name", "first_name"]}
    inlines = [MandateInline]


@admin.register(Mandate)
class MandateAdmin(OrganisationScopedAdmin):
    list_display = ["member", "body", "role", "vice_president_rank", "commune", "start_on",
                    "end_on"]
    list_filter = ["body__organisation", "body", "role"]
    search_fields = ["member__last_name", "member__first_name"]
    autocomplete_fields = ["member", "body", "commune", "substitute_for"]
    list_select_related = ["member", "body", "body__organisation", "commune"]


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(admin.ModelAdmin):
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
