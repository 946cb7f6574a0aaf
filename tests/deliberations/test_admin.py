"""The clerk's admin: a session with its attendance and proxies in one page; invalid proxies
are refused with a French message naming the member and the item, and nothing is saved."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from deliberations import selectors
from deliberations.models import Attendance, Deliberation, Proxy, Session
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


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def quorum_html(page: str) -> str:
    """The per-item quorum table of the session page."""
    return page.split('class="quorum-table"')[1].split("</table>")[0]


def inline_management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def session_post(body, **changes):
    data = {
        "body": body.pk,
        "status": "held",
        "date": "2022-10-18",
        "starts_at": "17:30",
        "place": "Salle Olof Palme, Béthune",
        "convened_on": "2022-10-12",
        "convocation_posted_at": "Hôtel Communautaire",
        "president_capacity": "",
        "agenda_item_count": "14",
    }
    return {**data, **changes}


def grid_post(session, rows):
    """The attendance grid's POST: ``rows`` maps a member to (status, items, suppléant de,
    proxy holder, proxy items); every other member of the grid is left blank."""
    members, _, _ = selectors.attendance_grid(session)
    data = {}
    for member in members:
        values = rows.get(member, ("", "", "", "", ""))
        for suffix, value in zip("sirhp", values, strict=True):
            data[f"m{member.pk}-{suffix}"] = value
    return data


def grid_url(session):
    return reverse("admin:deliberations_session_attendance", args=[session.pk])


@pytest.fixture
def bureau(organisation):
    body = BodyFactory(organisation=organisation, name="Bureau communautaire", slug="bureau",
                       kind="bureau")
    names = [("DELELIS", "Bernard"), ("GAQUÈRE", "Raymond"), ("OGIEZ", "Gérard"),
             ("MEYFROIDT", "Sylvie"), ("BOSSART", "Steve")]
    members = {}
    for last, first in names:
        member = MemberFactory(last_name=last, first_name=first)
        MandateFactory(member=member, body=body)
        members[last] = member
    return body, members


def test_clerk_creates_session_then_enters_attendance_with_item_limited_proxy(
        client, clerk, bureau):
    body, m = bureau
    client.force_login(clerk)
    response = client.post(reverse("admin:deliberations_session_add"), session_post(body))
    assert response.status_code == 302, page_text(response)[:3000]
    session = Session.objects.get()
    grid = client.get(grid_url(session))
    assert grid.status_code == 200
    # One row per member in office, five fields each.
    assert page_text(grid).count('aria-label="Présence de ') == 5
    response = client.post(grid_url(session), grid_post(session, {
        m["DELELIS"]: ("present", "", "", "", ""),
        m["MEYFROIDT"]: ("present", "", "", "", ""),
        m["BOSSART"]: ("present", "", "", "", ""),
        m["OGIEZ"]: ("present", "5-", "", "MEYFROIDT Sylvie", "-4"),
        m["GAQUÈRE"]: ("represented", "", "", "delelis bernard", ""),
    }))
    assert response.status_code == 302, page_text(response)[:3000]
    assert session.attendances.count() == 4
    assert session.proxies.count() == 2
    ogiez = session.attendances.get(member=m["OGIEZ"])
    assert (ogiez.from_item, ogiez.until_item, ogiez.note) == (
        5, None, "à partir de la question 5")
    assert session.proxies.get(giver=m["OGIEZ"]).until_item == 4

    page = client.get(reverse("admin:deliberations_session_change", args=[session.pk]))
    assert page.status_code == 200
    table = page_text(page)
    assert "4 présents, 2 procurations, 0 absent excusé, 0 absent." in table
    # 5 members in office → quorum 3; items 1–4: 3 present + 2 proxies; 5–14: 4 present + 1.
    assert "Membres en exercice à la date de la séance : <strong>5</strong>" in table
    rows = [" ".join(re.sub(r"<[^>]+>", " ", row).split())
            for row in re.findall(r"<tr>(.*?)</tr>", quorum_html(table), re.S)]
    assert rows[1:3] == ["questions 1 à 4 3 2 5 3 ✔ oui —", "questions 5 à 14 4 1 5 3 ✔ oui —"]

    # Saved again unchanged: nothing is written.
    response = client.post(grid_url(session), grid_post(session, {
        m["DELELIS"]: ("present", "", "", "", ""),
        m["MEYFROIDT"]: ("present", "", "", "", ""),
        m["BOSSART"]: ("present", "", "", "", ""),
        m["OGIEZ"]: ("present", "5-", "", "MEYFROIDT Sylvie", "-4"),
        m["GAQUÈRE"]: ("represented", "", "", "DELELIS Bernard", ""),
    }), follow=True)
    assert "Aucune modification : rien n'a été enregistré." in page_text(response)


@pytest.fixture
def bureau_session(bureau):
    body, m = bureau
    return SessionFactory(body=body, agenda_item_count=14), m


def test_second_proxy_for_the_same_holder_is_refused_and_nothing_saved(
        client, clerk, bureau_session):
    session, m = bureau_session
    client.force_login(clerk)
    response = client.post(grid_url(session), grid_post(session, {
        m["DELELIS"]: ("present", "", "", "", ""),
        m["BOSSART"]: ("present", "", "", "", ""),
        m["GAQUÈRE"]: ("excused", "", "", "DELELIS Bernard", ""),
        m["OGIEZ"]: ("represented", "", "", "DELELIS Bernard", "3-"),
    }))
    assert response.status_code == 200
    assert "DELELIS Bernard détient déjà une procuration pour la question 3" in (
        page_text(response)
    )
    assert Attendance.objects.count() == 0
    assert Proxy.objects.count() == 0


def test_proxy_to_an_absent_holder_is_refused(client, clerk, bureau_session):
    session, m = bureau_session
    client.force_login(clerk)
    response = client.post(grid_url(session), grid_post(session, {
        m["DELELIS"]: ("present", "-6", "", "", ""),
        m["GAQUÈRE"]: ("excused", "", "", "DELELIS Bernard", ""),
    }))
    assert response.status_code == 200
    assert ("DELELIS Bernard, mandataire de GAQUÈRE Raymond, n'est pas présent à la question 7"
            in page_text(response))
    assert Attendance.objects.count() == 0


def test_grid_refuses_unreadable_items_and_unknown_names(client, clerk, bureau_session):
    session, m = bureau_session
    client.force_login(clerk)
    response = client.post(grid_url(session), grid_post(session, {
        m["DELELIS"]: ("present", "12-5", "", "", ""),
        m["GAQUÈRE"]: ("represented", "", "", "DURAND Paul", ""),
        m["OGIEZ"]: ("excused", "3-", "", "", ""),
    }))
    text = page_text(response)
    assert "« 12-5 » : la première question doit précéder la dernière." in text
    assert "« DURAND Paul » ne désigne aucun élu de la liste : choisissez un nom proposé." in text
    assert ("Les questions de présence et la suppléance ne concernent qu'un élu présent."
            in text)
    assert Attendance.objects.count() == 0


def test_clerk_sees_only_the_sessions_of_their_organisation(client, clerk, organisation):
    own = SessionFactory(body=BodyFactory(organisation=organisation))
    other_org = OrganisationFactory(name="Autre collectivité", slug="autre")
    other = SessionFactory(body=BodyFactory(organisation=other_org))
    client.force_login(clerk)
    listing = client.get(reverse("admin:deliberations_session_changelist"))
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 1
    own_url = reverse("admin:deliberations_session_change", args=[own.pk])
    assert client.get(own_url).status_code == 200
    # Another organisation's session is not found for this clerk.
    response = client.get(reverse("admin:deliberations_session_change", args=[other.pk]))
    assert response.status_code == 302  # admin redirects "object does not exist" to the index


def test_agent_can_read_but_not_edit(client, organisation):
    from django.contrib.auth.models import Group, User

    from portal.models import StaffAssignment

    agent = User.objects.create_user("agent", password="x-long-password-1", is_staff=True)
    agent.groups.add(Group.objects.get(name="Agents"))
    StaffAssignment.objects.create(user=agent, organisation=organisation)
    session = SessionFactory(body=BodyFactory(organisation=organisation))
    client.force_login(agent)
    change_url = reverse("admin:deliberations_session_change", args=[session.pk])
    assert client.get(change_url).status_code == 200
    assert client.get(reverse("admin:deliberations_session_add")).status_code == 403
    assert agent.has_perm("deliberations.export_extract")
    assert not agent.has_perm("deliberations.change_deliberation")


def test_vote_result_inconsistent_with_counts_is_refused(client, clerk, organisation):
    session = SessionFactory(body=BodyFactory(organisation=organisation))
    for _ in range(3):
        AttendanceFactory(session=session, member=MandateFactory(body=session.body).member)
    deliberation = DeliberationFactory(session=session, item_number=1)
    client.force_login(clerk)
    url = reverse("admin:deliberations_deliberation_change", args=[deliberation.pk])
    data = {
        "session": session.pk, "item_number": 1, "act_number": "", "slug": deliberation.slug,
        "theme": "", "title": deliberation.title, "report": "", "president_request": "",
        "vote_wording": "", "decision": "", "appeal_clause": "", "nature": "1",
        "matter_code": "5.7", "budget_name": "", "ballot": "show_of_hands", "votes_for": "1",
        "votes_against": "2", "abstentions": "0", "blank_or_null": "",
        "president_voted_for": "unknown", "result": "adopted", "subject_to_transmission": "on",
        "prefecture_act_id": "", "signatory_capacity": "",
        **inline_management("annexes", 0), **inline_management("status_changes", 0),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Le résultat saisi (« Adoptée ») ne correspond pas au décompte" in (
        page_text(response)
    )
    deliberation.refresh_from_db()
    assert deliberation.votes_for is None

    # More ballots than members present is refused too (3 present, no proxy).
    data.update({"votes_for": "3", "votes_against": "1", "result": ""})
    response = client.post(url, data)
    assert response.status_code == 200
    deliberation.refresh_from_db()
    assert deliberation.votes_for is None


def test_publish_action_records_history(client, clerk, organisation):
    session = SessionFactory(body=BodyFactory(organisation=organisation))
    signatory = MemberFactory(last_name="BOSSART", first_name="Steve")
    deliberation = DeliberationFactory(session=session, signatory=signatory,
                                       result=Deliberation.Result.NOTED,
                                       status=Deliberation.Status.ADOPTED,
                                       published_on=datetime.date(2022, 10, 20))
    client.force_login(clerk)
    response = client.post(
        reverse("admin:deliberations_deliberation_changelist"),
        {"action": "publish", "_selected_action": [deliberation.pk]},
    )
    assert response.status_code == 302
    deliberation.refresh_from_db()
    assert deliberation.status == "published"
    change = deliberation.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "adopted", "published", clerk
    )


def test_secretary_must_be_among_the_members_present(client, clerk, bureau_session):
    session, m = bureau_session
    session.secretary = m["GAQUÈRE"]
    session.save()
    client.force_login(clerk)
    rows = {m["DELELIS"]: ("present", "", "", "", ""), m["BOSSART"]: ("present", "", "", "", ""),
            m["GAQUÈRE"]: ("excused", "", "", "", "")}
    response = client.post(grid_url(session), grid_post(session, rows))
    assert response.status_code == 200
    assert ("Le secrétaire de séance, GAQUÈRE Raymond, doit figurer parmi les membres présents "
            "(L2121-15).") in page_text(response)
    assert Attendance.objects.count() == 0

    session.secretary = m["BOSSART"]
    session.save()
    assert client.post(grid_url(session), grid_post(session, rows)).status_code == 302
    # The session form checks the secretary against the attendance entered.
    change_url = reverse("admin:deliberations_session_change", args=[session.pk])
    response = client.post(change_url, session_post(session.body, secretary=m["GAQUÈRE"].pk))
    assert response.status_code == 200
    assert "Le secrétaire de séance, GAQUÈRE Raymond, doit figurer" in page_text(response)
    response = client.post(change_url, session_post(session.body, secretary=m["DELELIS"].pk))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.secretary == m["DELELIS"]


def test_second_convocation_needs_a_failed_session_and_three_clear_days(client, clerk, bureau):
    """L2121-17; CE 16 June 1997, Pfister, n° 142691: three clear days between the sending
    of the new convocation and the second session."""
    body, m = bureau
    first = SessionFactory(body=body, date=datetime.date(2022, 10, 16),
                           starts_at=datetime.time(18, 0), status="held")
    client.force_login(clerk)
    data = session_post(body)
    data["first_convocation"] = first.pk
    data["convened_on"] = "2022-10-15"
    response = client.post(reverse("admin:deliberations_session_add"), data)
    assert response.status_code == 200
    text = page_text(response)
    assert ("La séance initiale doit avoir manqué le quorum (séance « Annulée / quorum non "
            "atteint », ou tenue et quorum perdu en cours de séance) : seule une séance sans "
            "quorum ouvre une seconde convocation (L2121-17).") in text
    assert ("La nouvelle convocation ne peut précéder la séance initiale du 16/10/2022 : elle "
            "suit le constat de l'absence de quorum.") in text
    assert Session.objects.count() == 1

    first.status = "cancelled"
    first.date = datetime.date(2022, 10, 14)
    first.save()
    # Sent 15 Oct: 16 and 17 Oct are the only clear days before the session of 18 Oct.
    response = client.post(reverse("admin:deliberations_session_add"), data)
    assert response.status_code == 200
    assert ("La seconde convocation se tient à 3 jours francs au moins de l'envoi de la "
            "nouvelle convocation (L2121-17 ; CE 16 juin 1997, Pfister, n° 142691) : convoquée "
            "le 15/10/2022, pas avant le 19/10/2022.") in page_text(response)

    data["convened_on"] = "2022-10-14"
    response = client.post(reverse("admin:deliberations_session_add"), data)
    assert response.status_code == 302
    assert Session.objects.get(date=datetime.date(2022, 10, 18)).first_convocation == first
