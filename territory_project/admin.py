"""Clerks' screens for the territorial project: link deliberations to actions (from the
action's page, and from the deliberation's page through an inline added to its admin),
record measurements and evaluations. Scoped to the clerk's organisations like the rest of
the admin (portal.kernel.scope; each model declares its organisation_path)."""

from django.contrib import admin
from django.db.models import Count

from deliberations.models import Deliberation
from portal.kernel.admin_inlines import TabularInline
from portal.kernel.scope import OrganisationScopedAdmin, OrganisationScopeMixin
from territory_project.models import (
    Action,
    ActionDeliberation,
    Evaluation,
    Finding,
    Indicator,
    Measurement,
    Project,
    SocialFunction,
    Stake,
)


@admin.register(Project)
class ProjectAdmin(OrganisationScopedAdmin):
    list_display = ["title", "organisation", "start_year", "end_year", "adopted_on"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["adopted_by"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Stake)
class StakeAdmin(OrganisationScopedAdmin):
    list_display = ["title", "priority", "position"]
    list_filter = ["priority__project", "priority"]
    list_select_related = ["priority"]
    search_fields = ["title", "rationale"]


class ActionDeliberationInline(OrganisationScopeMixin, TabularInline):
    """On the action's page: the deliberations that carry it out."""

    model = ActionDeliberation
    fk_name = "action"
    extra = 0  # a blank row's inputs would have no label of their own (axe, RGAA 11.1)
    autocomplete_fields = ["deliberation"]
    fields = ["deliberation", "note"]
    verbose_name = "délibération qui met en œuvre cette action"
    verbose_name_plural = "mise en œuvre par les délibérations"


@admin.register(Action)
class ActionAdmin(OrganisationScopedAdmin):
    list_display = ["__str__", "objective", "deliberation_count"]
    list_filter = ["objective__stake__priority__project", "objective__stake__priority"]
    search_fields = ["title", "objective__title", "objective__stake__title"]
    list_select_related = ["objective"]
    readonly_fields = ["objective", "position"]
    fields = ["objective", "position", "title"]
    inlines = [ActionDeliberationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            deliberation_total=Count("links")
        ).order_by("objective__stake__priority__number", "objective__stake__position",
                   "objective__number", "position")

    @admin.display(description="délibérations liées", ordering="deliberation_total")
    def deliberation_count(self, action):
        return action.deliberation_total


class DeliberationActionInline(OrganisationScopeMixin, TabularInline):
    """On the deliberation's page: the project actions it carries out."""

    model = ActionDeliberation
    fk_name = "deliberation"
    extra = 0  # a blank row's inputs would have no label of their own (axe, RGAA 11.1)
    autocomplete_fields = ["action"]
    fields = ["action", "note"]
    verbose_name = "action du projet de territoire mise en œuvre"
    verbose_name_plural = "projet de territoire : actions mises en œuvre"


# deliberations/ never imports this app: the inline is added to its admin from here.
_deliberation_admin = admin.site._registry.get(Deliberation)
if _deliberation_admin is not None and DeliberationActionInline not in (
        _deliberation_admin.inlines):
    _deliberation_admin.inlines = [*_deliberation_admin.inlines, DeliberationActionInline]


class MeasurementInline(OrganisationScopeMixin, TabularInline):
    model = Measurement
    extra = 1
    fields = ["measured_on", "value", "source"]


@admin.register(Indicator)
class IndicatorAdmin(OrganisationScopedAdmin):
    list_display = ["label", "unit", "baseline_qualifier", "baseline_value", "baseline_year",
                    "direction"]
    list_filter = ["project", "direction"]
    search_fields = ["label", "source_sentence"]
    readonly_fields = ["source_sentence"]
    autocomplete_fields = ["stake"]
    inlines = [MeasurementInline]


@admin.register(Evaluation)
class EvaluationAdmin(OrganisationScopedAdmin):
    list_display = ["due_on", "project", "presented_on", "deliberation"]
    list_filter = ["project"]
    list_select_related = ["project", "deliberation"]
    autocomplete_fields = ["deliberation"]


class FindingInline(OrganisationScopeMixin, TabularInline):
    model = Finding
    extra = 0


@admin.register(SocialFunction)
class SocialFunctionAdmin(OrganisationScopedAdmin):
    list_display = ["number", "name", "project"]
    list_filter = ["project"]
    filter_horizontal = ["stakes"]
    inlines = [FindingInline]
