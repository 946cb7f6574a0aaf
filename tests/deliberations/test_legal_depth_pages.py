"""Legal depth through the database: the admin, the attendance import, the session table, the
public page and the extract all read the rules of test_legal_depth.py through selectors.py.

Suppléants (L5211-6, QE n° 49337), second convocation after a quorum lost at item 15 of 20
(L2121-17; CE 16 June 1997, Pfister), the compte administratif (L1612-12) and a body whose
statutes count members represented in the quorum (L5711-1; CE 18 Oct 2018 n° 421197).
"""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from deliberations import selectors, services
from deliberations.extracts.issuing import IssueInfo, certified_data, render_extract_html
from deliberations.minutes.importing import attendance_import, match_names
from deliberations.minutes.parsing import AttendanceResult, PresentEntry, ProxyEntry
from deliberations.models import (
    Appointment,
    AppointmentVote,
    Attendance,
    Deliberation,
    MemberVote,
    Notification,
    Proxy,
    Session,
)
from portal.models import Body, BodySettings, Mandate
from tests.deliberations.test_admin import grid_post, grid_url, page_text, session_post
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    MemberFactory,
    ProxyFactory,
    SessionFactory,
    publish,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 10, 18)
DOUBLE_SEAT = (
    "PETIT Luc est remplacé par son suppléant LEROY Marc à la question 1 : sa procuration à "
    "DUPONT Jean n'est pas comptée, un siège ne vote qu'une fois (L5211-6 ; réponse "
    "ministérielle QE n° 49337)"
)


@pytest.fixture
def council(organisation):
    """A council of four titular members; LEROY Marc is PETIT Luc's designated suppléant and
    INCONNU Paul another commune's."""
    body = BodyFactory(organisation=organisation)
    names = [("DUPONT", "Jean"), ("MARTIN", "Anne"), ("DURAND", "Paul"), ("PETIT", "Luc")]
    m = {last: MandateFactory(body=body, member=MemberFactory(last_name=last, first_name=first))
         .member for last, first in names}
    m["LEROY"] = MandateFactory(
        body=body, role=Mandate.Role.SUBSTITUTE, substitute_for=m["PETIT"],
        member=MemberFactory(last_name="LEROY", first_name="Marc"),
    ).member
    m["INCONNU"] = MandateFactory(
        body=body, role=Mandate.Role.SUBSTITUTE, substitute_for=m["DURAND"],
        member=MemberFactory(last_name="INCONNU", first_name="Paul"),
    ).member
    return body, m


@pytest.fixture
def admin_client(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    return client


def empty_inlines(admin_client, deliberation):
    """Management forms of every inline of the deliberation page, empty: read from the page,
    so that inlines other apps add to it (territory_project) are included."""
    url = reverse("admin:deliberations_deliberation_change", args=[deliberation.pk])
    prefixes = re.findall(r'name="([\w-]+)-TOTAL_FORMS"', admin_client.get(url).content.decode())
    data = {}
    for prefix in prefixes:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    return data


# --- Suppléants: admin, import, session table ------------------------------------------------


def test_grid_flags_the_seat_counted_twice(client, clerk, council):
    body, m = council
    session = SessionFactory(body=body, date=DAY)
    client.force_login(clerk)

    response = client.post(grid_url(session), grid_post(session, {
        m["DUPONT"]: ("present", "", "", "", ""),
        m["MARTIN"]: ("present", "", "", "", ""),
        m["LEROY"]: ("present", "", "PETIT Luc", "", ""),
        m["PETIT"]: ("excused", "", "", "DUPONT Jean", ""),
    }))

    assert response.status_code == 200
    assert DOUBLE_SEAT in page_text(response)
    assert (Attendance.objects.count(), Proxy.objects.count()) == (0, 0)


def test_grid_refuses_a_stranger_as_suppleant(client, clerk, council):
    body, m = council
    session = SessionFactory(body=body, date=DAY)
    client.force_login(clerk)

    response = client.post(grid_url(session), grid_post(session, {
        m["DUPONT"]: ("present", "", "", "", ""),
        m["MARTIN"]: ("present", "", "", "", ""),
        m["INCONNU"]: ("present", "", "PETIT Luc", "", ""),
        m["PETIT"]: ("excused", "", "", "", ""),
    }))

    assert response.status_code == 200
    assert ("INCONNU Paul n'est pas le délégué suppléant désigné de PETIT Luc (L5211-6) : sa "
            "présence n'est pas comptée (question 1)") in page_text(response)
    assert Attendance.objects.count() == 0

    # His own titular member absent instead: accepted.
    response = client.post(grid_url(session), grid_post(session, {
        m["DUPONT"]: ("present", "", "", "", ""),
        m["MARTIN"]: ("present", "", "", "", ""),
        m["INCONNU"]: ("present", "", "DURAND Paul", "", ""),
        m["DURAND"]: ("excused", "", "", "", ""),
    }))
    assert response.status_code == 302
    assert session.attendances.get(member=m["INCONNU"]).replaces == m["DURAND"]


def test_grid_records_remote_attendance_only_in_a_videoconference(client, clerk, council):
    body, m = council
    session = SessionFactory(body=body, date=DAY, videoconference=True, agenda_item_count=1)
    client.force_login(clerk)
    data = grid_post(session, {m["DUPONT"]: ("present", "", "", "", ""),
                               m["MARTIN"]: ("excused", "", "", "", "")})
    data[f"m{m['DUPONT'].pk}-d"] = "on"
    data[f"m{m['MARTIN'].pk}-d"] = "on"

    response = client.post(grid_url(session), data)
    assert response.status_code == 200
    assert "Seul un élu présent peut assister à distance." in page_text(response)
    assert Attendance.objects.count() == 0

    del data[f"m{m['MARTIN'].pk}-d"]
    assert client.post(grid_url(session), data).status_code == 302
    assert list(session.attendances.filter(remote=True).values_list("member", flat=True)) == [
        m["DUPONT"].pk]
    assert "À distance" in page_text(client.get(grid_url(session)))

    # A session not held by videoconference has no "à distance" column, and ignores the box.
    other = SessionFactory(body=body, date=DAY + datetime.timedelta(days=7))
    assert "À distance" not in page_text(client.get(grid_url(other)))
    data = grid_post(other, {m["DUPONT"]: ("present", "", "", "", "")})
    data[f"m{m['DUPONT'].pk}-d"] = "on"
    assert client.post(grid_url(other), data).status_code == 302
    assert not other.attendances.get(member=m["DUPONT"]).remote


def test_import_refuses_the_seat_counted_twice_and_writes_nothing(council):
    body, m = council
    session = SessionFactory(body=body, date=DAY)
    result = AttendanceResult(
        present=[PresentEntry("DUPONT Jean"), PresentEntry("MARTIN Anne"),
                 PresentEntry("LEROY Marc", replaces="PETIT Luc")],
        proxies=[ProxyEntry("PETIT Luc", "DUPONT Jean")],
    )
    matches = match_names(result.all_names(), m.values())

    with pytest.raises(ValidationError) as error:
        attendance_import(session=session, result=result, matches=matches)

    assert error.value.messages == [DOUBLE_SEAT]
    assert session.attendances.count() == 0


def test_session_table_flags_the_seat_counted_twice_and_counts_it_once(council):
    body, m = council
    session = SessionFactory(body=body, date=DAY)
    for last in ("DUPONT", "MARTIN"):
        AttendanceFactory(session=session, member=m[last])
    AttendanceFactory(session=session, member=m["LEROY"], replaces=m["PETIT"])
    AttendanceFactory(session=session, member=m["PETIT"], status=Attendance.Status.EXCUSED)
    ProxyFactory(session=session, giver=m["PETIT"], holder=m["DUPONT"])

    (only,) = selectors.session_quorum_table(session)

    assert (only.figures.in_office, only.figures.present, only.figures.represented,
            only.figures.votes_available) == (4, 3, 0, 3)
    assert [p.message for p in only.figures.problems] == [DOUBLE_SEAT]


def test_no_suppleant_in_the_bureau(organisation):
    bureau = BodyFactory(organisation=organisation, kind=Body.Kind.BUREAU, name="Bureau")
    titular = MandateFactory(body=bureau).member
    present = MandateFactory(body=bureau).member
    substitute = MandateFactory(body=bureau, role=Mandate.Role.SUBSTITUTE,
                                substitute_for=titular).member
    session = SessionFactory(body=bureau, date=DAY)
    AttendanceFactory(session=session, member=present)
    AttendanceFactory(session=session, member=substitute, replaces=titular)

    (only,) = selectors.session_quorum_table(session)

    assert (only.figures.present, [p.kind for p in only.figures.problems]) == (
        1, ["substitute_not_admitted"])


# --- Second convocation after a quorum lost at item 15 of 20 (L2121-17) ----------------------


def test_quorum_lost_at_item_15_is_carried_over_to_a_second_session(client, clerk, council):
    body, m = council
    first = SessionFactory(body=body, date=DAY, agenda_item_count=20, status="held")
    AttendanceFactory(session=first, member=m["DUPONT"])
    AttendanceFactory(session=first, member=m["MARTIN"])
    AttendanceFactory(session=first, member=m["DURAND"], until_item=14)

    assert selectors.items_to_carry_over(first) == tuple(range(15, 21))
    assert selectors.quorum_failed(first)
    adoptable = DeliberationFactory(session=first, item_number=14, result="adopted")
    services.deliberation_set_status(deliberation=adoptable, to_status="adopted")
    lacking = DeliberationFactory(session=first, item_number=15, result="adopted")
    with pytest.raises(ValidationError, match="Quorum non atteint à la question 15"):
        services.deliberation_set_status(deliberation=lacking, to_status="adopted")

    # New convocation sent on 18 Oct: the second session on 21 Oct is refused, 22 Oct accepted.
    client.force_login(clerk)
    data = session_post(body)
    data.update(first_convocation=first.pk, convened_on="2022-10-18", date="2022-10-21",
                agenda_item_count="6")
    response = client.post(reverse("admin:deliberations_session_add"), data)
    assert response.status_code == 200
    assert "convoquée le 18/10/2022, pas avant le 22/10/2022." in page_text(response)
    data["date"] = "2022-10-22"
    assert client.post(reverse("admin:deliberations_session_add"), data).status_code == 302

    second = Session.objects.get(first_convocation=first)
    assert client.post(grid_url(second), grid_post(second, {
        m["DUPONT"]: ("present", "", "", "", "")})).status_code == 302
    carried = [DeliberationFactory(session=second, item_number=n, is_carried_over=True,
                                   result="adopted") for n in range(1, 7)]
    for deliberation in carried:  # one member present of four: no quorum condition
        services.deliberation_set_status(deliberation=deliberation, to_status="adopted")
    assert [(r.first_item, r.last_item, r.figures.present, r.figures.quorum_required)
            for r in selectors.session_quorum_table(second)] == [(1, 6, 1, None)]


# --- Compte administratif (L1612-12) ---------------------------------------------------------


def test_compte_administratif_president_withdraws_and_a_tie_in_secret_ballot_adopts(
    client, council
):
    body, m = council
    session = SessionFactory(body=body, date=DAY, president=m["DUPONT"], agenda_item_count=3)
    for last in ("DUPONT", "MARTIN", "DURAND"):
        AttendanceFactory(session=session, member=m[last])
    ProxyFactory(session=session, giver=m["PETIT"], holder=m["DUPONT"])
    account = DeliberationFactory(
        session=session, item_number=2, vote_kind="administrative_account", ballot="secret",
        votes_for=1, votes_against=1, title="Compte administratif 2021", published=True,
        vote_wording="",
    )

    table = selectors.session_quorum_table(session)

    assert [(r.first_item, r.last_item, r.figures.present, r.figures.represented)
            for r in table] == [(1, 1, 3, 1), (2, 2, 2, 0), (3, 3, 3, 1)]
    assert [p.message for p in table[1].figures.problems] == [
        "DUPONT Jean, mandataire de PETIT Luc, s'est retiré pour la question 2 (vote du compte "
        "administratif, L1612-12 et L2121-14)"
    ]
    statement = ("Le compte administratif est arrêté, une majorité des voix ne s'étant pas "
                 "dégagée contre son adoption (article L1612-12 du CGCT), au scrutin secret : "
                 "1 voix pour, 1 contre.")
    assert statement in page_text(client.get(account.get_absolute_url()))
    assert certified_data(account)["deliberation"]["vote_statement"] == statement


def test_two_thirds_vote_is_rejected_below_two_thirds_of_members_in_office(client, council):
    body, m = council
    session = SessionFactory(body=body, date=DAY, agenda_item_count=1)
    for last in ("DUPONT", "MARTIN", "DURAND"):
        AttendanceFactory(session=session, member=m[last])
    deliberation = DeliberationFactory(
        session=session, item_number=1, vote_kind="two_thirds_in_office", votes_for=2,
        votes_against=1, published=True, result="rejected",
    )

    outcome = selectors.vote_outcome(deliberation)

    assert (outcome.result, outcome.explanation) == (
        "rejected",
        "Rejetée : la majorité des deux tiers des membres en exercice n'est pas atteinte "
        "(3 voix requises sur 4 membres en exercice), à main levée : 2 voix pour, 1 contre.",
    )
    assert "Deux tiers des membres en exercice" in page_text(
        client.get(deliberation.get_absolute_url()))


# --- Rules per body (statutes) ---------------------------------------------------------------


def test_statutes_counting_members_represented_change_the_quorum(client, organisation):
    """Same attendance, two bodies: 2 present and 2 represented of 6 in office (quorum 4)."""
    results = []
    for counts_represented in (False, True):
        body = BodyFactory(organisation=organisation, kind=Body.Kind.SYNDICATE_COMMITTEE)
        if counts_represented:
            BodySettings.objects.create(body=body, quorum_counts_represented=True,
                                        quorum_source="Statuts, art. 9")
        members = [MandateFactory(body=body).member for _ in range(6)]
        session = SessionFactory(body=body, date=DAY)
        for member in members[:2]:
            AttendanceFactory(session=session, member=member)
        ProxyFactory(session=session, giver=members[2], holder=members[0])
        ProxyFactory(session=session, giver=members[3], holder=members[1])
        (only,) = selectors.session_quorum_table(session)
        results.append((only.figures.present, only.figures.represented,
                        only.figures.quorum_required, only.figures.quorum_met))
        DeliberationFactory(session=session, published=True)
        results.append("Statuts, art. 9" in page_text(client.get(session.get_absolute_url())))

    assert results == [(2, 2, 4, False), False, (2, 2, 4, True), True]


# --- Appointments (L2121-21) -----------------------------------------------------------------


def test_appointment_in_three_rounds_on_the_page_and_the_extract(client, council):
    body, m = council
    m["DUPONT"].born_on = datetime.date(1950, 4, 1)
    m["DUPONT"].save()
    m["MARTIN"].born_on = datetime.date(1962, 9, 30)
    m["MARTIN"].save()
    session = SessionFactory(body=body, date=DAY)
    # Entered as a draft, published once complete (a published act is immutable).
    deliberation = DeliberationFactory(session=session, published=True, status="draft",
                                       title="Désignation d'un représentant au SMT")
    appointment = Appointment.objects.create(deliberation=deliberation,
                                             office="Représentant au SMT Artois-Gohelle")
    for round_number, (dupont, martin, durand) in enumerate(
        [(1, 1, 1), (1, 1, 1), (1, 1, 0)], start=1
    ):
        for member, votes in ((m["DUPONT"], dupont), (m["MARTIN"], martin),
                              (m["DURAND"], durand)):
            if round_number == 3 and member == m["DURAND"]:
                continue  # withdrew before the third round
            AppointmentVote.objects.create(appointment=appointment, round=round_number,
                                           candidate=member, votes=votes)
    publish(deliberation)
    wording = ("Élu au troisième tour à la majorité relative, au bénéfice de l'âge : DUPONT "
               "Jean, 1 voix sur 2 suffrages exprimés, à égalité avec MARTIN Anne (article "
               "L2121-21 du CGCT).")

    page = page_text(client.get(deliberation.get_absolute_url()))
    data = certified_data(deliberation)["deliberation"]["appointments"]

    assert wording in page
    assert "Voix par candidat et par tour — Représentant au SMT Artois-Gohelle" in page
    assert data == [{
        "office": "Représentant au SMT Artois-Gohelle", "wording": wording, "rounds": [1, 2, 3],
        "candidates": [["DUPONT Jean", [1, 1, 1]], ["MARTIN Anne", [1, 1, 1]],
                       ["DURAND Paul", [1, 1, None]]],
    }]


def test_admin_refuses_a_round_after_an_election(admin_client, council):
    body, m = council
    deliberation = DeliberationFactory(session=SessionFactory(body=body, date=DAY))
    appointment = Appointment.objects.create(deliberation=deliberation, office="Délégué")
    data = {
        "deliberation": deliberation.pk, "position": "1", "office": "Délégué",
        "votes-TOTAL_FORMS": "3", "votes-INITIAL_FORMS": "0", "votes-MIN_NUM_FORMS": "0",
        "votes-MAX_NUM_FORMS": "1000",
    }
    for index, (round_number, member, votes) in enumerate(
        [(1, m["DUPONT"], 3), (1, m["MARTIN"], 1), (2, m["DUPONT"], 2)]
    ):
        data.update({f"votes-{index}-round": round_number,
                     f"votes-{index}-candidate": member.pk, f"votes-{index}-votes": votes})

    response = admin_client.post(
        reverse("admin:deliberations_appointment_change", args=[appointment.pk]), data)

    assert response.status_code == 200
    assert ("DUPONT Jean était élu au premier tour : aucun tour suivant ne peut être saisi."
            in page_text(response))
    assert not AppointmentVote.objects.exists()


# --- Individual decisions (L2131-1) ----------------------------------------------------------


def test_individual_decision_is_executory_on_its_notification(client, council):
    body, m = council
    deliberation = DeliberationFactory(
        session=SessionFactory(body=body, date=DAY), published=True, is_individual=True,
        received_on=datetime.date(2022, 10, 20), published_on=datetime.date(2022, 10, 20),
    )
    Notification.objects.create(deliberation=deliberation, addressee="M. Marc LEFEBVRE",
                                notified_on=datetime.date(2022, 11, 3))

    assert selectors.executory_on(deliberation) == datetime.date(2022, 11, 3)
    assert selectors.appeal_deadline(deliberation) == datetime.date(2023, 1, 4)
    page = page_text(client.get(deliberation.get_absolute_url()))
    assert "Exécutoire le 3 novembre 2022" in page
    assert ("Notifiée à M. Marc LEFEBVRE le 3 novembre 2022, exécutoire le 3 novembre 2022, "
            "recours possible jusqu'au 4 janvier 2023 inclus.") in page


# --- Ballot requests and roll-call votes (L2121-21) ------------------------------------------


def test_roll_call_votes_are_shown_on_the_session_page(client, council):
    body, m = council
    session = SessionFactory(body=body, date=DAY)
    deliberation = DeliberationFactory(session=session, published=True, status="draft",
                                       ballot="roll_call", votes_for=2, votes_against=1)
    MemberVote.objects.create(deliberation=deliberation, member=m["DUPONT"], choice="for")
    MemberVote.objects.create(deliberation=deliberation, member=m["DUPONT"],
                              for_member=m["PETIT"], choice="for")
    MemberVote.objects.create(deliberation=deliberation, member=m["MARTIN"], choice="against")
    publish(deliberation)

    page = page_text(client.get(session.get_absolute_url()))

    assert "Scrutin public : vote de chaque membre (article L2121-21 du CGCT)" in page
    assert "DUPONT Jean (procuration de PETIT Luc)</th><td>Pour" in page
    assert "MARTIN Anne</th><td>Contre" in page


def test_admin_requires_the_secret_ballot_a_third_asked_for(admin_client, council):
    body, m = council
    session = SessionFactory(body=body, date=DAY, agenda_item_count=2)
    for last in ("DUPONT", "MARTIN", "DURAND"):
        AttendanceFactory(session=session, member=m[last])
    deliberation = DeliberationFactory(session=session, item_number=1)
    data = {
        "session": session.pk, "item_number": "1", "slug": deliberation.slug,
        "title": deliberation.title, "nature": "1", "ballot": "roll_call",
        "vote_kind": "ordinary", "roll_call_requests": "1", "secret_ballot_requests": "1",
        "votes_for": "2", "votes_against": "1", "subject_to_transmission": "on",
    }
    data.update(empty_inlines(admin_client, deliberation))

    response = admin_client.post(
        reverse("admin:deliberations_deliberation_change", args=[deliberation.pk]), data)

    assert response.status_code == 200
    assert ("Avec 1 demande(s) de scrutin secret et 1 de scrutin public pour 3 membres "
            "présents, le vote a lieu au scrutin secret (L2121-21 : le tiers des présents pour "
            "le secret, qui l'emporte, le quart pour le scrutin public).") in page_text(response)
    data["ballot"] = "secret"
    response = admin_client.post(
        reverse("admin:deliberations_deliberation_change", args=[deliberation.pk]), data)
    assert response.status_code == 302
    deliberation.refresh_from_db()
    assert (deliberation.ballot, deliberation.result) == ("secret", "adopted")


def test_executory_filter_follows_the_notification_of_an_individual_decision(council):
    body, _ = council
    deliberation = DeliberationFactory(
        session=SessionFactory(body=body, date=DAY), published=True, is_individual=True,
        received_on=datetime.date(2022, 10, 20), published_on=datetime.date(2022, 10, 20),
    )
    notification = Notification.objects.create(deliberation=deliberation, addressee="M. X")
    published = Deliberation.objects.published()

    assert list(published.executory(on=datetime.date(2022, 12, 1))) == []
    notification.notified_on = datetime.date(2022, 11, 3)
    notification.save()
    assert list(published.executory(on=datetime.date(2022, 11, 2))) == []
    assert list(published.executory(on=datetime.date(2022, 11, 3))) == [deliberation]
    assert selectors.executory_on(deliberation) == datetime.date(2022, 11, 3)


# --- Several secretaries (L2121-15), urgency (L2121-12) ----------------------------------------


def test_every_secretary_is_named_on_the_extract(council):
    body, m = council
    session = SessionFactory(body=body, date=DAY, secretary=m["DUPONT"])
    session.other_secretaries.set([m["MARTIN"]])
    deliberation = DeliberationFactory(session=session, published=True)

    data = certified_data(deliberation)

    assert (data["session"]["secretary"], data["session"]["other_secretaries"]) == (
        "DUPONT Jean", ["MARTIN Anne"])
    html = render_extract_html(data, IssueInfo(code="ABCD-EFGH-JKLM", version=1,
                                               issued_at=timezone.now()))
    assert "DUPONT Jean, MARTIN Anne sont élus Secrétaires," in html


def test_admin_flags_an_urgent_convocation_without_the_assemblys_ruling(admin_client, council):
    body, _ = council
    session = SessionFactory(body=body, date=DAY, convened_on=datetime.date(2022, 10, 16),
                             urgent=True)
    url = reverse("admin:deliberations_session_change", args=[session.pk])

    assert ("Convocation en urgence : l'assemblée ne s'est pas prononcée sur l'urgence"
            in page_text(admin_client.get(url)))
    session.urgency_ruling = "upheld"
    session.save()
    assert "Respecté (CGCT L2121-12)" in page_text(admin_client.get(url))


def test_videoconference_refuses_a_secret_ballot_and_the_bureau(admin_client, council,
                                                                organisation):
    body, m = council
    session = SessionFactory(body=body, date=DAY, videoconference=True, agenda_item_count=1)
    AttendanceFactory(session=session, member=m["DUPONT"], remote=True)
    AttendanceFactory(session=session, member=m["MARTIN"])
    AttendanceFactory(session=session, member=m["DURAND"])
    (only,) = selectors.session_quorum_table(session)
    assert (only.figures.present, only.figures.quorum_met) == (3, True)  # remote counts

    deliberation = DeliberationFactory(session=session, item_number=1)
    data = {
        "session": session.pk, "item_number": "1", "slug": deliberation.slug,
        "title": deliberation.title, "nature": "1", "ballot": "secret",
        "vote_kind": "ordinary", "votes_for": "2", "votes_against": "1",
        "subject_to_transmission": "on",
    }
    data.update(empty_inlines(admin_client, deliberation))
    response = admin_client.post(
        reverse("admin:deliberations_deliberation_change", args=[deliberation.pk]), data)
    assert response.status_code == 200
    assert "En téléconférence, le vote a lieu au scrutin public (L5211-11-1)." in page_text(
        response)

    bureau = BodyFactory(organisation=organisation, kind=Body.Kind.BUREAU, name="Bureau")
    post = session_post(bureau)
    post["videoconference"] = "on"
    response = admin_client.post(reverse("admin:deliberations_session_add"), post)
    assert response.status_code == 200
    assert ("Le Bureau ne peut se réunir par téléconférence : L5211-11-1 ne vise que l'organe "
            "délibérant.") in page_text(response)
