"""Read-only JSON API /api/v1/ and its OpenAPI 3 document (point 3)."""

import pytest
from django.urls import reverse

from deliberations import selectors
from deliberations.models import Deliberation, Session

# Fixtures `seed_records` and `draft`.
pytest_plugins = ["tests.portal.public_data"]
pytestmark = pytest.mark.django_db


def test_deliberation_list_search_and_filters(client, draft):
    url = reverse("api:deliberation-list")
    data = client.get(url).json()
    assert data["count"] == Deliberation.objects.published().count()
    assert draft.slug not in {d["slug"] for d in data["results"]}
    found = client.get(url, {"q": "projet de territoire"}).json()
    assert found["count"] == 1
    item = found["results"][0]
    assert item["executory_on"] == "2022-12-14"
    assert item["appeal_deadline"] == "2023-02-15"  # délai franc (was 2023-02-14)
    assert item["url"].startswith("http://testserver/deliberations/")
    assert client.get(url, {"year": "2022", "matter": "5.7"}).json()["count"] >= 1
    assert client.get(url, {"year": "1999"}).status_code == 400  # not a year with records


def test_deliberation_detail_has_quorum(client, seed_records):
    deliberation = Deliberation.objects.published().first()
    data = client.get(reverse("api:deliberation-detail", args=[deliberation.slug])).json()
    expected = selectors.deliberation_quorum(deliberation)
    assert [r["present"] for r in data["quorum"]] == [r.figures.present for r in expected]
    assert data["administrative_court"] == "tribunal administratif de Lille"


def test_session_detail_has_per_item_quorum_attendance_and_proxies(client, seed_records):
    session = Session.objects.public().get(date="2022-10-18")
    data = client.get(reverse("api:session-detail", args=[session.pk])).json()
    table = selectors.session_quorum_table(session)
    assert [(r["first_item"], r["last_item"]) for r in data["quorum"]] == [
        (r.first_item, r.last_item) for r in table
    ]
    assert data["quorum"][0]["quorum_required"] == table[0].figures.quorum_required
    assert len(data["proxies"]) == session.proxies.count()
    assert len(data["attendances"]) == session.attendances.count()
    assert data["deliberations"]


def test_members(client, seed_records):
    data = client.get(reverse("api:member-list")).json()
    assert data["count"] > 0
    first = data["results"][0]
    assert first["mandates"]
    detail = client.get(reverse("api:member-detail", args=[first["slug"]])).json()
    assert detail["full_name"] == first["full_name"]


def test_openapi_document(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    text = response.content.decode()
    assert "openapi: 3" in text or '"openapi": "3' in text
    for path in ("/api/v1/deliberations/", "/api/v1/sessions/{id}/", "/api/v1/members/"):
        assert path in text


def test_api_is_read_only(client, seed_records):
    url = reverse("api:deliberation-list")
    assert client.post(url, {}).status_code == 405
    slug = Deliberation.objects.published().first().slug
    assert client.delete(reverse("api:deliberation-detail", args=[slug])).status_code == 405


def test_api_list_answers_an_etag_and_304_to_a_client_holding_it(client):
    from tests.factories import DeliberationFactory

    DeliberationFactory(published=True, title="Subvention au club de judo")
    url = reverse("api:deliberation-list")
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    DeliberationFactory(published=True, title="Convention avec la région")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]



def _unfreeze(acts):
    """As if `acts` had been published before records were frozen (the database refuses the
    deletion of a frozen record: its guards are lifted for the preparation)."""
    from django.db import connection

    from deliberations import immutability
    from deliberations.models import PublishedRecord

    immutability.uninstall(connection)
    try:
        PublishedRecord.objects.filter(deliberation__in=list(acts)).delete()
    finally:
        immutability.install(connection)


def _live_relation_reads(client, url):
    """(queries of the request, those reading non-voting members or notifications)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    tables = ('"deliberations_deliberation_non_voting_members"', '"deliberations_notification"')
    reads = [query["sql"] for query in context.captured_queries
             if query["sql"].startswith("SELECT") and any(t in query["sql"] for t in tables)]
    return len(context.captured_queries), len(reads)


def test_the_api_list_reads_the_live_relations_only_for_acts_not_frozen(client, settings):
    """A page of frozen acts reads no non-voting members or notifications (the record holds
    them), whatever its size; an act not frozen yet still shows them, from its live record."""
    from tests.deliberations.test_public_pages import make_published

    settings.PUBLIC_CACHE_SECONDS = 0
    url = reverse("api:deliberation-list")
    make_published(3)
    three = _live_relation_reads(client, url)
    make_published(3)
    assert _live_relation_reads(client, url) == three
    assert three[1] == 0
    _unfreeze(Deliberation.objects.order_by("pk")[:2])
    _unfreeze(Deliberation.objects.order_by("-pk")[:2])
    results = client.get(url).json()["results"]
    assert len(results) == 6
    # make_published gives each act one non-voting member: read from the record or live.
    assert [len(act["non_voting_members"]) for act in results] == [1] * 6
    assert sum(act["record_sha256"] is None for act in results) == 4
