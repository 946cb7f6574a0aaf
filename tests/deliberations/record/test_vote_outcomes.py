"""One outcome, one wording: for every vote kind and ballot, the public page, the session
page, the certified extract, the procès-verbal and the API state what the act's record says
(rules.vote_result, computed once and frozen at publication)."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.utils.html import escape

from deliberations.documents.minutes import minutes_data, render_minutes_html
from deliberations.extracts import issuing
from deliberations.models import Deliberation, Minutes
from deliberations.record import record_for, record_freeze
from tests.factories import large_session

pytestmark = pytest.mark.django_db

SHOW_OF_HANDS, SECRET = Deliberation.Ballot.SHOW_OF_HANDS, Deliberation.Ballot.SECRET
K = Deliberation.VoteKind

# (vote kind, ballot, for, against, abstentions, president voted for, president abstained,
#  outcome, wording). The session has 80 members in office, 54 present and 13 represented.
CASES = [
    (K.ORDINARY, SHOW_OF_HANDS, 40, 30, 10, None, False, "adopted",
     "Adoptée : 40 voix pour, 30 contre, 10 abstentions."),
    (K.TWO_THIRDS_IN_OFFICE, SHOW_OF_HANDS, 40, 30, 10, None, False, "rejected",
     "Rejetée : la majorité des deux tiers des membres en exercice n'est pas atteinte (54 voix "
     "requises sur 80 membres en exercice), à main levée : 40 voix pour, 30 contre, "
     "10 abstentions."),
    (K.TWO_THIRDS_CAST, SHOW_OF_HANDS, 40, 30, 10, None, False, "rejected",
     "Rejetée : la majorité des deux tiers des suffrages exprimés n'est pas atteinte (47 voix "
     "requises sur 70 suffrages exprimés), à main levée : 40 voix pour, 30 contre, "
     "10 abstentions."),
    (K.ADMINISTRATIVE_ACCOUNT, SHOW_OF_HANDS, 30, 30, 0, None, False, "adopted",
     "Le compte administratif est arrêté, une majorité des voix ne s'étant pas dégagée contre "
     "son adoption (article L1612-12 du CGCT), à main levée : 30 voix pour, 30 contre."),
    (K.ORDINARY, SECRET, 35, 35, 0, None, False, "rejected",
     "Rejetée : partage des voix au scrutin secret."),
    (K.ORDINARY, SHOW_OF_HANDS, 35, 35, 0, None, True, "rejected",
     "Rejetée : partage des voix (35 pour, 35 contre), le président s'étant abstenu, sa voix "
     "n'est pas prépondérante (L2121-20)."),
]


@pytest.fixture
def acts(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    session = large_session(members=80, items=len(CASES))
    acts = list(session.deliberations.order_by("item_number"))
    for act, (kind, ballot, votes_for, against, abstentions, president_for, president_abstained,
              *_expected) in zip(acts, CASES, strict=True):
        Deliberation.objects.filter(pk=act.pk).update(
            vote_kind=kind, ballot=ballot, votes_for=votes_for, votes_against=against,
            abstentions=abstentions, president_voted_for=president_for,
            president_abstained=president_abstained,
            # The clerk's own result, here always "adopted": the record states the rules'.
            result=Deliberation.Result.ADOPTED, status=Deliberation.Status.PUBLISHED,
            published_on=session.date + datetime.timedelta(days=2),
            received_on=session.date + datetime.timedelta(days=2),
        )
        act.refresh_from_db()
        record_freeze(deliberation=act)
    return session, acts


def test_every_output_states_the_record_outcome_and_wording(acts, client):
    session, published = acts
    minutes = Minutes.objects.create(session=session)
    pv = minutes_data(minutes)
    pv_html = render_minutes_html(pv)
    cache.clear()
    session_page = client.get(session.get_absolute_url()).content.decode()
    for act, case in zip(published, CASES, strict=True):
        outcome, wording = case[-2:]
        record = record_for(Deliberation.objects.select_related("record").get(pk=act.pk))
        assert (record.vote.outcome, record.vote.wording) == (outcome, wording), case
        cache.clear()
        page = client.get(act.get_absolute_url()).content.decode()
        badge = "Adoptée" if outcome == "adopted" else "Rejetée"
        assert f'class="badge badge--{"ok" if outcome == "adopted" else "ko"}">{badge}' in page
        assert escape(wording) in page
        assert escape(wording) in session_page
        data = issuing.certified_data(act)
        assert data["deliberation"]["vote_statement"] == wording
        issue = issuing.IssueInfo(code="ABCDEFGHJK", version=1,
                                  issued_at=datetime.datetime(2023, 1, 2, tzinfo=datetime.UTC))
        assert escape(wording) in issuing.render_extract_html(data, issue)
        entry = next(d for d in pv["deliberations"] if d["item_number"] == act.item_number)
        assert entry["vote"] == wording
        assert escape(wording) in pv_html
        api = json.loads(client.get(f"/api/v1/deliberations/{act.slug}/").content)
        assert (api["outcome"], api["outcome_wording"]) == (outcome, wording)
