"""The cast of the penetration test: two organisations (a communauté d'agglomération and the
pôle métropolitain it belongs to), a clerk of each, an agent, a superuser, and an élu who
sits in both (the CABBALR president, also delegate to the PMA)."""

import datetime

import pytest
from django.contrib.auth.models import Group, User

from portal.models import Body, Mandate, Organisation, StaffAssignment
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    MemberFactory,
    OrganisationFactory,
    SessionFactory,
)

PASSWORD = "mot-de-passe-solide-42"


@pytest.fixture
def cabbalr(db):
    return OrganisationFactory(
        name="Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane",
        short_name="CABBALR", slug="cabbalr",
    )


@pytest.fixture
def pma(db):
    return OrganisationFactory(
        name="Pôle Métropolitain de l'Artois", short_name="PMA", slug="pma",
        kind=Organisation.Kind.METROPOLITAN_POLE, siret="",
    )


def staff(username, group, *organisations):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    for organisation in organisations:
        StaffAssignment.objects.create(user=user, organisation=organisation)
    return user


@pytest.fixture
def clerk_cabbalr(cabbalr):
    return staff("greffe-cabbalr", "Secrétariat des assemblées", cabbalr)


@pytest.fixture
def clerk_pma(pma):
    return staff("greffe-pma", "Secrétariat des assemblées", pma)


@pytest.fixture
def clerk_both(cabbalr, pma):
    return staff("greffe-commun", "Secrétariat des assemblées", cabbalr, pma)


@pytest.fixture
def agent_cabbalr(cabbalr):
    return staff("agent-cabbalr", "Agents", cabbalr)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", password=PASSWORD)


@pytest.fixture
def council(cabbalr):
    return BodyFactory(organisation=cabbalr, name="Conseil communautaire",
                       slug="conseil-communautaire")


@pytest.fixture
def committee(pma):
    return BodyFactory(organisation=pma, kind=Body.Kind.SYNDICATE_COMMITTEE,
                       name="Comité syndical", slug="comite-syndical")


@pytest.fixture
def shared_member(council, committee):
    """GACQUERRE Olivier: president of the CABBALR, delegate of the CABBALR to the PMA."""
    member = MemberFactory(last_name="GACQUERRE", first_name="Olivier",
                           slug="gacquerre-olivier")
    MandateFactory(member=member, body=council, role=Mandate.Role.PRESIDENT)
    MandateFactory(member=member, body=committee)
    return member


@pytest.fixture
def published_act_fields():
    """The content of the act of ``published_session``. A published act cannot be edited
    (deliberations/immutability.py): a test that needs other content (hostile text) gives
    it here, with ``@pytest.mark.parametrize("published_act_fields", [{...}])``."""
    return {}


@pytest.fixture
def published_session(council, shared_member, published_act_fields):
    """A held Conseil of 18 Oct 2022, three members present, one act published on 20 Oct."""
    session = SessionFactory(body=council, date=datetime.date(2022, 10, 18),
                             agenda_item_count=2)
    members = [shared_member] + [MandateFactory(body=council).member for _ in range(2)]
    for member in members:
        AttendanceFactory(session=session, member=member)
    DeliberationFactory(session=session, item_number=1, published=True,
                        **{"title": "GOUVERNANCE - Election des vice-présidents",
                           **published_act_fields})
    return session


def admin_form_data(response) -> dict:
    """The POST data of an admin change page as the browser would send it unchanged: the
    main form and every inline formset (management form included)."""
    data = {}

    def add(form, names=None):
        for name in names or form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data

