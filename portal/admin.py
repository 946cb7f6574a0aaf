import axes.admin  # noqa: F401 -- registered first, so that its screens are replaced below
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from portal.kernel.admin_inlines import TabularInline
from portal.kernel.scope import (
    OrganisationScopedAdmin,
    OrganisationScopeMixin,
    SuperusersOnlyAdminMixin,
    organisation_ids,
    organisation_q,
)
from portal.models import (
    Body,
    BodySettings,
    Commune,
    Mandate,
    Member,
    Organisation,
    StaffAssignment,
)

# The name the clerk's calendar (portal/deadline_views.py) reads the scope by.
user_organisation_ids = organisation_ids


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
                ids = organisation_ids(request)
                if ids is not None:
                    # Only the rows of the account's organisations: the tracked model's
                    # scope, read on its history (same relations).
                    records = records.filter(organisation_q(model, ids) or Q(pk__in=[]))
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


class BodySettingsInline(OrganisationScopeMixin, admin.StackedInline):
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


class MandateInline(OrganisationScopeMixin, TabularInline):
    model = Mandate
    fk_name = "member"
    extra = 0
    autocomplete_fields = ["body", "commune", "substitute_for"]
    # substitute_for: the titular member a délégué suppléant is designated for (L5211-6).
    fields = ["body", "role", "vice_president_rank", "delegation", "commune", "substitute_for",
              "voices", "start_on", "end_on"]


def may_change_member(request, member) -> bool:
    """A member's page (their mandates in the account's organisations) is open to a clerk of
    an organisation where they hold a current mandate; a member who never held one, to the
    organisation that created them. The member record itself follows the shared-record rule
    (Member.organisations_to_change, portal.kernel.scope.may_change_shared)."""
    ids = organisation_ids(request)
    if ids is None:
        return True
    current = member.current_organisation_ids()
    if current:
        return bool(current & set(ids))
    if not Mandate.objects.filter(member=member).exists():
        return member.created_by_organisation_id in ids
    return False  # mandates all ended: history of the organisations, changed by a superuser


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
        # Identity fields of a shared member: OrganisationScopeMixin (organisations_to_change).
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not request.user.is_superuser:
            readonly.append("created_by_organisation")
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
        ids = organisation_ids(request)
        if ids is not None and len(ids) == 1:
            initial.setdefault("created_by_organisation", ids[0])
        return initial

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change_member(request, obj))

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


# Only superusers decide who works for which organisation.
@admin.register(StaffAssignment)
class StaffAssignmentAdmin(SuperusersOnlyAdminMixin, AuditedAdmin):
    list_display = ["user", "organisation"]
    list_filter = ["organisation"]
    autocomplete_fields = ["organisation"]


class StaffAssignmentInline(SuperusersOnlyAdminMixin, TabularInline):
    """The organisations a staff account works for, edited on the account's own page (where a
    superuser gives the account its groups), not on a separate screen."""

    model = StaffAssignment
    extra = 1
    autocomplete_fields = ["organisation"]
    verbose_name = "collectivité de travail"
    verbose_name_plural = "Collectivités de travail (le compte ne voit que leurs données)"


class UserWithAssignmentsAdmin(SuperusersOnlyAdminMixin, UserAdmin):
    inlines = [*UserAdmin.inlines, StaffAssignmentInline]


admin.site.unregister(User)
admin.site.register(User, UserWithAssignmentsAdmin)

# Accounts, groups and login attempts belong to no organisation: superusers only.
admin.site.unregister(Group)
admin.site.register(Group, type("GroupAdmin", (SuperusersOnlyAdminMixin, GroupAdmin), {}))
for _model in (AccessAttempt, AccessLog, AccessFailureLog):
    _registered = type(admin.site._registry[_model])
    admin.site.unregister(_model)
    admin.site.register(_model, type(_registered.__name__,
                                     (SuperusersOnlyAdminMixin, _registered), {}))


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
