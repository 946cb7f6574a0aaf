"""Names as a body's registre spells them, tied to the members they designate (NameAlias)."""

from django.conf import settings
from django.db import models

from portal.models import Body, Member


class NameAlias(models.Model):
    """A name as the registre of a body spells it ("LECOMPTE Maurice"), tied by a clerk to the
    member it designates: the next import of that body's registre reads it without asking."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="name_aliases",
                             verbose_name="assemblée")
    name = models.CharField("nom lu", max_length=220)
    # portal.kernel.names.name_key of ``name``: accents, case and hyphens ignored.
    key = models.CharField("clé de rapprochement", max_length=220, editable=False)
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="name_aliases",
                               verbose_name="élu")
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="par",
    )

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "body__organisation"

    class Meta:
        verbose_name = "autre graphie d'un nom"
        verbose_name_plural = "autres graphies des noms"
        ordering = ["body", "key"]
        constraints = [
            models.UniqueConstraint(fields=["body", "key"], name="name_alias_unique_per_body",
                                    violation_error_message="Ce nom est déjà rattaché à un "
                                    "élu pour cette assemblée."),
        ]

    def __str__(self):
        return f"« {self.name} » = {self.member}"

    def save(self, *args, **kwargs):
        # Derived value, not a business rule (as Member.match_key).
        from portal.kernel.names import name_key

        self.key = name_key(self.name)
        super().save(*args, **kwargs)
