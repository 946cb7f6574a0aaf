"""Only a trusted reverse proxy may say a request came over https: gunicorn's configuration in
the repository (gunicorn.conf.py) trusts X-Forwarded-Proto exactly when Django does
(TRUSTED_PROXY), not from any program on the same machine as gunicorn's default does."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def environment(**variables):
    env = {key: value for key, value in os.environ.items()
           if key not in {"TRUSTED_PROXY", "TRUSTED_PROXY_IPS", "FORWARDED_ALLOW_IPS",
                          "GUNICORN_CMD_ARGS", "DJANGO_SETTINGS_MODULE"}}
    env.update({key: value for key, value in variables.items() if value is not None})
    return env


def gunicorn_config(**variables) -> dict[str, str]:
    """gunicorn's resolved settings (``--print-config``) in the repository's folder."""
    result = subprocess.run([GUNICORN, "--print-config"], env=environment(**variables),
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return {name.strip(): value.strip() for name, _, value in
            (line.partition("=") for line in result.stdout.splitlines()) if value}


def django_trusts(**variables) -> bool:
    code = ("from portal import settings; "
            "print(getattr(settings, 'SECURE_PROXY_SSL_HEADER', None) is not None)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True, env=environment(
                                DEBUG="0", SECRET_KEY="x" * 50, **variables))
    return result.stdout.strip() == "True"


@pytest.mark.parametrize("trusted_proxy", [None, "0", "no", "1", "true", "on", " Yes "])
def test_gunicorn_trusts_forwarded_headers_exactly_when_django_does(trusted_proxy):
    # FORWARDED_ALLOW_IPS, gunicorn's own variable, set to trust everyone: the file wins.
    config = gunicorn_config(TRUSTED_PROXY=trusted_proxy, FORWARDED_ALLOW_IPS="*")
    if django_trusts(TRUSTED_PROXY=trusted_proxy):
        assert config["forwarded_allow_ips"] == "['127.0.0.1', '::1']"
        assert config["secure_scheme_headers"] == "{'X-FORWARDED-PROTO': 'https'}"
    else:
        assert trusted_proxy in (None, "0", "no")
        assert config["forwarded_allow_ips"] == "[]"
        assert config["secure_scheme_headers"] == "{}"
    assert config["wsgi_app"] == "portal.wsgi:application"


def test_gunicorn_trusts_only_the_proxy_addresses_given():
    config = gunicorn_config(TRUSTED_PROXY="1", TRUSTED_PROXY_IPS="10.0.0.5,10.0.0.6")
    assert config["forwarded_allow_ips"] == "['10.0.0.5', '10.0.0.6']"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, **headers) -> tuple[int, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


@pytest.mark.parametrize("trusted_proxy, forged_header_served", [("0", False), ("1", True)])
def test_gunicorn_from_the_same_machine_believes_the_header_only_behind_a_trusted_proxy(
        tmp_path, trusted_proxy, forged_header_served):
    """The real server, production settings (https redirect on): a plain-HTTP request from
    127.0.0.1 saying "X-Forwarded-Proto: https" is redirected to https unless TRUSTED_PROXY."""
    port = _free_port()
    env = environment(TRUSTED_PROXY=trusted_proxy, DEBUG="0", SECRET_KEY="x" * 50,
                      ALLOWED_HOSTS="127.0.0.1", GUNICORN_BIND=f"127.0.0.1:{port}",
                      GUNICORN_WORKERS="1", DATABASE_URL=f"sqlite:///{tmp_path / 'vide.db'}",
                      PUBLIC_BASE_URL="https://deliberations.example.org")
    server = subprocess.Popen([GUNICORN], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/robots.txt"
    try:
        for _ in range(150):
            try:
                _get(url)
                break
            except OSError:
                time.sleep(0.1)
        status, location = _get(url, **{"X-Forwarded-Proto": "https"})
        if forged_header_served:
            assert status == 200
        else:
            assert (status, location) == (301, f"https://127.0.0.1:{port}/robots.txt")
        status, location = _get(url)  # without the header: plain HTTP, always redirected
        assert (status, location) == (301, f"https://127.0.0.1:{port}/robots.txt")
    finally:
        server.terminate()
        server.wait(timeout=10)
