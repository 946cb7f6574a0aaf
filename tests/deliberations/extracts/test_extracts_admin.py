"""Extracts for staff: the issued PDF downloads from the admin (not /media/), "émis par" is
the user who published, the certified content reads as the registre; the extract names the
rapporteur and prints the vote figures when they are recorded."""

import datetime
import html

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from deliberations import services
from deliberations.extracts import issuing
from deliberations.models import Deliberation, IssuedExtract
from portal.models import StaffAssignment
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    MemberFactory,
    OrganisationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 10, 18)


@pytest.fixture
def adopted(organisation, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    session = SessionFactory(body=BodyFactory(organisation=organisation), date=DAY,
                             agenda_item_count=3)
    members = [MandateFactory(body=session.body, member=MemberFactory(
        last_name=last, first_name=first, civility="M")).member
        for last, first in (("LECONTE", "Maurice"), ("DELELIS", "Bernard"),
                            ("GAQUÈRE", "Raymond"), ("BOSSART", "Steve"))]
    for member in members:
        AttendanceFactory(session=session, member=member)
    deliberation = DeliberationFactory(
        session=session, item_number=1, status=Deliberation.Status.ADOPTED,
        result=Deliberation.Result.ADOPTED, rapporteur=members[0], votes_for=2,
        votes_against=1, abstentions=0, received_on=DAY + datetime.timedelta(days=1),
        report="La communauté d'agglomération exerce cette compétence.",
        signatory=members[1], signatory_capacity="Le Président",
    )
    deliberation.non_voting_members.add(members[3])
    return deliberation


def test_extract_names_the_rapporteur_and_prints_the_vote_figures(adopted):
    adopted.status = Deliberation.Status.PUBLISHED
    adopted.published_on = DAY + datetime.timedelta(days=2)
    adopted.save()
    context = issuing.extract_context(
        issuing.certified_data(adopted),
        issuing.IssueInfo(code="ABCD2345", version=1,
                          issued_at=datetime.datetime(2022, 10, 20, 9, tzinfo=datetime.UTC)),
    )
    assert context["report_intro"] == (
        "Monsieur LECONTE Maurice, rapporteur, expose à l'Assemblée les éléments suivants :")
    assert context["vote_figures"] == (
        "Pour : 2 – Contre : 1 – Abstentions : 0 – Ne prennent pas part au vote : 1 "
        "(BOSSART Steve)")
    # Without them, the president presents and no figure is printed.
    data = issuing.certified_data(adopted)
    del data["deliberation"]["rapporteur"], data["deliberation"]["votes"]
    context = issuing.extract_context(data, issuing.IssueInfo("ABCD2345", 1,
                                                              context["issue"].issued_at))
    assert context["report_intro"] == (
        "Monsieur le Président expose à l'Assemblée les éléments suivants :")
    assert context["vote_figures"] == ""


def test_staff_download_issued_by_publisher_and_registre_text(
        client, clerk, adopted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.deliberation_publish(deliberation=adopted, by=clerk,
                                      published_on=DAY + datetime.timedelta(days=2))
    extract = IssuedExtract.objects.get()
    assert extract.issued_by == clerk

    client.force_login(clerk)
    response = client.get(reverse("admin:deliberations_issuedextract_file", args=[extract.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="extrait-{extract.code}-v1.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    page = html.unescape(client.get(reverse("admin:deliberations_issuedextract_change",
                                            args=[extract.pk])).content.decode())
    assert "ETAIENT PRESENTS :" in page
    assert ("Monsieur LECONTE Maurice, rapporteur, expose à l'Assemblée les éléments "
            "suivants :") in page
    assert '{"organisation"' not in page

    deliberation_page = html.unescape(client.get(reverse(
        "admin:deliberations_deliberation_change", args=[adopted.pk])).content.decode())
    assert (f"extrait {extract.code}, version 1 (PDF)" in deliberation_page
            and "Version en vigueur" in deliberation_page)


def test_download_is_for_staff_of_the_organisation_only(client, clerk, adopted):
    Deliberation.objects.filter(pk=adopted.pk).update(status="published",
                                                      published_on=DAY)
    adopted.refresh_from_db()
    extract, _ = issuing.extract_get_or_issue(deliberation=adopted, by=clerk)
    url = reverse("admin:deliberations_issuedextract_file", args=[extract.pk])
    assert client.get(url).status_code == 302  # to the login page
    other = User.objects.create_user("autre", password="mot-de-passe-solide-43",
                                     is_staff=True)
    other.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    StaffAssignment.objects.create(user=other, organisation=OrganisationFactory(
        name="Autre", slug="autre"))
    client.force_login(other)
    assert client.get(url).status_code == 404
