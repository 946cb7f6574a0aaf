"""Annex files: which documents may be attached to a deliberation, recognised by their
content (magic bytes), never by the name or type the browser claims.

An annex is served to the public only through views.annex_download (published acts, as an
attachment, `nosniff`); its stored path carries a random part so that a draft's annex cannot
be guessed even if the media folder were served directly.
"""

import secrets
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import get_valid_filename

MAX_ANNEX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class AnnexKind:
    extension: str
    content_type: str
    label: str


PDF = AnnexKind(".pdf", "application/pdf", "PDF")
ODT = AnnexKind(".odt", "application/vnd.oasis.opendocument.text", "texte OpenDocument")
ODS = AnnexKind(".ods", "application/vnd.oasis.opendocument.spreadsheet",
                "tableur OpenDocument")
CSV = AnnexKind(".csv", "text/csv; charset=utf-8", "CSV")
KINDS = {kind.extension: kind for kind in (PDF, ODT, ODS, CSV)}

REFUSED = ("Annexe refusée : seuls les fichiers PDF, OpenDocument (.odt, .ods) et CSV sont "
           "acceptés, et leur contenu doit correspondre à leur extension.")
TOO_LARGE = "Annexe refusée : le fichier dépasse 20 Mo."


def _head(file, size: int) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _is_opendocument(file, content_type: str) -> bool:
    # ODF 1.2 §3.3: a zip whose first entry, stored uncompressed, is "mimetype" holding the
    # document's media type. Read through zipfile so that a renamed archive is not enough.
    if _head(file, 4) != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            ok = bool(names) and names[0] == "mimetype" and (
                archive.read("mimetype").decode("ascii", "replace").strip() == content_type)
    except (zipfile.BadZipFile, KeyError, OSError):
        ok = False
    file.seek(0)
    return ok


def _is_csv(file) -> bool:
    # Text only: UTF-8, no NUL byte, no markup (an HTML or SVG file renamed .csv).
    head = _head(file, 64 * 1024)
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        if error.start < len(head) - 3:
            return False
        text = head[:error.start].decode("utf-8")
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    return "\x00" not in text and not lowered.startswith(("<", "<?xml"))


def annex_kind(name: str, file) -> AnnexKind | None:
    """The kind of an uploaded annex when its extension is allowed and its content matches
    it; None otherwise."""
    kind = KINDS.get(PurePath(name).suffix.lower())
    if kind is None:
        return None
    if kind is PDF:
        matches = _head(file, 5) == b"%PDF-"
    elif kind is CSV:
        matches = _is_csv(file)
    else:
        matches = _is_opendocument(file, kind.content_type)
    return kind if matches else None


def validate_annex_file(file) -> None:
    """Model validator of Annex.file (runs in every form): size, then content of a new
    upload (a file already stored was checked when it was uploaded)."""
    if getattr(file, "_committed", False):
        return
    if file.size is not None and file.size > MAX_ANNEX_BYTES:
        raise ValidationError(TOO_LARGE, code="too_large")
    if annex_kind(file.name, file) is None:
        raise ValidationError(REFUSED, code="type")


def annex_upload_to(instance, filename: str) -> str:
    """annexes/<year>/<random>/<clean name>: unguessable, and keeps the clerk's file name."""
    name = get_valid_filename(PurePath(filename).name) or "annexe"
    return f"annexes/{timezone.localdate():%Y}/{secrets.token_urlsafe(12)}/{name}"
