"""The clerk sees, on the act's admin page, the record as it will be frozen before
"Publier", and the frozen record's fingerprint once published."""

import pytest
from django.urls import reverse

from deliberations.models import Deliberation
from tests.factories import DeliberationFactory

pytestmark = pytest.mark.django_db


def test_a_draft_shows_the_record_as_it_will_be_frozen(admin_client):
    draft = DeliberationFactory(votes_for=40, votes_against=30, abstentions=10,
                                vote_kind=Deliberation.VoteKind.TWO_THIRDS_CAST)
    page = admin_client.get(reverse("admin:deliberations_deliberation_change",
                                    args=[draft.pk])).content.decode()
    assert "L'état qui sera figé à la publication" in page
    assert ("Vote : Rejetée : la majorité des deux tiers des suffrages exprimés n&#x27;est pas "
            "atteinte (47 voix requises sur 70 suffrages exprimés)") in page


def test_a_published_act_shows_its_frozen_fingerprint(admin_client):
    act = DeliberationFactory(published=True)
    page = admin_client.get(reverse("admin:deliberations_deliberation_change",
                                    args=[act.pk])).content.decode()
    assert f"empreinte SHA-256 <code>{act.record.sha256}</code> — intact." in page
