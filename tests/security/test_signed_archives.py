"""A restore trusts only an archive signed with the server's key: whoever can write to an
archive can also recompute its SHA-256 manifest, so a falsified published act or a clerk made
superuser must be refused by the signature, before the database is touched. Accounts come
back only when asked."""

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from deliberations.models import Deliberation, IssuedExtract
from portal.models import StaffAssignment
from tests.portal.test_archive import (  # noqa: F401 (governance, a fixture)
    _empty_the_database,
    governance,
)

KEY = "clé-de-signature-des-archives-de-test-0123456789"
QUIET = {"stdout": open("/dev/null", "w")}  # noqa: SIM115 (kept for the whole run)


@pytest.fixture
def archive(governance, settings, tmp_path):  # noqa: F811 (the imported fixture)
    """The seed records, a clerk (assigned to the CABBALR) and an issued extract, exported
    with KEY; then a new server: the database emptied (migrations' groups kept)."""
    settings.ARCHIVE_SIGNING_KEY = KEY
    StaffAssignment.objects.create(user=User.objects.get(username="greffe"),
                                   organisation=governance.deliberation.session.body.organisation)
    directory = tmp_path / "archive"
    call_command("export_archive", str(directory), **QUIET)
    _empty_the_database(Path(settings.MEDIA_ROOT))
    return directory


def _recompute_manifest(directory: Path) -> None:
    """What the attacker does after editing records: every hash recomputed (no key needed)."""
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    for name in manifest["sha256"]:
        manifest["sha256"][name] = hashlib.sha256((directory / name).read_bytes()).hexdigest()
    (directory / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        encoding="utf-8")


def _falsify(directory: Path) -> None:
    """A published act's decision reversed and the clerk made superuser."""
    acts = directory / "records/deliberations.deliberation.json"
    acts.write_text(acts.read_text(encoding="utf-8").replace("ADOPTE", "REJETTE"),
                    encoding="utf-8")
    users = directory / "records/auth.user.json"
    rows = json.loads(users.read_text(encoding="utf-8"))
    for row in rows:
        row["fields"]["is_superuser"] = True
    users.write_text(json.dumps(rows, indent=1, sort_keys=True) + "\n", encoding="utf-8")


INVALID = ("Restauration impossible : Signature du manifeste invalide : l'archive a été "
           "modifiée après l'export, ou signée avec une autre clé. Restauration refusée.")


def test_tampered_archive_with_recomputed_manifest_is_refused_before_the_database(
        archive, django_assert_num_queries):
    _falsify(archive)
    _recompute_manifest(archive)
    with django_assert_num_queries(0), pytest.raises(CommandError) as error:
        call_command("import_archive", str(archive), "--with-accounts")
    assert str(error.value) == INVALID
    assert not Deliberation.objects.exists() and not User.objects.exists()


def test_archive_signed_with_another_key_is_refused(archive, settings):
    settings.ARCHIVE_SIGNING_KEY = "une-autre-clé-de-signature-tout-aussi-longue-42"
    with pytest.raises(CommandError) as error:
        call_command("import_archive", str(archive))
    assert str(error.value) == INVALID
    assert not Deliberation.objects.exists()


def test_unsigned_archive_is_refused(archive, django_assert_num_queries):
    (archive / "manifest.hmac").unlink()
    with django_assert_num_queries(0), pytest.raises(CommandError) as error:
        call_command("import_archive", str(archive))
    assert str(error.value) == (
        "Restauration impossible : Archive non signée (manifest.hmac absent) : restauration "
        "refusée. Seule une archive écrite par export_archive avec la clé "
        "ARCHIVE_SIGNING_KEY est restaurée.")
    assert not Deliberation.objects.exists()


@pytest.mark.parametrize("key", ["", "trop-courte"], ids=["missing", "short"])
def test_export_and_import_need_the_signing_key(archive, settings, tmp_path, key):
    settings.ARCHIVE_SIGNING_KEY = key
    message = ("Clé de signature des archives absente ou trop courte : définissez "
               "ARCHIVE_SIGNING_KEY dans l'environnement (au moins 32 caractères, la même à "
               "l'export et à la restauration).")
    with pytest.raises(CommandError) as error:
        call_command("import_archive", str(archive))
    assert str(error.value) == f"Restauration impossible : {message}"
    with pytest.raises(CommandError) as error:
        call_command("export_archive", str(tmp_path / "autre"))
    assert str(error.value) == f"Archive impossible : {message}"
    assert not (tmp_path / "autre").exists()


def test_accounts_are_not_restored_by_default(archive):
    # The new server has its own administrator: it neither blocks the restore nor changes.
    admin = User.objects.create_superuser("admin-nouveau", password="x" * 20)
    secretariat = Group.objects.get(name="Secrétariat des assemblées")
    permissions = set(secretariat.permissions.values_list("codename", flat=True))
    # A tampered group in the archive would change nothing either: groups are accounts' rights.
    call_command("import_archive", str(archive), stdout=QUIET["stdout"])
    assert list(User.objects.values_list("username", flat=True)) == ["admin-nouveau"]
    assert User.objects.get() == admin
    assert not StaffAssignment.objects.exists()
    assert set(secretariat.permissions.values_list("codename", flat=True)) == permissions
    extract = IssuedExtract.objects.get()
    assert extract.issued_by is None  # the account it named is not restored
    assert Deliberation.objects.count() == 2


def test_summary_says_accounts_were_left_out(archive):
    output = []

    class Out:
        def write(self, text):
            output.append(text)

        def flush(self):
            pass

    call_command("import_archive", str(archive), stdout=Out())
    manifest = json.loads((archive / "manifest.json").read_text(encoding="utf-8"))
    accounts = {"auth.user", "auth.group", "portal.staffassignment"}
    # One account, the two groups made by the migrations, one assignment.
    assert [manifest["rows"][label] for label in sorted(accounts)] == [2, 1, 1]
    restored = {label: count for label, count in manifest["rows"].items()
                if label not in accounts}
    assert "".join(output) == (
        f"Archive restaurée : {sum(restored.values())} enregistrements ({len(restored)} "
        "tables), 1 fichiers. Comptes non restaurés (4 enregistrements : comptes, groupes, "
        "affectations) ; --with-accounts pour les restaurer.\n")


def test_accounts_are_restored_when_asked(archive):
    call_command("import_archive", str(archive), "--with-accounts", **QUIET)
    clerk = User.objects.get(username="greffe")
    assert (clerk.is_superuser, clerk.is_staff) == (False, True)
    assert StaffAssignment.objects.get().user == clerk
    assert IssuedExtract.objects.get().issued_by == clerk


def test_archive_copied_elsewhere_still_verifies(archive, tmp_path):
    # The signature covers the manifest's bytes, not the folder's path.
    moved = tmp_path / "copie"
    shutil.copytree(archive, moved)
    call_command("import_archive", str(moved), **QUIET)
    assert Deliberation.objects.count() == 2
