"""Background work on certified extracts: issuing one after its publication, and writing the
ZIP of a batch of sessions into the extracts storage. Run by the Celery worker when a broker
is configured (portal/celery.py), synchronously otherwise."""

import logging

from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.core.files.storage import storages
from django.core.files.temp import NamedTemporaryFile
from django.utils import timezone
from kombu.exceptions import OperationalError

from deliberations.extracts import issuing
from deliberations.models import Deliberation, Session
from portal.celery import app

logger = logging.getLogger(__name__)


@app.task(name="extracts.issue")
def issue_extract(deliberation_id: int, issued_by_id: int | None = None) -> dict:
    """Issue (or find, if unchanged) the current extract of a published deliberation.
    Returns what was issued, for the caller holding the task's result."""
    deliberation = Deliberation.objects.published().get(pk=deliberation_id)
    by = get_user_model().objects.filter(pk=issued_by_id).first() if issued_by_id else None
    extract, issued_now = issuing.extract_get_or_issue(deliberation=deliberation, by=by)
    return {"code": extract.code, "version": extract.version, "file": extract.file.name,
            "sha256": extract.sha256, "issued_now": issued_now}


@app.task(name="extracts.issue_after_publication")
def issue_extract_after_publication(deliberation_id: int, issued_by_id: int | None = None):
    issuing.extract_issue_after_publication(deliberation_id, issued_by_id)


@app.task(name="extracts.export_sessions")
def export_sessions_archive(session_ids: list[int], issued_by_id: int | None = None) -> dict:
    """The ZIP of the current extracts of sessions (issuing the missing ones), saved in the
    extracts storage under exports/. Returns its storage name and the number of extracts."""
    sessions = list(Session.objects.filter(pk__in=session_ids)
                    .select_related("body__organisation").order_by("date", "pk"))
    by = get_user_model().objects.filter(pk=issued_by_id).first() if issued_by_id else None
    name = (issuing.session_archive_name(sessions[0]) if len(sessions) == 1
            else f"extraits-{len(sessions)}-seances")
    with NamedTemporaryFile(suffix=".zip") as target:
        count = issuing.write_sessions_zip(sessions, target, by=by)
        target.seek(0)
        stored = storages["extracts"].save(
            f"exports/{timezone.now():%Y/%m}/{name}.zip", File(target),
        )
    return {"file": stored, "count": count}


def issue_after_publication_later(deliberation_id: int, issued_by_id: int | None) -> None:
    """Run on commit of a publication: queue the extract for the worker. If the broker cannot
    be reached, issue it here rather than lose it (it is logged)."""
    try:
        issue_extract_after_publication.delay(deliberation_id, issued_by_id)
    except OperationalError:
        logger.exception("File d'attente injoignable : extrait de la délibération %s émis "
                         "dans le processus web.", deliberation_id)
        issuing.extract_issue_after_publication(deliberation_id, issued_by_id)
