"""Admin import of an attendance block: analyse shows the preview, confirm writes the rows,
an unknown name writes nothing."""

import datetime
import html
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.urls import reverse

from deliberations.minutes.importing import attendance_import, match_names
from deliberations.minutes.parsing import parse_attendance
from deliberations.models import Attendance, Proxy, Session
from portal.models import Body, Mandate, Member, Organisation

pytestmark = pytest.mark.django_db

NAMES = ["DUPONT Jean", "MEYFROIDT Sylvie", "LECONTE Maurice", "LECOMTE Maurice",
         "MARTIN Anne", "DURAND Paul", "PETIT Luc"]

REGISTRE = """**ETAIENT PRESENTS :**
*M. DUPONT Jean, Mme MEY-FROIDT Sylvie, LECONTE Maurice (à partir de la question 3),
LECOMTE Maurice*

**PROCURATIONS :**
MARTIN Anne donne procuration à DUPONT Jean, DURAND Paul donne procuration
à LECONTE Maurice (à partir de la question 3)

ETAIENT ABSENTS EXCUSES :
PETIT Luc, ,

Monsieur LECOMTE Maurice est élu Secrétaire,
La séance est ouverte,
"""


@pytest.fixture
def session():
    organisation = Organisation.objects.create(name="Agglo test", slug="agglo", kind="ca")
    body = Body.objects.create(organisation=organisation, kind="conseil",
                               name="Conseil communautaire", slug="conseil")
    for index, full_name in enumerate(NAMES):
        last_name, first_name = full_name.split(" ", 1)
        member = Member.objects.create(last_name=last_name, first_name=first_name,
                                       slug=f"elu-{index}")
        Mandate.objects.create(member=member, body=body, start_on=datetime.date(2020, 7, 15))
    # Ranges of items are checked against the agenda: "à partir de la question 3" needs it.
    return Session.objects.create(body=body, date=datetime.date(2022, 12, 6),
                                  starts_at=datetime.time(19, 0), status="held",
                                  agenda_item_count=10)


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("greffe", "greffe@example.org", "motdepasse")
    client.force_login(user)
    client.user = user
    return client


def url(session):
    return reverse("admin:deliberations_session_import_attendance", args=[session.pk])


def member(full_name):
    return Member.objects.get(match_key=full_name.lower().replace(" ", ""))


# --- the service ----------------------------------------------------------------------------


def test_match_names_uses_name_key_and_suggests_without_creating(session):
    members = list(Member.objects.all())
    first, second, third = match_names(["MEY-FROIDT Sylvie", "LECOMPTE Maurice", "INCONNU X"],
                                       members)
    assert first.member == member("MEYFROIDT Sylvie")
    assert second.member is None
    assert {m.full_name for m in second.suggestions} >= {"LECOMTE Maurice"}
    assert (third.member, third.suggestions) == (None, [])
    assert Member.objects.count() == len(NAMES)


def test_attendance_import_replaces_rows(session):
    Attendance.objects.create(session=session, member=member("PETIT Luc"), status="absent")
    result = parse_attendance(REGISTRE)
    matches = match_names(result.all_names(), Member.objects.all())
    summary = attendance_import(session=session, result=result, matches=matches)
    assert (summary.present, summary.excused, summary.proxies) == (4, 1, 2)
    assert summary.replaced_attendances == 1
    petit = session.attendances.get(member=member("PETIT Luc"))
    assert petit.status == "excused"
    leconte = session.attendances.get(member=member("LECONTE Maurice"))
    assert (leconte.from_item, leconte.note) == (3, "à partir de la question 3")
    durand = session.proxies.get(giver=member("DURAND Paul"))
    assert (durand.holder, durand.from_item) == (member("LECONTE Maurice"), 3)
    session.refresh_from_db()
    assert session.secretary == member("LECOMTE Maurice")


def test_a_second_secretary_fills_the_sessions_other_secretaries(session):
    # SEMOCTOM 2013 layout (test_parsing_layouts_notes.py): "Secrétaires de séance : Madame
    # X et Monsieur Y", the second by surname only, among the présents with a given name.
    result = parse_attendance("Présents : MARTIN Anne, DURAND Paul, DUPONT Jean.\n"
                              "Secrétaires de séance : Madame MARTIN Anne et Monsieur DURAND\n"
                              "ORDRE DU JOUR")
    assert (result.secretary, result.other_secretaries) == ("MARTIN Anne", ["DURAND"])
    matches = match_names(result.all_names(), Member.objects.all())
    summary = attendance_import(session=session, result=result, matches=matches)
    session.refresh_from_db()
    assert session.secretary == member("MARTIN Anne")
    assert list(session.other_secretaries.all()) == [member("DURAND Paul")]
    assert summary.as_french().endswith(
        f"; secrétaire de séance : {member('MARTIN Anne')} ; autres secrétaires de séance : "
        f"{member('DURAND Paul')}.")


def test_a_second_secretary_who_is_no_one_of_the_lists_is_left_to_the_clerk(session):
    result = parse_attendance("Présents : MARTIN Anne, DUPONT Jean.\n"
                              "Secrétaires de séance : Madame MARTIN Anne et Monsieur INCONNU\n"
                              "ORDRE DU JOUR")
    matches = match_names(result.all_names(), Member.objects.all())
    summary = attendance_import(session=session, result=result, matches=matches)
    assert list(session.other_secretaries.all()) == [] and summary.other_secretaries == []
    assert "several_secretaries" in [anomaly.kind for anomaly in result.anomalies]


def test_attendance_import_refuses_unknown_names_and_writes_nothing(session):
    Attendance.objects.create(session=session, member=member("PETIT Luc"), status="absent")
    result = parse_attendance("Présents : DUPONT Jean, INCONNU Xavier")
    matches = match_names(result.all_names(), Member.objects.all())
    with pytest.raises(ValidationError) as error:
        attendance_import(session=session, result=result, matches=matches)
    assert "INCONNU Xavier" in " ".join(error.value.messages)
    assert list(session.attendances.values_list("status", flat=True)) == ["absent"]


# --- the admin screen ----------------------------------------------------------------------


def test_step_one_shows_the_textarea(admin_client, session):
    response = admin_client.get(url(session))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Texte du registre" in page and 'value="Analyser"' in page
    # Rendered inside the admin (each_context: site header, user tools).
    assert "id=\"user-tools\"" in page or "user-tools" in page


def test_analyse_shows_the_preview(admin_client, session):
    response = admin_client.post(url(session), {"text": REGISTRE, "action": "Analyser"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Confirmer l&#x27;import" in page or "Confirmer l'import" in page
    assert "MEY-FROIDT Sylvie" in page and "MEYFROIDT Sylvie" in page
    # Anomalies in plain French with the line of the text they come from, no internal code.
    assert "Entrée vide" in html.unescape(page) and "empty_entry" not in page
    assert "Dans le texte : « PETIT Luc, , »" in html.unescape(page)
    assert not Attendance.objects.exists()


def test_hidden_text_round_trips_through_the_preview(admin_client, session):
    preview = admin_client.post(url(session), {"text": REGISTRE, "action": "Analyser"})
    (hidden,) = re.findall(r'<input type="hidden" name="text" value="([^"]*)"',
                           preview.content.decode())
    # The form strips surrounding whitespace; line breaks survive the hidden field.
    assert html.unescape(hidden) == REGISTRE.strip()
    response = admin_client.post(url(session), {"text": html.unescape(hidden),
                                                "action": "confirm"})
    assert response.status_code == 302
    assert session.proxies.count() == 2


def test_confirm_creates_the_rows(admin_client, session):
    response = admin_client.post(url(session), {"text": REGISTRE, "action": "confirm"})
    assert response.status_code == 302
    assert response.url == reverse("admin:deliberations_session_change", args=[session.pk])
    assert session.attendances.filter(status="present").count() == 4
    assert session.attendances.filter(status="excused").count() == 1
    assert Proxy.objects.filter(session=session).count() == 2
    assert LogEntry.objects.filter(object_id=str(session.pk)).exists()


def test_unknown_name_saves_nothing_and_names_it(admin_client, session):
    text = "Présents : DUPONT Jean, LECOMPTE Maurice\nProcurations : MARTIN Anne à DUPONT Jean"
    preview = admin_client.post(url(session), {"text": text, "action": "Analyser"})
    assert "inconnu" in preview.content.decode()
    assert "LECOMTE Maurice" in preview.content.decode()  # suggested
    response = admin_client.post(url(session), {"text": text, "action": "confirm"})
    assert response.status_code == 200
    assert ("Résolvez d'abord les points signalés « à résoudre » (noms inconnus, faits "
            "ambigus) : rien n'a été enregistré.") in html.unescape(response.content.decode())
    assert not Attendance.objects.exists() and not Proxy.objects.exists()


def confirm_button(page: str) -> str:
    return re.search(r'<button type="submit" class="default" name="action" value="confirm"'
                     r'[^>]*>[^<]*</button>', html.unescape(page)).group(0)


def test_unknown_name_tied_to_a_member_becomes_an_alias_for_the_next_import(
        admin_client, session):
    from deliberations.models import NameAlias

    text = "Présents : DUPONT Jean, LECOMPTE Maurice\nProcurations : MARTIN Anne à DUPONT Jean"
    preview = admin_client.post(url(session), {"text": text, "action": "Analyser"}).content
    field = "member-lecomptemaurice"
    # A search box (autocomplete), the suggestions, and creating the member with a mandate.
    page = html.unescape(preview.decode())
    lecomte = member("LECOMTE Maurice")
    assert f'name="{field}" value="{lecomte.pk}" formaction="#nom-lecomptemaurice"' in page
    assert ('<input type="checkbox" name="create-lecomptemaurice" id="id_create-lecomptemaurice">'
            ' <label class="vCheckboxLabel" for="id_create-lecomptemaurice">Créer cet élu</label>'
            in page)
    assert " disabled " in confirm_button(preview.decode())
    checked = admin_client.post(url(session), {"text": text, "action": "preview",
                                               field: lecomte.pk})
    assert "disabled" not in confirm_button(checked.content.decode())
    assert ("Confirmer l'import : 2 présents, 1 procurations, 0 excusés, 0 absents"
            in confirm_button(checked.content.decode()))
    response = admin_client.post(url(session), {"text": text, "action": "confirm",
                                                field: lecomte.pk})
    assert response.status_code == 302
    assert session.attendances.get(member=lecomte).status == "present"
    alias = NameAlias.objects.get()
    assert (alias.name, alias.member, alias.body) == ("LECOMPTE Maurice", lecomte, session.body)

    # The next import of that body reads the spelling without asking.
    later = Session.objects.create(body=session.body, date=datetime.date(2022, 12, 13),
                                   starts_at=datetime.time(18, 0), status="held")
    response = admin_client.post(url(later), {"text": text, "action": "confirm"})
    assert response.status_code == 302
    assert later.attendances.get(member=lecomte).status == "present"


def test_unknown_name_can_become_a_new_member_with_a_mandate(admin_client, session):
    text = "Présents : DUPONT Jean, NOUVEAU Camille"
    in_office = session.body.mandates.filter(end_on__isnull=True).count()
    response = admin_client.post(url(session), {
        "text": text, "action": "confirm", "create-nouveaucamille": "on",
        "mandate-body-nouveaucamille": session.body_id,
        "mandate-role-nouveaucamille": "councillor",
        "mandate-start-nouveaucamille": "2022-12-01",
        "in-office-confirmed": str(in_office + 1)})
    assert response.status_code == 302
    created = Member.objects.get(last_name="NOUVEAU", first_name="Camille")
    assert created.mandates.get().body == session.body
    assert session.attendances.filter(member=created, status="present").exists()


def test_present_and_excused_blocks_until_resolved(admin_client, session):
    text = "Présents : DUPONT Jean, MARTIN Anne\nExcusés : MARTIN Anne"
    preview = admin_client.post(url(session), {"text": text, "action": "Analyser"})
    page = html.unescape(preview.content.decode())
    assert ("« MARTIN Anne » figure à la fois parmi les présents et parmi les absents ou "
            "excusés : indiquez où il était.") in page
    assert " disabled " in confirm_button(page)
    response = admin_client.post(url(session), {"text": text, "action": "confirm"})
    assert response.status_code == 200
    assert not Attendance.objects.exists()
    field = "resolve-present_and_excused-martinanne"
    response = admin_client.post(url(session), {"text": text, "action": "confirm",
                                                field: "excused"})
    assert response.status_code == 302
    assert session.attendances.get(member=member("MARTIN Anne")).status == "excused"
    assert session.attendances.filter(status="present").count() == 1


def test_a_date_in_the_text_other_than_the_sessions_is_a_warning(admin_client, session):
    text = "Séance du 13 décembre 2022\nPrésents : DUPONT Jean, MARTIN Anne"
    page = html.unescape(admin_client.post(url(session), {"text": text, "action": "Analyser"})
                         .content.decode())
    assert ("Le texte collé est daté du 13/12/2022 et la séance du 06/12/2022 : vérifiez "
            "qu'il s'agit du registre de cette séance.") in page
    # A warning, not a block.
    assert "disabled" not in confirm_button(page)


def test_text_without_attendance_is_a_form_error(admin_client, session):
    response = admin_client.post(url(session), {"text": "Bonjour", "action": "Analyser"})
    assert response.status_code == 200
    assert "Aucune liste de présence" in response.content.decode()


def test_permission_required(client, session):
    user = User.objects.create_user("lecteur", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(
        codename="view_session", content_type__app_label="deliberations"))
    client.force_login(user)
    response = client.post(url(session), {"text": REGISTRE, "action": "confirm"})
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_csrf_enforced(session):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_superuser("g2", "g2@example.org", "x"))
    response = client.post(url(session), {"text": REGISTRE, "action": "confirm"})
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_a_proxy_to_an_excused_holder_is_shown_in_the_preview_and_refused(admin_client,
                                                                          session):
    text = REGISTRE.replace("DURAND Paul donne procuration\nà LECONTE Maurice",
                            "DURAND Paul donne procuration\nà PETIT Luc")
    url = reverse("admin:deliberations_session_import_attendance", args=[session.pk])
    expected = "PETIT Luc, mandataire de DURAND Paul, n'est pas présent à la question 3"

    preview = admin_client.post(url, {"text": text, "action": "analyse"})
    page = html.unescape(preview.content.decode())
    assert preview.status_code == 200
    assert re.search(r'<ul id="import-legal-problems">\s*<li>' + re.escape(expected), page)
    assert Attendance.objects.count() == 0  # the preview's dry run left nothing

    confirm = admin_client.post(url, {"text": text, "action": "confirm"})
    assert confirm.status_code == 200
    assert expected in html.unescape(confirm.content.decode())
    assert Attendance.objects.count() == Proxy.objects.count() == 0


def test_a_holder_with_two_proxies_keeps_the_one_chosen(admin_client, session):
    text = ("Présents : DUPONT Jean, LECOMTE Maurice\n"
            "Procurations : MARTIN Anne à DUPONT Jean, DURAND Paul à DUPONT Jean")
    page = html.unescape(admin_client.post(url(session), {"text": text, "action": "Analyser"})
                         .content.decode())
    assert "« DUPONT Jean » reçoit plusieurs procurations (« MARTIN Anne », « DURAND Paul »)" \
        in page
    assert " disabled " in confirm_button(page)
    response = admin_client.post(url(session), {
        "text": text, "action": "confirm",
        "resolve-holder_multiple_proxies-dupontjean": "martinanne"})
    assert response.status_code == 302
    assert list(session.proxies.values_list("giver__last_name", flat=True)) == ["MARTIN"]
    assert session.attendances.get(member=member("DURAND Paul")).status == "excused"


def test_unknown_name_is_found_with_the_search_box(admin_client, session):
    text = "Présents : DUPONT Jean, LECOMPTE Maurice"
    field, box = "member-lecomptemaurice", "search-lecomptemaurice"
    preview = html.unescape(admin_client.post(
        url(session), {"text": text, "action": "Analyser"}).content.decode())
    assert ('<fieldset class="form-row" id="nom-lecomptemaurice">\n          <legend>« LECOMPTE '
            'Maurice »</legend>' in preview)
    assert (f'id="id_{box}" value="" maxlength="100" aria-label="Rechercher (sans JavaScript)"'
            in preview)
    # Part of the name, in any order and case, without accents: one member, chosen at once.
    found = html.unescape(admin_client.post(url(session), {
        "text": text, "action": "search", box: "maur lecom"}).content.decode())
    lecomte = member("LECOMTE Maurice")
    assert (f'1 élu trouvé : <button type="submit" name="{field}" value="{lecomte.pk}"'
            in found)
    select = found.split(f'name="{field}"')[1].split("</select>")[0]
    assert f'<option value="{lecomte.pk}" selected>LECOMTE Maurice</option>' in select
    assert "disabled" not in confirm_button(found)
    # Nothing found says so, and chooses nothing.
    none = html.unescape(admin_client.post(url(session), {
        "text": text, "action": "search", box: "zzz"}).content.decode())
    assert ("Aucun élu de l'organisation ne correspond à « zzz » : vérifiez l'orthographe, "
            "ou créez l'élu.") in none
    assert " disabled " in confirm_button(none)
    assert not Attendance.objects.exists()


def test_the_same_name_twice_is_a_choice_to_make(admin_client, session):
    text = "Présents : DUPONT Jean, MARTIN Anne, Dupont Jean"
    field = "resolve-duplicate_name-dupontjean"
    page = html.unescape(admin_client.post(
        url(session), {"text": text, "action": "Analyser"}).content.decode())
    assert "« Dupont Jean » est écrit deux fois dans la même liste." in page
    assert page.count(f'name="{field}"') == 2
    assert " disabled " in confirm_button(page)
    # "Two different members" waits for a corrected text.
    distinct = admin_client.post(url(session), {"text": text, "action": "confirm",
                                                field: "distinct"})
    assert distinct.status_code == 200 and not Attendance.objects.exists()
    assert " disabled " in confirm_button(distinct.content.decode())
    same = admin_client.post(url(session), {"text": text, "action": "confirm", field: "same"})
    assert same.status_code == 302
    assert session.attendances.filter(status="present").count() == 2
