"""Archive and restore (``manage.py export_archive DIR``, ``import_archive DIR``).

The archive is a folder: ``records/<app>.<model>.json`` (one file per model, rows in primary
key order, keys sorted, full-precision dates), ``files/`` (every stored file the records
point to: issued extracts, annexes, minutes, lists, registers, convocations) and
``manifest.json`` (the SHA-256 of every other file) and ``manifest.hmac`` (the manifest's
HMAC-SHA256 under ARCHIVE_SIGNING_KEY, a secret of the environment). Two exports of the same
records are byte-identical, so a restore is checked by exporting again and comparing the
manifests.

The signature is what makes the hashes mean anything: without it, whoever can write to the
archive recomputes the manifest after changing a published act or making a clerk superuser.
``import_archive`` checks the signature first, then every hash, before it reads a record or
touches the database; an unsigned archive, or one signed with another key, is refused.

Archived: the governance apps (ARCHIVED_APPS) and the accounts they point to (users and
their groups; permissions and content types by natural key, since ``migrate`` creates them).
Accounts (users, their groups' permissions, their assignments) are restored only when asked
(``with_accounts``, ``import_archive --with-accounts``): by default the restored records
keep no link to an account ("issued by", "changed by" left empty) and the new server's own
accounts and groups stay as they are.
Not archived: history tables (``Historical…`` models: a restored record starts a new
history), sessions and the admin log.

The models are found through the apps registry, so ``portal`` imports no other app. The
import only INSERTs (published acts and issued extracts refuse UPDATE and DELETE): foreign
keys are checked at the end of the transaction, so the order of the rows does not matter.
"""

import contextlib
import datetime
import hashlib
import hmac
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.postgres.search import SearchVectorField
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

ARCHIVED_APPS = ["auth", "portal", "deliberations", "pma_reports", "territory_project"]
SKIPPED_MODELS = {"auth.permission"}  # created by migrate, referred to by natural key
MANIFEST = "manifest.json"
SIGNATURE = "manifest.hmac"
SIGNATURE_SCHEME = "HMAC-SHA256"
FORMAT = 1
MIN_KEY_LENGTH = 32


class ArchiveError(Exception):
    """A French message for the operator."""


class ArchiveEncoder(DjangoJSONEncoder):
    """Dates and times in full (DjangoJSONEncoder cuts microseconds to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def signing_key() -> bytes:
    """ARCHIVE_SIGNING_KEY (settings, read from the environment), refused when missing or
    too short to resist guessing."""
    key = getattr(settings, "ARCHIVE_SIGNING_KEY", "") or ""
    if len(key) < MIN_KEY_LENGTH:
        raise ArchiveError(
            "Clé de signature des archives absente ou trop courte : définissez "
            f"ARCHIVE_SIGNING_KEY dans l'environnement (au moins {MIN_KEY_LENGTH} caractères, "
            "la même à l'export et à la restauration).")
    return key.encode("utf-8")


def _signature(manifest: bytes, key: bytes) -> str:
    return f"{SIGNATURE_SCHEME} {hmac.new(key, manifest, hashlib.sha256).hexdigest()}\n"


def _verify_signature(directory: Path, key: bytes) -> bytes:
    """The manifest's bytes, once its signature is checked."""
    try:
        manifest = (directory / MANIFEST).read_bytes()
    except OSError as error:
        raise ArchiveError(f"Manifeste illisible dans {directory} : {error}") from error
    try:
        signature = (directory / SIGNATURE).read_text(encoding="ascii")
    except FileNotFoundError:
        raise ArchiveError(
            f"Archive non signée ({SIGNATURE} absent) : restauration refusée. Seule une "
            "archive écrite par export_archive avec la clé ARCHIVE_SIGNING_KEY est "
            "restaurée.") from None
    except (OSError, ValueError) as error:
        raise ArchiveError(f"Signature illisible dans {directory} : {error}") from error
    if not hmac.compare_digest(signature.encode("ascii"),
                               _signature(manifest, key).encode("ascii")):
        raise ArchiveError(
            "Signature du manifeste invalide : l'archive a été modifiée après l'export, ou "
            "signée avec une autre clé. Restauration refusée.")
    return manifest


def _account_models() -> set[type[models.Model]]:
    """Users, groups (their permissions) and the models that belong to an account: a
    non-nullable link to a user (a staff assignment)."""
    user = get_user_model()
    found = {user, Group}
    for model in archived_models():
        if any(f.many_to_one and f.related_model is user and not f.null
               for f in model._meta.local_fields):
            found.add(model)
    return found


def _detach_accounts(model, rows: list[dict]) -> list[dict]:
    """The archived rows of ``model`` with their nullable links to an account emptied (the
    accounts are not restored), before deserializing resolves them."""
    user = get_user_model()
    links = [f.name for f in model._meta.local_fields
             if f.many_to_one and f.related_model is user]
    for row in rows:
        for name in links:
            row["fields"][name] = None
    return rows


def archived_models() -> list[type[models.Model]]:
    found = []
    for label in ARCHIVED_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower in SKIPPED_MODELS:
                continue
            # A model may hold personal data kept for one purpose only (the alerts' addresses):
            # it says so with `archive_excluded = True` and never leaves the database.
            if getattr(model, "archive_excluded", False):
                continue
            if model._meta.object_name.startswith("Historical") or model._meta.proxy:
                continue
            found.append(model)
    return found


def _serialized_fields(model) -> list[str]:
    """Concrete fields and many-to-many relations, without the derived search vector (the
    database recomputes it on insert)."""
    names = [f.name for f in model._meta.local_fields
             if f.serialize and not isinstance(f, SearchVectorField)]
    names += [f.name for f in model._meta.local_many_to_many
              if f.remote_field.through._meta.auto_created]
    return names


def _file_fields(model) -> list[models.FileField]:
    return [f for f in model._meta.local_fields if isinstance(f, models.FileField)]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _records_name(model) -> str:
    return f"records/{model._meta.label_lower}.json"


@dataclass
class Summary:
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    accounts_skipped: int = 0  # rows of accounts left in the archive (import without them)

    def as_french(self) -> str:
        total = sum(self.rows.values())
        text = f"{total} enregistrements ({len(self.rows)} tables), {self.files} fichiers."
        if self.accounts_skipped:
            text += (f" Comptes non restaurés ({self.accounts_skipped} enregistrements : "
                     "comptes, groupes, affectations) ; --with-accounts pour les restaurer.")
        return text


def export_archive(directory: Path) -> Summary:
    directory = Path(directory)
    key = signing_key()
    if directory.exists() and any(directory.iterdir()):
        raise ArchiveError(f"Le dossier {directory} n'est pas vide : choisissez un dossier "
                           "neuf pour l'archive.")
    (directory / "records").mkdir(parents=True)
    (directory / "files").mkdir()
    summary = Summary()
    with transaction.atomic():  # one consistent reading of every table
        for model in archived_models():
            queryset = model._default_manager.order_by("pk")
            rows = serializers.serialize(
                "python", queryset, fields=_serialized_fields(model),
                use_natural_foreign_keys=True, use_natural_primary_keys=False)
            text = json.dumps(rows, cls=ArchiveEncoder, ensure_ascii=False, indent=1,
                              sort_keys=True)
            (directory / _records_name(model)).write_text(text + "\n", encoding="utf-8")
            summary.rows[model._meta.label_lower] = len(rows)
            for file_field in _file_fields(model):
                for instance in queryset.exclude(**{file_field.name: ""}):
                    stored = getattr(instance, file_field.attname)
                    target = directory / "files" / stored.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with file_field.storage.open(stored.name, "rb") as source, \
                            target.open("wb") as copy:
                        shutil.copyfileobj(source, copy)
                    summary.files += 1
    hashes = {
        path.relative_to(directory).as_posix(): _sha256(path)
        for path in sorted(directory.rglob("*")) if path.is_file()
    }
    manifest = {"format": FORMAT, "rows": summary.rows, "sha256": hashes}
    text = (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            ).encode("utf-8")
    (directory / MANIFEST).write_bytes(text)
    (directory / SIGNATURE).write_text(_signature(text, key), encoding="ascii")
    return summary


def _verified_manifest(directory: Path) -> dict:
    signed = _verify_signature(directory, signing_key())
    try:
        manifest = json.loads(signed.decode("utf-8"))
    except ValueError as error:
        raise ArchiveError(f"Manifeste illisible dans {directory} : {error}") from error
    if manifest.get("format") != FORMAT:
        raise ArchiveError(f"Format d'archive inconnu : {manifest.get('format')!r}.")
    listed = set(manifest["sha256"])
    present = {p.relative_to(directory).as_posix() for p in directory.rglob("*")
               if p.is_file() and p.relative_to(directory).as_posix() not in (MANIFEST, SIGNATURE)}
    if listed != present:
        extra, missing = sorted(present - listed), sorted(listed - present)
        raise ArchiveError(
            "L'archive ne correspond pas à son manifeste"
            + (f" ; fichiers absents : {', '.join(missing[:5])}" if missing else "")
            + (f" ; fichiers en trop : {', '.join(extra[:5])}" if extra else "") + ".")
    for name, expected in sorted(manifest["sha256"].items()):
        if _sha256(directory / name) != expected:
            raise ArchiveError(f"Empreinte SHA-256 différente pour {name} : archive altérée.")
    return manifest


def _non_empty_tables(skipped) -> list[str]:
    return [model._meta.label_lower for model in archived_models()
            if model is not Group and model not in skipped and model._default_manager.exists()]


def import_archive(directory: Path, *, with_accounts: bool = False) -> Summary:
    """Restore ``directory`` into a new, migrated database; accounts only ``with_accounts``.
    Nothing is read from the records, nor written, before the signature and every hash are
    checked."""
    directory = Path(directory)
    manifest = _verified_manifest(directory)
    skipped = set() if with_accounts else _account_models()
    occupied = _non_empty_tables(skipped)
    if occupied:
        raise ArchiveError(
            "La base n'est pas vide (" + ", ".join(occupied[:5])
            + (", …" if len(occupied) > 5 else "")
            + ") : la restauration se fait dans une base neuve, après "
            "« manage.py migrate ».")
    summary = Summary()
    restored = []
    with transaction.atomic(), contextlib.ExitStack() as guards:
        # An app whose database guards refuse rows inserted in archive order (the published
        # record: deliberations' triggers refuse the attendance of a session whose acts are
        # already in) lifts them for the restore, inside its transaction (AppConfig.restoring).
        for config in apps.get_app_configs():
            if hasattr(config, "restoring"):
                guards.enter_context(config.restoring(connection))
        with connection.constraint_checks_disabled():
            for model in archived_models():
                name = _records_name(model)
                if name not in manifest["sha256"]:
                    raise ArchiveError(f"Table absente de l'archive : {name}.")
                if model in skipped:
                    summary.accounts_skipped += manifest["rows"].get(model._meta.label_lower, 0)
                    continue
                rows = json.loads((directory / name).read_text(encoding="utf-8"))
                if not with_accounts:
                    rows = _detach_accounts(model, rows)
                for deserialized in serializers.deserialize("python", rows):
                    if model is Group and _restore_existing_group(deserialized):
                        continue
                    deserialized.save(force_insert=True)
                summary.rows[model._meta.label_lower] = len(rows)
                restored.append(model)
        connection.check_constraints(table_names=[m._meta.db_table for m in restored])
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), restored):
                cursor.execute(statement)
        summary.files = _restore_files(directory, restored)
    return summary


def _restore_existing_group(deserialized) -> bool:
    """Groups created by the migrations already exist in the new database: their permissions
    are set from the archive (a group is not a governance record)."""
    group = Group.objects.filter(name=deserialized.object.name).first()
    if group is None:
        return False
    if group.pk != deserialized.object.pk:
        raise ArchiveError(f"Le groupe « {group.name} » existe avec un autre identifiant.")
    group.permissions.set(deserialized.m2m_data["permissions"])
    return True


def _restore_files(directory: Path, restored) -> int:
    count = 0
    for model in restored:
        for file_field in _file_fields(model):
            storage = file_field.storage
            for instance in model._default_manager.exclude(**{file_field.name: ""}):
                name = getattr(instance, file_field.attname).name
                source = directory / "files" / name
                if storage.exists(name):
                    with storage.open(name, "rb") as existing:
                        same = hashlib.sha256(existing.read()).hexdigest() == _sha256(source)
                    if not same:
                        raise ArchiveError(f"Le fichier {name} existe déjà avec un autre "
                                           "contenu dans le stockage des fichiers.")
                else:
                    with source.open("rb") as handle:
                        saved = storage.save(name, handle)
                    if saved != name:
                        raise ArchiveError(f"Le fichier {name} a été enregistré sous {saved}.")
                count += 1
    return count
