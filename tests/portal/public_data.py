"""Public-portal test data: the seed records when the loader exists, else a small factory-built
copy of their public facts (Bureau of 18 Oct 2022, Conseil of 6 Dec 2022), plus a draft.

Test modules load the fixtures with `pytest_plugins = ["tests.portal.public_data"]`.
"""

import datetime

import pytest
from django.core.management import call_command, get_commands

from deliberations.models import Attendance, Deliberation
from portal.models import Body, Mandate
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    MemberFactory,
    OrganisationFactory,
    ProxyFactory,
    SessionFactory,
)

BUREAU_TITLE = "RAPPORT D'ACTIVITES DU POLE METROPOLITAIN DE L'ARTOIS"
COUNCIL_TITLE = (
    "ADOPTION DU PROJET DE TERRITOIRE DE LA COMMUNAUTE D'AGGLOMERATION DE BETHUNE-BRUAY, "
    "ARTOIS LYS ROMANE – L'AGGLO 100% DURABLE"
)
DRAFT_TITLE = "BROUILLON CONFIDENTIEL : ZANZIBAR QUINCAILLERIE"
DRAFT_WORD = "zanzibar"


def has_seed_loader() -> bool:
    return "load_seed_records" in get_commands()


def _members(body, count, start_on):
    members = []
    for _ in range(count):
        mandate = MandateFactory(body=body, start_on=start_on)
        members.append(mandate.member)
    return members


def build_public_records():
    """The public facts of seeds 000 and 003, in small: two sessions, attendance per item,
    proxies, two published deliberations and one about housing."""
    organisation = OrganisationFactory(
        name="Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane",
        short_name="CABBALR", slug="cabbalr", siret="20004165500016",
        administrative_court="tribunal administratif de Lille",
    )
    council = BodyFactory(organisation=organisation, kind=Body.Kind.COUNCIL,
                          name="Conseil communautaire", slug="conseil-communautaire")
    bureau = BodyFactory(organisation=organisation, kind=Body.Kind.BUREAU,
                         name="Bureau communautaire", slug="bureau-communautaire",
                         delegated_by=council)
    start = datetime.date(2020, 7, 15)
    president = MemberFactory(last_name="GACQUERRE", first_name="Olivier", slug="gacquerre-olivier")
    for body in (council, bureau):
        MandateFactory(member=president, body=body, start_on=start,
                       role=Mandate.Role.PRESIDENT)
    bureau_members = [president, *_members(bureau, 9, start)]
    council_members = [president, *_members(council, 11, start)]

    bureau_session = SessionFactory(
        body=bureau, date=datetime.date(2022, 10, 18), starts_at=datetime.time(17, 30),
        place="salle Olof Palme de Béthune", convened_on=datetime.date(2022, 10, 12),
        president=president, secretary=bureau_members[1], agenda_item_count=20,
    )
    # 10 in office: 7 present (one from item 5), 2 proxies (one until item 4), 1 excused.
    for member in bureau_members[:6]:
        AttendanceFactory(session=bureau_session, member=member)
    late = bureau_members[6]
    AttendanceFactory(session=bureau_session, member=late, from_item=5,
                      note="à partir de la question 5")
    ProxyFactory(session=bureau_session, giver=late, holder=bureau_members[2], until_item=4)
    AttendanceFactory(session=bureau_session, member=bureau_members[7],
                      status=Attendance.Status.EXCUSED)
    AttendanceFactory(session=bureau_session, member=bureau_members[8],
                      status=Attendance.Status.EXCUSED)
    ProxyFactory(session=bureau_session, giver=bureau_members[8], holder=bureau_members[3])
    AttendanceFactory(session=bureau_session, member=bureau_members[9],
                      status=Attendance.Status.EXCUSED)

    council_session = SessionFactory(
        body=council, date=datetime.date(2022, 12, 6), starts_at=datetime.time(19, 0),
        place="salle polyvalente de Bruay-La-Buissière", convened_on=datetime.date(2022, 11, 30),
        president=president, secretary=council_members[1], agenda_item_count=30,
    )
    for member in council_members[:10]:
        AttendanceFactory(session=council_session, member=member)
    AttendanceFactory(session=council_session, member=council_members[10],
                      status=Attendance.Status.EXCUSED)
    ProxyFactory(session=council_session, giver=council_members[10], holder=council_members[4])
    AttendanceFactory(session=council_session, member=council_members[11],
                      status=Attendance.Status.EXCUSED)

    bureau_delib = DeliberationFactory(
        published=True, session=bureau_session, item_number=None, act_number="BC/2022/124",
        slug="rapport-activites-pole-metropolitain-artois",
        theme="DEVELOPPEMENT ÉCONOMIQUE, EMPLOI ET TRANSITION NUMERIQUE",
        title=BUREAU_TITLE,
        report="Le Pôle Métropolitain de l'Artois présente son rapport d'activités pour "
        "l'année 2021 : attractivité, mobilités, transition énergétique et numérique.",
        decision="PREND ACTE du rapport d'activités 2021 du Pôle Métropolitain de l'Artois.",
        result=Deliberation.Result.NOTED, matter_code="5.7",
        received_on=datetime.date(2022, 10, 20), published_on=datetime.date(2022, 10, 20),
        signatory=president, signatory_capacity="Président",
    )
    council_delib = DeliberationFactory(
        published=True, session=council_session, item_number=12, act_number="CC/2022/310",
        slug="adoption-projet-de-territoire",
        theme="PROJET DE TERRITOIRE ET CONTRACTUALISATION",
        title=COUNCIL_TITLE,
        report="Le projet de territoire 2022-2032 fixe les priorités de l'agglomération : "
        "transition écologique, développement économique et cohésion sociale.",
        decision="ADOPTE le projet de territoire.",
        result=Deliberation.Result.ADOPTED, matter_code="8.4",
        votes_for=10, votes_against=0, abstentions=1,
        received_on=datetime.date(2022, 12, 14), published_on=datetime.date(2022, 12, 14),
        signatory=president, signatory_capacity="Président",
    )
    housing = DeliberationFactory(
        published=True, session=council_session, item_number=13, act_number="CC/2022/311",
        slug="aides-au-logement", theme="HABITAT",
        title="Programme local de l'habitat : aides au logement des jeunes",
        report="Aide à la rénovation du logement locatif social.",
        matter_code="8.5", votes_for=11, votes_against=0, abstentions=0,
        received_on=datetime.date(2022, 12, 14), published_on=datetime.date(2022, 12, 14),
        signatory=president,
    )
    return {
        "organisation": organisation, "council": council, "bureau": bureau,
        "president": president, "bureau_session": bureau_session,
        "council_session": council_session, "bureau_deliberation": bureau_delib,
        "council_deliberation": council_delib, "housing_deliberation": housing,
    }


def build_draft(session):
    """An unpublished deliberation with a word found nowhere else."""
    return DeliberationFactory(
        session=session, item_number=None, act_number="CC/2022/399", slug="brouillon-zanzibar",
        title=DRAFT_TITLE, theme="ZANZIBAR",
        report="Texte confidentiel en préparation : zanzibar quincaillerie.",
    )


@pytest.fixture
def seed_records(db):
    """The seed records (loader) or their factory-built public facts."""
    if has_seed_loader():
        call_command("load_seed_records", verbosity=0)
        return None
    return build_public_records()


@pytest.fixture
def draft(seed_records):
    session = (
        seed_records["council_session"] if seed_records
        else Deliberation.objects.published().first().session
    )
    return build_draft(session)
