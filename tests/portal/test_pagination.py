"""Counts stop at a cap instead of counting a whole table on every page (issue 13)."""

import datetime

import pytest
from django.urls import reverse

from deliberations.models import Deliberation
from portal import pagination
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
    # Pages cover the first COUNT_CAP results; filters narrow the rest.
    assert (api["count"], api["count_capped"], len(api["results"])) == (3, True, 3)


def test_exact_count_below_the_cap(client, five_acts):
    html = client.get(reverse("deliberations:deliberation_list")).content.decode()
    assert "<strong>5</strong> délibérations" in html and "Plus de" not in html
    api = client.get(reverse("api:deliberation-list")).json()
    assert (api["count"], api["count_capped"]) == (5, False)
