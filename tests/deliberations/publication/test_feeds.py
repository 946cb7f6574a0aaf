"""Atom feed of deliberations (valid per RFC 4287: a real parser, the RFC's RELAX NG schema
and its other requirements), iCalendar feed of sessions, sitemap and robots."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deliberations import services
from deliberations.models import Deliberation, Session
from tests.atom import A, atom_errors, parse
from tests.factories import DeliberationFactory, MemberFactory, SessionFactory

# Fixtures `seed_records` and `draft`.
pytest_plugins = ["tests.portal.public_data"]
pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_published_deliberations(client, draft):
    response = client.get(reverse("deliberations:deliberation_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    links = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]
    expected = {"http://testserver" + d.get_absolute_url()
                for d in Deliberation.objects.published()}
    assert set(links) == expected
    assert "http://testserver" + draft.get_absolute_url() not in links


def test_atom_feed_of_a_search(client, seed_records):
    response = client.get(reverse("deliberations:deliberation_feed"), {"q": "rapport d'activités"})
    feed = ET.fromstring(response.content)
    entries = list(feed.iter(f"{ATOM}entry"))
    assert len(entries) == 1
    assert "RAPPORT D'ACTIVITES" in entries[0].find(f"{ATOM}title").text
    assert "rapport d'activités" in feed.find(f"{ATOM}title").text


CABBALR = "Communauté d'agglomération de Béthune-Bruay, Artois Lys Romane"


def test_atom_feed_is_valid_rfc_4287_with_authors_and_publication_dates(client, draft):
    """Each entry is dated by its act's publication (seed 000: 20 October 2022, seed 003:
    14 December 2022), never by the time the feed is read; the feed by its latest entry."""
    content = client.get(reverse("deliberations:deliberation_feed")).content
    assert atom_errors(content) == []
    feed = parse(content)
    assert feed.findtext("a:author/a:name", namespaces=A) == settings.PORTAL_NAME
    assert feed.findtext("a:updated", namespaces=A) == "2022-12-14T00:00:00+01:00"
    entries = {e.findtext("a:updated", namespaces=A): (
        e.findtext("a:published", namespaces=A), e.findtext("a:author/a:name", namespaces=A),
        e.find("a:summary", A).get("type")) for e in feed.findall("a:entry", A)}
    assert entries == {
        "2022-12-14T00:00:00+01:00": ("2022-12-14T00:00:00+01:00", CABBALR, "text"),
        "2022-10-20T00:00:00+02:00": ("2022-10-20T00:00:00+02:00", CABBALR, "text"),
    }
    assert feed.find("a:link[@rel='self']", A).get("href") == (
        "http://testserver" + reverse("deliberations:deliberation_feed"))


def test_a_search_without_result_is_a_valid_feed_dated_by_the_latest_publication(
        client, seed_records):
    content = client.get(reverse("deliberations:deliberation_feed"), {"q": "zanzibar"}).content
    assert atom_errors(content) == []
    feed = parse(content)
    assert feed.findall("a:entry", A) == []
    assert feed.findtext("a:updated", namespaces=A) == "2022-12-14T00:00:00+01:00"


def test_a_feed_with_entries_is_one_query_and_does_not_read_the_latest_publication(
        client, seed_records):
    """The date of an empty feed (the latest publication of every act) is asked for only
    when the feed has no entry: a feed with entries is dated by them, in one query."""
    url = reverse("deliberations:deliberation_feed")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        content = client.get(url).content
    assert len(queries) == 1 and "MAX(" not in queries[0]["sql"]
    assert parse(content).findtext("a:updated", namespaces=A) == "2022-12-14T00:00:00+01:00"
    with CaptureQueriesContext(connection) as queries:
        client.get(url, {"q": "zanzibar"})
    latest = 'MAX("deliberations_deliberation"."published_on")'
    assert latest in queries[-1]["sql"]


def test_the_atom_check_fails_on_the_old_feed_faults(client, seed_records):
    """The validator is real: no author anywhere, an undated feed, an updated without time
    zone are each reported."""
    content = client.get(reverse("deliberations:deliberation_feed")).content.decode()
    without_authors = content
    while "<author>" in without_authors:
        start = without_authors.index("<author>")
        end = without_authors.index("</author>", start) + len("</author>")
        without_authors = without_authors[:start] + without_authors[end:]
    assert len(atom_errors(without_authors.encode())) == 2  # one per entry
    undated = content.replace("<updated>2022-12-14T00:00:00+01:00</updated>", "", 1)
    assert any("RELAX NG" in e for e in atom_errors(undated.encode()))
    no_zone = content.replace("2022-12-14T00:00:00+01:00", "2022-12-14T00:00:00")
    assert any("dateTime" in e for e in atom_errors(no_zone.encode()))


def test_icalendar_feed_follows_rfc_5545(client, seed_records):
    response = client.get(reverse("deliberations:session_calendar"), {"annee": "2022"})
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = b"".join(response.streaming_content)
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    unfolded = raw.decode("utf-8").replace("\r\n ", "")
    assert unfolded.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert unfolded.rstrip().endswith("END:VCALENDAR")
    sessions = Session.objects.public()
    assert unfolded.count("BEGIN:VEVENT") == sessions.count() == unfolded.count("END:VEVENT")
    for session in sessions:
        assert f"UID:seance-{session.pk}@testserver" in unfolded
        assert f"URL:http://testserver{session.get_absolute_url()}" in unfolded
    assert "DTSTART:20221018T153000Z" in unfolded  # 17:30 in Paris (UTC+2 in October)
    assert "DTSTART:20221206T180000Z" in unfolded  # 19:00 in Paris (UTC+1 in December)
    assert "DTSTAMP:" in unfolded
    assert "\\," in unfolded  # commas are escaped in TEXT values


def test_sitemap_and_robots(client, draft):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    content = response.content.decode()
    for deliberation in Deliberation.objects.published():
        assert deliberation.get_absolute_url() in content
    for session in Session.objects.public():
        assert session.get_absolute_url() in content
    assert draft.slug not in content
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    assert "Disallow: /admin/" in robots.content.decode()


def test_a_session_without_quorum_stays_public_and_is_cancelled_in_the_calendar(client):
    failed = SessionFactory(status="cancelled")
    hidden = SessionFactory(status="draft", date=failed.date.replace(day=20))
    response = client.get(reverse("deliberations:session_calendar"), {"annee": failed.date.year})
    unfolded = b"".join(response.streaming_content).decode().replace("\r\n ", "")
    assert f"UID:seance-{failed.pk}@testserver" in unfolded
    assert "STATUS:CANCELLED" in unfolded
    assert f"UID:seance-{hidden.pk}@testserver" not in unfolded
    page = client.get(failed.get_absolute_url())
    assert page.status_code == 200 and "Annulée / quorum non atteint" in page.content.decode()


def test_icalendar_default_feed_is_the_last_twelve_months_and_what_is_to_come(client):
    """The feed a calendar polls stays small whatever the history: an old session is only in
    its year's feed, linked from the default one's description."""
    today = timezone.localdate()
    def session(date, status):
        return SessionFactory(date=date, convened_on=date - datetime.timedelta(days=6),
                              status=status)

    old = session(datetime.date(2019, 3, 14), "held")
    recent = session(today - datetime.timedelta(days=300), "held")
    coming = session(today + datetime.timedelta(days=10), "convened")
    url = reverse("deliberations:session_calendar")

    default = b"".join(client.get(url).streaming_content).decode().replace("\r\n ", "")
    assert f"UID:seance-{old.pk}@" not in default
    assert f"UID:seance-{recent.pk}@" in default and f"UID:seance-{coming.pk}@" in default
    since = today - datetime.timedelta(days=365)
    assert (f"X-WR-CALDESC:Séances depuis le {since:%d/%m/%Y} et à venir \\; les années "
            "précédentes : http://testserver/seances/calendrier.ics?annee=AAAA") in default

    response = client.get(url, {"annee": "2019"})
    assert response["Content-Disposition"] == 'inline; filename="seances-2019.ics"'
    of_2019 = b"".join(response.streaming_content).decode().replace("\r\n ", "")
    assert f"UID:seance-{old.pk}@" in of_2019 and of_2019.count("BEGIN:VEVENT") == 1
    assert "X-WR-CALDESC:Séances de l'année 2019" in of_2019


def _whole(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _session(date, status="held", **fields):
    return SessionFactory(date=date, convened_on=date - datetime.timedelta(days=6),
                          status=status, **fields)


def test_icalendar_body_is_made_once_per_change(client, settings):
    """Many calendars poll the same feed: streamed the first time, then served whole from the
    cache (the same bytes, the same validators) without a query until a session changes."""
    settings.PUBLIC_CACHE_SECONDS = 300
    today = timezone.localdate()
    held = _session(today - datetime.timedelta(days=30), place="Salle du conseil")
    url = reverse("deliberations:session_calendar")

    first = client.get(url)
    assert first.streaming
    made = _whole(first)
    assert b"LOCATION:Salle du conseil\r\n" in made
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
        kept = _whole(second)
        not_modified = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert len(queries) == 0
    assert not second.streaming and kept == made
    assert second["Content-Length"] == str(len(made))
    assert (second["ETag"], second["Last-Modified"], second["Content-Disposition"]) == (
        first["ETag"], first["Last-Modified"], 'inline; filename="seances.ics"')
    assert not_modified.status_code == 304 and not_modified["ETag"] == first["ETag"]
    # Each address its own body: a year is not the default window.
    of_year = _whole(client.get(url, {"annee": held.date.year}))
    assert b"X-WR-CALDESC:S\xc3\xa9ances de l'ann\xc3\xa9e" in of_year

    held.place = "Salle des fêtes"
    held.save()
    third = _whole(client.get(url)).decode()
    assert "LOCATION:Salle des fêtes\r\n" in third and "Salle du conseil" not in third


def test_a_kept_calendar_follows_a_publication_and_never_shows_a_draft(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 300
    today = timezone.localdate()
    session = _session(today - datetime.timedelta(days=20))
    DeliberationFactory(published=True, session=session, item_number=1, title="Budget primitif")
    pending = DeliberationFactory(status=Deliberation.Status.ADOPTED,
                                  result=Deliberation.Result.ADOPTED, session=session,
                                  item_number=2, title="Tarifs de l'eau",
                                  signatory=MemberFactory())
    DeliberationFactory(session=session, item_number=3, title="Projet non publié")
    url = reverse("deliberations:session_calendar")

    before = client.get(url)
    made = _whole(before).decode().replace("\r\n ", "")
    assert "DESCRIPTION:Délibérations publiées :\\n- Budget primitif\r\n" in made
    assert _whole(client.get(url)).decode().replace("\r\n ", "") == made  # kept

    services.deliberation_publish(deliberation=pending, published_on=today)

    after = client.get(url)
    assert after.streaming and after["ETag"] != before["ETag"]
    body = _whole(after).decode().replace("\r\n ", "")
    assert ("DESCRIPTION:Délibérations publiées :\\n- Budget primitif\\n- Tarifs de l'eau"
            "\r\n") in body
    assert "Projet non publié" not in body
    assert _whole(client.get(url)).decode().replace("\r\n ", "") == body


def test_a_kept_calendar_follows_a_session_moved_or_cancelled(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 300
    today = timezone.localdate()
    moved = _session(today - datetime.timedelta(days=40))
    cancelled = _session(today + datetime.timedelta(days=15), status="convened")
    url = reverse("deliberations:session_calendar")
    first = _whole(client.get(url)).decode()
    assert first.count("BEGIN:VEVENT") == 2 and "STATUS:CANCELLED" not in first
    assert _whole(client.get(url)).decode() == first

    last_year = today.replace(year=today.year - 2, day=1)
    moved.date, moved.convened_on = last_year, last_year - datetime.timedelta(days=6)
    moved.save()
    second = _whole(client.get(url)).decode()
    assert f"UID:seance-{moved.pk}@" not in second and second.count("BEGIN:VEVENT") == 1
    of_year = _whole(client.get(url, {"annee": last_year.year})).decode()
    assert f"UID:seance-{moved.pk}@" in of_year
    assert f"DTSTART:{last_year:%Y%m%d}T" in of_year

    cancelled.status = "cancelled"
    cancelled.save()
    third = _whole(client.get(url)).decode()
    event = third.split("BEGIN:VEVENT")[1]
    assert f"UID:seance-{cancelled.pk}@" in event and "STATUS:CANCELLED\r\n" in event


def test_a_kept_calendar_is_not_served_the_next_day(client, settings, monkeypatch):
    """A new day moves the window's first day and makes public an act published with that
    date, without any write: the body kept the day before is not served."""
    settings.PUBLIC_CACHE_SECONDS = 300
    today = timezone.localdate()
    edge = _session(today - datetime.timedelta(days=365))
    coming = _session(today - datetime.timedelta(days=3))
    DeliberationFactory(published=True, session=coming, title="Publiée demain",
                        published_on=today + datetime.timedelta(days=1))
    url = reverse("deliberations:session_calendar")
    made = _whole(client.get(url)).decode()
    assert f"UID:seance-{edge.pk}@" in made and "Publiée demain" not in made
    assert _whole(client.get(url)).decode() == made

    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(days=1))
    assert timezone.localdate() == today + datetime.timedelta(days=1)
    tomorrow = _whole(client.get(url)).decode().replace("\r\n ", "")
    assert f"UID:seance-{edge.pk}@" not in tomorrow
    assert "DESCRIPTION:Délibérations publiées :\\n- Publiée demain\r\n" in tomorrow
    since = today - datetime.timedelta(days=364)
    assert f"X-WR-CALDESC:Séances depuis le {since:%d/%m/%Y} et à venir" in tomorrow


def test_an_export_cut_short_is_not_kept(settings):
    from django.core.cache import cache as django_cache

    from portal.kernel.cache import (
        STREAM_CACHE_MAX_BYTES,
        ExportValidators,
        KeptExport,
        keep_export,
        kept_export,
        kept_export_key,
    )
    settings.PUBLIC_CACHE_SECONDS = 300
    stamp = datetime.datetime(2022, 10, 18, 15, 30, tzinfo=datetime.UTC)
    validators = ExportValidators.of_kept(KeptExport('"v"', stamp.timestamp(), b""))

    def broken():
        yield "BEGIN:VCALENDAR\r\n"
        raise ConnectionError("base perdue")

    key = kept_export_key("broken")
    stream = keep_export(key, broken(), validators)
    assert next(stream) == "BEGIN:VCALENDAR\r\n"
    with pytest.raises(ConnectionError):
        next(stream)
    assert django_cache.get(key) is None
    whole = kept_export_key("whole")
    assert list(keep_export(whole, iter(["é", "b"]), validators)) == ["é", "b"]
    assert kept_export(whole) == KeptExport('"v"', stamp.timestamp(), "éb".encode())
    large = kept_export_key("large")
    chunk = "x" * (STREAM_CACHE_MAX_BYTES // 2)
    assert len(list(keep_export(large, iter([chunk, chunk, "x"]), validators))) == 3
    assert kept_export(large) is None
    settings.PUBLIC_CACHE_SECONDS = 0
    assert kept_export_key("whole") is None and kept_export(None) is None


@pytest.mark.parametrize("year", ["19", "abcd", "1789", "3000", "2019.5"])
def test_icalendar_refuses_a_year_that_is_not_one(client, year):
    response = client.get(reverse("deliberations:session_calendar"), {"annee": year})
    assert response.status_code == 400
    assert response.content.decode() == (
        "Année invalide : indiquez une année sur quatre chiffres, par exemple ?annee=2019.")


def test_atom_entries_are_made_once_per_record_hash(client, seed_records):
    """An entry is made of its act's frozen record once, then read from the cache under the
    record's SHA-256: the warm feed is the cold one, and it reads the cache."""
    import dataclasses

    from django.core.cache import cache

    from deliberations.publication import feeds

    url = reverse("deliberations:deliberation_feed")
    cache.clear()
    cold = client.get(url).content
    assert client.get(url).content == cold
    act = Deliberation.objects.published().get(session__date=datetime.date(2022, 10, 18))
    key = f"feed-entry:{feeds.FEED_ENTRY_VERSION}:{act.record.sha256}"
    entry = cache.get(key)
    assert entry.summary == (
        f"Bureau communautaire — {CABBALR} · séance du 18/10/2022 · DEVELOPPEMENT "
        "ÉCONOMIQUE, EMPLOI ET TRANSITION NUMERIQUE · Prise d'acte")
    assert entry.published_on == datetime.date(2022, 10, 20)
    cache.set(key, dataclasses.replace(entry, title="Lu du cache"))
    assert b"<title>Lu du cache</title>" in client.get(url).content


def _calendar_of_2022(client):
    response = client.get(reverse("deliberations:session_calendar"), {"annee": "2022"})
    return b"".join(response.streaming_content).decode().replace("\r\n ", "")


def test_icalendar_lists_each_session_s_published_titles_in_two_queries_whatever_its_size(
        client, monkeypatch):
    """The sessions and their published acts are two streamed queries, merged in the
    calendar's order (feeds.with_public_titles): the same number of queries for two sessions
    as for many chunks of them, each session with its own acts in item order."""
    from deliberations.publication import feeds

    monkeypatch.setattr(feeds, "CHUNK_SIZE", 2)  # 2 sessions, then 9 in 5 chunks
    first = SessionFactory(date=datetime.date(2022, 11, 1))
    DeliberationFactory(published=True, session=first, item_number=2, title="Budget annexe")
    DeliberationFactory(published=True, session=first, item_number=1, title="Budget primitif")
    DeliberationFactory(session=first, item_number=3, title="Projet non publié")
    empty = SessionFactory(date=datetime.date(2022, 11, 1), starts_at=datetime.time(18, 0))
    with CaptureQueriesContext(connection) as few:
        small = _calendar_of_2022(client)
    assert small.count("BEGIN:VEVENT") == 2
    assert ("DESCRIPTION:Délibérations publiées :\\n- Budget primitif\\n- Budget annexe"
            in small)
    assert "Projet non publié" not in small
    events = small.split("BEGIN:VEVENT")[1:]
    assert f"UID:seance-{first.pk}@" in events[0] and "DESCRIPTION" in events[0]
    assert f"UID:seance-{empty.pk}@" in events[1] and "DESCRIPTION" not in events[1]

    later = []
    for day in range(2, 9):
        session = SessionFactory(date=datetime.date(2022, 11, day), body=first.body)
        DeliberationFactory(published=True, session=session, title=f"Acte du {day} novembre")
        later.append(session)
    sessions = Session.objects.public().filter(date__year=2022)
    merged = list(feeds.with_public_titles(sessions))
    assert [s.pk for s in merged] == [first.pk, empty.pk, *(s.pk for s in later)]
    assert [[d.title for d in s.public_deliberations] for s in merged] == [
        ["Budget primitif", "Budget annexe"], [],
        *([f"Acte du {day} novembre"] for day in range(2, 9))]
    with CaptureQueriesContext(connection) as many:
        large = _calendar_of_2022(client)
    assert large.count("BEGIN:VEVENT") == 9 and "Acte du 8 novembre" in large
    assert len(many) == len(few)


def test_an_event_states_its_session_titles_and_documents_in_exact_lines(client):
    """The event written from a row (with_public_titles, the feed) is the one written from a
    Session model (CalendarSession.of): exact lines, escaped and folded at 75 octets."""
    from deliberations.models import DeliberationList, Minutes
    from deliberations.publication import feeds

    session = _session(datetime.date(2022, 11, 15), starts_at=datetime.time(18, 30),
                       place="Salle « Jean Jaurès », bâtiment B; 2e étage")
    DeliberationFactory(published=True, session=session, item_number=2,
                        title="Tarifs de l'eau potable et de l'assainissement collectif 2023")
    DeliberationFactory(published=True, session=session, item_number=1,
                        title="Budget primitif, budget annexe des déchets")
    DeliberationList.objects.create(session=session, published_on=datetime.date(2022, 11, 20),
                                    file="listes/x.pdf", sha256="a" * 64)
    Minutes.objects.create(session=session, published_on=datetime.date(2022, 12, 1))
    raw = _whole(client.get(reverse("deliberations:session_calendar"), {"annee": "2022"}))
    event = raw.decode().split("BEGIN:VEVENT\r\n")[1].split("END:VEVENT\r\n")[0]
    lines = event.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    body = session.body
    summary = f"SUMMARY:{body.name} — {body.organisation.name}".replace(",", "\\,")
    assert [line for line in event.replace("\r\n ", "").split("\r\n")
            if not line.startswith("DTSTAMP:")] == [
        f"UID:seance-{session.pk}@testserver",
        "DTSTART:20221115T173000Z",
        summary,
        "LOCATION:Salle « Jean Jaurès »\\, bâtiment B\\; 2e étage",
        "DESCRIPTION:Délibérations publiées :\\n- Budget primitif\\, budget annexe des "
        "déchets\\n- Tarifs de l'eau potable et de l'assainissement collectif 2023\\nListe "
        "des délibérations examinées publiée le 20/11/2022\\nProcès-verbal publié le "
        "01/12/2022",
        f"URL:http://testserver/seances/{session.pk}/",
        "STATUS:CONFIRMED",
        "",
    ]
    model = Session.objects.select_related(
        "body__organisation", "deliberation_list", "minutes").get(pk=session.pk)
    model.public_deliberations = list(
        Deliberation.objects.published().filter(session=session).order_by("item_number"))
    whole = feeds.sessions_icalendar([model], build_url=lambda path: f"http://testserver{path}",
                                     host="testserver")
    from_model = whole.split("BEGIN:VEVENT\r\n")[1].split("END:VEVENT\r\n")[0]
    stamp = re.compile(r"DTSTAMP:\d{8}T\d{6}Z")
    assert stamp.sub("", from_model) == stamp.sub("", event)
