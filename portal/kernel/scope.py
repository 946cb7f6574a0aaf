"""One organisation scope for the admin: how a model reaches its organisations, and the one
admin mixin that limits every screen to the organisations of the staff account.

A model declares its way to the organisation once, on the model:

- ``organisation_path = "session__body__organisation"`` (a lookup path to the organisation,
  ``"pk"`` for the organisation itself), or a tuple of paths when a row belongs to several
  (a taking-note belongs to the report's organisation and to the member that takes note);
- or, for a record shared between organisations (an élu sits in the CABBALR and in the PMA),
  a classmethod ``organisation_filter(ids) -> Q`` (which rows an account of ``ids`` sees)
  and a method ``organisations_to_change() -> set[int]`` (the organisations an account must
  all be assigned to, to change the record itself; empty: superusers only).

``OrganisationScopeMixin`` applies it to the changelist, every foreign-key and many-to-many
choice (inlines included, fields set up by a form's own ``__init__`` included), autocomplete
(answered by the related model's admin, scoped), list filters, history, actions (they act
on the scoped changelist) and form validation: a posted id outside the scope is the form's
"Sélectionnez un choix valide" error. ``SuperusersOnlyAdminMixin`` marks the global screens
(accounts, groups, login attempts). ``check_admin_scope`` (``portal.E002``-``E004``) makes
``manage.py check`` fail for a registered admin, or one of its inlines, without either.

Imports no app: the models come with their declarations.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core import checks
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q, QuerySet


def organisation_ids(request) -> list[int] | None:
    """Organisations a staff account works for (its StaffAssignment rows); None for a
    superuser, who is not restricted. Cached on the request."""
    if request.user.is_superuser:
        return None
    cached = getattr(request, "_organisation_ids", None)
    if cached is None:
        cached = list(request.user.assignments.values_list("organisation_id", flat=True))
        request._organisation_ids = cached
    return cached


def declares_scope(model) -> bool:
    """Whether the model says how it reaches its organisation(s)."""
    return (callable(getattr(model, "organisation_filter", None))
            or getattr(model, "organisation_path", None) is not None)


def organisation_q(model, ids) -> Q | None:
    """The rows of ``model`` belonging to the organisations ``ids``; None when the model
    declares no scope (the caller then shows nothing to a restricted account)."""
    custom = getattr(model, "organisation_filter", None)
    if callable(custom):
        return custom(ids)
    path = getattr(model, "organisation_path", None)
    if path is None:
        return None
    condition = Q()
    for one in (path,) if isinstance(path, str) else path:
        condition |= Q(**{f"{one}__in": ids})
    return condition


def scoped(queryset: QuerySet, ids) -> QuerySet:
    """``queryset`` limited to the organisations ``ids`` (None: unrestricted). Filtered by
    primary key through a subquery, so that a path through a many-valued relation (an élu's
    mandates) neither duplicates rows (a choice field's ``get`` would fail) nor needs
    ``distinct`` (which annotations and orderings do not survive)."""
    if ids is None:
        return queryset
    model = queryset.model
    condition = organisation_q(model, ids)
    if condition is None:
        return queryset.none()
    return queryset.filter(pk__in=model._default_manager.filter(condition).values("pk"))


def scoped_for(request, queryset: QuerySet) -> QuerySet:
    """``queryset`` limited to the organisations of the request's account."""
    return scoped(queryset, organisation_ids(request))


def may_change_shared(request, obj) -> bool:
    """A shared record (``organisations_to_change``) is changed by a superuser or by an
    account assigned to every organisation it belongs to now; a record of no organisation
    (an élu whose mandates have all ended), by a superuser only. Other records: True."""
    required = getattr(obj, "organisations_to_change", None)
    ids = organisation_ids(request)
    if obj is None or not callable(required) or ids is None:
        return True
    needed = required()
    return bool(needed) and needed <= set(ids)


def limit_form_choices(form, ids) -> None:
    """Limit every model choice of a bound or unbound form (fields the form set up itself
    included) to the organisations ``ids``."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if isinstance(queryset, QuerySet):
            field.queryset = scoped(queryset, ids)


def scoped_form(form_class, request):
    """A subclass of ``form_class`` whose choices are limited to the account's
    organisations, whatever set them up (the admin's formfield, the form's __init__)."""
    ids = organisation_ids(request)
    if ids is None:
        return form_class

    def __init__(self, *args, **kwargs):
        form_class.__init__(self, *args, **kwargs)
        limit_form_choices(self, ids)

    return type(form_class)(form_class.__name__, (form_class,),
                            {"__init__": __init__, "__module__": form_class.__module__})


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A list filter on a related object offering only those of the account's
    organisations (a clerk of one organisation does not see the others' names)."""

    def field_choices(self, field, request, model_admin):
        queryset = scoped_for(request, field.related_model._default_manager.all())
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        select = [f.name for f in field.related_model._meta.concrete_fields
                  if f.many_to_one and f.name == "organisation"]
        if select:
            queryset = queryset.select_related(*select)  # Body.__str__ names its organisation
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
    """For every ModelAdmin and inline: lists, change pages, history, actions, list filters
    and every related choice (foreign keys, many-to-many, autocomplete) are limited to the
    account's organisations; a shared record is read-only to an account not assigned to
    every organisation it belongs to."""

    # Addresses typed without a scheme are public-sector sites: assume https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return scoped_for(request, super().get_queryset(request))

    def get_list_filter(self, request):
        filters = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and get_fields_from_path(self.model, item)[-1].is_relation:
                item = (item, ScopedRelatedFieldListFilter)
            filters.append(item)
        return filters

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs["queryset"] = scoped_for(
            request, kwargs.get("queryset", db_field.remote_field.model._default_manager.all()))
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault("widget", KeysOnlyAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["queryset"] = scoped_for(
            request, kwargs.get("queryset", db_field.remote_field.model._default_manager.all()))
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault("widget", KeysOnlyAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # ModelAdmin: the main form; InlineModelAdmin: each row's form.
    def get_form(self, request, obj=None, change=False, **kwargs):
        return scoped_form(super().get_form(request, obj, change, **kwargs), request)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = scoped_form(formset.form, request)
        return formset

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and isinstance(obj, self.model) and not may_change_shared(request, obj):
            readonly += [field.name for field in self.model._meta.get_fields()
                         if field.concrete and field.editable and not field.auto_created
                         and field.name not in readonly]
        return readonly

    def has_delete_permission(self, request, obj=None):
        if obj is not None and isinstance(obj, self.model) and not may_change_shared(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        # The list's bulk deletion asks has_delete_permission without an object.
        if callable(getattr(self.model, "organisations_to_change", None)) and any(
                not may_change_shared(request, obj) for obj in queryset):
            raise PermissionDenied
        super().delete_queryset(request, queryset)


class OrganisationScopedAdmin(OrganisationScopeMixin, admin.ModelAdmin):
    """ModelAdmin restricted to the organisations of the staff account."""


class SuperusersOnlyAdminMixin:
    """A screen of no organisation (accounts, groups, login attempts): superusers only."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


def _scope_errors(label, admin_class, model) -> list[checks.Error]:
    if issubclass(admin_class, SuperusersOnlyAdminMixin):
        return []
    if not issubclass(admin_class, OrganisationScopeMixin):
        return [checks.Error(
            f"{label} n'est pas limité aux collectivités du compte.",
            hint="Faites-le hériter de portal.kernel.scope.OrganisationScopeMixin (ou de "
                 "SuperusersOnlyAdminMixin pour un écran sans collectivité).",
            obj=admin_class, id="portal.E002")]
    if not declares_scope(model):
        return [checks.Error(
            f"Le modèle {model._meta.label} ne dit pas comment il rejoint sa collectivité.",
            hint="Déclarez organisation_path (chemin vers la collectivité) ou "
                 "organisation_filter/organisations_to_change sur le modèle.",
            obj=model, id="portal.E004")]
    return []


def check_admin_scope(app_configs=None, **kwargs):
    """portal.E002 (a ModelAdmin), portal.E003 (an inline), portal.E004 (a model): every
    registered admin screen is limited to the account's organisations, or to superusers."""
    errors = []
    for site in admin.sites.all_sites:
        for model, model_admin in site._registry.items():
            errors += _scope_errors(f"L'écran d'administration de {model._meta.label}",
                                    type(model_admin), model)
            for inline in model_admin.inlines:
                found = _scope_errors(
                    f"Le formulaire en ligne {inline.__name__} de {model._meta.label}", inline,
                    inline.model)
                errors += [checks.Error(e.msg, hint=e.hint, obj=e.obj,
                                        id="portal.E003" if e.id == "portal.E002" else e.id)
                           for e in found]
    return errors
