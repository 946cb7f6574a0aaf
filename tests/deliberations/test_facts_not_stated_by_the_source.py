"""Facts the seed documents do not state are shown as not stated, never as a default: the
ballot of the two seed acts ("A la majorité absolue" says nothing of a show of hands) and the
start of the seats (the extracts give no appointment date)."""

import html
import re

import pytest
from django.core.management import call_command

from deliberations.models import Deliberation
from portal.models import Mandate, Member


@pytest.fixture
def seeds(db):
    call_command("load_seed_records", verbosity=0)


def _plain(response) -> str:
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


@pytest.mark.parametrize("slug", [
    "bureau-communautaire-2022-10-18-rapport-activites-pma",
    "conseil-communautaire-2022-12-06-projet-de-territoire",
])
def test_seed_acts_do_not_claim_a_show_of_hands(client, seeds, slug):
    deliberation = Deliberation.objects.get(slug=slug)
    assert deliberation.ballot_stated is False
    page = _plain(client.get(deliberation.get_absolute_url()))
    assert "Mode de scrutin Non précisé par la source" in page
    assert "main levée" not in page.lower()


def test_a_stated_ballot_is_shown(seeds):
    deliberation = Deliberation(ballot=Deliberation.Ballot.SECRET)
    assert deliberation.get_ballot_display() == "Scrutin secret"


def test_member_page_does_not_invent_the_start_of_a_seat(client, seeds):
    member = Member.objects.get(last_name="OGIEZ")
    assert set(Mandate.objects.filter(member=member).values_list("start_stated", flat=True)) \
        == {False}
    page = _plain(client.get(member.get_absolute_url()))
    assert "date de début non précisée par la source" in page
    assert "15 juillet 2020" not in page


def test_body_page_does_not_invent_the_start_of_seats(client, seeds):
    bureau = Deliberation.objects.get(
        slug="bureau-communautaire-2022-10-18-rapport-activites-pma").session.body
    page = _plain(client.get(bureau.get_absolute_url()))
    assert "15 juillet 2020" not in page
    listed = int(re.search(r"Membres en exercice \((\d+)\)", page)[1])
    assert listed > 0 and page.count("non précisé par la source") == listed
