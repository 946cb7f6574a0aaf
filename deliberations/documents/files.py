"""Storing a rendered document: its bytes, its SHA-256, a stable file name."""

import hashlib

from django.core.files.base import ContentFile


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def store(field, name: str, content: bytes) -> str:
    """Save ``content`` in a FileField under ``name`` (without saving the row); its SHA-256."""
    field.save(name, ContentFile(content), save=False)
    return sha256_of(content)
