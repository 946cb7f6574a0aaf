"""Cache of the public pages and of what they compute from all published records.

Invalidation is by generation: one number kept in the cache, part of every key. Any write to a
model of the public apps (settings.PUBLIC_CACHE_APPS: an act published, rectified or
withdrawn, its session changed, a member renamed…) bumps it, so every cached page and facet
is left behind at once, without listing keys. It is bumped when the write happens and again
once the transaction commits: a page computed in between from the old rows would otherwise be
stored under the new number. Keys also hold today's date: an act published with a future
date becomes public at midnight without any write.

What is never cached: requests of a logged-in user (staff see previews and admin links),
requests carrying a session or messages cookie, anything but GET/HEAD, answers other than
200, answers that set a cookie or used the CSRF token, streamed answers.

With the local-memory cache (the default), each server process has its own cache and its own
generation: a write made in one process does not invalidate the pages of another before their
timeout. Several processes or machines share the Redis cache named by CACHE_URL.
"""

import datetime
import functools
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

GENERATION_KEY = "public:generation"
CHANGED_AT_KEY = "public:changed-at"


def enabled() -> bool:
    return settings.PUBLIC_CACHE_SECONDS > 0


def _fresh_generation() -> int:
    # Milliseconds: a generation lost by the cache (eviction, restart of Redis) restarts above
    # every number already used, so no stale page can come back under a reused number.
    return int(time.time() * 1000)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = cache.get(GENERATION_KEY) or _fresh_generation()
    return value


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not in the cache (yet, or evicted)
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)
    cache.set(CHANGED_AT_KEY, time.time(), timeout=None)


def changed_at() -> datetime.datetime:
    """When public records last changed, as far as this cache knows (now, if it does not)."""
    value = cache.get(CHANGED_AT_KEY)
    if value is None:
        cache.add(CHANGED_AT_KEY, time.time(), timeout=None)
        value = cache.get(CHANGED_AT_KEY) or time.time()
    return datetime.datetime.fromtimestamp(value, tz=datetime.UTC)


def public_records_changed(*, using=None) -> None:
    """Every cached public page and facet is outdated: now, and once the transaction commits
    (that second bump is registered once per transaction, however many rows it writes)."""
    bump_generation()
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block or not any(
        callback is bump_generation for _, callback, _ in connection.run_on_commit
    ):
        transaction.on_commit(bump_generation, using=using)


def _on_model_change(sender, **kwargs):
    if sender._meta.app_label in settings.PUBLIC_CACHE_APPS:
        public_records_changed(using=kwargs.get("using"))


def connect_invalidation() -> None:
    """Called once by PortalConfig.ready: any save or delete of a public app's model bumps the
    generation. Services that write with QuerySet.update() call public_records_changed."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_model_change, dispatch_uid=f"public-cache-{id(signal)}")


def _key(*parts) -> str:
    return ":".join(["public", str(generation()), timezone.localdate().isoformat(), *parts])


def cached_public(name: str, compute):
    """`compute()` once per generation and day (facet choices read from every published act).
    The value must be picklable."""
    if not enabled():
        return compute()
    key = _key("value", name)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PUBLIC_CACHE_SECONDS)
    return value


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or not enabled():
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def cache_public_page(view):
    """Decorator of a public page: served from the cache to anonymous visitors."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ("Cookie",))
            return response
        url = request.build_absolute_uri()
        key = _key("page", hashlib.sha256(url.encode()).hexdigest())
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ("Cookie",))
        if _cacheable_response(request, response):
            headers = [(name, value) for name, value in response.items()
                       if name.lower() != "set-cookie"]
            cache.set(key, (response.content, headers), settings.PUBLIC_CACHE_SECONDS)
        return response

    return wrapper


# ---------------------------------------------------------------------------------------------
# Exports: validators for conditional requests (ETag, Last-Modified, 304).
# ---------------------------------------------------------------------------------------------
class ExportValidators:
    """ETag and Last-Modified of an export, from a few aggregates of the rows it holds (count,
    latest change) plus the generation and the day (records shown by other tables, acts whose
    publication date arrives). Built before the body: a 304 costs only these reads."""

    def __init__(self, request, *, facts, last_modified=None):
        parts = [request.get_full_path(), str(generation()), timezone.localdate().isoformat(),
                 *map(str, facts)]
        self.etag = '"' + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32] + '"'
        # Changes the facts cannot see (an organisation renamed) count through changed_at.
        self.last_modified = max(filter(None, [last_modified, changed_at()]))

    @classmethod
    def of_kept(cls, kept: "KeptExport") -> "ExportValidators":
        """The validators a kept export was served with (kept_export): no query."""
        validators = cls.__new__(cls)
        validators.etag = kept.etag
        validators.last_modified = datetime.datetime.fromtimestamp(kept.last_modified,
                                                                   tz=datetime.UTC)
        return validators

    def not_modified(self, request):
        """The 304 (or 412) answer when the client's copy is current, else None."""
        return get_conditional_response(
            request, etag=self.etag, last_modified=int(self.last_modified.timestamp()),
        )

    def apply(self, response):
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.last_modified.timestamp())
        # Reusable by the client and shared caches, but revalidated on every use.
        response["Cache-Control"] = "public, no-cache"
        return response


# ---------------------------------------------------------------------------------------------
# Exports kept whole: the body and its validators, served without a query until a change.
# ---------------------------------------------------------------------------------------------
# A body over this size is streamed without being kept (memory stays flat while streaming).
STREAM_CACHE_MAX_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class KeptExport:
    """A whole export as served: its validators and its encoded body."""

    etag: str
    last_modified: float  # a timestamp (pickled as a number, whatever the cache)
    content: bytes


def kept_export_key(name: str) -> str | None:
    """The key of an export kept whole, None when the public cache is off. Read it **before**
    anything the body shows: it holds the generation and the day, so a change made after it
    was read bumps the generation and the body made from the new rows is stored under a key
    no later request reads (never an old body under a new number). `name` holds everything
    else the body depends on (address, host, the window's dates)."""
    return _key("export", name) if enabled() else None


def kept_export(key: str | None) -> KeptExport | None:
    """The export kept under `key`: one cache read, no query."""
    return cache.get(key) if key is not None else None


def keep_export(key: str | None, chunks, validators: ExportValidators):
    """The text chunks of a streamed export, passed on as they come; once the whole body has
    been produced it is kept under `key` (kept_export_key) with `validators`. A body cut
    short (an error, a client gone) or larger than STREAM_CACHE_MAX_BYTES is never kept."""
    if key is None:
        yield from chunks
        return
    kept, size = [], 0
    for chunk in chunks:
        if kept is not None:
            encoded = chunk.encode("utf-8")
            size += len(encoded)
            if size <= STREAM_CACHE_MAX_BYTES:
                kept.append(encoded)
            else:
                kept = None
        yield chunk
    if kept is not None:
        cache.set(key, KeptExport(validators.etag, validators.last_modified.timestamp(),
                                  b"".join(kept)), settings.PUBLIC_CACHE_SECONDS)
