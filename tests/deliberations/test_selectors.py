"""deliberations.selectors: from stored sessions to the inputs of rules.py, on exact numbers.

Members in office counted once per member (L2121-17), withdrawals per item (L2131-11),
suppléants only in place of an absent titular member (L5211-6), no table at all for a session
whose attendance is not recorded, and a constant number of queries.
"""

import datetime

import pytest
from django.template.loader import render_to_string

from deliberations import selectors
from deliberations.models import Attendance, Session
from portal.models import Mandate
from tests.deliberations.test_admin import grid_post, grid_url, page_text
from tests.factories import (
    AttendanceFactory,
    BodyFactory,
    DeliberationFactory,
    MandateFactory,
    MemberFactory,
    ProxyFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

SESSION_DAY = datetime.date(2022, 10, 18)


def body_with_members(count, body=None):
    """A body and `count` members holding a conseiller seat in it since 2020."""
    body = body or BodyFactory()
    return body, [MandateFactory(body=body).member for _ in range(count)]


def rows(table):
    return [(r.first_item, r.last_item, r.figures.in_office, r.figures.present,
             r.figures.represented, r.figures.votes_available, r.figures.quorum_required,
             r.figures.quorum_met) for r in table]


# --- Members in office (L2121-17) ------------------------------------------------------------


def test_a_member_with_two_mandates_on_the_session_date_counts_once():
    body, members = body_with_members(4)
    promoted = members[0]
    # Conseiller until 18 Oct, président from 18 Oct: two seats that day, one member in office.
    Mandate.objects.filter(member=promoted).update(end_on=SESSION_DAY)
    MandateFactory(member=promoted, body=body, role=Mandate.Role.PRESIDENT, start_on=SESSION_DAY)
    session = SessionFactory(body=body, date=SESSION_DAY)
    for member in members[:3]:
        AttendanceFactory(session=session, member=member)

    inputs = selectors.session_inputs(session)

    assert inputs.in_office == 4  # Count("pk") over mandates gave 5
    assert inputs.in_office_members == frozenset(m.pk for m in members)
    assert rows(selectors.session_quorum_table(session)) == [
        (1, None, 4, 3, 0, 3, 3, True)
    ]


@pytest.mark.parametrize(
    ("start_on", "end_on", "role", "in_office"),
    [
        (datetime.date(2020, 7, 15), None, Mandate.Role.COUNCILLOR, True),
        (SESSION_DAY, None, Mandate.Role.VICE_PRESIDENT, True),  # from that very day
        (datetime.date(2020, 7, 15), SESSION_DAY, Mandate.Role.COUNCILLOR, True),  # last day
        (datetime.date(2020, 7, 15), datetime.date(2022, 10, 17), Mandate.Role.COUNCILLOR, False),
        (datetime.date(2022, 10, 19), None, Mandate.Role.COUNCILLOR, False),
        (datetime.date(2020, 7, 15), None, Mandate.Role.SUBSTITUTE, False),  # L5211-6
    ],
)
def test_in_office_member_ids(start_on, end_on, role, in_office):
    body = BodyFactory()
    extra = {"vice_president_rank": 1} if role == Mandate.Role.VICE_PRESIDENT else {}
    mandate = MandateFactory(body=body, start_on=start_on, end_on=end_on, role=role, **extra)
    MandateFactory(start_on=start_on, end_on=end_on)  # another body: never counted

    found = selectors.in_office_member_ids(body.pk, SESSION_DAY)

    assert found == (frozenset({mandate.member_id}) if in_office else frozenset())


# --- Withdrawals per item (L2131-11) ---------------------------------------------------------


def test_withdrawn_members_leave_the_figures_of_their_item_only():
    body, members = body_with_members(6)
    session = SessionFactory(body=body, date=SESSION_DAY, agenda_item_count=10)
    for member in members[:4]:
        AttendanceFactory(session=session, member=member)
    AttendanceFactory(session=session, member=members[4], status=Attendance.Status.EXCUSED)
    ProxyFactory(session=session, giver=members[4], holder=members[0])
    on_item_3 = DeliberationFactory(session=session, item_number=3)
    on_item_3.withdrawn_members.add(members[0], members[1])  # members[0] holds a proxy
    on_item_7 = DeliberationFactory(session=session, item_number=7)
    on_item_7.withdrawn_members.add(members[2])
    # No item number: the withdrawal cannot be placed on an item, so it is left out.
    DeliberationFactory(session=session, item_number=None).withdrawn_members.add(members[3])

    inputs = selectors.session_inputs(session)

    assert inputs.withdrawn == {3: {members[0].pk, members[1].pk}, 7: {members[2].pk}}
    # 6 in office, quorum 4: question 3 loses two present members and the proxy.
    assert rows(selectors.session_quorum_table(session)) == [
        (1, 2, 6, 4, 1, 5, 4, True),
        (3, 3, 6, 2, 0, 2, 4, False),
        (4, 6, 6, 4, 1, 5, 4, True),
        (7, 7, 6, 3, 1, 4, 4, False),
        (8, 10, 6, 4, 1, 5, 4, True),
    ]
    by_item = selectors.deliberation_quorum(on_item_3)
    assert [(r.first_item, r.figures.present) for r in by_item] == [(3, 2)]


# --- Suppléants and members not in office (L5211-6, L2121-17) -----------------------------


@pytest.mark.parametrize(
    ("titular_from_item", "expected", "problem_kinds"),
    [
        # Titular member absent throughout: the suppléant counts on every item.
        (None, [(1, None, 3, 3, 0, 3, 2, True)], [[]]),
        # Titular member arrives at question 5: the suppléant counts on questions 1 to 4.
        (5, [(1, 4, 3, 3, 0, 3, 2, True), (5, None, 3, 3, 0, 3, 2, True)],
         [[], ["substitute_with_titular_present"]]),
    ],
)
def test_substitute_counts_only_in_place_of_an_absent_titular(
    titular_from_item, expected, problem_kinds
):
    body, (titular, first, second) = body_with_members(3)
    substitute = MandateFactory(body=body, role=Mandate.Role.SUBSTITUTE,
                                substitute_for=titular).member
    session = SessionFactory(body=body, date=SESSION_DAY)
    AttendanceFactory(session=session, member=first)
    AttendanceFactory(session=session, member=second)
    AttendanceFactory(session=session, member=substitute, replaces=titular)
    if titular_from_item:
        AttendanceFactory(session=session, member=titular, from_item=titular_from_item)
    else:
        AttendanceFactory(session=session, member=titular, status=Attendance.Status.EXCUSED)

    table = selectors.session_quorum_table(session)

    assert rows(table) == expected
    assert [[p.kind for p in r.figures.problems] for r in table] == problem_kinds


def test_present_member_not_in_office_is_not_counted():
    body, members = body_with_members(3)
    outsider = MemberFactory(last_name="EXTÉRIEUR", first_name="Marc")
    session = SessionFactory(body=body, date=SESSION_DAY)
    AttendanceFactory(session=session, member=members[0])
    AttendanceFactory(session=session, member=outsider)
    AttendanceFactory(session=session, member=members[1], status=Attendance.Status.EXCUSED)
    ProxyFactory(session=session, giver=outsider, holder=members[0])

    (row,) = selectors.session_quorum_table(session)

    assert (row.figures.in_office, row.figures.present, row.figures.represented,
            row.figures.quorum_required, row.figures.quorum_met) == (3, 1, 0, 2, False)
    assert [(p.kind, p.message) for p in row.figures.problems] == [
        ("not_in_office", "EXTÉRIEUR Marc n'est pas membre en exercice de l'assemblée : sa "
         "présence n'est pas comptée (question 1)"),
        ("giver_not_in_office", "EXTÉRIEUR Marc n'est pas membre en exercice : sa procuration "
         "n'est pas comptée (question 1)"),
    ]


# --- Attendance not recorded -------------------------------------------------------------


@pytest.mark.parametrize(
    ("recorded", "expected"),
    [
        ("nothing", []),
        # An excused-only list is a recorded attendance: nobody present, quorum not met.
        ("excused", [(1, None, 2, 0, 0, 0, 2, False)]),
        ("proxy", [(1, None, 2, 0, 0, 0, 2, False)]),
    ],
)
def test_no_table_while_no_attendance_is_recorded(recorded, expected):
    body, members = body_with_members(2)
    session = SessionFactory(body=body, date=SESSION_DAY)
    if recorded == "excused":
        AttendanceFactory(session=session, member=members[0], status=Attendance.Status.EXCUSED)
    elif recorded == "proxy":
        ProxyFactory(session=session, giver=members[0], holder=members[1])

    assert rows(selectors.session_quorum_table(session)) == expected


def test_pages_say_attendance_is_not_recorded_rather_than_quorum_not_met(client):
    body, _ = body_with_members(3)
    upcoming = SessionFactory(body=body, date=datetime.date(2030, 1, 15),
                              convened_on=datetime.date(2030, 1, 8),
                              status=Session.Status.CONVENED)
    # Held, its deliberation published, its register's attendance not entered yet.
    not_entered = DeliberationFactory(session=SessionFactory(body=body, date=SESSION_DAY),
                                      item_number=1, published=True)

    for url in (upcoming.get_absolute_url(), not_entered.session.get_absolute_url(),
                not_entered.get_absolute_url()):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert "non atteint" not in html, url
        assert "ne sont pas renseignées" in html, url


def test_quorum_partial_without_ranges_says_attendance_is_not_recorded():
    html = render_to_string("deliberations/_quorum_table.html", {"ranges": []})
    assert "Présences non renseignées pour cette séance." in html
    assert "<table" not in html
    admin_html = render_to_string("admin/deliberations/session/_quorum_table.html",
                                  {"ranges": [], "in_office": 3})
    assert "Présences non renseignées pour cette séance." in admin_html


# --- Constant queries ----------------------------------------------------------------------


def test_bulk_session_inputs_query_count_does_not_grow(django_assert_num_queries):
    def make_session(day):
        body, members = body_with_members(3)
        session = SessionFactory(body=body, date=SESSION_DAY + datetime.timedelta(days=day))
        AttendanceFactory(session=session, member=members[0])
        ProxyFactory(session=session, giver=members[1], holder=members[0])
        DeliberationFactory(session=session, item_number=1).withdrawn_members.add(members[2])
        return session

    sessions = [make_session(0)]
    # Mandates, bodies' own rules, attendances, proxies, carried-over items and comptes
    # administratifs, withdrawals.
    with django_assert_num_queries(6):
        selectors.bulk_session_inputs(sessions)
    sessions += [make_session(day) for day in range(1, 6)]
    with django_assert_num_queries(6):
        inputs = selectors.bulk_session_inputs(sessions)
    assert {i.in_office for i in inputs.values()} == {3}


# --- Admin validation (deliberations/forms.py) ---------------------------------------------


def test_admin_refuses_a_present_member_not_in_office(client, clerk, organisation):
    body, members = body_with_members(2, BodyFactory(organisation=organisation))
    # No seat, created by the clerk's organisation: offered to the clerk, not in office.
    outsider = MemberFactory(last_name="EXTÉRIEUR", first_name="Marc",
                             created_by_organisation=organisation)
    session = SessionFactory(body=body, agenda_item_count=5)
    # Recorded earlier (say by an import): the grid shows him and checks him.
    AttendanceFactory(session=session, member=outsider, status="excused")
    client.force_login(clerk)
    data = grid_post(session, {members[0]: ("present", "", "", "", ""),
                               members[1]: ("present", "", "", "", ""),
                               outsider: ("present", "3-", "", "", "")})

    response = client.post(grid_url(session), data)

    assert response.status_code == 200
    assert ("EXTÉRIEUR Marc n'est pas membre en exercice de l'assemblée : sa présence n'est "
            "pas comptée (question 3)") in page_text(response)
    assert list(session.attendances.values_list("status", flat=True)) == ["excused"]


def test_admin_refuses_a_proxy_from_a_member_not_in_office(client, clerk, organisation):
    body, members = body_with_members(2, BodyFactory(organisation=organisation))
    # No seat, created by the clerk's organisation: offered to the clerk, not in office.
    outsider = MemberFactory(last_name="EXTÉRIEUR", first_name="Marc",
                             created_by_organisation=organisation)
    session = SessionFactory(body=body, agenda_item_count=5)
    AttendanceFactory(session=session, member=outsider, status="excused")
    client.force_login(clerk)
    data = grid_post(session, {members[0]: ("present", "", "", "", ""),
                               members[1]: ("present", "", "", "", ""),
                               outsider: ("excused", "", "", members[0].full_name, "")})

    response = client.post(grid_url(session), data)

    assert response.status_code == 200
    assert ("EXTÉRIEUR Marc n'est pas membre en exercice : sa procuration n'est pas comptée "
            "(question 1)") in page_text(response)
    assert session.proxies.count() == 0
