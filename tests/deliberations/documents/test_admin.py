"""The clerk's screens: open the PV of the seeded Conseil, write the discussion, record its
adoption and signature (publication), publish the list, generate the registre."""

import datetime

import pytest
from django.contrib.auth.models import Group, User

from deliberations.models import DeliberationList, Minutes, Registre
from portal.models import StaffAssignment
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client, conseil_session):
    user = User.objects.create_user("greffe", password="mot-de-passe-solide-42", is_staff=True)
    user.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    StaffAssignment.objects.create(user=user, organisation=conseil_session.body.organisation)
    client.force_login(user)
    return client


def test_clerk_drafts_approves_and_publishes_the_minutes(clerk_client, conseil_session):
    response = clerk_client.post("/admin/deliberations/minutes/add/",
                                 {"session": conseil_session.pk})
    assert response.status_code == 302
    minutes = Minutes.objects.get(session=conseil_session)
    item = minutes.items.get()
    url = f"/admin/deliberations/minutes/{minutes.pk}/change/"
    form = {
        "opening": "Le quorum étant atteint, la séance est ouverte.",
        "items-TOTAL_FORMS": 1, "items-INITIAL_FORMS": 1,
        "items-MIN_NUM_FORMS": 0, "items-MAX_NUM_FORMS": 1000,
        "items-0-id": item.pk, "items-0-minutes": minutes.pk,
        "items-0-ballot_request": "", "items-0-discussion": "Débat sur les évaluations.",
    }
    next_session = SessionFactory(body=conseil_session.body, date=datetime.date(2022, 12, 15),
                                  convened_on=datetime.date(2022, 12, 8))
    response = clerk_client.post(url, {**form, "approve_at": next_session.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    minutes.refresh_from_db()
    item.refresh_from_db()
    assert item.discussion == "Débat sur les évaluations."
    assert minutes.status == Minutes.Status.APPROVED and minutes.approved_at == next_session

    response = clerk_client.post(url, {"sign_on": "2022-12-16", "items-TOTAL_FORMS": 1,
                                       "items-INITIAL_FORMS": 1, "items-MIN_NUM_FORMS": 0,
                                       "items-MAX_NUM_FORMS": 1000, "items-0-id": item.pk,
                                       "items-0-minutes": minutes.pk})
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED and len(minutes.sha256) == 64
    page = clerk_client.get(conseil_session.get_absolute_url()).content.decode()
    assert "Procès-verbal de la séance (PDF)" in page
    assert "signé le 16 décembre 2022" in page
    # Read-only afterwards: the change page has no editable discussion left.
    page = clerk_client.get(url).content.decode()
    assert 'name="items-0-discussion"' not in page
    assert 'name="opening"' not in page


def test_clerk_publishes_the_list_and_generates_the_registre(clerk_client, conseil_session):
    response = clerk_client.post("/admin/deliberations/deliberationlist/add/",
                                 {"session": conseil_session.pk})
    assert response.status_code == 302
    assert DeliberationList.objects.filter(session=conseil_session).exists()
    response = clerk_client.post("/admin/deliberations/registre/add/",
                                 {"body": conseil_session.body_id, "year": 2022})
    assert response.status_code == 302
    registre = Registre.objects.get()
    assert registre.act_count == 1 and registre.version == 1
    assert clerk_client.get("/admin/deliberations/registre/").status_code == 200
