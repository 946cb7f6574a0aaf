from django.contrib import admin
from django.db import models

from portal.models import Body, Commune, Mandate, Member, Organisation, StaffAssignment


class OrganisationScopedAdmin(admin.ModelAdmin):
    """Admin restricted to the organisations a staff account is assigned to.

    Superusers see everything; other accounts see the objects of their organisations only
    (StaffAssignment), and pick related objects among them only.
    """

    # Addresses typed without a scheme are public-sector sites: assume https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # Lookup from the model to its Organisation, e.g. "body__organisation".
    organisation_path: str = "organisation"

    @staticmethod
    def user_organisation_ids(request) -> list[int] | None:
        """None means "no restriction" (superuser)."""
        if request.user.is_superuser:
            return None
        cached = getattr(request, "_organisation_ids", None)
        if cached is None:
            cached = list(request.user.assignments.values_list("organisation_id", flat=True))
            request._organisation_ids = cached
        return cached

    def scope(self, request, queryset, path: str):
        ids = self.user_organisation_ids(request)
        if ids is None:
            return queryset
        return queryset.filter(**{f"{path}__in": ids}).distinct()

    def get_queryset(self, request):
        return self.scope(request, super().get_queryset(request), self.organisation_path)

    # Related choices offered in forms, by model, with their path to the organisation.
    scoped_related = {
        "body": "organisation",
        "organisation": "pk",
        "session": "body__organisation",
        "commune": "organisation",
    }

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        path = self.scoped_related.get(db_field.name)
        if path:
            kwargs["queryset"] = self.scope(
                request, db_field.remote_field.model._default_manager.all(), path
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_path = "pk"
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


@admin.register(Body)
class BodyAdmin(OrganisationScopedAdmin):
    list_display = ["name", "organisation", "kind", "delegated_by"]
    list_filter = ["organisation", "kind"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation", "delegated_by"]
    prepopulated_fields = {"slug": ["name"]}


class MandateInline(admin.TabularInline):
    model = Mandate
    fk_name = "member"
    extra = 0
    autocomplete_fields = ["body", "commune", "substitute_for"]
    fields = ["body", "role", "vice_president_rank", "delegation", "commune", "start_on",
              "end_on"]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    """Members are shared across organisations (an élu may sit in the CABBALR and the PMA),
    so the list is not scoped; their mandates are."""

    list_display = ["last_name", "first_name", "civility"]
    search_fields = ["last_name", "first_name", "match_key"]
    prepopulated_fields = {"slug": ["last_name", "first_name"]}
    inlines = [MandateInline]


@admin.register(Mandate)
class MandateAdmin(OrganisationScopedAdmin):
    organisation_path = "body__organisation"
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
