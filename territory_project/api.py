"""The territorial project in the read-only JSON API (/api/v1/projects/,
/api/v1/indicators/), described in the same OpenAPI document (/api/v1/schema/). Lists and
details run a constant number of queries."""

from django.db.models import Prefetch
from django.urls import include, path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import routers, viewsets

from territory_project import selectors, serializers
from territory_project.models import Indicator, Measurement, Project, SocialFunction, Stake


@extend_schema_view(
    list=extend_schema(summary="Projets de territoire"),
    retrieve=extend_schema(summary="Un projet de territoire : priorités, enjeux, objectifs, "
                                   "actions et délibérations qui les mettent en œuvre"),
)
class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"

    def get_queryset(self):
        queryset = Project.objects.select_related("organisation", "adopted_by").order_by(
            "-start_year", "pk")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "evaluations",
                Prefetch("social_functions", queryset=SocialFunction.objects.order_by(
                    "number").prefetch_related(
                        "findings", Prefetch("stakes", queryset=Stake.objects.order_by(
                            "priority__number", "position")))),
            )
        return queryset

    def get_object(self):
        project = super().get_object()
        project.tree = selectors.project_tree(project)
        return project

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ProjectTreeSerializer
        return serializers.ProjectSerializer


@extend_schema_view(
    list=extend_schema(summary="Indicateurs des projets de territoire et leurs mesures"),
    retrieve=extend_schema(summary="Un indicateur : référence, cible, source et mesures"),
)
class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.IndicatorSerializer
    filterset_fields = {"project__slug": ["exact"], "code": ["exact"]}

    def get_queryset(self):
        return Indicator.objects.select_related("project", "stake").prefetch_related(
            "targets",
            Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on")),
        ).order_by("project", "position", "pk")


router = routers.SimpleRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("indicators", IndicatorViewSet, basename="indicator")

app_name = "territory_api"
urlpatterns = [path("", include(router.urls))]
