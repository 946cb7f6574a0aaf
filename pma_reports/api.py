"""JSON API of the activity reports under /api/v1/ (same OpenAPI document as the rest).

Lists run a constant number of queries (prefetches, no per-row query)."""

from django.db.models import Prefetch
from django.urls import include, path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import routers, serializers, viewsets

from pma_reports import selectors
from pma_reports.models import Action, ActivityReport, KeyFigure, Objective, Pillar, TakingNote


class KeyFigureSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="report.year", read_only=True)
    action = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = KeyFigure
        fields = ["id", "year", "action", "value", "qualifier", "unit", "label", "text",
                  "sentence", "basis", "period"]


class ReportActionSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    objective = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Action
        fields = ["id", "objective", "parent", "order", "text"]


class ReportObjectiveSerializer(serializers.ModelSerializer):
    pillar = serializers.CharField(source="pillar.title", read_only=True)
    year = serializers.IntegerField(source="pillar.report.year", read_only=True)
    report = serializers.IntegerField(source="pillar.report_id", read_only=True)
    actions = ReportActionSerializer(many=True, read_only=True)

    class Meta:
        model = Objective
        fields = ["id", "report", "year", "pillar", "order", "title", "theme", "intro",
                  "actions"]


class PillarSerializer(serializers.ModelSerializer):
    objectives = ReportObjectiveSerializer(many=True, read_only=True)

    class Meta:
        model = Pillar
        fields = ["order", "title", "objectives"]


class TakingNoteSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="member_organisation.name", read_only=True)
    deliberation = serializers.SerializerMethodField()

    class Meta:
        model = TakingNote
        fields = ["member", "deliberation"]

    def get_deliberation(self, obj) -> str | None:
        """URL of the member's published deliberation that took note, or null."""
        deliberation = getattr(obj, "public_deliberation", None)
        if deliberation is None:
            return None
        request = self.context.get("request")
        url = deliberation.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class ReportSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = ActivityReport
        fields = ["id", "organisation", "year", "title", "received_on", "source_document",
                  "url"]

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class ReportDetailSerializer(ReportSerializer):
    pillars = PillarSerializer(many=True, read_only=True)
    taking_notes = TakingNoteSerializer(many=True, read_only=True, source="note_rows")
    key_figures = KeyFigureSerializer(many=True, read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = ReportSerializer.Meta.fields + ["pillars", "taking_notes", "key_figures"]


@extend_schema_view(
    list=extend_schema(summary="Rapports d'activités"),
    retrieve=extend_schema(summary="Un rapport : axes, objectifs, actions, chiffres clés, "
                                   "prises d'acte des membres"),
)
class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_fields = {"organisation__slug": ["exact"], "year": ["exact", "gte", "lte"]}

    def get_queryset(self):
        queryset = ActivityReport.objects.public().select_related("organisation").order_by(
            "-year", "pk")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("pillars", queryset=Pillar.objects.order_by("order").prefetch_related(
                    Prefetch("objectives", queryset=Objective.objects.select_related(
                        "pillar__report").order_by("order").prefetch_related(
                        Prefetch("actions", queryset=Action.objects.order_by("order")))))),
                Prefetch("key_figures", queryset=KeyFigure.objects.select_related(
                    "report").order_by("order")),
            )
        return queryset

    def get_object(self):
        report = super().get_object()
        # One row per member; a deliberation still in draft is not shown.
        report.note_rows = selectors.taking_notes(report).rows
        return report

    def get_serializer_class(self):
        return ReportDetailSerializer if self.action == "retrieve" else ReportSerializer


@extend_schema_view(list=extend_schema(summary="Objectifs des rapports, avec leurs actions"),
                    retrieve=extend_schema(summary="Un objectif et ses actions"))
class ObjectiveViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReportObjectiveSerializer
    filterset_fields = {"theme": ["exact"], "pillar__report__year": ["exact"]}

    def get_queryset(self):
        return Objective.objects.filter(
            pillar__report__in=ActivityReport.objects.public()
        ).select_related("pillar__report").prefetch_related(
            Prefetch("actions", queryset=Action.objects.order_by("order"))
        ).order_by("pillar__report__year", "pillar__order", "order")


@extend_schema_view(list=extend_schema(summary="Actions réalisées (sous-éléments compris)"),
                    retrieve=extend_schema(summary="Une action"))
class ActionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ReportActionSerializer
    filterset_fields = {"objective": ["exact"], "objective__pillar__report__year": ["exact"]}

    def get_queryset(self):
        return Action.objects.filter(
            objective__pillar__report__in=ActivityReport.objects.public()
        ).order_by("objective__pillar__report__year", "objective_id", "order")


@extend_schema_view(list=extend_schema(summary="Chiffres clés des rapports, par année"),
                    retrieve=extend_schema(summary="Un chiffre clé"))
class KeyFigureViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = KeyFigureSerializer
    filterset_fields = {"report__year": ["exact"], "label": ["exact"]}

    def get_queryset(self):
        return KeyFigure.objects.filter(
            report__in=ActivityReport.objects.public()
        ).select_related("report").order_by("report__year", "order")


router = routers.SimpleRouter()
router.register("reports", ReportViewSet, basename="report")
router.register("report-objectives", ObjectiveViewSet, basename="report-objective")
router.register("report-actions", ActionViewSet, basename="report-action")
router.register("report-key-figures", KeyFigureViewSet, basename="report-key-figure")

app_name = "pma_api"
urlpatterns = [path("", include(router.urls))]
