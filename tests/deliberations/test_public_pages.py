"""Public pages (issue point 1): deliberation, session, organisation, body, member, static
pages and errors; list facets; constant query counts."""

import datetime
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deliberations import selectors
from deliberations.models import Deliberation
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

# Fixtures `seed_records` and `draft`.
pytest_plugins = ["tests.portal.public_data"]
pytestmark = pytest.mark.django_db


def _found(client, query):
    response = client.get(reverse("deliberations:deliberation_list"), {"q": query})
    return response.context["page"][0]


@pytest.mark.parametrize("query, executory, deadline", [
    ("rapport d'activités", "Exécutoire le 20 octobre 2022", "21 décembre 2022"),
    ("projet de territoire", "Exécutoire le 14 décembre 2022", "15 février 2023"),
])
def test_acceptance_deliberation_page_shows_executory_date_and_appeal_deadline(
    client, seed_records, query, executory, deadline
):
    deliberation = _found(client, query)
    html = client.get(deliberation.get_absolute_url()).content.decode()
    assert executory in html
    assert f"jusqu'au <strong>{deadline}</strong>" in html
    assert "tribunal administratif de Lille" in html


def test_deliberation_page_shows_the_record(client, seed_records):
    deliberation = Deliberation.objects.published().filter(session__body__kind="conseil").first()
    response = client.get(deliberation.get_absolute_url())
    html = response.content.decode()
    session = deliberation.session
    assert response.status_code == 200
    assert deliberation.title.replace("'", "&#x27;") in html
    assert session.body.name in html
    assert "6 décembre 2022" in html
    assert "Reçue en préfecture le" in html and "14 décembre 2022" in html
    assert session.get_absolute_url() in html
    assert "Quorum sur cette question" in html
    figures = selectors.deliberation_quorum(deliberation)
    assert figures and f'<td class="num">{figures[0].figures.present}</td>' in html
    assert "Mode de scrutin" in html


def test_deliberation_page_shows_vote_counts_and_non_voting_members(client):
    deliberation = DeliberationFactory(
        published=True, status=Deliberation.Status.DRAFT, votes_for=30, votes_against=2,
        abstentions=3, blank_or_null=0, ballot=Deliberation.Ballot.ROLL_CALL,
    )
    member = MandateFactory(body=deliberation.session.body).member
    deliberation.non_voting_members.add(member)
    annex = deliberation.annexes.create(title="Convention jointe", url="https://example.org/c.pdf")
    publish(deliberation)
    html = client.get(deliberation.get_absolute_url()).content.decode()
    for text in ('<td class="num">30</td>', '<td class="num">2</td>', '<td class="num">3</td>',
                 "Scrutin public", "Ne prennent pas part au vote", member.full_name,
                 annex.title, "https://example.org/c.pdf"):
        assert text in html, text


def test_deliberation_url_is_stable_and_needs_the_right_organisation_and_year(client):
    deliberation = DeliberationFactory(published=True)
    organisation = deliberation.session.body.organisation.slug
    assert deliberation.get_absolute_url() == (
        f"/deliberations/{organisation}/{deliberation.year}/{deliberation.slug}/"
    )
    wrong = f"/deliberations/autre/{deliberation.year}/{deliberation.slug}/"
    assert client.get(wrong).status_code == 404
    wrong_year = f"/deliberations/{organisation}/1999/{deliberation.slug}/"
    assert client.get(wrong_year).status_code == 404


def test_session_page(client, seed_records):
    deliberation = Deliberation.objects.published().filter(session__body__kind="bureau").first()
    session = deliberation.session
    response = client.get(session.get_absolute_url())
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Bureau communautaire" in html and "18 octobre 2022" in html and "17 h 30" in html
    assert session.place in html
    assert "du 12 octobre 2022, affichée à l'Hôtel Communautaire" in html
    assert session.president.full_name in html
    assert deliberation.get_absolute_url() in html
    assert "à partir de la question 5" in html  # per-item arrival (OGIEZ / seed)
    assert "jusqu'à la question 4" in html  # proxy until item 4
    assert "Quorum question par question" in html and '<th scope="row">' in html
    assert '<caption id="caption-presences">' in html
    table = selectors.session_quorum_table(session)
    assert len(response.context["facts"].quorum) == len(table)


def test_session_page_lists_only_published_deliberations(client, draft):
    html = client.get(draft.session.get_absolute_url()).content.decode()
    assert draft.title not in html


def test_executory_filter_agrees_with_the_selector(seed_records):
    session = Deliberation.objects.published().first().session
    not_received = DeliberationFactory(published=True, session=session, item_number=None,
                                       received_on=None)
    DeliberationFactory(published=True, session=session, item_number=None,
                        subject_to_transmission=False, received_on=None)
    published = Deliberation.objects.published()
    executory = set(published.executory())
    for deliberation in published:
        assert (deliberation in executory) == (selectors.executory_on(deliberation) is not None)
    assert set(published.not_executory()) == {not_received}


def test_list_facets(client, seed_records):
    url = reverse("deliberations:deliberation_list")
    bureau = Deliberation.objects.published().filter(session__body__kind="bureau").first()
    organisation = bureau.session.body.organisation

    def titles(**params):
        return {d.title for d in client.get(url, params).context["page"]}

    assert bureau.title in titles(organisation=organisation.slug)
    assert titles(body=bureau.body_id) == {
        d.title for d in Deliberation.objects.published().filter(body=bureau.body_id)
    }
    assert bureau.title in titles(year="2022")
    assert titles(year="2022", date_from="2022-11-01") and bureau.title not in titles(
        date_from="2022-11-01")
    assert bureau.title in titles(date_from="2022-10-18", date_to="2022-10-18")
    assert titles(theme=bureau.theme) >= {bureau.title}
    assert bureau.title in titles(matter=bureau.matter_code)
    assert bureau.title not in titles(matter="1.1")
    assert bureau.title in titles(executory="oui")
    assert bureau.title not in titles(executory="non")


def test_list_paginates_and_keeps_filters(client):
    body = BodyFactory()
    session = SessionFactory(body=body)
    for _ in range(25):
        DeliberationFactory(published=True, session=session)
    response = client.get(reverse("deliberations:deliberation_list"),
                          {"organisation": body.organisation.slug})
    html = response.content.decode()
    assert "<strong>25</strong> délibérations" in html
    assert f"?organisation={body.organisation.slug}&amp;page=2" in html
    page2 = client.get(reverse("deliberations:deliberation_list"),
                       {"organisation": body.organisation.slug, "page": 2})
    assert len(page2.context["page"]) == 5


def make_published(count):
    """`count` published deliberations, each in its own session with attendance and a proxy
    (the worst case for per-row queries)."""
    body = BodyFactory()
    members = [MandateFactory(body=body).member for _ in range(3)]
    for i in range(count):
        session = SessionFactory(body=body, date=datetime.date(2022, 1, 1)
                                 + datetime.timedelta(days=i), convened_on=None,
                                 president=members[0])
        AttendanceFactory(session=session, member=members[0])
        AttendanceFactory(session=session, member=members[1], from_item=2)
        ProxyFactory(session=session, giver=members[2], holder=members[0])
        deliberation = DeliberationFactory(published=True, status=Deliberation.Status.DRAFT,
                                           session=session,
                                           title=f"Subvention au logement n° {i}",
                                           signatory=members[0])
        deliberation.non_voting_members.add(members[1])
        publish(deliberation)
    return body


def count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
        # A streamed export reads its rows while its body is produced.
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(context.captured_queries)


LIST_URLS = [
    ("deliberations:deliberation_list", {}),
    ("deliberations:deliberation_list", {"q": "logements", "year": "2022"}),
    ("deliberations:deliberation_list", {"q": "logement", "sort": "date_asc"}),
    ("deliberations:deliberation_list", {"matter": "5.7", "theme": "ADMINISTRATION GENERALE"}),
    ("deliberations:deliberation_list", {"year": "2022", "sort": "date_asc", "page": "1"}),
    ("deliberations:deliberation_csv", {}),
    ("deliberations:deliberation_csv", {"q": "logement"}),
    ("deliberations:deliberation_feed", {}),
    ("deliberations:session_list", {}),
    ("deliberations:session_calendar", {}),
    ("portal:home", {}),
    ("portal:member_list", {}),
    ("api:deliberation-list", {}),
    ("api:deliberation-list", {"q": "logement"}),
    ("api:deliberation-list", {"matter": "5.7", "year": "2022"}),
    ("api:session-list", {}),
    ("api:member-list", {}),
]


@pytest.mark.parametrize("name, params", LIST_URLS)
def test_list_query_count_is_constant(client, name, params):
    make_published(1)
    one = count_queries(client, reverse(name), params)
    make_published(49)
    fifty = count_queries(client, reverse(name), params)
    assert one == fifty, f"{name}: {one} queries for 1 row, {fifty} for 50"


def test_detail_pages(client, seed_records):
    deliberation = Deliberation.objects.published().first()
    body = deliberation.session.body
    organisation = body.organisation
    member = deliberation.session.president
    for url in (organisation.get_absolute_url(), body.get_absolute_url(),
                member.get_absolute_url(), reverse("portal:organisation_list"),
                reverse("portal:member_list")):
        assert client.get(url).status_code == 200, url
    html = client.get(member.get_absolute_url()).content.decode()
    assert "Présence aux séances" in html and "%" in html
    assert body.name in html


def test_member_attendance_rate_and_proxies(client):
    body = BodyFactory()
    mandate = MandateFactory(body=body, start_on=datetime.date(2022, 1, 1))
    other = MandateFactory(body=body, start_on=datetime.date(2022, 1, 1)).member
    s1 = SessionFactory(body=body, date=datetime.date(2022, 3, 1), convened_on=None)
    s2 = SessionFactory(body=body, date=datetime.date(2022, 4, 1), convened_on=None)
    # Neither counts: a draft session is not public, the other precedes the mandate.
    SessionFactory(body=body, date=datetime.date(2022, 5, 1), convened_on=None, status="draft")
    SessionFactory(body=body, date=datetime.date(2021, 5, 1), convened_on=None)
    # Nor a held session whose attendance list is not recorded yet.
    SessionFactory(body=body, date=datetime.date(2022, 6, 1), convened_on=None)
    AttendanceFactory(session=s1, member=mandate.member)
    AttendanceFactory(session=s2, member=mandate.member, status="excused")
    ProxyFactory(session=s2, giver=mandate.member, holder=other)
    response = client.get(mandate.member.get_absolute_url())
    assert response.context["attendance"].sessions == 2
    assert response.context["attendance"].present == 1
    html = response.content.decode()
    assert "50,0 %" in html
    assert "Procurations données (1)" in html and other.full_name in html
    assert "Procurations reçues (0)" in html


def test_member_attendance_counts_held_public_sessions_with_a_recorded_list(
        django_assert_num_queries):
    """Sessions expected: held, with a recorded attendance list, in a titular mandate's
    body and span; sessions attended: held ones where the member's line says present,
    whatever the body (a suppléant's seat counts once sat). The same two queries however
    many sessions the member's bodies held."""
    from deliberations.site import member_attendance

    body = BodyFactory()
    mandate = MandateFactory(body=body, start_on=datetime.date(2022, 1, 1),
                             end_on=datetime.date(2022, 12, 31))
    member, colleague = mandate.member, MemberFactory()

    def session(date, status="held", of=body):
        return SessionFactory(body=of, date=date, convened_on=None, status=status)

    present = session(datetime.date(2022, 3, 1))
    excused = session(datetime.date(2022, 4, 1))
    without_me = session(datetime.date(2022, 5, 1))  # the member's line missing: absent
    session(datetime.date(2022, 6, 1))  # no attendance recorded: not counted
    after = session(datetime.date(2023, 2, 1))  # after the mandate
    convened = session(datetime.date(2022, 7, 1), status="convened")
    elsewhere = session(datetime.date(2022, 8, 1), of=BodyFactory())
    AttendanceFactory(session=present, member=member)
    AttendanceFactory(session=excused, member=member, status="excused")
    AttendanceFactory(session=without_me, member=colleague)
    AttendanceFactory(session=after, member=member)
    AttendanceFactory(session=convened, member=member)
    AttendanceFactory(session=elsewhere, member=member)
    mandates = [mandate]
    with django_assert_num_queries(2):
        record = member_attendance(member, mandates)
    # Expected: present, excused, without_me; attended: present, after, elsewhere.
    assert (record.sessions, record.present) == (5, 3)
    for day in range(2, 12):
        AttendanceFactory(session=session(datetime.date(2022, 9, day)), member=colleague)
    with django_assert_num_queries(2):
        record = member_attendance(member, mandates)
    assert (record.sessions, record.present) == (15, 3)


def test_home_page(client, seed_records):
    html = client.get(reverse("portal:home")).content.decode()
    assert 'lang="fr"' in html
    assert "Accessibilité : partiellement conforme" in html
    assert "Aller au contenu" in html
    for deliberation in Deliberation.objects.published():
        assert deliberation.get_absolute_url() in html
    assert "Communauté d&#x27;agglomération de Béthune-Bruay" in html


def test_accessibility_and_legal_pages(client, settings):
    settings.ACCESSIBILITY_CONTACT = "a11y@agglo.example"
    html = client.get(reverse("portal:accessibility")).content.decode()
    assert "a11y@agglo.example" in html
    assert "partiellement conforme" in html
    assert "Schéma pluriannuel" in html
    assert client.get(reverse("portal:legal_notice")).status_code == 200


def test_404_and_500_pages_in_the_site_style(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert "portal.css" in response.content.decode()
    from portal.kernel.errors import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Le service rencontre une erreur" in response.content.decode()
    assert "portal.css" in response.content.decode()
