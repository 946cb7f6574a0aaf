"""Admin import of a block written with initials and "Prénom NOM" order: the parser reads it
against the members of the session's organisation, so every name finds its member."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from deliberations.models import Attendance, Proxy, Session
from portal.models import Body, Mandate, Member, Organisation

pytestmark = pytest.mark.django_db

MEMBERS = [("LECLERC", "Christian"), ("DUPONT", "Jean-Pierre"), ("MARTIN", "Anne"),
           ("DURAND", "Paul"), ("PETIT", "Luc"), ("LE GOFF", "Yann"), ("ROLIN", "Sophie"),
           ("DA SILVA RIBEIRO", "Ana")]

# The style of the Pays d'Huriel and Concarneau minutes: initials, either order.
BLOCK = """Etaient présents : Mesdames et Messieurs : C. LECLERC, DUPONT J.-P., Anne MARTIN,
Y. LE GOFF, ROLIN S., Ana DA SILVA RIBEIRO
Délégués excusés : P. DURAND (pouvoir à C. LECLERC), PETIT L.
Secrétaire de séance : Anne MARTIN
"""


@pytest.fixture
def session():
    organisation = Organisation.objects.create(name="Communauté test", slug="cc-test", kind="cc")
    body = Body.objects.create(organisation=organisation, kind="conseil",
                               name="Conseil communautaire", slug="conseil")
    for index, (last_name, first_name) in enumerate(MEMBERS):
        member = Member.objects.create(last_name=last_name, first_name=first_name,
                                       slug=f"elu-{index}")
        Mandate.objects.create(member=member, body=body, start_on=datetime.date(2020, 7, 15))
    return Session.objects.create(body=body, date=datetime.date(2023, 2, 23),
                                  starts_at=datetime.time(18, 0), status="held")


def test_initials_and_first_name_first_match_every_member(client, session):
    user = User.objects.create_superuser("greffe", "greffe@example.org", "motdepasse")
    client.force_login(user)
    url = reverse("admin:deliberations_session_import_attendance", args=[session.pk])

    preview = client.post(url, {"text": BLOCK, "action": "Analyser"})
    assert preview.status_code == 200
    assert preview.context["unknown"] == []
    assert not Attendance.objects.exists()

    response = client.post(url, {"text": BLOCK, "action": "confirm"})
    assert response.status_code == 302
    present = set(session.attendances.filter(status="present")
                  .values_list("member__last_name", flat=True))
    assert present == {"LECLERC", "DUPONT", "MARTIN", "LE GOFF", "ROLIN", "DA SILVA RIBEIRO"}
    assert list(session.attendances.filter(status="excused")
                .values_list("member__last_name", flat=True)) == ["PETIT"]
    proxy = Proxy.objects.get(session=session)
    assert (proxy.giver.full_name, proxy.holder.full_name) == ("DURAND Paul",
                                                               "LECLERC Christian")
    session.refresh_from_db()
    assert session.secretary.full_name == "MARTIN Anne"


def test_roster_reading_and_a_clerks_alias_work_together(client, session):
    # The roster reads the initials; a spelling it cannot tie ("ROLLIN") is tied by the clerk
    # in the preview, remembered as an alias and read without asking at the next import.
    from deliberations.models import NameAlias

    user = User.objects.create_superuser("greffe", "greffe@example.org", "motdepasse")
    client.force_login(user)
    text = BLOCK.replace("ROLIN S.", "Sophie ROLLIN")
    url = reverse("admin:deliberations_session_import_attendance", args=[session.pk])

    preview = client.post(url, {"text": text, "action": "Analyser"})
    # The name is kept as written; the roster found no member for it.
    assert [row["match"].name for row in preview.context["unknown"]] == ["Sophie ROLLIN"]
    rolin = Member.objects.get(last_name="ROLIN")
    assert rolin in preview.context["unknown"][0]["match"].suggestions

    response = client.post(url, {"text": text, "action": "confirm",
                                 "member-sophierollin": rolin.pk})
    assert response.status_code == 302
    assert session.attendances.filter(status="present").count() == 6
    assert NameAlias.objects.get().member == rolin

    later = Session.objects.create(body=session.body, date=datetime.date(2023, 3, 23),
                                   starts_at=datetime.time(18, 0), status="held")
    url = reverse("admin:deliberations_session_import_attendance", args=[later.pk])
    assert client.post(url, {"text": text, "action": "Analyser"}).context["unknown"] == []
    assert client.post(url, {"text": text, "action": "confirm"}).status_code == 302
    assert later.attendances.get(member=rolin).status == "present"
    assert later.proxies.get().holder.full_name == "LECLERC Christian"


def test_a_name_written_first_name_first_creates_the_member_surname_first(client, session):
    user = User.objects.create_superuser("greffe", "greffe@example.org", "motdepasse")
    client.force_login(user)
    url = reverse("admin:deliberations_session_import_attendance", args=[session.pk])

    response = client.post(url, {"text": BLOCK.replace("ROLIN S.", "Marc BERNARD"),
                                 "action": "confirm", "create-marcbernard": "on",
                                 "mandate-body-marcbernard": session.body_id,
                                 "mandate-role-marcbernard": "councillor",
                                 "mandate-start-marcbernard": "2023-02-23",
                                 "in-office-confirmed": str(len(MEMBERS) + 1)})

    assert response.status_code == 302
    created = Member.objects.get(last_name="BERNARD")
    assert (created.first_name, created.full_name) == ("Marc", "BERNARD Marc")
    assert Mandate.objects.get(member=created).start_on == session.date
    assert session.attendances.get(member=created).status == "present"


def test_preview_states_how_many_members_in_office_the_text_names_nowhere(client, session):
    user = User.objects.create_superuser("greffe", "greffe@example.org", "motdepasse")
    client.force_login(user)
    url = reverse("admin:deliberations_session_import_attendance", args=[session.pk])
    block = "Etaient présents : C. LECLERC, DUPONT J.-P., Anne MARTIN\nExcusés : PETIT L.\n"
    preview = client.post(url, {"text": block, "action": "Analyser"})
    assert preview.context["not_found"] == (
        "4 élus en exercice ne figurent dans aucune liste du texte : DA SILVA RIBEIRO Ana, "
        "DURAND Paul, LE GOFF Yann, ROLIN Sophie.")
    assert "4 élus en exercice ne figurent dans aucune liste" in preview.content.decode()
    preview = client.post(url, {"text": BLOCK, "action": "Analyser"})
    assert preview.context["not_found"] == (
        "Tous les élus en exercice figurent dans une liste du texte.")


def test_roster_reading_finds_members_in_a_layout_the_rules_miss(client, session):
    user = User.objects.create_superuser("greffe", "greffe@example.org", "motdepasse")
    client.force_login(user)
    url = reverse("admin:deliberations_session_import_attendance", args=[session.pk])
    # A flattened table: each delegate's place in capitals runs into the next name. The places
    # are hamlets that the official list of communes does not hold (real communes are told
    # from surnames by the parser itself, see test_parsing_roster.py).
    block = ("Étaient présents LES ROUCHONS Christian LECLERC PUYGIRAUD Jean-Pierre DUPONT "
             "CHARDONNIERE Anne MARTIN\nExcusés : PETIT L.\n")
    preview = client.post(url, {"text": block, "action": "Analyser"})
    assert preview.context["counts"]["present"] == 3
    present = {row_name for row_name in (entry.name for entry in preview.context["result"].present)}
    assert present == {"LECLERC Christian", "DUPONT Jean-Pierre", "MARTIN Anne"}
    labels = [anomaly["label"] for anomaly in preview.context["anomalies"]]
    assert "Noms laissés de côté" in labels
