"""The public API knows no password: it authenticates by the site's session only, so HTTP
Basic credentials are neither checked (no password guessing through /api/, outside the
login lock-out) nor announced (no WWW-Authenticate challenge, no basicAuth in the OpenAPI
document). Every address of the API is found by walking the URLconf."""

import base64
import json
import re

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db
PASSWORD = "mot-de-passe-solide-42"


def api_paths(patterns=None, prefix=""):
    """Every API address without parameters (lists, roots, the schema)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")  # the router's regexes
        if isinstance(pattern, URLResolver):
            yield from api_paths(pattern.url_patterns, route)
        elif (isinstance(pattern, URLPattern) and route.startswith("api/")
              and "<" not in route and "(?P" not in route and "\\." not in route):
            yield "/" + route


def basic(username, password):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


@pytest.fixture
def staff_user(db):
    return User.objects.create_user("greffe", password=PASSWORD, is_staff=True,
                                    is_superuser=True)


def test_every_api_address_ignores_basic_credentials(client, staff_user):
    paths = sorted(set(api_paths()))
    assert {"/api/v1/deliberations/", "/api/v1/sessions/", "/api/v1/members/",
            "/api/v1/schema/"} <= set(paths), paths
    for path in paths:
        right = client.get(path, **basic("greffe", PASSWORD))
        assert right.status_code == 200, path
        assert right.wsgi_request.user.is_anonymous, f"{path}: Basic password accepted"
        wrong = client.get(path, **basic("greffe", "devine"))
        assert wrong.status_code == 200, f"{path}: a wrong password was checked"
        assert "WWW-Authenticate" not in wrong, path


def test_the_site_session_still_works(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/api/v1/deliberations/")
    assert response.status_code == 200
    assert response.wsgi_request.user == staff_user


def test_openapi_document_announces_no_basic_authentication(client):
    response = client.get("/api/v1/schema/", {"format": "json"})
    document = json.loads(response.content)
    schemes = document.get("components", {}).get("securitySchemes", {})
    assert {scheme["type"] for scheme in schemes.values()} <= {"apiKey"}
    assert "basic" not in {scheme.get("scheme") for scheme in schemes.values()}
    assert not re.search(r"basicAuth", response.content.decode())
