"""Permissions per organisation: a clerk of one organisation neither sees nor changes what
belongs to another, through lists, change pages, inlines or related choices."""

import datetime

import pytest
from django.urls import reverse

from portal.models import Mandate
from tests.factories import (
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    MemberFactory,
    OrganisationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_organisation():
    return OrganisationFactory(name="Autre communauté", slug="autre", short_name="AUT")


def test_members_of_another_organisation_are_not_listed(client, clerk, organisation,
                                                        other_organisation):
    own = MandateFactory(body=BodyFactory(organisation=organisation)).member
    foreign = MandateFactory(body=BodyFactory(organisation=other_organisation)).member
    # No seat yet: visible to the organisation that created it, so that a mandate can be added.
    newcomer = MemberFactory(created_by_organisation=organisation)
    MemberFactory(created_by_organisation=other_organisation)
    MemberFactory()  # created by a superuser: the superusers' until seated
    client.force_login(clerk)
    listing = client.get(reverse("admin:portal_member_changelist"))
    assert set(listing.context["cl"].queryset) == {own, newcomer}
    response = client.get(reverse("admin:portal_member_change", args=[foreign.pk]))
    assert response.status_code == 302  # "does not exist" for this clerk


def test_autocomplete_offers_only_the_members_of_the_clerks_organisation(
        client, clerk, organisation, other_organisation):
    own = MandateFactory(body=BodyFactory(organisation=organisation),
                         member=MemberFactory(last_name="DELELIS", first_name="Bernard")).member
    MandateFactory(body=BodyFactory(organisation=other_organisation),
                   member=MemberFactory(last_name="DELELIS", first_name="Bertrand"))
    client.force_login(clerk)
    response = client.get(reverse("admin:autocomplete"), {
        "term": "DELELIS", "app_label": "deliberations", "model_name": "attendance",
        "field_name": "member",
    })
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(own.pk)]


def test_shared_member_page_shows_and_saves_only_own_mandates(client, clerk, organisation,
                                                              other_organisation):
    member = MemberFactory(last_name="GACQUERRE", first_name="Olivier")
    own = MandateFactory(member=member, body=BodyFactory(organisation=organisation))
    foreign_body = BodyFactory(organisation=other_organisation)
    foreign = MandateFactory(member=member, body=foreign_body)
    client.force_login(clerk)
    url = reverse("admin:portal_member_change", args=[member.pk])
    page = client.get(url)
    assert page.status_code == 200
    formset = page.context["inline_admin_formsets"][0].formset
    assert [form.instance for form in formset.forms if form.instance.pk] == [own]

    # Posting the other organisation's body as a new seat is refused.
    data = {
        "last_name": "GACQUERRE", "first_name": "Olivier", "civility": "", "slug": member.slug,
        "mandates-TOTAL_FORMS": "2", "mandates-INITIAL_FORMS": "1",
        "mandates-MIN_NUM_FORMS": "0", "mandates-MAX_NUM_FORMS": "1000",
        "mandates-0-id": own.pk, "mandates-0-member": member.pk, "mandates-0-body": own.body.pk,
        "mandates-0-role": "president", "mandates-0-start_on": "15/07/2020",
        "mandates-1-member": member.pk, "mandates-1-body": foreign_body.pk,
        "mandates-1-role": "councillor", "mandates-1-start_on": "01/01/2023",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert Mandate.objects.filter(body=foreign_body).count() == 1
    foreign.refresh_from_db()
    assert foreign.end_on is None


def test_first_convocation_choices_are_the_clerks_sessions(client, clerk, organisation,
                                                          other_organisation):
    body = BodyFactory(organisation=organisation)
    own = SessionFactory(body=body, status="cancelled")
    foreign = SessionFactory(body=BodyFactory(organisation=other_organisation))
    client.force_login(clerk)
    page = client.get(reverse("admin:deliberations_session_add"))
    choices = page.context["adminform"].form.fields["first_convocation"].queryset
    assert set(choices) == {own}
    assert foreign not in choices


def test_published_deliberation_is_locked_and_cannot_be_deleted(client, clerk, organisation):
    deliberation = DeliberationFactory(
        published=True, session=SessionFactory(body=BodyFactory(organisation=organisation)),
        published_on=datetime.date(2022, 10, 20),
    )
    client.force_login(clerk)
    page = client.get(reverse("admin:deliberations_deliberation_change",
                              args=[deliberation.pk]))
    assert page.status_code == 200
    assert "title" not in page.context["adminform"].form.fields
    delete = client.get(reverse("admin:deliberations_deliberation_delete",
                                args=[deliberation.pk]), follow=True)
    # Refused with the reason and the way to correct it, not as a permission problem.
    assert delete.redirect_chain[-1][1] == 302
    assert "Rectifiez-la par une délibération rectificative" in delete.content.decode()
