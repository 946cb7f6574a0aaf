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
    siret = "20004165500016"


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
        skip_postgeneration_save = True

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

    @factory.post_generation
    def frozen_record(deliberation, create, extracted, **kwargs):
        """A published act has its record frozen, as services.deliberation_set_status does
        (``frozen_record=False``: an act published before records existed)."""
        if create and extracted is not False and (
                deliberation.status == Deliberation.Status.PUBLISHED):
            from deliberations.record import record_freeze

            record_freeze(deliberation=deliberation)


def publish(deliberation: Deliberation) -> Deliberation:
    """Mark published an act built as a draft (``DeliberationFactory(published=True,
    status="draft")``) once its votes, annexes and appointments are entered, as the clerk
    does: the database refuses them on a published act (deliberations/immutability.py)."""
    from deliberations.record import record_freeze

    Deliberation.objects.filter(pk=deliberation.pk).update(status=Deliberation.Status.PUBLISHED)
    deliberation.refresh_from_db()
    record_freeze(deliberation=deliberation)
    return deliberation


def large_session(*, members: int = 152, items: int = 40, organisation=None) -> Session:
    """A Conseil of ``members`` members in office and a held session of ``items``
    deliberations, attendance entered as a real Conseil's: most present, some arriving late
    or leaving early, one in six represented by a proxy, the rest excused (the benchmark
    case of the session workspace). Bulk-created: a few queries, whatever the size."""
    body = BodyFactory(organisation=organisation or OrganisationFactory())
    people = Member.objects.bulk_create(
        Member(last_name=f"MEMBRE{n:03d}", first_name="Camille", slug=f"membre-{body.pk}-{n}",
               match_key=f"membre{n:03d}camille")
        for n in range(members)
    )
    Mandate.objects.bulk_create(
        Mandate(member=member, body=body, role=Mandate.Role.COUNCILLOR,
                start_on=datetime.date(2020, 7, 15))
        for member in people
    )
    session = SessionFactory(body=body, date=datetime.date(2022, 12, 6),
                             convened_on=datetime.date(2022, 11, 30), agenda_item_count=items,
                             president=people[0], secretary=people[1])
    represented = people[-members // 6:]
    excused = people[-members // 6 - members // 6:-members // 6]
    present = people[:len(people) - len(represented) - len(excused)]
    attendances = [
        Attendance(session=session, member=member, status=Attendance.Status.PRESENT,
                   from_item=5 if n % 25 == 3 else None,
                   until_item=30 if n % 25 == 7 else None)
        for n, member in enumerate(present)
    ]
    attendances += [Attendance(session=session, member=member,
                               status=Attendance.Status.EXCUSED) for member in excused]
    Attendance.objects.bulk_create(attendances)
    # Holders present on every item (rows not arriving late nor leaving early).
    holders = [member for n, member in enumerate(present) if n % 25 not in (3, 7)]
    Proxy.objects.bulk_create(
        Proxy(session=session, giver=giver, holder=holders[n]) for n, giver in
        enumerate(represented)
    )
    for n in range(1, items + 1):
        DeliberationFactory(session=session, item_number=n,
                            title=f"Question n° {n} : convention de partenariat",
                            result=Deliberation.Result.ADOPTED,
                            status=Deliberation.Status.ADOPTED, rapporteur=people[n % 10])
    return session
