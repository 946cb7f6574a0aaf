"""The record of an act frozen at its publication (PublishedRecord)."""

from django.db import models

from deliberations.models.acts import Deliberation


class PublishedRecord(models.Model):
    """An act's legal record as it was published: the canonical JSON of the typed record
    (deliberations.record, schema ``version``) and its SHA-256, written in the transaction
    that publishes the act (services.deliberation_set_status) and never changed after
    (immutability.py: the database refuses it), except for the facts recorded after the
    publication: once to add the receipt date in the prefecture when the publication left
    it "à compléter", and the notifications of an individual decision (L2131-1).

    A document rather than rows: what was certified is one text with one fingerprint, which
    an extract, the verification page and an archive can quote; a change of schema adds a
    version, never rewrites what was frozen."""

    # DO_NOTHING: a published act is never deleted, and the database says so in French
    # (immutability.py) rather than Django's ProtectedError.
    deliberation = models.OneToOneField(
        Deliberation, on_delete=models.DO_NOTHING, related_name="record",
        verbose_name="délibération",
    )
    version = models.PositiveSmallIntegerField("version du schéma")
    document = models.TextField("état publié (JSON canonique)")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    # Copied from the act: the one fact that may be added after the publication.
    received_on = models.DateField("reçue en préfecture le", null=True, blank=True)
    frozen_at = models.DateTimeField("figé le")

    class Meta:
        verbose_name = "état publié"
        verbose_name_plural = "états publiés"

    def __str__(self):
        return f"État publié de « {self.deliberation_id} » ({self.sha256[:12]})"
