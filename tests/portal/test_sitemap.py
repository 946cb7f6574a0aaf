"""sitemap.xml lists every public page the apps register (acts, sessions, organisations,
bodies, members, activity reports, publications, the territorial project), each `lastmod`
a date the records hold, never the time the records were loaded."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.db import transaction

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def seeds(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_seeds", verbosity=0)
            yield
            transaction.set_rollback(True)


def _entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find(f"{NS}loc").text.removeprefix("http://testserver"):
            getattr(url.find(f"{NS}lastmod"), "text", None)
        for url in root.iter(f"{NS}url")
    }


def test_the_sitemap_lists_reports_publications_and_the_project(seeds, db, client):
    entries = _entries(client)
    assert "/rapports-activites/" in entries
    assert "/rapports-activites/pma/2020/" in entries
    assert "/rapports-activites/pma/2021/" in entries
    assert sum(url.startswith("/rapports-activites/pma/publications/") for url in entries) == 10
    project = [url for url in entries if url.startswith("/projet-de-territoire/")]
    # The dashboard, 4 priorities, 220 actions and 23 indicators of seed 003.
    assert len(project) == 1 + 4 + 220 + 23


def test_lastmod_is_a_date_the_records_hold(seeds, db, client):
    from deliberations.models import Deliberation

    entries = _entries(client)
    for act in Deliberation.objects.published():
        assert entries[act.get_absolute_url()] == act.published_on.isoformat()
    today = datetime.date.today().isoformat()
    assert [url for url, lastmod in entries.items() if lastmod == today] == []
    # The project's pages are dated by its adoption (Conseil of 6 December 2022).
    assert {lastmod for url, lastmod in entries.items()
            if url.startswith("/projet-de-territoire/")} == {"2022-12-06"}
