"""Schemathesis over the OpenAPI document of /api/v1/: for every operation, generated path and
query parameters (valid and invalid) never give a server error, and every answer matches the
schema. Then every retrieve operation is called with the real identifiers of the seed records,
so the detail serializers are checked against the schema on real data, not only on 404s."""

import contextlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

CHECKS = [not_a_server_error, response_schema_conformance]


@contextlib.contextmanager
def connection_kept():
    """Schemathesis calls the real WSGI handler, which closes the database connection at the
    start and end of each request: that would end the test's transaction. Django's test
    client disconnects the same handlers (and reconnects them after each of its requests)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def call_and_validate(case):
    with connection_kept():
        return case.call_and_validate(checks=CHECKS)


@pytest.fixture
def api(records):
    with connection_kept():
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    return operations


def test_generated_requests_never_give_a_server_error_and_match_the_schema(api):
    for operation in api:

        @settings(max_examples=25, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            call_and_validate(case)

        run()


def _list_path(path):
    return path.rsplit("{", 1)[0]


def _identifier(row, name):
    if name in row:
        return row[name]
    if "id" in row:
        return row["id"]
    return row["api_url"].rstrip("/").rsplit("/", 1)[1]


def test_every_real_record_matches_the_schema(api, client: Client):
    checked = 0
    for operation in api:
        parameters = [p.name for p in operation.path_parameters]
        if not parameters:
            continue
        (name,) = parameters
        listing = client.get(_list_path(operation.path))
        assert listing.status_code == 200, operation.path
        rows = listing.json()
        rows = rows["results"] if isinstance(rows, dict) else rows
        assert rows, f"{operation.path}: no seeded record"
        for row in rows[:50]:
            case = operation.Case(path_parameters={name: _identifier(row, name)})
            response = call_and_validate(case)
            assert response.status_code == 200, (operation.path, row)
            checked += 1
    assert checked >= 30
