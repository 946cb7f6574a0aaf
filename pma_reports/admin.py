"""Admin of the activity reports: a report is edited with ordered inlines (pillars, key
figures, taking-notes), a pillar with its objectives, an objective with its actions; the 2022
report can be entered by hand in the same screens.

Scoping (like the rest of the admin, portal.kernel.scope and each model's organisation_path):
the reporting organisation's clerks edit its reports and publications; the clerks of a member
organisation see the taking-note rows of their organisation only and record the deliberation
of their own assembly that took note, on the taking-note's own page.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

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
from pma_reports.services import report_taking_notes_open, taking_note_record
from portal.kernel.admin_inlines import TabularInline
from portal.kernel.scope import (
    OrganisationScopedAdmin,
    OrganisationScopeMixin,
    organisation_ids,
)


class PillarInline(OrganisationScopeMixin, TabularInline):
    model = Pillar
    extra = 0
    ordering = ["order"]
    fields = ["order", "title"]
    show_change_link = True


class ReportKeyFigureInline(OrganisationScopeMixin, TabularInline):
    model = KeyFigure
    fk_name = "report"
    extra = 0
    ordering = ["order"]
    fields = ["order", "value", "qualifier", "unit", "label", "text", "action"]
    raw_id_fields = ["action"]


class TakingNoteForm(forms.ModelForm):
    class Meta:
        model = TakingNote
        fields = ["report", "member_organisation", "deliberation"]

    def clean(self):
        cleaned = super().clean()
        deliberation = cleaned.get("deliberation")
        member = cleaned.get("member_organisation")
        if member is None and self.instance.member_organisation_id:
            member = self.instance.member_organisation
        if deliberation is not None and member is not None and (
                deliberation.session.body.organisation_id != member.pk):
            raise ValidationError({"deliberation": (
                "Cette délibération n'a pas été prise par une assemblée de "
                f"« {member} ».")})
        report = cleaned.get("report") or (self.instance.report if self.instance.report_id
                                           else None)
        if deliberation is not None and deliberation.status != Deliberation.Status.PUBLISHED:
            raise ValidationError({"deliberation": (
                "Seule une délibération publiée atteste la prise d'acte : publiez-la "
                "d'abord.")})
        # L5211-39: the report on a year is presented after that year, to an assembly that
        # takes note of it then.
        if deliberation is not None and report is not None and (
                deliberation.session.date.year <= report.year):
            raise ValidationError({"deliberation": (
                f"La séance du {deliberation.session.date:%d/%m/%Y} précède la fin de "
                f"l'année {report.year} dont le rapport rend compte : la prise d'acte "
                "suit le rapport.")})
        return cleaned


class TakingNoteInline(OrganisationScopeMixin, TabularInline):
    """The members' taking-notes on the report's page. A member records its own deliberation
    on the taking-note's page (TakingNoteAdmin); a superuser may also correct it here, checked
    by the same form (the deliberation must be one of that member's assemblies)."""

    model = TakingNote
    form = TakingNoteForm
    extra = 0
    ordering = ["member_organisation__name"]
    fields = ["member_organisation", "deliberation"]
    autocomplete_fields = ["deliberation"]
    show_change_link = True

    def get_fields(self, request, obj=None):
        if request.user.is_superuser:
            return self.fields
        return ["member_organisation", "deliberation_taken"]

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["member_organisation", "deliberation_taken"]

    def has_add_permission(self, request, obj=None):
        # The rows are the reporting organisation's members (report_taking_notes_open).
        return request.user.is_superuser and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    @admin.display(description="délibération qui prend acte")
    def deliberation_taken(self, note):
        # A member's draft is that member's business: named once published (then public).
        deliberation = note.deliberation
        if deliberation is None:
            return "—"
        if deliberation.status == Deliberation.Status.PUBLISHED:
            return str(deliberation)
        return "Délibération enregistrée par le membre, non publiée"


@admin.register(ActivityReport)
class ActivityReportAdmin(OrganisationScopedAdmin):
    list_display = ["title", "organisation", "year", "published", "received_on"]
    list_filter = ["organisation", "year", "published"]
    search_fields = ["title"]
    fields = ["organisation", "year", "title", "published", "received_on", "source_document",
              "source_text"]
    inlines = [PillarInline, ReportKeyFigureInline, TakingNoteInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        report_taking_notes_open(report=form.instance)


class ObjectiveInline(OrganisationScopeMixin, TabularInline):
    model = Objective
    extra = 0
    ordering = ["order"]
    fields = ["order", "title", "theme"]
    show_change_link = True


@admin.register(Pillar)
class PillarAdmin(OrganisationScopedAdmin):
    list_display = ["title", "report", "order"]
    list_filter = ["report"]
    inlines = [ObjectiveInline]


class ActionInline(OrganisationScopeMixin, TabularInline):
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
class ObjectiveAdmin(OrganisationScopedAdmin):
    list_display = ["title", "pillar", "order", "theme"]
    list_filter = ["pillar__report"]
    search_fields = ["title"]
    inlines = [ActionInline]


@admin.register(TakingNote)
class TakingNoteAdmin(OrganisationScopedAdmin):
    """A member's clerk records the deliberation of their own assembly (L5211-39). The
    reporting organisation's clerks see every row of its reports (TakingNote's two
    organisation paths); a member's clerks, their own rows, and change only those."""

    form = TakingNoteForm
    list_display = ["report", "member_organisation", "deliberation"]
    list_filter = ["report"]
    list_select_related = ["report__organisation", "member_organisation", "deliberation"]
    autocomplete_fields = ["deliberation"]

    def get_readonly_fields(self, request, obj=None):
        return ["report", "member_organisation"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            taking_note_record(taking_note=obj, deliberation=obj.deliberation, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        ids = organisation_ids(request)
        if not allowed or obj is None or ids is None:
            return allowed
        return obj.member_organisation_id in ids


class SectionInline(OrganisationScopeMixin, admin.StackedInline):
    model = Section
    extra = 0
    ordering = ["order"]


class EventInline(OrganisationScopeMixin, TabularInline):
    model = Event
    extra = 0
    ordering = ["order"]
    fields = ["order", "title", "starts_on", "ends_on", "starts_at", "tentative", "date_note"]


class PublicationKeyFigureInline(OrganisationScopeMixin, TabularInline):
    model = KeyFigure
    fk_name = "publication"
    extra = 0
    ordering = ["order"]
    fields = ["order", "value", "qualifier", "unit", "label", "text", "sentence"]


@admin.register(Publication)
class PublicationAdmin(OrganisationScopedAdmin):
    list_display = ["title", "kind", "year", "organisation"]
    list_filter = ["kind", "year"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionInline, EventInline, PublicationKeyFigureInline]
