"""Certified extracts as issued (IssuedExtract) and the storage that keeps their files."""

import datetime

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

from deliberations.models.acts import Deliberation
from deliberations.querysets import IssuedExtractQuerySet


class _ExtractsStorage(LazyObject):
    """STORAGES["extracts"], looked up on first use and again after the setting changes (as
    Django's default_storage): a FileField evaluates its storage once, at import."""

    def _setup(self):
        self._wrapped = storages["extracts"]


_extracts_storage = _ExtractsStorage()


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_ROOT"):
        _extracts_storage._wrapped = empty


def extracts_storage():
    """Where issued extracts are stored: STORAGES["extracts"] (the file system under
    MEDIA_ROOT by default, an S3-compatible bucket when configured; portal/settings.py)."""
    return _extracts_storage


class IssuedExtract(models.Model):
    """A certified extract ("extrait du registre") as issued: the file never changes.

    A change to the deliberation after issue leads to a new version; the old one records
    which version superseded it.
    """

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.PROTECT, related_name="extracts",
        verbose_name="délibération",
    )
    version = models.PositiveSmallIntegerField("version")
    file = models.FileField("fichier PDF", upload_to="extracts/%Y/", storage=extracts_storage)
    sha256 = models.CharField("empreinte SHA-256", max_length=64, unique=True)
    code = models.CharField("code de vérification", max_length=16, unique=True)
    issued_at = models.DateTimeField("émis le", auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="émis par",
    )
    content_fingerprint = models.CharField(
        "empreinte du contenu certifié", max_length=64,
        help_text="Empreinte des données de la délibération au moment de l'émission.",
    )
    # What was certified, as printed: the verification page shows this, not the deliberation
    # as it may have been rectified since.
    certified_data = models.JSONField("contenu certifié", default=dict, editable=False)
    superseded_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes",
        verbose_name="remplacé par",
    )
    signed = models.BooleanField("signé électroniquement (PAdES)", default=False)

    objects = IssuedExtractQuerySet.as_manager()

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "deliberation__session__body__organisation"

    class Meta:
        verbose_name = "extrait certifié"
        verbose_name_plural = "extraits certifiés"
        ordering = ["deliberation", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["deliberation", "version"],
                                    name="extract_unique_version"),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"),
                                   name="extract_sha256_hex"),
        ]

    def __str__(self):
        return f"Extrait {self.code} (v{self.version})"

    @property
    def certified_session_date(self):
        """The session date as certified (certified_data keeps dates in ISO form)."""
        value = self.certified_data.get("session", {}).get("date")
        return datetime.date.fromisoformat(value) if value else None
