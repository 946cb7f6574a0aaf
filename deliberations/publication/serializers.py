"""JSON shapes of the public API. Field names follow the models (one name per concept)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from deliberations import selectors
from deliberations.models import Annex, Attendance, Deliberation, Proxy, Session
from portal.models import Body, Mandate, Member, Organisation


@extend_schema_field(OpenApiTypes.URI)
class AbsoluteUrlField(serializers.Field):
    """The public HTML page of the object, absolute when a request is at hand."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        url = value.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class OrganisationSerializer(serializers.ModelSerializer):
    url = AbsoluteUrlField()

    class Meta:
        model = Organisation
        fields = ["slug", "name", "short_name", "kind", "siret", "administrative_court", "url"]


class BodySerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = AbsoluteUrlField()

    class Meta:
        model = Body
        fields = ["slug", "name", "kind", "organisation", "url"]


class MemberRefSerializer(serializers.ModelSerializer):
    url = AbsoluteUrlField()

    class Meta:
        model = Member
        fields = ["slug", "full_name", "url"]


class QuorumRangeSerializer(serializers.Serializer):
    """One rules.ItemRange: items first_item..last_item (None: and following) share figures."""

    first_item = serializers.IntegerField()
    last_item = serializers.IntegerField(allow_null=True)
    in_office = serializers.IntegerField(source="figures.in_office")
    present = serializers.IntegerField(source="figures.present")
    represented = serializers.IntegerField(source="figures.represented")
    votes_available = serializers.IntegerField(source="figures.votes_available")
    quorum_required = serializers.IntegerField(source="figures.quorum_required",
                                               allow_null=True)
    quorum_met = serializers.BooleanField(source="figures.quorum_met")


class SessionRefSerializer(serializers.ModelSerializer):
    url = AbsoluteUrlField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:session-detail")

    class Meta:
        model = Session
        fields = ["id", "date", "starts_at", "url", "api_url"]


class AnnexSerializer(serializers.ModelSerializer):
    link = serializers.SerializerMethodField()

    class Meta:
        model = Annex
        fields = ["title", "link"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_link(self, annex):
        if annex.file:
            request = self.context.get("request")
            url = annex.get_absolute_url()
            return request.build_absolute_uri(url) if request else url
        return annex.url


class RectificationRefSerializer(serializers.ModelSerializer):
    """An act linked to another by a rectification."""

    url = AbsoluteUrlField()
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:deliberation-detail", lookup_field="slug"
    )
    session_date = serializers.DateField(source="session.date", read_only=True)

    class Meta:
        model = Deliberation
        fields = ["slug", "act_number", "title", "session_date", "published_on",
                  "rectification_kind", "url", "api_url"]


class DeliberationSerializer(serializers.ModelSerializer):
    url = AbsoluteUrlField()
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:deliberation-detail", lookup_field="slug"
    )
    organisation = serializers.SlugRelatedField(
        source="session.body.organisation", slug_field="slug", read_only=True
    )
    body = BodySerializer(source="session.body", read_only=True)
    session = SessionRefSerializer(read_only=True)
    matter_name = serializers.CharField(source="matter_full_name", read_only=True)
    non_voting_members = MemberRefSerializer(many=True, read_only=True)
    signatory = MemberRefSerializer(read_only=True, allow_null=True)
    executory_on = serializers.SerializerMethodField()
    appeal_deadline = serializers.SerializerMethodField()
    rectifies = serializers.SerializerMethodField()
    rectified_by = serializers.SerializerMethodField()

    class Meta:
        model = Deliberation
        fields = [
            "slug", "url", "api_url", "act_number", "organisation", "body", "session",
            "item_number", "theme", "title", "nature", "matter_code", "matter_name",
            "ballot", "vote_kind", "votes_for", "votes_against", "abstentions",
            "blank_or_null", "vote_wording", "result", "non_voting_members", "is_individual",
            "prefecture_act_id", "received_on", "published_on", "executory_on",
            "appeal_deadline", "signatory", "signatory_capacity", "budget_year", "budget_name",
            "rectification_kind", "rectifies", "rectified_by",
        ]

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_executory_on(self, deliberation):
        return selectors.executory_on(deliberation)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_appeal_deadline(self, deliberation):
        return selectors.appeal_deadline(deliberation)

    # A published act never changes; its corrections are acts linked to it.
    @extend_schema_field(RectificationRefSerializer(allow_null=True))
    def get_rectifies(self, deliberation):
        corrected = selectors.rectifications(deliberation).rectifies
        return RectificationRefSerializer(corrected, context=self.context).data \
            if corrected else None

    @extend_schema_field(RectificationRefSerializer(many=True))
    def get_rectified_by(self, deliberation):
        return RectificationRefSerializer(
            selectors.rectifications(deliberation).rectified_by, many=True,
            context=self.context).data


class DeliberationDetailSerializer(DeliberationSerializer):
    annexes = AnnexSerializer(many=True, read_only=True)
    administrative_court = serializers.CharField(
        source="session.body.organisation.administrative_court", read_only=True
    )
    quorum = serializers.SerializerMethodField()

    class Meta(DeliberationSerializer.Meta):
        fields = DeliberationSerializer.Meta.fields + [
            "report", "president_request", "decision", "appeal_clause",
            "administrative_court", "annexes", "quorum",
        ]

    @extend_schema_field(QuorumRangeSerializer(many=True))
    def get_quorum(self, deliberation):
        return QuorumRangeSerializer(
            selectors.deliberation_quorum(deliberation, published_only=True), many=True).data


class PublicDeliberationRefSerializer(serializers.ModelSerializer):
    url = AbsoluteUrlField()

    class Meta:
        model = Deliberation
        fields = ["slug", "item_number", "act_number", "title", "url"]


class SessionSerializer(serializers.ModelSerializer):
    url = AbsoluteUrlField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:session-detail")
    body = BodySerializer(read_only=True)
    president = MemberRefSerializer(read_only=True, allow_null=True)
    secretary = MemberRefSerializer(read_only=True, allow_null=True)
    deliberations = PublicDeliberationRefSerializer(
        source="public_deliberations", many=True, read_only=True
    )

    class Meta:
        model = Session
        fields = [
            "id", "url", "api_url", "body", "date", "starts_at", "place", "status",
            "president", "president_capacity", "secretary", "agenda_item_count",
            "deliberations",
        ]


class AttendanceSerializer(serializers.ModelSerializer):
    member = MemberRefSerializer(read_only=True)
    replaces = MemberRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Attendance
        fields = ["member", "status", "from_item", "until_item", "replaces", "note"]


class ProxySerializer(serializers.ModelSerializer):
    giver = MemberRefSerializer(read_only=True)
    holder = MemberRefSerializer(read_only=True)

    class Meta:
        model = Proxy
        fields = ["giver", "holder", "from_item", "until_item"]


class SessionDetailSerializer(SessionSerializer):
    attendances = AttendanceSerializer(many=True, read_only=True)
    proxies = ProxySerializer(many=True, read_only=True)
    quorum = serializers.SerializerMethodField()

    class Meta(SessionSerializer.Meta):
        fields = SessionSerializer.Meta.fields + ["attendances", "proxies", "quorum"]

    @extend_schema_field(QuorumRangeSerializer(many=True))
    def get_quorum(self, session):
        return QuorumRangeSerializer(
            selectors.session_quorum_table(session, published_only=True), many=True).data


class MandateSerializer(serializers.ModelSerializer):
    body = BodySerializer(read_only=True)
    title = serializers.CharField(read_only=True)
    commune = serializers.StringRelatedField(allow_null=True)
    represented_organisation = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Mandate
        fields = [
            "body", "role", "title", "vice_president_rank", "delegation", "commune",
            "represented_organisation", "start_on", "end_on",
        ]


class MemberSerializer(serializers.ModelSerializer):
    url = AbsoluteUrlField()
    api_url = serializers.HyperlinkedIdentityField(
        view_name="api:member-detail", lookup_field="slug"
    )
    mandates = MandateSerializer(many=True, read_only=True)

    class Meta:
        model = Member
        fields = ["slug", "full_name", "last_name", "first_name", "civility", "url", "api_url",
                  "mandates"]
