"""Sessions (séances) of a body, and the fields their published acts lock."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_update_with_history

from deliberations.immutability import SESSION_LOCKED
from deliberations.querysets import SessionQuerySet
from deliberations.rules import vocabulary
from portal.kernel import reversing
from portal.models import Body, Member

# A session whose acts are published is part of the public record: what those acts certify
# (date, body, state, attendance and proxies, hence the quorum) changes only by a rectifying
# deliberation, never in place. Same wording in the model, the admin and the import.
# The sentences are those of the database triggers (deliberations/immutability.py).
# Fields of a session that its published acts certify (see SESSION_LOCKED).
SESSION_LOCKED_FIELDS = ("date", "body", "status")
# Fields of a session that are conditions of the validity of its acts (L2121-12 convocation
# and urgency, L5211-11-1 videoconference, L2121-17 second convocation, L2121-14 and
# L2121-15 president and secretaries): their published acts' records state them, so they are
# locked as soon as one act is published. The model and the admin refuse a change; the
# records already frozen would not show it anyway.
SESSION_VALIDITY_FIELDS = ("convened_on", "starts_at", "urgent", "urgency_ruling",
                           "videoconference", "first_convocation", "president", "secretary")
SESSION_VALIDITY_LOCKED = (
    "Cette séance a des délibérations publiées : sa convocation, son heure, l'urgence et la "
    "décision sur l'urgence, la téléconférence, la première convocation, sa présidence et "
    "ses secrétaires ne peuvent plus être modifiées. Rectifiez-les par une délibération "
    "rectificative."
)


def _attname(name: str) -> str:
    return f"{name}_id" if name in ("body", "first_convocation", "president", "secretary") \
        else name


class Session(models.Model):
    """A séance of a body."""

    class Status(models.TextChoices):
        # Stored values: rules.vocabulary; labels: what people read.
        DRAFT = vocabulary.SessionStatus.DRAFT, "En préparation"
        CONVENED = vocabulary.SessionStatus.CONVENED, "Convoquée"
        HELD = vocabulary.SessionStatus.HELD, "Tenue"
        CANCELLED = vocabulary.SessionStatus.CANCELLED, "Annulée / quorum non atteint"

    class UrgencyRuling(models.TextChoices):
        # Stored values: rules.vocabulary; labels: what people read.
        NONE = vocabulary.UrgencyRuling.NONE, "—"
        UPHELD = vocabulary.UrgencyRuling.UPHELD, "Urgence reconnue par l'assemblée"
        REFERRED = vocabulary.UrgencyRuling.REFERRED, "Discussion renvoyée à une séance ultérieure"

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="sessions", verbose_name="assemblée"
    )
    date = models.DateField("date")
    starts_at = models.TimeField("heure", null=True, blank=True)
    place = models.CharField("lieu", max_length=255, blank=True)
    convened_on = models.DateField("date de la convocation", null=True, blank=True)
    convocation_posted_at = models.CharField(
        "convocation affichée à", max_length=255, blank=True
    )
    urgent = models.BooleanField(
        "convocation en urgence", default=False,
        help_text="Délai ramené à un jour franc (L2121-12).",
    )
    president = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="président de séance",
    )
    president_capacity = models.CharField(
        "qualité du président de séance", max_length=255, blank=True
    )
    secretary = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="secrétaire de séance",
    )
    other_secretaries = models.ManyToManyField(
        Member, blank=True, related_name="+", verbose_name="autres secrétaires de séance",
        help_text="L2121-15 : l'assemblée nomme « un ou plusieurs » secrétaires parmi ses "
        "membres ; tous sont nommés sur les extraits.",
    )
    urgency_ruling = models.CharField(
        "décision de l'assemblée sur l'urgence", max_length=10, choices=UrgencyRuling.choices,
        blank=True, default="",
        help_text="L2121-12 : le président rend compte de l'urgence dès l'ouverture de la "
        "séance ; l'assemblée se prononce sur l'urgence.",
    )
    videoconference = models.BooleanField(
        "réunion par téléconférence", default=False,
        help_text="L5211-11-1 : organe délibérant d'un EPCI à fiscalité propre (loi 2019-1461), "
        "de tout EPCI et syndicat mixte fermé depuis le 1er août 2022 (loi 3DS, art. 170), de "
        "toute assemblée pendant les périodes dérogatoires Covid-19 ; votes au scrutin public ; "
        "ni élection du président et du bureau, ni budget primitif, ni désignations (L2121-33).",
    )
    first_convocation = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True,
        related_name="second_convocation", verbose_name="séance initiale (quorum non atteint)",
        help_text="Seconde convocation (L2121-17) : les questions reportées sont délibérées "
        "sans condition de quorum.",
    )
    agenda_item_count = models.PositiveSmallIntegerField(
        "nombre de questions à l'ordre du jour", null=True, blank=True
    )
    status = models.CharField(
        "état", max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    minutes_source = models.TextField(
        "texte source du registre", blank=True,
        help_text="Texte du registre dont la présence a été importée.",
    )

    # Audit trail (who changed what, when): the admin's « Historique » with a diff.
    history = HistoricalRecords(verbose_name="historique : séance")

    objects = SessionQuerySet.as_manager()

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "body__organisation"

    class Meta:
        verbose_name = "séance"
        verbose_name_plural = "séances"
        ordering = ["-date", "-starts_at"]
        # The session lists (newest first, or upcoming from today) read this order from it.
        indexes = [models.Index(fields=["-date", "-starts_at"], name="session_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(convened_on__isnull=True) | Q(convened_on__lte=F("date")),
                name="session_convened_before",
                violation_error_message="La convocation ne peut être postérieure à la séance.",
            ),
            models.CheckConstraint(
                condition=Q(agenda_item_count__isnull=True) | Q(agenda_item_count__gte=1),
                name="session_agenda_positive",
                violation_error_message="L'ordre du jour compte au moins une question.",
            ),
            models.UniqueConstraint(
                fields=["body", "date", "starts_at"], name="session_unique_per_body_time"
            ),
        ]

    def __str__(self):
        return f"{self.body.name} du {self.date:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        from deliberations.models.acts import Deliberation  # acts.py imports this module

        # Not a business rule but what the published records state, said in the terms of the
        # model before anything is written (as Deliberation.save for a published act).
        update_fields = kwargs.get("update_fields")
        watched = SESSION_VALIDITY_FIELDS if update_fields is None else [
            name for name in SESSION_VALIDITY_FIELDS
            if name in update_fields or _attname(name) in update_fields]
        changed = self.validity_changes(watched) if watched else []
        if changed:
            raise ValidationError({name: SESSION_VALIDITY_LOCKED for name in changed})
        # Derived copies only (Deliberation.save): body, year and session date are stored on
        # each act so that the database can check them; keep them in step with the session,
        # or a moved session would escape the "not before the session" check.
        with transaction.atomic():
            super().save(*args, **kwargs)
            update_fields = kwargs.get("update_fields")
            if update_fields is None or {"date", "body"} & set(update_fields):
                moved = list(self.deliberations.exclude(
                    session_date=self.date, body_id=self.body_id
                ))
                for deliberation in moved:
                    deliberation.session_date = self.date
                    deliberation.year = self.date.year
                    deliberation.body_id = self.body_id
                if moved:
                    # One UPDATE, and the acts' audit trail records the change (no signal).
                    bulk_update_with_history(moved, Deliberation,
                                             ["session_date", "year", "body"])

    def get_absolute_url(self):
        return reversing.reverse("deliberations:session_detail", pk=self.pk)

    def clean(self):
        errors = {name: SESSION_LOCKED for name in self.locked_changes()}
        errors.update({name: SESSION_VALIDITY_LOCKED for name in self.validity_changes()})
        if errors:
            raise ValidationError(errors)

    def validity_changes(self, names=SESSION_VALIDITY_FIELDS) -> list[str]:
        """The validity fields (SESSION_VALIDITY_FIELDS) changed since the session was
        stored, when one of its acts is published (else none). Two queries at most."""
        if self.pk is None:
            return []
        stored = Session.objects.filter(pk=self.pk).values(
            *[_attname(name) for name in names]).first()
        if stored is None:
            return []
        changed = [name for name in names
                   if stored[_attname(name)] != getattr(self, _attname(name))]
        return changed if changed and self.has_published_acts() else []

    def has_published_acts(self) -> bool:
        """Whether an act of this session is published (SESSION_LOCKED): one query."""
        from deliberations.models.acts import Deliberation  # acts.py imports this module

        return self.pk is not None and self.deliberations.filter(
            status=Deliberation.Status.PUBLISHED
        ).exists()

    def locked_changes(self) -> list[str]:
        """The fields among SESSION_LOCKED_FIELDS changed since the session was read, when
        its acts are published (else none)."""
        if self.pk is None:
            return []
        stored = Session.objects.filter(pk=self.pk).values(*[
            f"{name}_id" if name == "body" else name for name in SESSION_LOCKED_FIELDS
        ]).first()
        if stored is None:
            return []
        changed = [
            name for name in SESSION_LOCKED_FIELDS
            if stored[f"{name}_id" if name == "body" else name]
            != getattr(self, f"{name}_id" if name == "body" else name)
        ]
        return changed if changed and self.has_published_acts() else []
