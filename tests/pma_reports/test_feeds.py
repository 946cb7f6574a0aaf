"""Atom feed of the activity reports, valid per RFC 4287: a report is dated by its
transmission to the members when a record gives it, and is left out otherwise (never dated
by guess, never by the time the feed is read)."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from pma_reports.models import ActivityReport
from tests.atom import A, atom_errors, parse

pytestmark = pytest.mark.django_db


def test_the_seed_reports_have_no_known_date_and_stay_out_of_a_valid_feed(client, pma):
    """Neither the 2020 nor the 2021 report states when it was sent to the members."""
    assert ActivityReport.objects.public().count() == 2
    assert not ActivityReport.objects.filter(received_on__isnull=False).exists()
    content = client.get(reverse("pma_reports:report_feed")).content
    assert atom_errors(content) == []
    feed = parse(content)
    assert feed.findall("a:entry", A) == []
    assert "date de transmission n'est pas connue n'y figurent pas" in feed.findtext(
        "a:subtitle", namespaces=A)
    # RFC 4287 requires the element; nothing dated has changed.
    assert feed.findtext("a:updated", namespaces=A) == "1970-01-01T00:00:00+00:00"
    assert feed.findtext("a:author/a:name", namespaces=A) == settings.PORTAL_NAME


def test_a_report_with_its_transmission_date_is_an_entry_dated_by_it(client, pma):
    ActivityReport.objects.filter(organisation=pma, year=2021).update(
        received_on=datetime.date(2022, 9, 28))
    content = client.get(reverse("pma_reports:report_feed")).content
    assert atom_errors(content) == []
    feed = parse(content)
    (entry,) = feed.findall("a:entry", A)
    assert entry.findtext("a:title", namespaces=A) == (
        "Rapport d'activités 2021 du Pôle Métropolitain de l'Artois")
    assert (entry.findtext("a:published", namespaces=A),
            entry.findtext("a:updated", namespaces=A),
            feed.findtext("a:updated", namespaces=A)) == ("2022-09-28T00:00:00+02:00",) * 3
    assert entry.findtext("a:author/a:name", namespaces=A) == pma.name
    assert entry.find("a:summary", A).get("type") == "text"
