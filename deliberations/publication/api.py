"""Read-only JSON API (/api/v1/) with its OpenAPI 3 document.

Same public querysets and the same filters as the HTML list (filters.DeliberationFilter,
including `q` for full-text search); lists run a constant number of queries.
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import include, path
from django_filters.utils import translate_validation
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import routers, viewsets

from deliberations import record
from deliberations.models import Attendance, Deliberation, Proxy, Session
from deliberations.publication import rows, serializers
from deliberations.publication.filters import DeliberationFilter
from portal.models import Mandate, Member

# What only the live record of an act reads (record.build_record: an act not frozen yet).
LIVE_RELATIONS = ("non_voting_members", "notifications")


def _with_live_relations(acts):
    """`acts`, those without a frozen record with their LIVE_RELATIONS read (two queries in
    all, none for a page of frozen acts: their record holds these facts; the two prefetches
    for every act took about 6 ms of CPU per page of 50, measured in docs/capacity.md)."""
    prefetch_related_objects([act for act in acts if record.frozen_record(act) is None],
                             *LIVE_RELATIONS)
    return acts


@extend_schema_view(
    list=extend_schema(summary="Délibérations publiées (filtres et recherche plein texte)"),
    retrieve=extend_schema(summary="Une délibération publiée, avec le quorum de sa question"),
)
class DeliberationViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    filterset_class = DeliberationFilter
    pagination_class = rows.CountedPageNumberPagination

    def get_queryset(self):
        queryset = (
            Deliberation.objects.published().with_public_relations().with_rectifications()
            .select_related("record")
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(*LIVE_RELATIONS, "annexes")
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.DeliberationDetailSerializer
        return serializers.DeliberationSerializer

    def filter_queryset(self, queryset):
        # As DjangoFilterBackend (400 on an invalid filter), keeping the filterset: its key
        # names the filtered set whose count the paginator reads once per publication.
        filterset = DeliberationFilter(self.request.query_params, queryset=queryset,
                                       request=self.request)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        self.filter_key = rows.filter_key(filterset)
        return filterset.qs

    def list(self, request, *args, **kwargs):
        """The page's acts, each represented once then read from the row cache (rows.py).
        With the cache on, the page reads the acts and their frozen records' hashes only; what
        a representation needs beyond them (the record's document, rectifications,
        non-voting members, notifications) is read, in one go, for the acts the cache does
        not hold."""
        queryset = self.filter_queryset(self.get_queryset())
        prepare = _with_live_relations
        if rows.enabled():
            # The frozen record's hash names the row; its document is read only to render it.
            full, queryset = queryset, queryset.prefetch_related(None).defer("record__document")

            def prepare(acts):
                by_pk = {act.pk: act for act in full.filter(pk__in=[act.pk for act in acts])}
                return _with_live_relations([by_pk[act.pk] for act in acts])

        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(rows.api_rows(
            page, self.get_serializer_class(), self.get_serializer_context(), prepare))


def _public_deliberations_prefetch():
    return Prefetch(
        "deliberations",
        queryset=Deliberation.objects.published().select_related(
            "session__body__organisation", "record"
        ).order_by("item_number", "pk"),
        to_attr="public_deliberations",
    )


@extend_schema_view(
    list=extend_schema(summary="Séances publiques"),
    retrieve=extend_schema(
        summary="Une séance : présences par question, procurations, quorum par question"
    ),
)
class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_fields = {"body__organisation__slug": ["exact"], "date": ["gte", "lte"]}

    def get_queryset(self):
        queryset = (
            Session.objects.public()
            .select_related("body__organisation", "president", "secretary")
            .prefetch_related(_public_deliberations_prefetch())
            .order_by("-date", "-starts_at")
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("attendances", queryset=Attendance.objects.select_related(
                    "member", "replaces").order_by("member__last_name", "member__first_name")),
                Prefetch("proxies", queryset=Proxy.objects.select_related("giver", "holder")),
            )
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.SessionDetailSerializer
        return serializers.SessionSerializer


@extend_schema_view(
    list=extend_schema(summary="Élus ayant siégé dans une assemblée"),
    retrieve=extend_schema(summary="Un élu et ses mandats"),
)
class MemberViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    serializer_class = serializers.MemberSerializer
    filterset_fields = {"last_name": ["istartswith"]}

    def get_queryset(self):
        return Member.objects.with_public_record().prefetch_related(
            Prefetch("mandates", queryset=Mandate.objects.select_related(
                "body__organisation", "commune", "represented_organisation"
            ).order_by("-start_on"))
        ).order_by("last_name", "first_name", "pk")


router = routers.DefaultRouter()
router.register("deliberations", DeliberationViewSet, basename="deliberation")
router.register("sessions", SessionViewSet, basename="session")
router.register("members", MemberViewSet, basename="member")

app_name = "api"
urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
