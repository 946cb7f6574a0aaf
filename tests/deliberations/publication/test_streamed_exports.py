"""The SCDL CSV and the sessions calendar are streamed in chunks and answer conditional
requests (ETag, Last-Modified, 304). The acts carry a number: the SCDL export holds only the
acts with every required value (opendata.scdl_complete)."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils.http import http_date

from deliberations import services
from deliberations.models import Deliberation
from deliberations.publication import feeds, opendata
from tests.factories import DeliberationFactory, MemberFactory, SessionFactory

pytestmark = pytest.mark.django_db

# The calendar of 2022, the year of the factories' sessions (the default feed covers the last
# twelve months and what is to come).
EXPORTS = [("deliberations:deliberation_csv", ""),
           ("deliberations:session_calendar", "?annee=2022")]


def body(response):
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.mark.parametrize("name, query", EXPORTS)
def test_etag_then_304_then_a_new_etag_after_a_publication(client, name, query):
    member = MemberFactory()
    DeliberationFactory(published=True, act_number="2022-C-001")
    pending = DeliberationFactory(status=Deliberation.Status.ADOPTED,
                                  result=Deliberation.Result.ADOPTED, signatory=member,
                                  title="Acte publié entre deux lectures",
                                  act_number="2022-C-002")
    url = reverse(name) + query
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert first.status_code == 200 and etag.startswith('"')
    assert first["Cache-Control"] == "public, no-cache"
    body(first)

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert since.status_code == 304

    services.deliberation_publish(deliberation=pending, published_on=datetime.date(2022, 10, 20))

    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Acte publié entre deux lectures" in body(changed)


def test_etag_depends_on_the_filters(client):
    DeliberationFactory(published=True)
    url = reverse("deliberations:deliberation_csv")
    assert client.get(url)["ETag"] != client.get(url, {"year": "2022"})["ETag"]
    assert client.get(url, {"year": "2022"})["ETag"] == client.get(url, {"year": "2022"})["ETag"]


def test_an_old_if_modified_since_gets_the_body(client):
    DeliberationFactory(published=True, act_number="2022-C-001")
    response = client.get(reverse("deliberations:deliberation_csv"),
                          HTTP_IF_MODIFIED_SINCE=http_date(0))
    assert response.status_code == 200 and body(response).count("\r\n") == 2


def test_csv_in_many_chunks_is_the_same_file(client):
    """Chunk boundaries (rows read, quorum tables per chunk) do not change a byte."""
    session = SessionFactory()
    for n in range(7):
        DeliberationFactory(published=True, session=session, title=f"Acte n° {n}",
                            act_number=f"2022-C-{n + 1:03d}")
    DeliberationFactory(published=True, act_number="2022-C-008")
    queryset = Deliberation.objects.published().with_public_relations().order_by("pk")
    whole = io.StringIO()
    opendata.write_scdl_csv(whole, queryset, build_url=str)
    chunks = list(opendata.scdl_csv_chunks(queryset, build_url=str, chunk_size=3))
    assert len(chunks) == 1 + 3  # header, then 8 rows by 3
    assert "".join(chunks) == whole.getvalue()
    assert whole.getvalue().count("\r\n") == 9


def test_calendar_in_many_chunks_is_the_same_file():
    for day in range(1, 6):
        SessionFactory(date=datetime.date(2022, 11, day))
    from deliberations.models import Session

    sessions = Session.objects.public().select_related("body__organisation").order_by("pk")
    chunks = list(feeds.sessions_icalendar_chunks(sessions, build_url=str, host="h",
                                                  chunk_size=2))
    assert len(chunks) == 1 + 3  # header, 2 + 2 events, the last event and END
    text = "".join(chunks)
    assert text.count("BEGIN:VEVENT") == 5 and text.endswith("END:VCALENDAR\r\n")
    lines = [line for line in text.split("\r\n") if not line.startswith("DTSTAMP")]
    whole = feeds.sessions_icalendar(list(sessions), build_url=str, host="h")
    assert lines == [line for line in whole.split("\r\n") if not line.startswith("DTSTAMP")]


def test_an_invalid_filter_is_still_a_400_with_its_message(client):
    response = client.get(reverse("deliberations:deliberation_csv"), {"year": "1999"})
    assert response.status_code == 400 and "ETag" not in response
