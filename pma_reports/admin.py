"""Admin of the activity reports: a report is edited with ordered inlines (pillars, key
figures, taking-notes), a pillar with its objectives, an objective with its actions; the 2022
report can be entered by hand in the same screens.

Scoping (like the rest of the admin, portal.admin.user_organisation_ids): the reporting
organisation's clerks edit its reports and publications; the clerks of a member organisation
see the taking-note rows of their organisation only and record the deliberation of their own
assembly that took note.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Q

from deliberations.models import Deliberation
from pma_reports.models import (
    Action,
    ActivityReport,
    Event,
    KeyFigure,
    Objective,
    Pillar,
    Publication,
    Section,
    TakingNote,
)
from pma_reports.services import taking_note_record
from portal.admin import scope_queryset, user_organisation_ids


def _scoped(request, queryset, path: str):
    ids = user_organisation_ids(request)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{path}__in": ids}).distinct()


class ScopedAdmin(admin.ModelAdmin):
    organisation_path = "organisation"

    def get_queryset(self, request):
        return _scoped(request, super().get_queryset(request), self.organisation_path)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        model = db_field.remote_field.model
        if model._meta.label == "portal.Organisation":
            kwargs.setdefault("queryset", scope_queryset(request, model.objects.all()))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PillarInline(admin.TabularInline):
    model = Pillar
    extra = 0
    ordering = ["order"]
    fields = ["order", "title"]
    show_change_link = True


class ReportKeyFigureInline(admin.TabularInline):
    model = KeyFigure
    fk_name = "report"
    extra = 0
    ordering = ["order"]
    fields = ["order", "value", "qualifier", "unit", "label", "text", "action"]
    raw_id_fields = ["action"]


class TakingNoteInline(admin.TabularInline):
    model = TakingNote
    extra = 0
    ordering = ["member_organisation__name"]
    fields = ["member_organisation", "deliberation"]
    autocomplete_fields = ["deliberation"]


@admin.register(ActivityReport)
class ActivityReportAdmin(ScopedAdmin):
    list_display = ["title", "organisation", "year", "published", "received_on"]
    list_filter = ["organisation", "year", "published"]
    search_fields = ["title"]
    fields = ["organisation", "year", "title", "published", "received_on", "source_document",
              "source_text"]
    inlines = [PillarInline, ReportKeyFigureInline, TakingNoteInline]


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0
    ordering = ["order"]
    fields = ["order", "title", "theme"]
    show_change_link = True


@admin.register(Pillar)
class PillarAdmin(ScopedAdmin):
    organisation_path = "report__organisation"
    list_display = ["title", "report", "order"]
    list_filter = ["report"]
    inlines = [ObjectiveInline]


class ActionInline(admin.TabularInline):
    model = Action
    extra = 1
    ordering = ["order"]
    fields = ["order", "parent", "text"]
    fk_name = "objective"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A sub-item's parent is an action of the same objective.
        if db_field.name == "parent":
            objective_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Action.objects.filter(objective_id=objective_id,
                                                       parent__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Objective)
class ObjectiveAdmin(ScopedAdmin):
    organisation_path = "pillar__report__organisation"
    list_display = ["title", "pillar", "order", "theme"]
    list_filter = ["pillar__report"]
    search_fields = ["title"]
    inlines = [ActionInline]


class TakingNoteForm(forms.ModelForm):
    class Meta:
        model = TakingNote
        fields = ["report", "member_organisation", "deliberation"]

    def clean(self):
        cleaned = super().clean()
        deliberation = cleaned.get("deliberation")
        member = cleaned.get("member_organisation") or self.instance.member_organisation
        if deliberation is not None and member is not None and (
                deliberation.session.body.organisation_id != member.pk):
            raise ValidationError({"deliberation": (
                "Cette délibération n'a pas été prise par une assemblée de "
                f"« {member} ».")})
        return cleaned


@admin.register(TakingNote)
class TakingNoteAdmin(admin.ModelAdmin):
    """A member's clerk records the deliberation of their own assembly (L5211-39)."""

    form = TakingNoteForm
    list_display = ["report", "member_organisation", "deliberation"]
    list_filter = ["report"]
    autocomplete_fields = ["deliberation"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related(
            "report__organisation", "member_organisation", "deliberation")
        ids = user_organisation_ids(request)
        if ids is None:
            return queryset
        # The reporting organisation's clerks see every row of its reports; a member's
        # clerks, their own rows.
        return queryset.filter(
            Q(member_organisation__in=ids) | Q(report__organisation__in=ids)).distinct()

    def get_readonly_fields(self, request, obj=None):
        return ["report", "member_organisation"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            taking_note_record(taking_note=obj, deliberation=obj.deliberation, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        ids = user_organisation_ids(request)
        if not allowed or obj is None or ids is None:
            return allowed
        return obj.member_organisation_id in ids

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "deliberation":
            # Only deliberations of the clerk's own organisations.
            kwargs["queryset"] = scope_queryset(request, Deliberation.objects.all())
        elif db_field.remote_field.model._meta.label == "portal.Organisation":
            kwargs["queryset"] = scope_queryset(
                request, db_field.remote_field.model.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    ordering = ["order"]


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    ordering = ["order"]
    fields = ["order", "title", "starts_on", "ends_on", "starts_at", "tentative", "date_note"]


class PublicationKeyFigureInline(admin.TabularInline):
    model = KeyFigure
    fk_name = "publication"
    extra = 0
    ordering = ["order"]
    fields = ["order", "value", "qualifier", "unit", "label", "text", "sentence"]


@admin.register(Publication)
class PublicationAdmin(ScopedAdmin):
    list_display = ["title", "kind", "year", "organisation"]
    list_filter = ["kind", "year"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionInline, EventInline, PublicationKeyFigureInline]
