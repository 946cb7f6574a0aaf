"""Issue point 2: a draft (or any unpublished act) never appears in a public output.

Each output is checked on its own, with a draft whose title, slug and theme carry a word found
nowhere else ("zanzibar"), next to published deliberations that do appear.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from deliberations.models import Deliberation, Session
from deliberations.services import deliberation_set_status
from tests.factories import DeliberationFactory, SessionFactory
from tests.portal.public_data import DRAFT_WORD

# Fixtures `seed_records` and `draft`.
pytest_plugins = ["tests.portal.public_data"]
pytestmark = pytest.mark.django_db


def _public_urls(draft):
    session_url = draft.session.get_absolute_url()
    return {
        "home": reverse("portal:home"),
        "list": reverse("deliberations:deliberation_list"),
        "search": reverse("deliberations:deliberation_list") + f"?q={DRAFT_WORD}",
        "search_theme": reverse("deliberations:deliberation_list") + "?theme=ZANZIBAR",
        "site_search": reverse("portal:site_search") + f"?q={DRAFT_WORD}",
        "session": session_url,
        "organisation": draft.session.body.organisation.get_absolute_url(),
        "body": draft.session.body.get_absolute_url(),
        "session_list": reverse("deliberations:session_list"),
        "atom": reverse("deliberations:deliberation_feed"),
        "atom_search": reverse("deliberations:deliberation_feed") + f"?q={DRAFT_WORD}",
        "ics": reverse("deliberations:session_calendar"),
        "sitemap": "/sitemap.xml",
        "csv": reverse("deliberations:deliberation_csv"),
        "csv_search": reverse("deliberations:deliberation_csv") + f"?q={DRAFT_WORD}",
        "csv_extended": reverse("deliberations:deliberation_csv_extended"),
        "csv_extended_search": reverse("deliberations:deliberation_csv_extended")
        + f"?q={DRAFT_WORD}",
        "api_list": reverse("api:deliberation-list"),
        "api_search": reverse("api:deliberation-list") + f"?q={DRAFT_WORD}",
        "api_session": reverse("api:session-detail", args=[draft.session.pk]),
        "api_sessions": reverse("api:session-list"),
    }


OUTPUTS = [
    "home", "list", "search", "search_theme", "session", "organisation", "body",
    "session_list", "atom", "atom_search", "ics", "sitemap", "csv", "csv_search", "csv_extended",
    "csv_extended_search", "api_list",
    "api_search", "api_session", "api_sessions",
]


@pytest.mark.parametrize("output", OUTPUTS)
def test_draft_absent_from_public_output(client, draft, output):
    response = client.get(_public_urls(draft)[output])
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8").lower()
    # A search echoes its query: look for the draft's other words there.
    assert "quincaillerie" not in text
    assert draft.slug not in text
    if "search" not in output:
        assert DRAFT_WORD not in text


def test_published_deliberations_do_appear_where_the_draft_does_not(client, draft):
    published = Deliberation.objects.published().first()
    response = client.get(reverse("deliberations:deliberation_list"))
    assert published.get_absolute_url() in response.content.decode()
    # The seed acts have no number (nor SIRET): they are in the extended export only.
    csv = client.get(reverse("deliberations:deliberation_csv_extended"))
    assert published.get_absolute_url().encode() in b"".join(csv.streaming_content)


@pytest.mark.parametrize("status", ["draft", "adopted", "transmitted"])
def test_unpublished_deliberation_url_is_404(client, seed_records, status):
    deliberation = DeliberationFactory(
        session=Deliberation.objects.published().first().session, item_number=None,
        published_on=datetime.date(2022, 12, 14),
    )
    Deliberation.objects.filter(pk=deliberation.pk).update(status=status)
    deliberation.refresh_from_db()
    assert client.get(deliberation.get_absolute_url()).status_code == 404
    assert client.get(
        reverse("api:deliberation-detail", kwargs={"slug": deliberation.slug})
    ).status_code == 404


def test_published_with_future_date_is_not_public_yet(client, seed_records):
    deliberation = DeliberationFactory(
        published=True, session=Deliberation.objects.published().first().session,
        item_number=None, published_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    assert client.get(deliberation.get_absolute_url()).status_code == 404


def test_draft_becomes_public_once_published(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404
    draft.signatory = Deliberation.objects.published().exclude(signatory=None).first().signatory
    draft.result = Deliberation.Result.ADOPTED
    draft.save()
    deliberation_set_status(deliberation=draft, to_status="adopted")
    draft.published_on = datetime.date(2022, 12, 14)
    deliberation_set_status(deliberation=draft, to_status="published")
    assert client.get(draft.get_absolute_url()).status_code == 200
    response = client.get(reverse("deliberations:deliberation_list") + f"?q={DRAFT_WORD}")
    assert draft.get_absolute_url() in response.content.decode()


def test_draft_session_is_invisible(client, seed_records):
    session = SessionFactory(
        body=Deliberation.objects.published().first().session.body,
        date=timezone.localdate() + datetime.timedelta(days=20), status=Session.Status.DRAFT,
        place="Salle Zanzibar",
    )
    assert client.get(session.get_absolute_url()).status_code == 404
    assert client.get(reverse("api:session-detail", args=[session.pk])).status_code == 404
    for url in (reverse("portal:home"), reverse("deliberations:session_list"),
                reverse("deliberations:session_calendar"), "/sitemap.xml",
                reverse("api:session-list")):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"zanzibar" not in body.lower(), url
