"""export_archive / import_archive: the records of the seed documents, the territorial project,
the activity reports, a clerk's account and an issued extract (its PDF) survive a round trip
into an emptied database byte for byte (the second export has the same manifest)."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection

from deliberations import immutability
from deliberations.extracts.issuing import extract_get_or_issue
from deliberations.models import Deliberation, IssuedExtract
from portal.kernel.archive import Group as ArchiveGroup
from portal.kernel.archive import archived_models
from portal.models import Member
from tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def signing_key(settings):
    settings.ARCHIVE_SIGNING_KEY = "clé-de-signature-des-archives-de-test-0123456789"


@pytest.fixture
def governance(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_seed_records", verbosity=0)
    call_command("load_territorial_project", verbosity=0)
    call_command("load_pma_reports", verbosity=0)
    clerk = User.objects.create_user("greffe", password="mot-de-passe-solide-42",
                                     is_staff=True)
    clerk.groups.add(Group.objects.get(name="Secrétariat des assemblées"))
    deliberation = Deliberation.objects.published().order_by("pk").first()
    extract, issued = extract_get_or_issue(deliberation=deliberation, by=clerk)
    assert issued
    return extract


def _empty_the_database(media_root: Path):
    """What a new server has after `migrate`: no records (the migrations' groups, the
    permissions and content types stay), no stored files."""
    tables = set()
    for model in archived_models():
        if model is ArchiveGroup:
            continue
        tables.add(model._meta.db_table)
        tables |= {f.remote_field.through._meta.db_table
                   for f in model._meta.local_many_to_many}
    tables.add("django_admin_log")
    statements = connection.ops.sql_flush(no_style(), sorted(tables), reset_sequences=True,
                                          allow_cascade=True)
    # The triggers of the published record refuse SQLite's DELETE of published acts: a new
    # server has them too, so they are installed again once the tables are empty.
    immutability.uninstall(connection)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test's transaction has deferred foreign key checks pending: TRUNCATE
            # refuses to run before they are done.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in statements:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    immutability.install(connection)
    shutil.rmtree(media_root)


def _manifest(directory: Path) -> dict:
    return json.loads((directory / "manifest.json").read_text(encoding="utf-8"))


def test_round_trip_gives_the_same_archive(governance, settings, tmp_path):
    first, second = tmp_path / "premiere", tmp_path / "seconde"
    call_command("export_archive", str(first), stdout=open("/dev/null", "w"))
    manifest = _manifest(first)
    rows = manifest["rows"]
    assert rows["deliberations.deliberation"] == Deliberation.objects.count() == 2
    assert rows["portal.member"] == Member.objects.count() == 155
    assert rows["deliberations.issuedextract"] == 1
    assert rows["territory_project.action"] == 220
    assert rows["pma_reports.action"] == 125
    assert rows["auth.user"] == 1
    extract_file = f"files/{governance.file.name}"
    assert manifest["sha256"][extract_file] == governance.sha256
    assert hashlib.sha256((first / extract_file).read_bytes()).hexdigest() == governance.sha256
    for name, digest in manifest["sha256"].items():
        assert hashlib.sha256((first / name).read_bytes()).hexdigest() == digest

    _empty_the_database(Path(settings.MEDIA_ROOT))
    assert not Deliberation.objects.exists() and not User.objects.exists()

    call_command("import_archive", str(first), "--with-accounts", stdout=open("/dev/null", "w"))
    extract = IssuedExtract.objects.get()
    assert extract.issued_by.username == "greffe"
    assert extract.issued_at == governance.issued_at
    assert extract.file.read() == (first / extract_file).read_bytes()
    assert User.objects.get().groups.get().name == "Secrétariat des assemblées"

    call_command("export_archive", str(second), stdout=open("/dev/null", "w"))
    assert (second / "manifest.json").read_bytes() == (first / "manifest.json").read_bytes()
    assert (second / "manifest.hmac").read_bytes() == (first / "manifest.hmac").read_bytes()
    assert sorted(p.relative_to(second) for p in second.rglob("*")) == sorted(
        p.relative_to(first) for p in first.rglob("*"))

    # The sequences follow the restored keys: the next record gets a new one.
    assert MemberFactory().pk > max(row["pk"] for row in json.loads(
        (first / "records/portal.member.json").read_text(encoding="utf-8")))


def test_import_refuses_a_database_with_records(governance, tmp_path):
    archive = tmp_path / "archive"
    call_command("export_archive", str(archive), stdout=open("/dev/null", "w"))
    with pytest.raises(CommandError) as error:
        call_command("import_archive", str(archive))
    assert "La base n'est pas vide (portal.organisation" in str(error.value)
    assert Deliberation.objects.count() == 2


def test_import_refuses_an_altered_archive(governance, settings, tmp_path):
    archive = tmp_path / "archive"
    call_command("export_archive", str(archive), stdout=open("/dev/null", "w"))
    records = archive / "records/deliberations.deliberation.json"
    records.write_text(records.read_text(encoding="utf-8").replace("ADOPTE", "REJETTE"),
                       encoding="utf-8")
    _empty_the_database(Path(settings.MEDIA_ROOT))
    with pytest.raises(CommandError) as error:
        call_command("import_archive", str(archive))
    assert str(error.value) == (
        "Restauration impossible : Empreinte SHA-256 différente pour "
        "records/deliberations.deliberation.json : archive altérée.")
    assert not Deliberation.objects.exists()


def test_export_refuses_a_folder_that_is_not_empty(governance, tmp_path):
    (tmp_path / "ancien.txt").write_text("x")
    with pytest.raises(CommandError, match="n'est pas vide : choisissez un dossier neuf"):
        call_command("export_archive", str(tmp_path))


def test_alert_addresses_never_leave_the_database(governance, tmp_path):
    """The alerts' subscribers are kept only to send the alerts (mentions légales): an
    archive copies none of them."""
    from deliberations.alerts.models import Subscriber

    Subscriber.objects.create(email="abonne.alertes@example.org")
    call_command("export_archive", str(tmp_path / "archive"), stdout=open("/dev/null", "w"))
    rows = _manifest(tmp_path / "archive")["rows"]
    assert not {"deliberations.subscriber", "deliberations.subscription",
                "deliberations.digestlog"} & set(rows)
    assert rows["portal.member"] == 155
    for path in (tmp_path / "archive").rglob("*"):
        if path.is_file():
            assert b"abonne.alertes@example.org" not in path.read_bytes(), path
