"""JSON shapes of the territorial project in the public API (/api/v1/projects/,
/api/v1/indicators/). Field names follow the models."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from deliberations.models import Deliberation
from territory_project.models import (
    Action,
    Evaluation,
    Finding,
    Indicator,
    Measurement,
    Objective,
    Priority,
    Project,
    SocialFunction,
    Stake,
    Target,
)


def _absolute(context, url: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


class DeliberationRefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Deliberation
        fields = ["slug", "title", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, deliberation) -> str:
        return _absolute(self.context, deliberation.get_absolute_url())


class ActionSerializer(serializers.ModelSerializer):
    deliberations = DeliberationRefSerializer(source="public_deliberations", many=True,
                                              read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = ["id", "position", "title", "url", "deliberations"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, action) -> str:
        return _absolute(self.context, reverse(
            "territory_project:action",
            kwargs={"slug": self.context["project_slug"], "pk": action.pk}))


class ObjectiveSerializer(serializers.ModelSerializer):
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Objective
        fields = ["number", "title", "actions"]


class StakeSerializer(serializers.ModelSerializer):
    objectives = ObjectiveSerializer(many=True, read_only=True)

    class Meta:
        model = Stake
        fields = ["position", "title", "rationale", "figures", "objectives"]


class PrioritySerializer(serializers.ModelSerializer):
    stakes = StakeSerializer(many=True, read_only=True)

    class Meta:
        model = Priority
        fields = ["number", "title", "stakes"]


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Finding
        fields = ["position", "text"]


class SocialFunctionSerializer(serializers.ModelSerializer):
    findings = FindingSerializer(many=True, read_only=True)
    stakes = serializers.SerializerMethodField()

    class Meta:
        model = SocialFunction
        fields = ["number", "name", "findings", "stakes"]

    def get_stakes(self, function) -> list[str]:
        return [stake.title for stake in function.stakes.all()]


class EvaluationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evaluation
        fields = ["due_on", "presented_on", "summary"]


class ProjectSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    adopted_by = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = ["slug", "title", "organisation", "start_year", "end_year", "adopted_on",
                  "adopted_by", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, project) -> str:
        return _absolute(self.context, project.get_absolute_url())


class ProjectTreeSerializer(ProjectSerializer):
    priorities = serializers.SerializerMethodField()
    social_functions = SocialFunctionSerializer(many=True, read_only=True)
    evaluations = EvaluationSerializer(many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "priorities", "social_functions",
                  "evaluations"]

    @extend_schema_field(PrioritySerializer(many=True))
    def get_priorities(self, project):
        context = {**self.context, "project_slug": project.slug}
        return PrioritySerializer(project.tree, many=True, context=context).data


class MeasurementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "source"]


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["kind", "value", "unit", "year", "wording", "source_sentence"]


class IndicatorSerializer(serializers.ModelSerializer):
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    stake = serializers.CharField(source="stake.title", read_only=True, allow_null=True,
                                  default=None)
    measurements = MeasurementSerializer(many=True, read_only=True)
    targets = TargetSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = ["id", "code", "project", "label", "unit", "direction", "baseline_value",
                  "baseline_qualifier", "baseline_year", "baseline_period", "targets",
                  "comparison_value", "comparison_label", "source_sentence", "stake", "url",
                  "measurements"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, indicator) -> str:
        return _absolute(self.context, indicator.get_absolute_url())
