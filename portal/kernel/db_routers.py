"""Read replica: the public read-only views read from the `replica` database alias.

When DATABASE_REPLICA_URL is set, settings add a `replica` alias and name it in
DATABASE_READ_REPLICA. The router then sends the reads made while a public view runs (views
wrapped by `replica_reads`, including the chunks of a streamed export, produced after the
view has returned) to that alias; every other read, and every write, goes to `default`.
Routing by context rather than by model keeps the admin, the services and the clerk's screens
on the primary: they must read what they have just written, which a replica may not have yet.
"""

import contextlib
import contextvars
import functools

from django.conf import settings

_public_read = contextvars.ContextVar("public_read", default=False)


def replica_alias() -> str | None:
    """The alias public reads go to, or None without a replica."""
    alias = getattr(settings, "DATABASE_READ_REPLICA", "")
    return alias if alias and alias in settings.DATABASES else None


@contextlib.contextmanager
def reading_replica():
    """Reads inside this block go to the replica (when there is one)."""
    token = _public_read.set(True)
    try:
        yield
    finally:
        _public_read.reset(token)


def _streamed_on_replica(chunks):
    with reading_replica():
        yield from chunks


def replica_reads(view):
    """Decorator of a public read-only view: its reads go to the replica. A streamed body is
    produced after the view has returned; its iteration is wrapped too."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with reading_replica():
            response = view(request, *args, **kwargs)
        if getattr(response, "streaming", False) and replica_alias():
            response.streaming_content = _streamed_on_replica(response.streaming_content)
        return response

    return wrapper


class ReplicaRouter:
    """Public reads → replica (inside `reading_replica`), everything else → default."""

    def db_for_read(self, model, **hints):
        if _public_read.get():
            return replica_alias()
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica receives the schema through replication, never through migrate.
        return db == "default"
