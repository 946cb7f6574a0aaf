"""Rate limits on the public endpoints that cost the most: full-text search, the API and the
verification of an uploaded extract.

A fixed window per client address and kind of request, counted in Django's cache: the n-th
request of a window over the limit gets the French 429 page (templates/429.html) with a
Retry-After header giving the seconds left in the window. Limits are settings
(RATELIMITS, "requests/seconds", each overridable by the environment); RATELIMIT_ENABLED=0
turns every limit off (the load benchmark, a test run).

The counters live in the cache named by RATELIMIT_CACHE ("default"): with Django's default
per-process memory cache, each server process counts on its own (a deployment with several
processes that wants one count configures a shared cache such as Redis or Memcached).
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, JsonResponse
from django.template import loader


def client_ip(request) -> str:
    """The address a limit (or a login lock-out) is counted for. Behind a trusted reverse
    proxy (TRUSTED_PROXY), the last address of X-Forwarded-For, the one that proxy added;
    otherwise the connection's address: a client cannot choose it by sending a header."""
    if getattr(settings, "TRUSTED_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [item.strip() for item in forwarded.split(",") if item.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def request_kind(request) -> str | None:
    """Which limit a request counts against, if any (the keys of RATELIMITS)."""
    path = request.path
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/verifier/") and request.method == "POST":
        # The uploaded file is hashed and the code looked up: the costly, guessable part.
        return "verification"
    if path.startswith(("/alertes/abonnement/", "/alertes/mes-abonnements/")) and (
            request.method == "POST"):
        # Each accepted form sends a mail to the address typed (e-mail alerts).
        return "alerts"
    if path.startswith("/admin/"):
        # Staff only, behind a login (and its lock-out): the admin's own "q" is not limited.
        return None
    if path.startswith("/recherche/") or request.GET.get("q", "").strip():
        # The portal's search box and every public list searched through its "q" filter.
        return "search"
    return None


@dataclass(frozen=True)
class Limit:
    requests: int
    seconds: int

    @classmethod
    def parse(cls, value: str) -> "Limit":
        """"60/60": 60 requests per 60 seconds."""
        requests, _, seconds = value.partition("/")
        return cls(int(requests), int(seconds or 60))


def hit(kind: str, key: str, limit: Limit, *, now: float | None = None) -> int:
    """Count one request of ``key`` for ``kind``; the seconds to wait when over the limit,
    else 0."""
    now = time.time() if now is None else now
    window = int(now // limit.seconds)
    cache = caches[getattr(settings, "RATELIMIT_CACHE", "default")]
    cache_key = f"ratelimit:{kind}:{key}:{window}"
    # add() creates the counter only if absent; incr() is atomic in the shared caches.
    cache.add(cache_key, 0, timeout=limit.seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=limit.seconds + 1)
        count = 1
    if count <= limit.requests:
        return 0
    return max(1, math.ceil((window + 1) * limit.seconds - now))


def too_many_requests(request, retry_after: int, kind: str):
    """The French refusal: a page, or for a program calling the API a JSON body in the
    shape of the API's other errors ({"detail": ...})."""
    if kind == "api" and "text/html" not in request.headers.get("Accept", ""):
        response = JsonResponse({"detail": (
            f"Trop de requêtes : la limite de l'API est atteinte. Réessayez dans "
            f"{retry_after} seconde{'s' if retry_after > 1 else ''}."
        )}, status=429)
    else:
        response = HttpResponse(
            loader.render_to_string(
                "429.html", {"retry_after": retry_after, "kind": kind}, request=request
            ),
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read at each request, so that a test or an operator can turn it on or off.
        if getattr(settings, "RATELIMIT_ENABLED", True):
            kind = request_kind(request)
            value = settings.RATELIMITS.get(kind) if kind else None
            if value:
                retry_after = hit(kind, client_ip(request), Limit.parse(value))
                if retry_after:
                    return too_many_requests(request, retry_after, kind)
        return self.get_response(request)
