"""Counts stop at a cap instead of counting a whole table on every page."""

import datetime

import pytest
from django.urls import reverse

from deliberations.models import Deliberation
from portal.kernel import pagination
from tests.factories import DeliberationFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_acts():
    session = SessionFactory(date=datetime.date(2022, 10, 18), convened_on=None)
    return [DeliberationFactory(published=True, session=session, title=f"Subvention n° {n}")
            for n in range(5)]


def test_capped_count_stops_at_the_cap(five_acts):
    published = Deliberation.objects.published()
    assert pagination.capped_count(published, cap=3) == (3, True)
    assert pagination.capped_count(published, cap=5) == (5, False)
    assert pagination.capped_count(published, cap=9) == (5, False)


def test_list_home_and_api_say_more_than_the_cap(client, five_acts, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    monkeypatch.setattr(pagination.CappedPaginator, "cap", 3)
    monkeypatch.setattr(pagination.capped_count, "__defaults__", (3,))
    html = client.get(reverse("deliberations:deliberation_list")).content.decode()
    assert "Plus de <strong>3</strong> délibérations" in html
    home = client.get(reverse("portal:home")).content.decode()
    assert "Plus de 3 délibérations publiées." in home
    api = client.get(reverse("api:deliberation-list")).json()
    assert (api["count"], api["count_capped"], len(api["results"])) == (3, True, 5)
    assert api["next"] is None


def test_pages_go_on_past_the_cap(client, five_acts, monkeypatch):
    """An API client follows `next` to the last act, whatever the cap."""
    monkeypatch.setattr(pagination.CappedPaginator, "cap", 1)
    url, slugs = reverse("api:deliberation-list") + "?page_size=2", []
    monkeypatch.setattr("rest_framework.pagination.PageNumberPagination.page_size", 2)
    while url:
        page = client.get(url).json()
        assert (page["count"], page["count_capped"]) == (1, True)
        slugs += [d["slug"] for d in page["results"]]
        url = page["next"]
    assert sorted(slugs) == sorted(d.slug for d in five_acts)
    assert client.get(reverse("api:deliberation-list") + "?page=4").status_code == 404
    html = client.get(reverse("deliberations:deliberation_list"), {"page": "2"})
    assert html.status_code == 200


def test_exact_count_below_the_cap(client, five_acts):
    html = client.get(reverse("deliberations:deliberation_list")).content.decode()
    assert "<strong>5</strong> délibérations" in html and "Plus de" not in html
    api = client.get(reverse("api:deliberation-list")).json()
    assert (api["count"], api["count_capped"]) == (5, False)
