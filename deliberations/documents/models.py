"""The documents of a session that the law dates: the list of deliberations examined
(L2121-25), the procès-verbal (L2121-15) and the registre (L2121-23, R2121-9).

Imported at the end of deliberations/models.py, so these are models of the ``deliberations``
app. A published document is a file kept with its SHA-256; it changes only by a new version
(registre) and never after its publication (procès-verbal, list).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from portal.models import Body

SHA256_HEX = Q(sha256="") | Q(sha256__regex=r"^[0-9a-f]{64}$")


class Minutes(models.Model):
    """The procès-verbal of a session (L2121-15): written by the secretary from the structured
    session, adopted ("arrêté") at the start of a later session, signed by the president and
    the secretary, then published online within a week; read-only once published."""

    class Status(models.TextChoices):
        # Being written by the secretary: the substance of the discussions is typed per item.
        DRAFT = "draft", "En rédaction"
        # Adopted by the body at a later session (``approved_at``).
        APPROVED = "approved", "Arrêté"
        # Signed by the president and the secretary and put online: read-only from now on.
        PUBLISHED = "published", "Signé et publié"

    session = models.OneToOneField(
        "deliberations.Session", on_delete=models.PROTECT, related_name="minutes",
        verbose_name="séance",
    )
    status = models.CharField("état", max_length=10, choices=Status.choices,
                              default=Status.DRAFT, editable=False)
    opening = models.TextField(
        "ouverture de la séance", blank=True,
        help_text="Appel, désignation du secrétaire, communications du président…",
    )
    approved_at = models.ForeignKey(
        "deliberations.Session", on_delete=models.PROTECT, null=True, blank=True,
        related_name="minutes_approved", verbose_name="arrêté lors de la séance",
        editable=False,
    )
    signed_on = models.DateField("signé le", null=True, blank=True, editable=False)
    published_on = models.DateField("publié le", null=True, blank=True, editable=False)
    file = models.FileField("PDF publié", upload_to="proces-verbaux/%Y/", blank=True,
                            editable=False)
    sha256 = models.CharField("empreinte SHA-256", max_length=64, blank=True, editable=False)
    communicated_on = models.DateField(
        "communiqué aux conseillers municipaux des communes membres le", null=True, blank=True,
        help_text="L5211-40-2 : dans le mois qui suit son adoption.",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "session__body__organisation"

    class Meta:
        verbose_name = "procès-verbal"
        verbose_name_plural = "procès-verbaux"
        ordering = ["-session__date"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(approved_at=F("session")), name="minutes_approved_later",
                violation_error_message="Le procès-verbal est arrêté lors d'une autre séance.",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False),
                name="minutes_approved_has_session",
                violation_error_message="Un procès-verbal arrêté indique la séance qui l'a "
                "arrêté.",
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | (Q(published_on__isnull=False) & Q(signed_on__isnull=False) & ~Q(sha256="")),
                name="minutes_published_has_file",
                violation_error_message="Un procès-verbal publié a sa date, sa signature et "
                "son empreinte.",
            ),
            models.CheckConstraint(condition=SHA256_HEX, name="minutes_sha256_hex"),
        ]

    def __str__(self):
        return f"Procès-verbal — {self.session}"


class MinutesItem(models.Model):
    """What the procès-verbal says of one deliberation beyond the structured record: the
    requests for a particular ballot and the substance of the discussions (L2121-15)."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="items",
                                verbose_name="procès-verbal")
    deliberation = models.ForeignKey(
        "deliberations.Deliberation", on_delete=models.PROTECT, related_name="minutes_items",
        verbose_name="délibération",
    )
    ballot_request = models.TextField(
        "demandes de scrutin particulier", blank=True,
        help_text="Scrutin public (quart des présents) ou secret (tiers), L2121-21.",
    )
    discussion = models.TextField(
        "synthèse des débats", blank=True,
        help_text="Texte simple ; une ligne vide sépare deux paragraphes.",
    )

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "minutes__session__body__organisation"

    class Meta:
        verbose_name = "question du procès-verbal"
        verbose_name_plural = "questions du procès-verbal"
        ordering = ["minutes", "deliberation__item_number", "deliberation__pk"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "deliberation"],
                                    name="minutes_item_once"),
        ]

    def __str__(self):
        return str(self.deliberation)


class DeliberationList(models.Model):
    """The list of deliberations examined at a session (L2121-25), generated once the session
    is held and published as it was generated: ``entries`` keep what was printed."""

    session = models.OneToOneField(
        "deliberations.Session", on_delete=models.PROTECT, related_name="deliberation_list",
        verbose_name="séance",
    )
    entries = models.JSONField("délibérations examinées", default=list, editable=False)
    # A list goes stale when an act of the session is added or changed after it: a new
    # version is published, the earlier ones are kept (``earlier_versions``: version,
    # published_on, file name, sha256 and entries of each, oldest first).
    version = models.PositiveSmallIntegerField("version", default=1, editable=False)
    earlier_versions = models.JSONField("versions précédentes", default=list, editable=False)
    published_on = models.DateField("publiée le")
    file = models.FileField("PDF publié", upload_to="listes/%Y/")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    communicated_on = models.DateField(
        "communiquée aux conseillers municipaux des communes membres le", null=True,
        blank=True, help_text="L5211-40-2 : dans le mois qui suit la séance.",
    )
    created_at = models.DateTimeField("générée le", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="par",
    )

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "session__body__organisation"

    class Meta:
        verbose_name = "liste des délibérations examinées"
        verbose_name_plural = "listes des délibérations examinées"
        ordering = ["-session__date"]
        constraints = [
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"),
                                   name="deliberation_list_sha256_hex"),
        ]

    def __str__(self):
        return f"Liste des délibérations — {self.session} (version {self.version})"


class Registre(models.Model):
    """One version of the registre of a body for a year (L2121-23, R2121-9): every published
    deliberation in date order, pages numbered, a table of contents and the signature blocks.
    A change to an act of that year gives a new version; old versions are kept."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="registres",
                             verbose_name="assemblée")
    year = models.PositiveSmallIntegerField("année")
    version = models.PositiveSmallIntegerField("version")
    file = models.FileField("PDF", upload_to="registres/%Y/")
    sha256 = models.CharField("empreinte SHA-256", max_length=64, unique=True)
    content_fingerprint = models.CharField(
        "empreinte du contenu", max_length=64,
        help_text="Empreinte des délibérations reprises : une nouvelle version est générée "
        "quand elle change.",
    )
    act_count = models.PositiveIntegerField("nombre d'actes")
    page_count = models.PositiveIntegerField("nombre de pages")
    generated_at = models.DateTimeField("généré le", auto_now_add=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="par",
    )

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "body__organisation"

    class Meta:
        verbose_name = "registre des délibérations"
        verbose_name_plural = "registres des délibérations"
        ordering = ["body", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "version"],
                                    name="registre_unique_version"),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"),
                                   name="registre_sha256_hex"),
        ]

    def __str__(self):
        version = f" (version {self.version})" if self.version else ""
        return f"Registre {self.body} {self.year}{version}"


class AgendaItem(models.Model):
    """One item of a session's agenda (ordre du jour), as the convocation announces it:
    its rank, its subject, its rapporteur and the explanatory note (L2121-12, L5211-1)."""

    session = models.ForeignKey("deliberations.Session", on_delete=models.CASCADE,
                                related_name="agenda_items", verbose_name="séance")
    position = models.PositiveSmallIntegerField("n° de la question")
    title = models.TextField("objet")
    rapporteur = models.ForeignKey(
        "portal.Member", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="rapporteur",
    )
    note = models.TextField(
        "note explicative de synthèse", blank=True,
        help_text="Obligatoire pour un EPCI comptant une commune de 3 500 habitants ou plus "
        "(L2121-12 via L5211-1).",
    )

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "session__body__organisation"

    class Meta:
        verbose_name = "question de l'ordre du jour"
        verbose_name_plural = "ordre du jour"
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="agenda_item_unique",
                                    violation_error_message="Ce numéro de question est déjà "
                                    "utilisé dans l'ordre du jour."),
            models.CheckConstraint(condition=Q(position__gte=1), name="agenda_item_positive",
                                   violation_error_message="Les questions sont numérotées à "
                                   "partir de 1."),
        ]

    def __str__(self):
        return f"{self.position}. {self.title[:100]}"


class ConvocationAddress(models.Model):
    """The address where a member receives the convocations of one organisation (L2121-10:
    "à leur domicile ou à une autre adresse", electronically by default). One per member and
    organisation: an élu who sits in the CABBALR and in the PMA has an address for each,
    which only that organisation's clerks see and change. Kept apart from the public member
    record: it is never published."""

    member = models.ForeignKey("portal.Member", on_delete=models.CASCADE,
                               related_name="convocation_addresses", verbose_name="élu")
    organisation = models.ForeignKey(
        "portal.Organisation", on_delete=models.CASCADE, related_name="+",
        verbose_name="collectivité qui convoque",
    )
    email = models.EmailField("adresse électronique")

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "organisation"

    class Meta:
        verbose_name = "adresse de convocation"
        verbose_name_plural = "adresses de convocation"
        ordering = ["member", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "organisation"], name="convocation_address_one_per_organisation",
                violation_error_message="Cet élu a déjà une adresse de convocation pour cette "
                "collectivité."),
        ]

    def __str__(self):
        return f"{self.member} <{self.email}>"


class Convocation(models.Model):
    """The convocation of a session as sent (L2121-10, L2121-12): the PDF/A with the agenda and
    notes, its SHA-256, and when it was sent. The L2121-12 delay is checked against
    ``sent_at``, never against a typed date."""

    session = models.OneToOneField("deliberations.Session", on_delete=models.PROTECT,
                                   related_name="convocation", verbose_name="séance")
    sent_at = models.DateTimeField("envoyée le")
    urgent = models.BooleanField("en urgence (un jour franc)", default=False)
    subject = models.CharField("objet du message", max_length=255)
    html = models.TextField("message envoyé (HTML)")
    file = models.FileField("PDF", upload_to="convocations/%Y/")
    sha256 = models.CharField("empreinte SHA-256 du PDF", max_length=64)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="par",
    )

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "session__body__organisation"

    class Meta:
        verbose_name = "convocation"
        verbose_name_plural = "convocations"
        ordering = ["-sent_at"]
        constraints = [
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"),
                                   name="convocation_sha256_hex"),
        ]

    def __str__(self):
        return f"Convocation — {self.session}"


class ConvocationDelivery(models.Model):
    """One sending of the convocation to one member: when, to which address, the SHA-256 of
    what was sent, and when the member opened the acknowledgement link."""

    convocation = models.ForeignKey(Convocation, on_delete=models.CASCADE,
                                    related_name="deliveries", verbose_name="convocation")
    member = models.ForeignKey("portal.Member", on_delete=models.PROTECT, related_name="+",
                               verbose_name="élu")
    email = models.EmailField("adresse")
    sent_at = models.DateTimeField("envoyée le")
    sha256 = models.CharField("empreinte SHA-256 du message", max_length=64)
    opened_at = models.DateTimeField("ouverte le", null=True, blank=True)

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "convocation__session__body__organisation"

    class Meta:
        verbose_name = "envoi de convocation"
        verbose_name_plural = "envois de convocation"
        ordering = ["convocation", "member"]
        constraints = [
            models.UniqueConstraint(fields=["convocation", "member"],
                                    name="convocation_delivery_once"),
            models.CheckConstraint(condition=Q(sha256__regex=r"^[0-9a-f]{64}$"),
                                   name="convocation_delivery_sha256_hex"),
        ]

    def __str__(self):
        return f"{self.member} — {self.sent_at:%d/%m/%Y %H:%M}"
