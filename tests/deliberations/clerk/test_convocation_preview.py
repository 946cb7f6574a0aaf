"""The convocation: its PDF carries the president's signature block, the date and the place;
"Envoyer" comes after a preview stating how many members receive it by e-mail and listing
those without an address (with a printable list for postal delivery)."""

import datetime
import html
import re
import shutil
import subprocess

import pytest
from django.core import mail
from django.urls import reverse

from deliberations.models import AgendaItem, Convocation, ConvocationAddress, Session
from portal.models import Mandate
from tests.factories import BodyFactory, MandateFactory, MemberFactory, SessionFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/deliberations/convocation/add/"


def pdf_text(content: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) n'est pas installé")
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content,
                            capture_output=True, check=True)
    return re.sub(r"\s+", " ", result.stdout.decode("utf-8"))


@pytest.fixture
def session(settings, tmp_path, organisation):
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    organisation.seat_address = "100 avenue de Londres, 62400 Béthune"
    organisation.save()
    body = BodyFactory(organisation=organisation, name="Conseil communautaire")
    president = MemberFactory(last_name="ALPHA", first_name="Anne", civility="Mme")
    MandateFactory(member=president, body=body, role=Mandate.Role.PRESIDENT)
    others = [MemberFactory(last_name=name, first_name="Luc") for name in
              ("BRAVO", "CHARLIE", "DELTA")]
    for member in others:
        MandateFactory(member=member, body=body)
    for member in (president, others[0]):
        ConvocationAddress.objects.create(member=member, organisation=organisation,
                                          email=f"{member.last_name.lower()}@example.org")
    session = SessionFactory(body=body, date=datetime.date.today() + datetime.timedelta(
        days=10), starts_at=datetime.time(18, 0), place="Hôtel communautaire de Béthune",
        convened_on=None, status=Session.Status.DRAFT)
    AgendaItem.objects.create(session=session, position=1, title="Budget primitif 2027")
    return session


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_preview_counts_recipients_lists_postal_ones_then_sends(client, clerk, session):
    client.force_login(clerk)
    preview = client.post(ADD, {"session": session.pk, "urgent": ""})
    page = text(preview)
    assert re.sub(r"<[^>]+>", "", page.split('id="convocation-recipients">')[1].split(
        "</ul>")[0]).split() == (
        "2 élus recevront la convocation par courriel. 2 élus sans adresse de convocation, "
        "à convoquer par courrier : liste à imprimer.").split()
    assert re.findall(r"<li>(.*?)</li>", page.split('id="convocation-by-post">')[1].split(
        "</ol>")[0]) == ["CHARLIE Luc", "DELTA Luc"]
    # The text as it will be signed: by the president in office, at the seat, dated today.
    today = datetime.date.today()
    assert "Fait à Béthune, le " in page
    assert "La Présidente,<br><span class=\"signatory\">ALPHA Anne</span>" in page
    assert not mail.outbox and not Convocation.objects.exists()

    postal = client.get(reverse("admin:deliberations_convocation_postal", args=[session.pk]))
    assert re.findall(r"<tr><td>\d+</td><td>(.*?)</td>", text(postal)) == [
        "CHARLIE Luc", "DELTA Luc"]

    client.post(ADD, {"session": session.pk, "urgent": "", "confirm": "1"})
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alpha@example.org", "bravo@example.org"]
    convocation = Convocation.objects.get(session=session)
    with convocation.file.open("rb") as handle:
        content = pdf_text(handle.read())
    assert "Hôtel communautaire de Béthune" in content
    assert f"Fait à Béthune, le {today.day}" in content
    assert "La Présidente, ALPHA Anne" in content


def test_postal_list_of_another_organisation_is_not_shown(client, session):
    from django.contrib.auth.models import Group, User

    from portal.models import StaffAssignment
    from tests.factories import OrganisationFactory

    other = User.objects.create_user("autre", password="mot-de-passe-solide-42",
                                     is_staff=True)
    other.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    StaffAssignment.objects.create(user=other, organisation=OrganisationFactory(slug="autre"))
    client.force_login(other)
    response = client.get(reverse("admin:deliberations_convocation_postal",
                                  args=[session.pk]))
    assert response.status_code == 404
