"""Extract issuing and batch export through a real Celery worker (portal/celery.py) with the
machine's Redis as broker, on a dedicated Redis database number.

The worker is another process: it reads the rows this test commits (transactional test). On
SQLite the test database lives in memory, so it is copied to a file the worker opens; on
PostgreSQL the worker opens the test database itself. Skipped when Redis is unreachable,
except under CI, where that is a failure (.ci/run starts Redis).
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from deliberations.models import IssuedExtract
from tests.deliberations.extracts.test_data import build_bureau_session

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("CELERY_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis injoignable ({REDIS_URL}) : {error}")
        pytest.skip(f"Redis injoignable ({REDIS_URL})")
    client.flushdb()  # this database number is the test's own
    yield REDIS_URL
    client.flushdb()


def worker_database_url(tmp_path) -> str:
    """What the worker process opens to see this test's committed rows."""
    if connection.vendor == "sqlite":
        path = tmp_path / "worker.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    params = connection.settings_dict
    auth = quote(params["USER"] or "")
    if params["PASSWORD"]:
        auth += ":" + quote(params["PASSWORD"])
    host = params["HOST"] or "127.0.0.1"
    return f"postgres://{auth}@{host}:{params['PORT'] or 5432}/{params['NAME']}"


@pytest.fixture
def worker(broker, tmp_path):
    """Start a worker on a queue of its own; yields (queue, media root, database url)."""
    def start(database_url):
        queue = f"test-{uuid.uuid4().hex}"
        media = tmp_path / "media"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings_test",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media),
            "CELERY_BROKER_URL": broker,
            "CELERY_RESULT_BACKEND": broker,
            "LOG_LEVEL": "WARNING",
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "portal.celery", "worker", "--pool=solo",
             "--concurrency=1", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--loglevel=WARNING", "-Q", queue],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        started.append(process)
        return queue, media

    started = []
    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_a_real_worker_issues_an_extract_and_writes_the_batch_archive(worker, broker,
                                                                      tmp_path):
    from celery import Celery

    deliberation = build_bureau_session()
    database_url = worker_database_url(tmp_path)
    queue, media = worker(database_url)
    client = Celery("test-client", broker=broker, backend=broker)

    issued = client.send_task("extracts.issue", args=[deliberation.pk], queue=queue).get(
        timeout=120)

    assert issued["issued_now"] is True and issued["version"] == 1
    content = (media / issued["file"]).read_bytes()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == issued["sha256"]
    if connection.vendor == "sqlite":
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as worker_db:
            rows = worker_db.execute(
                "SELECT code, sha256, file FROM deliberations_issuedextract").fetchall()
        assert rows == [(issued["code"], issued["sha256"], issued["file"])]
    else:
        extract = IssuedExtract.objects.get(deliberation=deliberation)
        assert (extract.code, extract.sha256) == (issued["code"], issued["sha256"])

    archive = client.send_task("extracts.export_sessions", args=[[deliberation.session_id]],
                               queue=queue).get(timeout=120)

    assert archive["count"] == 1 and archive["file"].startswith("exports/")
    with zipfile.ZipFile(media / archive["file"]) as stored:
        names = stored.namelist()
        pdf = next(name for name in names if name.endswith(".pdf"))
        # The extract issued a moment ago, not a new version.
        assert hashlib.sha256(stored.read(pdf)).hexdigest() == issued["sha256"]
        assert any(name.endswith("SHA256SUMS.txt") for name in names)


def test_without_a_broker_the_tasks_run_in_the_calling_process(settings_tmp_media):
    from deliberations.extracts import tasks

    assert settings.CELERY_TASK_ALWAYS_EAGER and not settings.CELERY_BROKER_URL
    deliberation = build_bureau_session()
    issued = tasks.issue_extract.delay(deliberation.pk).get()
    extract = IssuedExtract.objects.get(deliberation=deliberation)
    assert issued["code"] == extract.code and issued["issued_now"]
    archive = tasks.export_sessions_archive.delay([deliberation.session_id]).get()
    assert archive["count"] == 1
    assert (Path(settings.MEDIA_ROOT) / archive["file"]).is_file()


@pytest.fixture
def settings_tmp_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings
