"""JSON shapes of the public API. Field names follow the models (one name per concept)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import preserve_builtin_query_params

from deliberations import record, selectors
from deliberations.models import Annex, Deliberation, Session
from portal.kernel import reversing
from portal.kernel.representation import PlainModelSerializer
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


class IdentityUrlField(serializers.HyperlinkedIdentityField):
    """HyperlinkedIdentityField whose address is formatted (portal.kernel.reversing) rather
    than reversed for each object; the same string."""

    def get_url(self, obj, view_name, request, format):
        if format is not None or getattr(request, "versioning_scheme", None) is not None:
            return super().get_url(obj, view_name, request, format)
        if hasattr(obj, "pk") and obj.pk in (None, ""):
            return None
        url = reversing.reverse(view_name,
                                **{self.lookup_url_kwarg: getattr(obj, self.lookup_field)})
        if request:
            url = request.build_absolute_uri(url)
        return preserve_builtin_query_params(url, request)


class OrganisationSerializer(PlainModelSerializer):
    url = AbsoluteUrlField()

    class Meta:
        model = Organisation
        fields = ["slug", "name", "short_name", "kind", "siret", "administrative_court", "url"]


class BodySerializer(PlainModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = AbsoluteUrlField()

    class Meta:
        model = Body
        fields = ["slug", "name", "kind", "organisation", "url"]


class MemberRefSerializer(PlainModelSerializer):
    url = AbsoluteUrlField()

    class Meta:
        model = Member
        fields = ["slug", "full_name", "url"]


class PersonRefSerializer(serializers.Serializer):
    """A member as an act's record names them (deliberations.record.types.PersonRef): the
    name as written at the time, whatever the member is called now; same keys as
    MemberRefSerializer."""

    slug = serializers.CharField()
    full_name = serializers.CharField(source="name")
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, person):
        return _member_url(person, self.context)

    def to_representation(self, person):
        # What the declared fields give (CharField: str), without their machinery: an API
        # page names some fifty people.
        return person_ref(person, self.context)


def _member_url(person, context):
    if not person.slug:
        return None
    url = reversing.reverse("portal:member_detail", slug=person.slug)
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


def person_ref(person, context) -> dict:
    """PersonRefSerializer(person).data, as a plain dict (see its fields)."""
    return {"slug": None if person.slug is None else str(person.slug),
            "full_name": None if person.name is None else str(person.name),
            "url": _member_url(person, context)}


class QuorumRangeSerializer(serializers.Serializer):
    """One range of a record's quorum table (deliberations.record.types.QuorumRange): items
    first_item..last_item (None: and following) share figures."""

    first_item = serializers.IntegerField()
    last_item = serializers.IntegerField(allow_null=True)
    in_office = serializers.IntegerField()
    present = serializers.IntegerField()
    represented = serializers.IntegerField()
    votes_available = serializers.IntegerField()
    quorum_required = serializers.IntegerField(allow_null=True)
    quorum_met = serializers.BooleanField()


class RecordAttendanceSerializer(serializers.Serializer):
    member = PersonRefSerializer()
    status = serializers.CharField()
    from_item = serializers.IntegerField(allow_null=True)
    until_item = serializers.IntegerField(allow_null=True)
    replaces = PersonRefSerializer(allow_null=True)
    note = serializers.CharField()


class RecordProxySerializer(serializers.Serializer):
    giver = PersonRefSerializer()
    holder = PersonRefSerializer()
    from_item = serializers.IntegerField(allow_null=True)
    until_item = serializers.IntegerField(allow_null=True)


class SessionRefSerializer(PlainModelSerializer):
    url = AbsoluteUrlField()
    api_url = IdentityUrlField(view_name="api:session-detail")

    class Meta:
        model = Session
        fields = ["id", "date", "starts_at", "url", "api_url"]


class AnnexSerializer(PlainModelSerializer):
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


class RectificationRefSerializer(PlainModelSerializer):
    """An act linked to another by a rectification."""

    url = AbsoluteUrlField()
    api_url = IdentityUrlField(
        view_name="api:deliberation-detail", lookup_field="slug"
    )
    session_date = serializers.DateField(source="session.date", read_only=True)

    class Meta:
        model = Deliberation
        fields = ["slug", "act_number", "title", "session_date", "published_on",
                  "rectification_kind", "url", "api_url"]


class DeliberationSerializer(PlainModelSerializer):
    """A published act. Its legal facts (names, vote outcome and wording, executory date,
    appeal deadline, quorum) are those of its record (deliberations.record.record_for): the
    one frozen at its publication."""

    url = AbsoluteUrlField()
    api_url = IdentityUrlField(
        view_name="api:deliberation-detail", lookup_field="slug"
    )
    organisation = serializers.SlugRelatedField(
        source="session.body.organisation", slug_field="slug", read_only=True
    )
    body = BodySerializer(source="session.body", read_only=True)
    session = SessionRefSerializer(read_only=True)
    matter_name = serializers.CharField(source="matter_full_name", read_only=True)
    non_voting_members = serializers.SerializerMethodField()
    signatory = serializers.SerializerMethodField()
    outcome = serializers.SerializerMethodField()
    outcome_wording = serializers.SerializerMethodField()
    executory_on = serializers.SerializerMethodField()
    appeal_deadline = serializers.SerializerMethodField()
    rectifies = serializers.SerializerMethodField()
    rectified_by = serializers.SerializerMethodField()
    record_sha256 = serializers.SerializerMethodField()

    class Meta:
        model = Deliberation
        fields = [
            "slug", "url", "api_url", "act_number", "organisation", "body", "session",
            "item_number", "theme", "title", "nature", "matter_code", "matter_name",
            "ballot", "vote_kind", "votes_for", "votes_against", "abstentions",
            "blank_or_null", "vote_wording", "result", "outcome", "outcome_wording",
            "non_voting_members", "is_individual",
            "prefecture_act_id", "received_on", "published_on", "executory_on",
            "appeal_deadline", "signatory", "signatory_capacity", "budget_year", "budget_name",
            "rectification_kind", "rectifies", "rectified_by", "record_sha256",
        ]

    # The people of an act as plain dicts (person_ref): a serializer instance per act and
    # person costs a copy of its fields each time.
    @extend_schema_field(PersonRefSerializer(many=True))
    def get_non_voting_members(self, deliberation):
        return [person_ref(person, self.context)
                for person in record.record_for(deliberation).vote.not_voting]

    @extend_schema_field(PersonRefSerializer(allow_null=True))
    def get_signatory(self, deliberation):
        signatory = record.record_for(deliberation).publication.signatory
        return person_ref(signatory, self.context) if signatory else None

    @extend_schema_field(serializers.ChoiceField(choices=Deliberation.Result.choices))
    def get_outcome(self, deliberation):
        """The result as the rules decide it from the recorded figures (rules.vote_result),
        else the recorded result."""
        return record.record_for(deliberation).vote.outcome

    @extend_schema_field(serializers.CharField())
    def get_outcome_wording(self, deliberation):
        """The registre's sentence of the outcome, as on the page, the extract and the PV."""
        return record.record_for(deliberation).vote.wording

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_executory_on(self, deliberation):
        return record.record_for(deliberation).publication.executory_on

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_appeal_deadline(self, deliberation):
        return record.record_for(deliberation).publication.appeal_deadline

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_record_sha256(self, deliberation):
        """SHA-256 of the record frozen at publication (null for an act published before
        records were frozen and not frozen since)."""
        frozen = record.frozen_record(deliberation)
        return frozen.sha256 if frozen is not None else None

    # A published act never changes; its corrections are acts linked to it.
    @extend_schema_field(RectificationRefSerializer(allow_null=True))
    def get_rectifies(self, deliberation):
        corrected = selectors.rectifications(deliberation).rectifies
        return RectificationRefSerializer(corrected, context=self.context).data \
            if corrected else None

    @extend_schema_field(RectificationRefSerializer(many=True))
    def get_rectified_by(self, deliberation):
        acts = selectors.rectifications(deliberation).rectified_by
        if not acts:  # most acts: no serializer built for an empty list
            return []
        return RectificationRefSerializer(acts, many=True, context=self.context).data


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
        return QuorumRangeSerializer(record.record_for(deliberation).quorum, many=True).data


class PublicDeliberationRefSerializer(PlainModelSerializer):
    url = AbsoluteUrlField()

    class Meta:
        model = Deliberation
        fields = ["slug", "item_number", "act_number", "title", "url"]


def session_facts(session):
    """What a session certifies (deliberations.record.types.SessionFacts): from the latest
    frozen record of its published acts (prefetched as ``public_deliberations`` with their
    records), else computed now."""
    frozen = [d for d in getattr(session, "public_deliberations", [])
              if record.frozen_record(d) is not None]
    if not frozen:
        cached = getattr(session, "_live_facts", None)
        if cached is None:
            cached = session._live_facts = record.live_session_facts(session)
        return cached
    latest = max(frozen, key=lambda d: (d.record.frozen_at, d.record.pk))
    return record.record_for(latest).session


class SessionSerializer(PlainModelSerializer):
    url = AbsoluteUrlField()
    api_url = IdentityUrlField(view_name="api:session-detail")
    body = BodySerializer(read_only=True)
    president = serializers.SerializerMethodField()
    secretary = serializers.SerializerMethodField()
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

    def to_representation(self, session):
        data = super().to_representation(session)
        if getattr(session, "public_deliberations", None):
            facts = session_facts(session)
            data["place"] = facts.place
            data["president_capacity"] = facts.president_capacity
        return data

    @extend_schema_field(PersonRefSerializer(allow_null=True))
    def get_president(self, session):
        if getattr(session, "public_deliberations", None):
            president = session_facts(session).president
            return PersonRefSerializer(president, context=self.context).data \
                if president else None
        return MemberRefSerializer(session.president, context=self.context).data \
            if session.president else None

    @extend_schema_field(PersonRefSerializer(allow_null=True))
    def get_secretary(self, session):
        if getattr(session, "public_deliberations", None):
            secretaries = session_facts(session).secretaries
            return PersonRefSerializer(secretaries[0], context=self.context).data \
                if secretaries else None
        return MemberRefSerializer(session.secretary, context=self.context).data \
            if session.secretary else None


class SessionDetailSerializer(SessionSerializer):
    """A session with its attendance, proxies and quorum per item: once an act of it is
    published, as its latest frozen record holds them."""

    attendances = serializers.SerializerMethodField()
    proxies = serializers.SerializerMethodField()
    quorum = serializers.SerializerMethodField()

    class Meta(SessionSerializer.Meta):
        fields = SessionSerializer.Meta.fields + ["attendances", "proxies", "quorum"]

    @extend_schema_field(RecordAttendanceSerializer(many=True))
    def get_attendances(self, session):
        lines = sorted(session_facts(session).attendance, key=lambda line: line.member.name)
        return RecordAttendanceSerializer(lines, many=True, context=self.context).data

    @extend_schema_field(RecordProxySerializer(many=True))
    def get_proxies(self, session):
        return RecordProxySerializer(session_facts(session).proxies, many=True,
                                     context=self.context).data

    @extend_schema_field(QuorumRangeSerializer(many=True))
    def get_quorum(self, session):
        return QuorumRangeSerializer(session_facts(session).quorum, many=True).data


class MandateSerializer(PlainModelSerializer):
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


class MemberSerializer(PlainModelSerializer):
    url = AbsoluteUrlField()
    api_url = IdentityUrlField(
        view_name="api:member-detail", lookup_field="slug"
    )
    mandates = MandateSerializer(many=True, read_only=True)

    class Meta:
        model = Member
        fields = ["slug", "full_name", "last_name", "first_name", "civility", "url", "api_url",
                  "mandates"]
