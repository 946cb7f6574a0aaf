"""Archive and restore (``manage.py export_archive DIR``, ``import_archive DIR``).

The archive is a folder: ``records/<app>.<model>.json`` (one file per model, rows in primary
key order, keys sorted, full-precision dates), ``files/`` (every stored file the records
point to: issued extracts, annexes, minutes, lists, registers, convocations) and
``manifest.json`` (the SHA-256 of every other file). Two exports of the same records are
byte-identical, so a restore is checked by exporting again and comparing the manifests.

Archived: the governance apps (ARCHIVED_APPS) and the accounts they point to (users and
their groups; permissions and content types by natural key, since ``migrate`` creates them).
Not archived: history tables (``Historical…`` models: a restored record starts a new
history), sessions and the admin log.

The models are found through the apps registry, so ``portal`` imports no other app. The
import only INSERTs (published acts and issued extracts refuse UPDATE and DELETE): foreign
keys are checked at the end of the transaction, so the order of the rows does not matter.
"""

import contextlib
import datetime
import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.postgres.search import SearchVectorField
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

ARCHIVED_APPS = ["auth", "portal", "deliberations", "pma_reports", "territory_project"]
SKIPPED_MODELS = {"auth.permission"}  # created by migrate, referred to by natural key
MANIFEST = "manifest.json"
FORMAT = 1


class ArchiveError(Exception):
    """A French message for the operator."""


class ArchiveEncoder(DjangoJSONEncoder):
    """Dates and times in full (DjangoJSONEncoder cuts microseconds to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def archived_models() -> list[type[models.Model]]:
    found = []
    for label in ARCHIVED_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower in SKIPPED_MODELS:
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

    def as_french(self) -> str:
        total = sum(self.rows.values())
        return f"{total} enregistrements ({len(self.rows)} tables), {self.files} fichiers."


def export_archive(directory: Path) -> Summary:
    directory = Path(directory)
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
    (directory / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        encoding="utf-8")
    return summary


def _verified_manifest(directory: Path) -> dict:
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ArchiveError(f"Manifeste illisible dans {directory} : {error}") from error
    if manifest.get("format") != FORMAT:
        raise ArchiveError(f"Format d'archive inconnu : {manifest.get('format')!r}.")
    listed = set(manifest["sha256"])
    present = {p.relative_to(directory).as_posix() for p in directory.rglob("*")
               if p.is_file() and p.name != MANIFEST}
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


def _non_empty_tables() -> list[str]:
    return [model._meta.label_lower for model in archived_models()
            if model is not Group and model._default_manager.exists()]


def import_archive(directory: Path) -> Summary:
    directory = Path(directory)
    manifest = _verified_manifest(directory)
    occupied = _non_empty_tables()
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
                rows = json.loads((directory / name).read_text(encoding="utf-8"))
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
