"""The act page renders the parts made of the record alone once per record hash
(views.record_parts): a warm page is the cold page, and a record amended after publication
(the prefecture's receipt) shows at once, under its new hash."""

import datetime

import pytest
from django.core.cache import cache

from deliberations import services, views
from deliberations.models import PublishedRecord

pytestmark = pytest.mark.django_db


def _parts_key(act) -> str:
    session = act.session
    return views.record_parts_key(PublishedRecord.objects.get(deliberation=act).sha256, {
        "body_url": session.body.get_absolute_url(),
        "organisation_url": session.body.organisation.get_absolute_url(),
        "session_url": session.get_absolute_url()})


def test_the_cached_record_parts_make_the_same_page_as_a_cold_render(awaiting_receipt, client):
    url = awaiting_receipt.get_absolute_url()
    cache.clear()
    cold = client.get(url).content
    parts = cache.get(_parts_key(awaiting_receipt))
    assert set(parts) == {"heading", "facts", "body", "annexes"}
    assert "<dt>Publiée le</dt><dd>14 décembre 2022</dd>" in parts["facts"]
    assert client.get(url).content == cold
    # The page reads its record's parts from the cache (else this test would prove nothing).
    cache.set(_parts_key(awaiting_receipt), {**parts, "heading": "<h1>Lu du cache</h1>"})
    assert b"<h1>Lu du cache</h1>" in client.get(url).content


def test_a_receipt_recorded_after_publication_shows_under_the_new_hash(awaiting_receipt,
                                                                       client):
    url = awaiting_receipt.get_absolute_url()
    cache.clear()
    before = client.get(url).content.decode()
    assert "<dt>Reçue en préfecture le</dt><dd>pas encore reçue</dd>" in before
    assert "pas encore exécutoire (en attente de la réception en préfecture)" in before
    old_key = _parts_key(awaiting_receipt)
    services.deliberation_record_receipt(deliberation=awaiting_receipt,
                                         received_on=datetime.date(2022, 12, 16))
    assert _parts_key(awaiting_receipt) != old_key
    assert cache.get(old_key) is not None  # the old parts are still there, under the old hash
    after = client.get(url).content.decode()
    assert "<dt>Reçue en préfecture le</dt><dd>16 décembre 2022</dd>" in after
    assert "<strong>Exécutoire le 16 décembre 2022</strong>" in after
