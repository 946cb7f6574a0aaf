"""The import preview re-checks every choice of the clerk (a member picked, "créer l'élu",
"tout créer") against the rules, on a new session of the CABBALR Bureau (seed 000) and the real
attendance texts of tests/fixtures/minutes, and a member is created only with the mandate the
clerk confirmed."""

import datetime
import html
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from deliberations import selectors
from deliberations.models import Attendance, Session
from portal.models import Mandate, Member, Organisation, StaffAssignment

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "minutes"
# 30 names: the president named in the preamble (he presides, so he sits), three titular
# members "remplacé(e) par son suppléant X", 8 excused.
CONDOM = (FIXTURES / "condom-caussens-2021-01-21.txt").read_text()
# 36 present, 1 excused, 3 proxies; "Maud-NAUNNAUZET" is flagged without a given name.
LOIR = (FIXTURES / "loir-luce-berce-2020-11-19.txt").read_text()
SUBSTITUTE_REFUSED = (
    "ROURNOLLE Mathieu ne peut siéger comme suppléant de GRORLIGNAC-GRIMELLEC Maud-Tiphaine : "
    "le délégué suppléant ne siège qu'à l'organe délibérant, pas au Bureau (L5211-6)")


@pytest.fixture
def bureau_session(db, settings, tmp_path):
    """A new session of the CABBALR Bureau, after the seeded one of 18 October 2022."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_seed_records", stdout=io.StringIO())
    bureau = Session.objects.get(body__organisation__slug="cabbalr",
                                 date=datetime.date(2022, 10, 18)).body
    return Session.objects.create(body=bureau, date=datetime.date(2022, 11, 15),
                                  starts_at=datetime.time(17, 30), status="held",
                                  agenda_item_count=10)


@pytest.fixture
def clerk_client(client, bureau_session):
    user = User.objects.create_user("greffe-cabbalr", password="mot-de-passe-solide-42",
                                    is_staff=True)
    user.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    StaffAssignment.objects.create(user=user,
                                   organisation=Organisation.objects.get(slug="cabbalr"))
    client.force_login(user)
    return client


def url(session):
    return reverse("admin:deliberations_session_import_attendance", args=[session.pk])


def page(response) -> str:
    return html.unescape(response.content.decode())


def confirm_button(text: str) -> str:
    return re.search(r'<button type="submit" class="default" name="action" value="confirm"'
                     r'[^>]*>', text).group(0)


def posted_again(preview: str) -> dict:
    """What the preview's form sends back: the ticked boxes, the selected options and the
    dates it shows (as the browser does when the clerk presses "Confirmer")."""
    data = {name: "on" for name in re.findall(r'name="(create-\w+)" id="[^"]*" checked', preview)}
    for name, options in re.findall(r'<select name="(mandate-[\w-]+)"[^>]*>(.*?)</select>',
                                    preview, re.S):
        data[name] = re.search(r'<option value="([^"]*)" selected', options).group(1)
    data.update(re.findall(r'type="date" name="(mandate-[\w-]+)" value="([^"]*)"', preview))
    data.update(re.findall(r'type="hidden" name="(create-all-mode)" value="([^"]*)"', preview))
    return data


def create_all(session, text, **extra):
    return {"text": text, "action": "create_all", "mandate-body-all": session.body_id,
            "mandate-role-all": "councillor", "mandate-start-all": "2022-11-01", **extra}


def test_a_substitute_at_a_bureau_session_is_refused_after_creating_every_name(
        clerk_client, bureau_session):
    members = Member.objects.count()
    preview = page(clerk_client.post(url(bureau_session), create_all(bureau_session, CONDOM)))
    # Every row of the table (30 names, the secretary among them) now reads "nouvel élu",
    # and the rules ran on them.
    assert preview.count("nouvel élu (choix à confirmer)") == 34
    assert SUBSTITUTE_REFUSED in preview
    assert " disabled " in confirm_button(preview)

    # Every name takes the common mandate; the three suppléants read in the text, a
    # délégué suppléant's.
    assert preview.count("avec le mandat commun ci-dessous") == 30
    assert preview.count(", comme délégué suppléant d'après le texte.") == 3
    data = posted_again(preview)
    assert data["create-all-mode"] == "1" and data["mandate-start-all"] == "2022-11-01"
    assert data["create-rournollemathieu"] == "on"
    # Even with the number of members in office typed, the confirmation writes nothing.
    assert "compterait 130 membres en exercice à la date de la séance au lieu de 103" in preview
    response = clerk_client.post(url(bureau_session), {
        "text": CONDOM, "action": "confirm", "in-office-confirmed": "130", **data})
    assert response.status_code == 200
    assert SUBSTITUTE_REFUSED in page(response)
    assert Member.objects.count() == members
    assert not bureau_session.attendances.exists()


def test_a_name_flagged_without_given_name_cannot_become_a_member(clerk_client,
                                                                   bureau_session):
    preview = page(clerk_client.post(url(bureau_session), create_all(bureau_session, LOIR)))
    assert ("« Maud-NAUNNAUZET » n'a ni prénom ni initiale : un élu ne peut pas être créé sous "
            "ce nom. Rattachez-le à un élu existant ou corrigez le texte collé.") in preview
    assert " disabled " in confirm_button(preview)
    assert not Member.objects.filter(last_name__icontains="NAUNNAUZET").exists()


def test_the_preview_counts_roster_members_missing_and_names_not_in_the_roster(
        clerk_client, bureau_session):
    in_office = len(selectors.in_office_member_ids(bureau_session.body_id,
                                                   bureau_session.date))
    assert in_office == 103
    preview = clerk_client.post(url(bureau_session), {"text": CONDOM, "action": "Analyser"})
    assert preview.context["not_found"].startswith(
        "103 élus en exercice ne figurent dans aucune liste du texte : ")
    assert preview.context["not_in_roster"].startswith(
        "30 noms lus ne désignent aucun élu en exercice de cette assemblée : "
        "« DOSSANDIER Camille », « LOUROLLE Virginie », ")


def test_creating_members_waits_for_the_new_number_of_members_in_office_typed(
        clerk_client, bureau_session):
    text = "Présents : GACQUERRE Olivier, LECONTE Maurice, NOUVEAU Camille\n"
    preview = page(clerk_client.post(url(bureau_session), create_all(bureau_session, text)))
    wording = ("Avec les élus créés, l'assemblée « Bureau communautaire » compterait 104 "
               "membres en exercice à la date de la séance au lieu de 103 : le quorum de "
               "chacune de ses séances en dépend. Si c'est exact, tapez 104 pour le confirmer.")
    assert wording in preview
    assert " disabled " in confirm_button(preview)

    mandate = {"create-nouveaucamille": "on", "mandate-body-nouveaucamille":
               bureau_session.body_id, "mandate-role-nouveaucamille": "bureau_member",
               "mandate-start-nouveaucamille": "2022-11-02"}
    for typed in ("", "103", "cent quatre"):
        refused = clerk_client.post(url(bureau_session), {
            "text": text, "action": "confirm", "in-office-confirmed": typed, **mandate})
        assert refused.status_code == 200
        assert ("Le nombre de membres en exercice passerait de 103 à 104 : tapez 104 pour le "
                "confirmer ; rien n'a été enregistré.") in page(refused)
        assert not Member.objects.filter(last_name="NOUVEAU").exists()

    done = clerk_client.post(url(bureau_session), {
        "text": text, "action": "confirm", "in-office-confirmed": "104", **mandate})
    assert done.status_code == 302
    created = Mandate.objects.get(member__last_name="NOUVEAU")
    assert (created.body_id, created.role, created.start_on) == (
        bureau_session.body_id, "bureau_member", datetime.date(2022, 11, 2))
    assert bureau_session.attendances.filter(status=Attendance.Status.PRESENT).count() == 3


def test_creating_a_member_without_the_mandate_confirmed_is_refused(clerk_client,
                                                                     bureau_session):
    text = "Présents : GACQUERRE Olivier, NOUVEAU Camille\n"
    response = clerk_client.post(url(bureau_session), {
        "text": text, "action": "confirm", "create-nouveaucamille": "on",
        "mandate-body-nouveaucamille": bureau_session.body_id,
        "mandate-role-nouveaucamille": "councillor", "in-office-confirmed": "104"})
    assert response.status_code == 200
    assert ("Pour créer « NOUVEAU Camille », confirmez l'assemblée, la fonction et la date de "
            "début de son mandat.") in page(response)
    assert not Member.objects.filter(last_name="NOUVEAU").exists()


def test_a_member_picked_for_a_name_is_checked_against_the_rules(clerk_client,
                                                                   bureau_session):
    # A member of the Conseil who holds no Bureau seat, picked for an unknown spelling.
    outsider = (Member.objects.filter(mandates__body__organisation__slug="cabbalr")
                .exclude(pk__in=selectors.in_office_member_ids(bureau_session.body_id,
                                                               bureau_session.date))
                .order_by("last_name", "first_name").first())
    text = "Présents : GACQUERRE Olivier, LECONTE Maurice, INCONNU Paul\n"
    preview = clerk_client.post(url(bureau_session), {
        "text": text, "action": "preview", "member-inconnupaul": outsider.pk})
    body = page(preview)
    assert f"{outsider} (choix à confirmer)" in body
    assert preview.context["legal_problems"]
    assert any(outsider.full_name in problem for problem in preview.context["legal_problems"])
    assert " disabled " in confirm_button(body)


def test_a_name_read_as_a_substitute_cannot_be_created_as_a_councillor(clerk_client,
                                                                        bureau_session):
    text = ("Présents : GACQUERRE Olivier, LECONTE Maurice, TITULAIRE Anne remplacée par son "
            "suppléant NOUVEAU Camille\n")
    response = clerk_client.post(url(bureau_session), {
        "text": text, "action": "preview", "create-nouveaucamille": "on",
        "mandate-body-nouveaucamille": bureau_session.body_id,
        "mandate-role-nouveaucamille": "councillor",
        "mandate-start-nouveaucamille": "2022-11-01"})
    assert ("« NOUVEAU Camille » siège comme suppléant d'après le texte : créez-le avec la "
            "fonction « Délégué suppléant » (L5211-6), ou corrigez le texte collé."
            ) in response.context["legal_problems"]
    assert " disabled " in confirm_button(page(response))
