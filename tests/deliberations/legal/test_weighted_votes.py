"""Weighted votes per a syndicat's statutes: the record shows the voices as well as the
members, on the public page and in the certified extract, and the vote is counted in voices."""

import datetime
import html

import pytest

from deliberations import selectors
from deliberations.extracts.issuing import certified_data
from deliberations.forms import DeliberationAdminForm
from deliberations.models import Attendance, Deliberation, Proxy, Session
from portal.models import Body, BodySettings, Mandate, Organisation
from tests.factories import (
    BodyFactory,
    DeliberationFactory,
    MemberFactory,
    OrganisationFactory,
    SessionFactory,
    publish,
)

pytestmark = pytest.mark.django_db

STATUTES = "Statuts du Pôle métropolitain, art. 6 (voix par délégué)"


@pytest.fixture
def weighted_session():
    """A committee of five delegates carrying 3, 3, 3, 2 and 1 voices: three present, one
    represented by proxy, one excused."""
    organisation = OrganisationFactory(name="Pôle Métropolitain de l'Artois", slug="pma",
                                       short_name="PMA", department="62",
                                       kind=Organisation.Kind.METROPOLITAN_POLE)
    body = BodyFactory(organisation=organisation, kind=Body.Kind.SYNDICATE_COMMITTEE,
                       name="Comité syndical", slug="comite")
    BodySettings.objects.create(body=body, weighted_votes=True, weights_source=STATUTES)
    members = []
    for last, voices in [("DELELIS", 3), ("GACQUERRE", 3), ("DUPORGE", 3), ("BRAKA", 2),
                         ("LEROY", 1)]:
        member = MemberFactory(last_name=last)
        Mandate.objects.create(member=member, body=body, voices=voices,
                               start_on=datetime.date(2020, 9, 1))
        members.append(member)
    session = SessionFactory(body=body, date=datetime.date(2022, 9, 22),
                             convened_on=datetime.date(2022, 9, 15), agenda_item_count=3)
    for member in members[:3]:
        Attendance.objects.create(session=session, member=member)
    Attendance.objects.create(session=session, member=members[4],
                              status=Attendance.Status.EXCUSED)
    Proxy.objects.create(session=session, giver=members[3], holder=members[0])
    return session, members


def test_the_page_and_the_extract_show_members_and_voices(client, weighted_session):
    session, _ = weighted_session
    act = DeliberationFactory(session=session, item_number=1, published=True,
                              status=Deliberation.Status.DRAFT, votes_for=9, votes_against=2,
                              abstentions=0)
    publish(act)

    page = html.unescape(client.get(act.get_absolute_url()).content.decode())

    quorum = page.split('id="tableau-quorum"')[1].split("</table>")[0]
    assert "5 (12 voix)" in quorum
    assert "3 (9 voix)" in quorum
    assert "1 (2 voix)" in quorum
    assert "4 (11 voix)" in quorum
    assert (f"Votes pondérés : chaque siège porte les voix que lui donnent les statuts "
            f"({STATUTES}) ; le quorum se compte en membres (article L2121-17 du CGCT).") in page
    assert certified_data(act)["deliberation"]["voices"] == (
        "5 membres en exercice (12 voix), 3 présents (9 voix), 1 représentés (2 voix) "
        f"(votes pondérés : {STATUTES})")


def test_the_vote_counts_are_checked_against_the_voices(weighted_session):
    session, _ = weighted_session
    act = DeliberationFactory(session=session, item_number=1)
    data = {field: getattr(act, field) for field in (
        "session", "item_number", "slug", "title", "nature", "ballot", "vote_kind")}
    data.update(session=session.pk, votes_for=9, votes_against=2, abstentions=0,
                blank_or_null=0, subject_to_transmission=True)
    form = DeliberationAdminForm(data=data, instance=act)
    assert form.is_valid(), form.errors

    form = DeliberationAdminForm(data={**data, "votes_for": 10}, instance=act)
    assert not form.is_valid()
    assert ("Le total des votes (12) dépasse le nombre de votants possibles (11 : 11 présents "
            "et représentés, moins 0 ne prenant pas part au vote).") in form.non_field_errors()


def test_an_unweighted_body_keeps_its_extract_unchanged(weighted_session):
    session, _ = weighted_session
    BodySettings.objects.filter(body=session.body).update(weighted_votes=False)
    act = DeliberationFactory(session=session, item_number=1)

    assert "voices" not in certified_data(act)["deliberation"]
    reread = Session.objects.get(pk=session.pk)
    assert selectors.session_quorum_table(reread)[0].figures.voices is None


# --- The basis of "deux tiers du conseil", a setting of the body shown with the result ---------


def test_two_thirds_of_the_council_is_counted_on_the_bodys_basis_and_shows_its_source(client):
    organisation = OrganisationFactory(slug="cabbalr", department="62")
    body = BodyFactory(organisation=organisation, kind=Body.Kind.COUNCIL)
    BodySettings.objects.create(body=body, seats=152)
    session = SessionFactory(body=body, date=datetime.date(2022, 12, 6))
    act = DeliberationFactory(session=session, item_number=3, published=True,
                              status=Deliberation.Status.DRAFT, title="Intérêt communautaire",
                              vote_kind=Deliberation.VoteKind.TWO_THIRDS_COUNCIL,
                              votes_for=101, votes_against=10, abstentions=0,
                              result=Deliberation.Result.REJECTED)
    publish(act)

    page = html.unescape(client.get(act.get_absolute_url()).content.decode())

    assert ("Rejetée : la majorité des deux tiers du conseil n'est pas atteinte (102 voix "
            "requises sur 152 sièges du conseil, base retenue : QE n° 68314 (JO AN 2006) ; TA "
            "Lille 2004 : tous les sièges du conseil), à main levée : 101 voix pour, 10 contre."
            ) in page


def test_two_thirds_of_all_seats_without_the_number_of_seats_is_refused(weighted_session):
    session, _ = weighted_session
    act = DeliberationFactory(session=session, item_number=2)
    form = DeliberationAdminForm(data={
        "session": session.pk, "item_number": 2, "slug": act.slug, "title": act.title,
        "nature": "1", "ballot": "show_of_hands", "vote_kind": "two_thirds_council",
        "votes_for": 9, "votes_against": 2, "abstentions": 0, "blank_or_null": 0,
        "subject_to_transmission": True}, instance=act)

    assert not form.is_valid()
    assert ("Indiquez le nombre de sièges du conseil (règles propres de l'assemblée) : les deux "
            "tiers se comptent sur tous ses sièges.") in form.non_field_errors()


def test_a_quorum_in_voices_without_weighted_votes_is_refused_in_french(weighted_session):
    from django.core.exceptions import ValidationError

    session, _ = weighted_session
    settings = BodySettings.objects.get(body=session.body)
    settings.weighted_votes = False
    settings.quorum_in_voices = True

    with pytest.raises(ValidationError) as error:
        settings.full_clean()

    assert error.value.messages == [
        "Le quorum ne se compte en voix que si les statuts pondèrent les votes."]
