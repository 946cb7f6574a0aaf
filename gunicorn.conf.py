"""gunicorn's configuration (read from the working directory: ``gunicorn`` alone, or
``gunicorn -c gunicorn.conf.py``), kept consistent with Django's TRUSTED_PROXY.

gunicorn believes the ``X-Forwarded-Proto`` family of headers (``secure_scheme_headers``)
from the addresses of ``forwarded_allow_ips``, whose own default trusts any program on the
same machine (127.0.0.1, ::1), and from every UNIX socket connection. Django would then see
``wsgi.url_scheme = https`` and take a plain-HTTP request for a secure one, whatever
TRUSTED_PROXY says. So the trust is set here, explicitly, from the same variable:

- ``TRUSTED_PROXY`` unset or 0 (no reverse proxy): no address is trusted and no scheme
  header is read, on a TCP port or a UNIX socket alike;
- ``TRUSTED_PROXY=1``: only the proxy's addresses, ``TRUSTED_PROXY_IPS`` (comma-separated,
  default the same machine, 127.0.0.1 and ::1), and only ``X-Forwarded-Proto: https``, the
  header Django reads (SECURE_PROXY_SSL_HEADER).

Other settings: ``GUNICORN_BIND`` (default 127.0.0.1:8000), ``GUNICORN_WORKERS`` (default 4).
"""

import os


def env_bool(name: str, default: bool) -> bool:
    # Same reading as portal.settings.env_bool (tests/security/test_forwarded_headers.py
    # checks that both agree); not imported, so that this file loads without Django settings.
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


TRUSTED_PROXY = env_bool("TRUSTED_PROXY", False)

wsgi_app = "portal.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))

if TRUSTED_PROXY:
    forwarded_allow_ips = os.environ.get("TRUSTED_PROXY_IPS", "127.0.0.1,::1")
    secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
else:
    forwarded_allow_ips = ""
    secure_scheme_headers = {}
