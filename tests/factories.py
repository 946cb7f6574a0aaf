"""factory_boy factories shared by the tests. Small by default; build real seed data with the
load_seed_records command instead of re-typing it here."""

import datetime

import factory
from django.utils.text import slugify

from deliberations.models import Attendance, Deliberation, Proxy, Session
from portal.models import Body, Mandate, Member, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Communauté d'agglomération n° {n}")
    slug = factory.Sequence(lambda n: f"ca-{n}")
    short_name = factory.Sequence(lambda n: f"CA{n}")
    kind = Organisation.Kind.AGGLOMERATION
    arrondissement = "Béthune"
    sub_prefecture = "Béthune"
    administrative_court = "tribunal administratif de Lille"
    siret = "20004165500015"


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Body.Kind.COUNCIL
    name = "Conseil communautaire"
    slug = factory.Sequence(lambda n: f"conseil-{n}")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    last_name = factory.Sequence(lambda n: f"DUPONT{n}")
    first_name = "Jean"
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.last_name)}-{n}")


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    member = factory.SubFactory(MemberFactory)
    body = factory.SubFactory(BodyFactory)
    role = Mandate.Role.COUNCILLOR
    start_on = datetime.date(2020, 7, 15)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    body = factory.SubFactory(BodyFactory)
    date = datetime.date(2022, 10, 18)
    starts_at = datetime.time(17, 30)
    place = "Hôtel communautaire"
    convened_on = datetime.date(2022, 10, 12)
    status = Session.Status.HELD


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    member = factory.SubFactory(MemberFactory)
    status = Attendance.Status.PRESENT


class ProxyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proxy

    session = factory.SubFactory(SessionFactory)
    giver = factory.SubFactory(MemberFactory)
    holder = factory.SubFactory(MemberFactory)


class DeliberationFactory(factory.django.DjangoModelFactory):
    """A draft by default; use `published=True` for a public one."""

    class Meta:
        model = Deliberation

    class Params:
        published = factory.Trait(
            status=Deliberation.Status.PUBLISHED,
            result=Deliberation.Result.ADOPTED,
            received_on=factory.LazyAttribute(
                lambda o: o.session.date + datetime.timedelta(days=2)
            ),
            published_on=factory.LazyAttribute(
                lambda o: o.session.date + datetime.timedelta(days=2)
            ),
        )

    session = factory.SubFactory(SessionFactory)
    item_number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"deliberation-{n}")
    theme = "ADMINISTRATION GENERALE ET MOYENS GENERAUX"
    title = factory.Sequence(lambda n: f"Objet de la délibération n° {n}")
    report = "Monsieur le Président expose à l'Assemblée les éléments suivants."
    decision = "ADOPTE la proposition."
    nature = Deliberation.Nature.DELIBERATION
    matter_code = "5.7"
