"""The audit's missing rules, through the clerk's admin: a suppléant only for a commune with a
single councillor (L5211-6), the executive elected by secret ballot even on a single
candidacy (L2122-7), nominations by secret ballot unless unanimously waived (L2121-21),
videoconference by kind of organisation and date (L5211-11-1, loi 3DS), and a warning when
the procès-verbal is adopted later than the next session (L2121-15)."""

import datetime
import html

import pytest
from django.contrib.messages import get_messages

from deliberations.documents import services as document_services
from deliberations.models import Appointment, Deliberation, Minutes, Session
from portal.models import Body, Commune, Mandate, Organisation
from tests.factories import (
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    MemberFactory,
    OrganisationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


# --- 1. Suppléant only for a commune with a single councillor (L5211-6) ---------------------


@pytest.fixture
def council():
    """The CABBALR's Conseil: Béthune holds several seats, Allouagne one."""
    organisation = OrganisationFactory(
        name="Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane",
        slug="cabbalr", short_name="CABBALR", department="62")
    body = BodyFactory(organisation=organisation, kind=Body.Kind.COUNCIL,
                       name="Conseil communautaire", slug="conseil")
    bethune = Commune.objects.create(name="Béthune", organisation=organisation)
    allouagne = Commune.objects.create(name="Allouagne", organisation=organisation)
    seated = {}
    for last, first, commune in [("GACQUERRE", "Olivier", bethune),
                                 ("DELELIS", "Bernard", bethune),
                                 ("DUCROCQ", "Alain", allouagne)]:
        member = MemberFactory(last_name=last, first_name=first)
        MandateFactory(member=member, body=body, commune=commune,
                       start_on=datetime.date(2020, 7, 15))
        seated[last] = member
    return body, bethune, allouagne, seated


def mandate_post(body, member, commune, titular):
    return {
        "member": member.pk, "body": body.pk, "role": Mandate.Role.SUBSTITUTE,
        "vice_president_rank": "", "delegation": "", "commune": commune.pk,
        "represented_organisation": "", "substitute_for": titular.pk,
        "start_on": "2020-07-15", "end_on": "", "voices": "1",
    }


def test_a_suppleant_for_a_commune_with_two_seats_is_refused_in_french(admin_client, council):
    body, bethune, _, seated = council
    substitute = MemberFactory(last_name="LEROY", first_name="Anne")

    response = admin_client.post("/admin/portal/mandate/add/",
                                 mandate_post(body, substitute, bethune, seated["GACQUERRE"]))

    assert response.status_code == 200
    assert ("La commune de Béthune dispose de 2 sièges de conseiller titulaire : seule une "
            "commune qui ne dispose que d'un seul conseiller communautaire a un délégué "
            "suppléant (article L5211-6 du CGCT).") in text(response)
    assert not Mandate.objects.filter(member=substitute).exists()


def test_the_suppleant_of_a_single_councillor_commune_is_recorded(admin_client, council):
    body, _, allouagne, seated = council
    substitute = MemberFactory(last_name="LEROY", first_name="Anne")

    response = admin_client.post("/admin/portal/mandate/add/",
                                 mandate_post(body, substitute, allouagne, seated["DUCROCQ"]))

    assert response.status_code == 302
    mandate = Mandate.objects.get(member=substitute)
    assert (mandate.role, mandate.substitute_for) == (Mandate.Role.SUBSTITUTE, seated["DUCROCQ"])


def test_a_suppleant_named_for_a_two_seat_commune_does_not_count_at_a_session(council):
    from deliberations import selectors

    body, bethune, allouagne, seated = council
    # Recorded before the check existed: the figures no longer let it sit (L5211-6).
    substitute = MemberFactory(last_name="LEROY", first_name="Anne")
    Mandate.objects.create(member=substitute, body=body, role=Mandate.Role.SUBSTITUTE,
                           commune=bethune, substitute_for=seated["GACQUERRE"],
                           start_on=datetime.date(2020, 7, 15))
    other = MemberFactory(last_name="MARTIN", first_name="Lucie")
    Mandate.objects.create(member=other, body=body, role=Mandate.Role.SUBSTITUTE,
                           commune=allouagne, substitute_for=seated["DUCROCQ"],
                           start_on=datetime.date(2020, 7, 15))

    assert selectors.designated_substitutes(body.pk, datetime.date(2022, 12, 6)) == {
        seated["DUCROCQ"].pk: frozenset({other.pk})}


# --- 2 and 3. Executive by secret ballot, nominations by secret ballot unless waived ----------


@pytest.fixture
def election_act(council):
    body, *_ = council
    session = SessionFactory(body=body, date=datetime.date(2020, 7, 15),
                             convened_on=datetime.date(2020, 7, 8))
    return DeliberationFactory(session=session, title="Élection du Président",
                               ballot=Deliberation.Ballot.SECRET, matter_code="5.1")


def appointment_post(deliberation, **changes):
    data = {
        "deliberation": deliberation.pk, "position": "1", "office": "Président",
        "single_candidate": "",
        "votes-TOTAL_FORMS": "0", "votes-INITIAL_FORMS": "0", "votes-MIN_NUM_FORMS": "0",
        "votes-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


def test_a_president_elected_on_a_single_candidacy_without_a_vote_is_refused(
        admin_client, election_act, council):
    _, _, _, seated = council

    response = admin_client.post("/admin/deliberations/appointment/add/", appointment_post(
        election_act, executive_election="on", single_candidate=seated["GACQUERRE"].pk))

    assert response.status_code == 200
    assert ("Même avec une seule candidature, le président et les vice-présidents sont élus au "
            "scrutin secret à la majorité absolue, en trois tours au plus (L2122-7, via "
            "L5211-2) : saisissez le résultat du vote.") in text(response)
    assert not Appointment.objects.exists()


def test_a_president_elected_by_secret_ballot_on_one_candidacy_is_recorded(
        admin_client, election_act, council):
    _, _, _, seated = council
    data = appointment_post(election_act, executive_election="on")
    data.update({"votes-TOTAL_FORMS": "1", "votes-0-round": "1",
                 "votes-0-candidate": seated["GACQUERRE"].pk, "votes-0-votes": "131"})

    response = admin_client.post("/admin/deliberations/appointment/add/", data)

    assert response.status_code == 302, text(response)[:3000]
    appointment = Appointment.objects.get()
    assert appointment.votes.get().votes == 131


def test_a_nomination_voted_by_show_of_hands_without_the_unanimous_waiver_is_refused(
        admin_client, election_act):
    Deliberation.objects.filter(pk=election_act.pk).update(
        ballot=Deliberation.Ballot.SHOW_OF_HANDS, title="Désignation au conseil d'un syndicat")

    response = admin_client.post("/admin/deliberations/appointment/add/", appointment_post(
        election_act, office="Délégué au SYMSAGEL"))

    assert response.status_code == 200
    assert ("Une nomination a lieu au scrutin secret (L2121-21, 3e alinéa) : la délibération "
            "est votée sans scrutin secret et n'indique pas que l'assemblée a décidé à "
            "l'unanimité d'y renoncer.") in text(response)

    response = admin_client.post("/admin/deliberations/appointment/add/", appointment_post(
        election_act, office="Délégué au SYMSAGEL", secret_ballot_waived="on"))

    assert response.status_code == 302
    assert Appointment.objects.get().secret_ballot_waived is True


# --- 4. Videoconference by kind of organisation and date (L5211-11-1) -----------------------


def session_post(body, day, **changes):
    data = {"body": body.pk, "status": "held", "date": day, "starts_at": "17:30",
            "place": "Hôtel communautaire", "convened_on": "", "convocation_posted_at": "",
            "president_capacity": "", "agenda_item_count": "3", "videoconference": "on"}
    return {**data, **changes}


@pytest.fixture
def pma_committee():
    organisation = OrganisationFactory(name="Pôle Métropolitain de l'Artois", slug="pma",
                                       short_name="PMA",
                                       kind=Organisation.Kind.METROPOLITAN_POLE,
                                       department="62")
    return BodyFactory(organisation=organisation, kind=Body.Kind.SYNDICATE_COMMITTEE,
                       name="Comité syndical", slug="comite")


def test_a_syndicate_committee_by_videoconference_before_august_2022_is_refused(
        admin_client, pma_committee):
    response = admin_client.post("/admin/deliberations/session/add/",
                                 session_post(pma_committee, "2021-10-14"))

    assert response.status_code == 200
    assert ("Le 14/10/2021, hors période dérogatoire, la réunion par téléconférence n'est pas "
            "ouverte à ce syndicat : l'article L5211-11-1 du CGCT, dans sa rédaction issue de la "
            "loi n° 2019-1461, ne vise que les EPCI à fiscalité propre ; la loi n° 2022-217 "
            "(3DS, art. 170) l'étend à tout EPCI et aux syndicats mixtes fermés (L5711-1) à "
            "compter du 1er août 2022.") in text(response)
    assert not Session.objects.exists()


@pytest.mark.parametrize("day", ["2021-03-11", "2022-09-22"],
                         ids=["covid-window-loi-2020-1379", "loi-3DS-from-1-august-2022"])
def test_a_syndicate_committee_by_videoconference_in_a_window_or_after_3ds_is_recorded(
        admin_client, pma_committee, day):
    response = admin_client.post("/admin/deliberations/session/add/",
                                 session_post(pma_committee, day))

    assert response.status_code == 302, text(response)[:3000]
    assert Session.objects.get().videoconference is True


def test_a_communaute_d_agglomeration_council_by_videoconference_in_october_2021_is_recorded(
        admin_client, council):
    body, *_ = council

    response = admin_client.post("/admin/deliberations/session/add/",
                                 session_post(body, "2021-10-14"))

    assert response.status_code == 302, text(response)[:3000]


def test_a_videoconference_after_the_covid_windows_names_its_meeting_places(admin_client,
                                                                            pma_committee):
    response = admin_client.post("/admin/deliberations/session/add/",
                                 session_post(pma_committee, "2022-09-22", place=""))

    assert response.status_code == 200
    assert ("Hors période dérogatoire, une réunion par téléconférence se tient dans les lieux de "
            "réunion que la convocation désigne, d'où les membres y assistent : indiquez-les "
            "(CGCT L5211-11-1 (« en plusieurs lieux ») ; décret n° 2020-904).") in text(response)
    assert not Session.objects.exists()


# --- 5. PV adopted later than the next session (L2121-15) ------------------------------------


def test_a_pv_adopted_two_sessions_later_is_recorded_with_a_warning(admin_client, council):
    body, *_ = council
    sessions = [SessionFactory(body=body, date=day, convened_on=day - datetime.timedelta(days=7))
                for day in (datetime.date(2022, 10, 18), datetime.date(2022, 12, 6),
                            datetime.date(2023, 2, 7))]
    minutes = document_services.minutes_draft(session=sessions[0])
    url = f"/admin/deliberations/minutes/{minutes.pk}/change/"

    response = admin_client.post(url, {
        "opening": "La séance est ouverte.", "approve_at": sessions[2].pk,
        "items-TOTAL_FORMS": 0, "items-INITIAL_FORMS": 0, "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    })

    assert response.status_code == 302
    minutes.refresh_from_db()
    assert (minutes.status, minutes.approved_at) == (Minutes.Status.APPROVED, sessions[2])
    assert [str(m) for m in get_messages(response.wsgi_request)
            if m.level_tag == "warning"] == [
        "Le procès-verbal de la séance du 18/10/2022 est arrêté le 07/02/2023, et non à la "
        "séance suivante du 06/12/2022 : l'article L2121-15 du CGCT prévoit son adoption au "
        "commencement de la séance qui suit. L'adoption est enregistrée."
    ]


def test_a_pv_adopted_at_the_next_session_gets_no_warning(council):
    body, *_ = council
    first = SessionFactory(body=body, date=datetime.date(2022, 10, 18))
    following = SessionFactory(body=body, date=datetime.date(2022, 12, 6))
    minutes = document_services.minutes_draft(session=first)

    approved = document_services.minutes_approve(minutes=minutes, at_session=following)

    assert approved.approval_warning == ""


def test_the_import_refuses_a_suppleant_sitting_for_a_councillor_of_a_two_seat_commune(council):
    from django.core.exceptions import ValidationError

    from deliberations.minutes.importing import attendance_import, match_names
    from deliberations.minutes.parsing import AttendanceResult, PresentEntry

    body, bethune, _, seated = council
    substitute = MemberFactory(last_name="LEROY", first_name="Anne")
    # Recorded before Mandate.clean refused it: the import does not let it sit (L5211-6).
    Mandate.objects.create(member=substitute, body=body, role=Mandate.Role.SUBSTITUTE,
                           commune=bethune, substitute_for=seated["GACQUERRE"],
                           start_on=datetime.date(2020, 7, 15))
    session = SessionFactory(body=body, date=datetime.date(2022, 12, 6))
    result = AttendanceResult(present=[PresentEntry("DELELIS Bernard"),
                                       PresentEntry("DUCROCQ Alain"),
                                       PresentEntry("LEROY Anne", replaces="GACQUERRE Olivier")])
    matches = match_names(result.all_names(), [*seated.values(), substitute])

    with pytest.raises(ValidationError) as error:
        attendance_import(session=session, result=result, matches=matches)

    assert error.value.messages == [
        "LEROY Anne n'est pas le délégué suppléant désigné de GACQUERRE Olivier (L5211-6) : "
        "sa présence n'est pas comptée (question 1)"]
    assert session.attendances.count() == 0


def test_a_president_recorded_on_a_single_candidacy_reads_as_an_error_on_the_record(
        election_act, council):
    from deliberations import selectors

    _, _, _, seated = council
    # Entered before the admin refused it: the record does not say he took office at once.
    Appointment.objects.create(deliberation=election_act, office="Président",
                               executive_election=True, single_candidate=seated["GACQUERRE"])

    (view,) = selectors.appointment_views(election_act)

    assert view.outcome is None
    assert view.error == ("Même avec une seule candidature, le président et les "
                          "vice-présidents sont élus au scrutin secret à la majorité absolue "
                          "(L2122-7, via L5211-2) : saisissez le résultat du vote.")
