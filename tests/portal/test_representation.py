"""PlainModelSerializer gives DRF's own representation, key for key and value for value."""

import pytest
from django.test import RequestFactory
from rest_framework import serializers

from deliberations.models import Deliberation, Session
from deliberations.publication import serializers as api
from portal.kernel.representation import PlainModelSerializer
from portal.models import Member
from tests.deliberations.test_public_pages import make_published
from tests.factories import DeliberationFactory, publish

pytestmark = pytest.mark.django_db


def _drf(serializer, instance):
    """What DRF's Serializer.to_representation gives for the same serializer."""
    return serializers.Serializer.to_representation(serializer, instance)


def test_the_api_representations_are_drf_s():
    body = make_published(2)
    first = Deliberation.objects.order_by("pk").first()
    rectifying = DeliberationFactory(published=True, status=Deliberation.Status.DRAFT,
                                     session=first.session, title="Rectification",
                                     rectifies=first, rectification_kind="erreur_materielle",
                                     budget_year=2022, votes_for=None)
    publish(rectifying)
    context = {"request": RequestFactory().get("/api/v1/deliberations/?format=json")}
    acts = (Deliberation.objects.published().with_public_relations().with_rectifications()
            .select_related("record").order_by("pk"))
    cases = [(api.DeliberationSerializer, acts), (api.DeliberationDetailSerializer, acts),
             (api.SessionSerializer, Session.objects.filter(body=body)),
             (api.MemberSerializer, Member.objects.all())]
    compared = 0
    for serializer_class, instances in cases:
        serializer = serializer_class(context=context)
        assert isinstance(serializer, PlainModelSerializer)
        for instance in instances:
            assert serializer.to_representation(instance) == _drf(serializer, instance)
            compared += 1
    assert compared == 3 + 3 + 2 + Member.objects.count()
    data = api.DeliberationSerializer(rectifying, context=context).data
    assert data["rectifies"]["slug"] == first.slug
    assert data["budget_year"] == 2022 and data["votes_for"] is None
    assert data["api_url"].endswith(f"/api/v1/deliberations/{rectifying.slug}/?format=json")


def test_a_callable_attribute_or_a_mapping_takes_drf_s_steps():
    class Shape(PlainModelSerializer):
        title = serializers.CharField()
        year = serializers.IntegerField(source="session_year")

        class Meta:
            model = Deliberation
            fields = ["title", "year"]

    class Act:
        title = "Budget"

        def session_year(self):
            return 2024

    assert Shape().to_representation(Act()) == {"title": "Budget", "year": 2024}
    assert Shape().to_representation({"title": "Budget", "session_year": 2025}) == \
        {"title": "Budget", "year": 2025}


def test_a_person_ref_is_drf_s_representation_of_its_fields():
    from deliberations.record.types import PersonRef

    context = {"request": RequestFactory().get("/api/v1/deliberations/")}
    serializer = api.PersonRefSerializer(context=context)
    for person in (PersonRef(name="QUENNESSON Christine", slug="christine-quennesson"),
                   PersonRef(name="Élu sans page", slug="")):
        assert serializer.to_representation(person) == _drf(serializer, person)
    assert api.person_ref(PersonRef(name="A", slug="a"), context)["url"] == \
        "http://testserver/elus/a/"
