"""A database that cannot be reached answers the French 503 page (portal/kernel/resilience.py), with
a real failing connection: the default alias pointed at a closed port (PostgreSQL) or at a
file that cannot be opened (SQLite), never a mock."""

import contextlib
import socket

import pytest
from django.db import OperationalError, connections
from django.test import RequestFactory
from django.urls import reverse

from portal.kernel import errors, resilience

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the probe is


@contextlib.contextmanager
def _down():
    working = connections["default"]
    settings_dict = dict(working.settings_dict)
    if working.vendor == "postgresql":
        settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
    else:
        settings_dict.update(NAME="/nonexistent-directory/portal.sqlite3")
    broken = working.__class__(settings_dict, alias="default")
    connections["default"] = broken
    try:
        yield broken
    finally:
        broken.close()
        connections["default"] = working


@pytest.fixture
def database_down():
    """The default alias replaced, for the test, by a connection that cannot connect."""
    with _down() as broken:
        yield broken


def test_database_down_gives_the_french_503_page(client, database_down):
    response = client.get(reverse("deliberations:deliberation_list"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "<h1>Service momentanément indisponible</h1>" in page
    assert "sa base de données ne répond pas" in page
    assert "Aucune donnée n'est perdue" in page


def test_the_same_client_is_served_again_once_the_database_is_back(client):
    url = reverse("deliberations:deliberation_list")
    with _down():
        assert client.get(url).status_code == 503
    assert client.get(url).status_code == 200


def test_an_error_outside_a_view_gets_the_503_page_from_the_500_handler(database_down):
    request = RequestFactory().get("/")
    try:
        database_down.ensure_connection()
    except OperationalError:
        response = errors.server_error(request)
    assert response.status_code == 503
    assert "Service momentanément indisponible" in response.content.decode()


def test_other_errors_keep_the_500_page():
    request = RequestFactory().get("/")
    try:
        raise ValueError("programming error")
    except ValueError:
        response = errors.server_error(request)
    assert response.status_code == 500


def test_the_middleware_leaves_other_exceptions_to_django():
    middleware = resilience.DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("x")) is None
