"""Sessions (séances), attendance per item, proxies, deliberations, their history and the
certified extracts issued from them. The legal rules are in rules.py; this module stores."""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models, transaction
from django.db.models import F, Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils.functional import LazyObject, empty
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_update_with_history

from deliberations import querysets, rules
from deliberations.annexes import annex_upload_to, validate_annex_file
from deliberations.immutability import (  # noqa: F401  (re-exported: one wording)
    ATTENDANCE_LOCKED,
    PUBLISHED_ACT_LOCKED,
    PUBLISHED_ACT_MUTABLE,
    SESSION_LOCKED,
)
from deliberations.querysets import DeliberationQuerySet, IssuedExtractQuerySet, SessionQuerySet
from portal.models import Body, Member

# @ctes nomenclature, level 1 and 2 (../shared/DOMAIN.md, SCDL section).
MATTER_LEVEL1 = {
    "1": "Commande publique",
    "2": "Urbanisme",
    "3": "Domaine et patrimoine",
    "4": "Fonction publique",
    "5": "Institutions et vie politique",
    "6": "Libertés publiques et pouvoirs de police",
    "7": "Finances locales",
    "8": "Domaines de compétences par thèmes",
    "9": "Autres domaines de compétences",
}
MATTER_CHOICES = [
    ("1.1", "Marchés publics"),
    ("1.2", "Délégation de service public"),
    ("1.3", "Conventions de mandat"),
    ("1.4", "Autres types de contrats"),
    ("1.5", "Transactions /protocole d'accord transactionnel"),
    ("1.6", "Actes relatifs à la maîtrise d'œuvre"),
    ("1.7", "Actes spéciaux et divers"),
    ("2.1", "Documents d'urbanisme"),
    ("2.2", "Actes relatifs au droit d'occupation ou d'utilisation des sols"),
    ("2.3", "Droit de préemption urbain"),
    ("3.1", "Acquisitions"),
    ("3.2", "Aliénations"),
    ("3.3", "Locations"),
    ("3.4", "Limites territoriales"),
    ("3.5", "Autres actes de gestion du domaine public"),
    ("3.6", "Autres actes de gestion du domaine privé"),
    ("4.1", "Personnels titulaires et stagiaires de la F.P.T."),
    ("4.2", "Personnel contractuel"),
    ("4.3", "Fonction publique hospitalière"),
    ("4.4", "Autres catégories de personnels"),
    ("4.5", "Régime indemnitaire"),
    ("5.1", "Election exécutif"),
    ("5.2", "Fonctionnement des assemblées"),
    ("5.3", "Désignation de représentants"),
    ("5.4", "Délégation de fonctions"),
    ("5.5", "Délégation de signature"),
    ("5.6", "Exercice des mandats locaux"),
    ("5.7", "Intercommunalité"),
    ("5.8", "Décision d'ester en justice"),
    ("6.1", "Police municipale"),
    ("6.2", "Pouvoir du président du conseil général"),
    ("6.3", "Pouvoir du président du conseil régional"),
    ("6.4", "Autres actes réglementaires"),
    ("6.5", "Actes pris au nom de l'Etat et soumis au contrôle hiérarchique"),
    ("7.1", "Décisions budgétaires"),
    ("7.2", "Fiscalité"),
    ("7.3", "Emprunts"),
    ("7.4", "Interventions économiques"),
    ("7.5", "Subventions"),
    ("7.6", "Contributions budgétaires"),
    ("7.7", "Avances"),
    ("7.8", "Fonds de concours"),
    ("7.9", "Prise de participation (SEM, etc.)"),
    ("7.10", "Divers"),
    ("8.1", "Enseignement"),
    ("8.2", "Aide sociale"),
    ("8.3", "Voirie"),
    ("8.4", "Aménagement du territoire"),
    ("8.5", "Politique de la ville-habitat-logement"),
    ("8.6", "Emploi-formation professionnelle"),
    ("8.7", "Transports"),
    ("8.8", "Environnement"),
    ("8.9", "Culture"),
    ("9.1", "Autres domaines de compétences des communes"),
    ("9.2", "Autres domaines de compétences des départements"),
    ("9.3", "Autres domaines de compétences des régions"),
    ("9.4", "Vœux et motions"),
]
MATTER_LABELS = dict(MATTER_CHOICES)


def matter_full_name(code: str) -> str:
    """SCDL DELIB_MATIERE_NOM: "level-1 label/level-2 label" in lower case."""
    if not code:
        return ""
    return f"{MATTER_LEVEL1[code.split('.')[0]]}/{MATTER_LABELS[code]}".lower()


# A session whose acts are published is part of the public record: what those acts certify
# (date, body, state, attendance and proxies, hence the quorum) changes only by a rectifying
# deliberation, never in place. Same wording in the model, the admin and the import.
# The sentences are those of the database triggers (deliberations/immutability.py).
# Fields of a session that its published acts certify (see SESSION_LOCKED).
SESSION_LOCKED_FIELDS = ("date", "body", "status")


class Session(models.Model):
    """A séance of a body."""

    class Status(models.TextChoices):
        # Being prepared by the clerks; never shown to the public.
        DRAFT = "draft", "En préparation"
        # Convocation sent (L2121-10): shown as an upcoming session.
        CONVENED = "convened", "Convoquée"
        # The session took place.
        HELD = "held", "Tenue"
        # Cancelled, or closed for lack of quorum (then a second convocation follows).
        CANCELLED = "cancelled", "Annulée / quorum non atteint"

    class UrgencyRuling(models.TextChoices):
        # Not recorded (or no urgency).
        NONE = "", "—"
        # The assembly recognised the urgency at the opening of the session (L2121-12).
        UPHELD = "upheld", "Urgence reconnue par l'assemblée"
        # The assembly referred all or part of the discussion to a later session.
        REFERRED = "referred", "Discussion renvoyée à une séance ultérieure"

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
        help_text="L5211-11-1 : organe délibérant d'un EPCI à fiscalité propre seulement ; "
        "votes au scrutin public ; ni élection du président et du bureau, ni budget primitif, "
        "ni désignations (L2121-33).",
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
        return reverse("deliberations:session_detail", kwargs={"pk": self.pk})

    def clean(self):
        changed = self.locked_changes()
        if changed:
            raise ValidationError({name: SESSION_LOCKED for name in changed})

    def has_published_acts(self) -> bool:
        """Whether an act of this session is published (SESSION_LOCKED): one query."""
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


class Attendance(models.Model):
    """One member's attendance at a session, per item (question n°).

    A member present "à partir de la question 5" has from_item=5; one who leaves after question
    12 has until_item=12. Never one boolean: quorum is checked at every item (L2121-17).
    """

    class Status(models.TextChoices):
        # Present for the items in [from_item, until_item].
        PRESENT = "present", "Présent"
        # Absent and excused ("absent excusé"); may have given a proxy.
        EXCUSED = "excused", "Absent excusé"
        # Absent, not excused.
        ABSENT = "absent", "Absent"

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name="séance"
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="attendances", verbose_name="élu"
    )
    status = models.CharField("présence", max_length=10, choices=Status.choices,
                              default=Status.PRESENT)
    from_item = models.PositiveSmallIntegerField(
        "présent à partir de la question", null=True, blank=True
    )
    until_item = models.PositiveSmallIntegerField(
        "présent jusqu'à la question", null=True, blank=True
    )
    remote = models.BooleanField(
        "à distance (téléconférence)", default=False,
        help_text="L5211-11-1 : un membre présent à distance compte pour le quorum.",
    )
    replaces = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_in",
        verbose_name="suppléant de",
        help_text="Délégué suppléant siégeant à la place du titulaire absent (L5211-6).",
    )
    note = models.CharField("mention au registre", max_length=255, blank=True)

    # Audit trail (who changed what, when): the admin's « Historique » with a diff.
    history = HistoricalRecords(verbose_name="historique : présence")

    class Meta:
        verbose_name = "présence"
        verbose_name_plural = "présences"
        ordering = ["session", "status", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"],
                                    name="attendance_one_row_per_member",
                                    violation_error_message="Cet élu figure déjà dans la "
                                    "liste de présence de la séance."),
            models.CheckConstraint(
                condition=Q(from_item__isnull=True) | Q(until_item__isnull=True)
                | Q(from_item__lte=F("until_item")),
                name="attendance_items_ordered",
                violation_error_message="La question d'arrivée doit précéder celle du départ.",
            ),
            models.CheckConstraint(
                condition=Q(status="present")
                | (Q(from_item__isnull=True) & Q(until_item__isnull=True)
                   & Q(replaces__isnull=True)),
                name="attendance_items_only_when_present",
                violation_error_message="Les questions d'arrivée et de départ et la suppléance "
                "ne concernent qu'un élu présent.",
            ),
            models.CheckConstraint(
                condition=Q(replaces__isnull=True) | ~Q(replaces=F("member")),
                name="attendance_not_replacing_self",
                violation_error_message="Un élu ne peut être son propre suppléant.",
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.get_status_display()}"


class WrittenProxy(models.Model):
    """A written proxy document (pouvoir écrit, L2121-20) that may serve at several sessions of
    the same body, e.g. "pour les séances du 1er janvier au 30 juin".

    L2121-20: "sauf cas de maladie dûment constatée, il ne peut être valable pour plus de
    trois séances consécutives"; the check is rules.written_proxy_problem, run by the admin
    and the attendance import on each session's proxies linked to the document.
    """

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="written_proxies", verbose_name="assemblée"
    )
    giver = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="written_proxies_given",
        verbose_name="mandant",
    )
    holder = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="written_proxies_held",
        verbose_name="mandataire",
    )
    signed_on = models.DateField("daté du")
    valid_from = models.DateField("valable à partir du")
    valid_until = models.DateField(
        "valable jusqu'au", null=True, blank=True,
        help_text="Vide : jusqu'à révocation (le pouvoir reste limité à trois séances "
        "consécutives, sauf maladie dûment constatée).",
    )
    illness_certified = models.BooleanField(
        "maladie dûment constatée", default=False,
        help_text="L2121-20 : le pouvoir peut alors valoir pour plus de trois séances "
        "consécutives.",
    )
    note = models.CharField("mention", max_length=255, blank=True)

    # Audit trail (who changed what, when): the admin's « Historique » with a diff.
    history = HistoricalRecords(verbose_name="historique : pouvoir écrit")

    class Meta:
        verbose_name = "pouvoir écrit"
        verbose_name_plural = "pouvoirs écrits"
        ordering = ["body", "-valid_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(giver=F("holder")), name="written_proxy_giver_is_not_holder",
                violation_error_message="Un élu ne peut se donner procuration à lui-même.",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="written_proxy_dates_ordered",
                violation_error_message="La fin de validité du pouvoir ne peut précéder son "
                "début.",
            ),
        ]

    def __str__(self):
        until = f" au {self.valid_until:%d/%m/%Y}" if self.valid_until else ""
        return (f"Pouvoir de {self.giver} à {self.holder} "
                f"(du {self.valid_from:%d/%m/%Y}{until})")


class Proxy(models.Model):
    """A procuration (pouvoir, L2121-20): the giver, absent, asks the holder, present, to vote
    in their name, possibly only for some items ("jusqu'à la question 4"). ``written_proxy``:
    the document it rests on, when one document serves at several sessions."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="proxies", verbose_name="séance"
    )
    giver = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="proxies_given", verbose_name="mandant"
    )
    holder = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="proxies_held",
        verbose_name="mandataire",
    )
    from_item = models.PositiveSmallIntegerField("à partir de la question", null=True,
                                                 blank=True)
    until_item = models.PositiveSmallIntegerField("jusqu'à la question", null=True, blank=True)
    written_proxy = models.ForeignKey(
        WrittenProxy, on_delete=models.PROTECT, null=True, blank=True, related_name="uses",
        verbose_name="pouvoir écrit",
        help_text="Rempli d'office quand un pouvoir écrit du même mandant au même mandataire "
        "couvre la date de la séance.",
    )

    # Audit trail (who changed what, when): the admin's « Historique » with a diff.
    history = HistoricalRecords(verbose_name="historique : procuration")

    class Meta:
        verbose_name = "procuration"
        verbose_name_plural = "procurations"
        ordering = ["session", "pk"]
        # One proxy per *holder* is checked item by item in rules.py, not here: a member may
        # hold two proxies during the Covid windows, or one per disjoint range of items.
        # A row is the proxy used at one session; a written proxy serving at several
        # sessions is a WrittenProxy (L2121-20: three consecutive sessions at most).
        constraints = [
            models.UniqueConstraint(fields=["session", "giver"], name="proxy_one_per_giver",
                                    violation_error_message="Cet élu a déjà donné une "
                                    "procuration pour cette séance."),
            models.CheckConstraint(
                condition=~Q(giver=F("holder")), name="proxy_giver_is_not_holder",
                violation_error_message="Un élu ne peut se donner procuration à lui-même.",
            ),
            models.CheckConstraint(
                condition=Q(from_item__isnull=True) | Q(until_item__isnull=True)
                | Q(from_item__lte=F("until_item")),
                name="proxy_items_ordered",
                violation_error_message="La première question couverte doit précéder la "
                "dernière.",
            ),
        ]

    def __str__(self):
        return f"{self.giver} donne procuration à {self.holder}"


# The order of every list of acts (querysets.LIST_ORDER) and the rows the lists' indexes cover.
LIST_ORDER = list(querysets.LIST_ORDER)
PUBLISHED = Q(status="published")


class Deliberation(models.Model):
    """A délibération: one item of a session, with its vote and its publication."""

    class Status(models.TextChoices):
        # Being written; never public.
        DRAFT = "draft", "Brouillon"
        # Voted by the body.
        ADOPTED = "adopted", "Adoptée"
        # Sent to the prefecture through @ctes (L2131-2).
        TRANSMITTED = "transmitted", "Transmise en préfecture"
        # Put online (R2131-1): public from now on.
        PUBLISHED = "published", "Publiée"

    class Nature(models.TextChoices):
        # @ctes nature codes.
        DELIBERATION = "1", "Délibérations"
        REGULATORY = "2", "Actes réglementaires"
        INDIVIDUAL = "3", "Actes individuels"
        CONTRACT = "4", "Contrats, conventions et avenants"
        BUDGET = "5", "Documents budgétaires et financiers"
        OTHER = "6", "Autres"

    class Ballot(models.TextChoices):
        # Vote à main levée (ordinary).
        SHOW_OF_HANDS = "main_levee", "À main levée"
        # Scrutin public à la demande du quart des membres présents (L2121-21).
        ROLL_CALL = "public", "Scrutin public"
        # Scrutin secret: tiers des membres présents, or appointments (L2121-21).
        SECRET = "secret", "Scrutin secret"

    class VoteKind(models.TextChoices):
        # L2121-20: more votes for than against; the president's vote decides a tie.
        ORDINARY = "ordinary", "Vote ordinaire (majorité des suffrages exprimés)"
        # L1612-12: adopted unless a majority votes against; the president withdraws.
        ADMINISTRATIVE_ACCOUNT = "administrative_account", "Compte administratif (L1612-12)"
        # Two thirds of the members in office (e.g. intérêt communautaire, L5216-5 III).
        TWO_THIRDS_IN_OFFICE = "two_thirds_in_office", "Deux tiers des membres en exercice"
        # Two thirds of the votes cast, where the text says so.
        TWO_THIRDS_CAST = "two_thirds_cast", "Deux tiers des suffrages exprimés"
        # L5211-11: sitting in camera, absolute majority of members present or represented.
        CLOSED_SESSION = "closed_session", "Huis clos (L5211-11)"

    class Result(models.TextChoices):
        # for > against, or a tie broken by the president's vote (not in a secret ballot).
        ADOPTED = "adopted", "Adoptée"
        # Not adopted.
        REJECTED = "rejected", "Rejetée"
        # The assembly takes note of a report: no decision is voted ("prend acte").
        NOTED = "noted", "Prise d'acte"

    class RectificationKind(models.TextChoices):
        # Not a rectification.
        NONE = "", "—"
        # Corrects an obvious clerical mistake (a figure, a name, a date) of the act, without
        # changing what was decided.
        MATERIAL_ERROR = "material_error", "Rectificatif d'erreur matérielle"
        # The assembly deliberates again: withdraws or modifies the act.
        NEW_DELIBERATION = "new_deliberation", "Nouvelle délibération (retrait ou modification)"

    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="deliberations", verbose_name="séance"
    )
    item_number = models.PositiveSmallIntegerField(
        "n° d'ordre (question)", null=True, blank=True,
        help_text="Laisser vide si le registre ne le précise pas.",
    )
    act_number = models.CharField("n° d'acte", max_length=50, blank=True)
    # Denormalised from the session so that the database can enforce "one act number per body
    # and year"; always derived in save() from the session, never typed.
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", editable=False)
    year = models.PositiveSmallIntegerField("année", editable=False)
    # Also derived from the session, so that the database refuses a transmission, receipt or
    # publication dated before the session (hence an executory date before it).
    session_date = models.DateField("date de la séance", editable=False)
    slug = models.SlugField("identifiant d'URL", max_length=120, unique=True)
    theme = models.CharField("thématique (rubrique)", max_length=255, blank=True)
    title = models.TextField("objet")
    report = models.TextField("exposé", blank=True)
    president_request = models.TextField(
        "demande du président et visas", blank=True,
        help_text="« Monsieur le Président demande à l'Assemblée de bien vouloir se prononcer »…",
    )
    vote_wording = models.CharField(
        "mention du vote", max_length=255, blank=True,
        help_text="Par exemple : « A la majorité absolue », « A l'unanimité ».",
    )
    decision = models.TextField("dispositif (articles)", blank=True)
    appeal_clause = models.TextField("voies et délais de recours", blank=True)
    nature = models.CharField("nature @ctes", max_length=1, choices=Nature.choices,
                              default=Nature.DELIBERATION)
    matter_code = models.CharField("matière @ctes", max_length=4, choices=MATTER_CHOICES,
                                   blank=True)
    ballot = models.CharField("mode de scrutin", max_length=12, choices=Ballot.choices,
                              default=Ballot.SHOW_OF_HANDS)
    votes_for = models.PositiveSmallIntegerField("pour", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("contre", null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField("abstentions", null=True, blank=True)
    blank_or_null = models.PositiveSmallIntegerField("blancs et nuls", null=True, blank=True)
    vote_kind = models.CharField(
        "nature du vote", max_length=24, choices=VoteKind.choices, default=VoteKind.ORDINARY,
        help_text="Règle de majorité (rules.vote_result). Compte administratif : le président "
        "de séance se retire et ne compte ni présent ni pour une procuration sur cette question.",
    )
    president_abstained = models.BooleanField(
        "le président s'est abstenu", default=False,
        help_text="En cas de partage, sans voix du président la délibération n'est pas adoptée.",
    )
    president_voted_for = models.BooleanField(
        "voix du président pour l'adoption", null=True, blank=True,
        help_text="En cas de partage des voix, la voix du président est prépondérante, "
        "sauf au scrutin secret (L2121-20).",
    )
    non_voting_members = models.ManyToManyField(
        Member, blank=True, related_name="+", verbose_name="ne prennent pas part au vote"
    )
    withdrawn_members = models.ManyToManyField(
        Member, blank=True, related_name="+",
        verbose_name="ont quitté la salle (intérêt personnel, L2131-11)",
    )
    is_initial_budget = models.BooleanField(
        "budget primitif", default=False,
        help_text="Ne peut être adopté en téléconférence (L5211-11-1).",
    )
    is_individual = models.BooleanField(
        "décision individuelle", default=False,
        help_text="Exécutoire par sa notification aux intéressés (et sa transmission), non par "
        "sa publication ; le délai de recours court de la notification (L2131-1).",
    )
    roll_call_requests = models.PositiveSmallIntegerField(
        "membres demandant le scrutin public", null=True, blank=True,
        help_text="Scrutin public à la demande du quart des membres présents (L2121-21).",
    )
    secret_ballot_requests = models.PositiveSmallIntegerField(
        "membres demandant le scrutin secret", null=True, blank=True,
        help_text="Scrutin secret à la demande du tiers des membres présents ; il l'emporte "
        "sur le scrutin public (L2121-21).",
    )
    is_carried_over = models.BooleanField(
        "question reportée (seconde convocation)", default=False,
        help_text="Question reportée faute de quorum : délibérée sans condition de quorum.",
    )
    result = models.CharField("résultat", max_length=10, choices=Result.choices, blank=True)
    rapporteur = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="rapporteur",
    )
    subject_to_transmission = models.BooleanField(
        "soumise à transmission en préfecture", default=True,
        help_text="L2131-2 : presque toutes les délibérations le sont.",
    )
    prefecture_act_id = models.CharField("identifiant @ctes", max_length=100, blank=True)
    transmitted_on = models.DateField("transmise le", null=True, blank=True)
    received_on = models.DateField("reçue en préfecture le", null=True, blank=True)
    published_on = models.DateField("publiée le", null=True, blank=True)
    signatory = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="signataire",
    )
    signatory_capacity = models.CharField(
        "qualité du signataire", max_length=255, blank=True,
        help_text="Par exemple : « Par délégation du Président, le Vice-président délégué ».",
    )
    budget_year = models.PositiveSmallIntegerField("exercice budgétaire", null=True,
                                                   blank=True)
    budget_name = models.CharField("budget", max_length=150, blank=True)
    # A published act never changes (immutability.py): a correction is a new act linked to it.
    rectifies = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="rectifications",
        verbose_name="rectifie la délibération",
        help_text="La délibération publiée que celle-ci corrige ; elle reste en ligne, avec "
        "un bandeau qui renvoie à celle-ci une fois publiée.",
    )
    rectification_kind = models.CharField(
        "nature de la rectification", max_length=20, choices=RectificationKind.choices,
        blank=True, default="",
    )
    status = models.CharField("état", max_length=12, choices=Status.choices,
                              default=Status.DRAFT, editable=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    # PostgreSQL full-text vector (french + unaccent), kept up to date by a database trigger
    # created in migration 0003_search; its GIN index lives there too (PostgreSQL only).
    # Always NULL on SQLite, where an FTS5 table of French stems kept by triggers (migration
    # 0040_search_fts_list_indexes) does the same work.
    search_vector = SearchVectorField(null=True, editable=False)

    # Audit trail (who changed what, when): the admin's « Historique » with a diff.
    history = HistoricalRecords(
        excluded_fields=["search_vector"], verbose_name="historique : délibération"
    )

    objects = DeliberationQuerySet.as_manager()

    class Meta:
        verbose_name = "délibération"
        verbose_name_plural = "délibérations"
        # LIST_ORDER: newest session first, its items in order; served by the indexes below.
        ordering = LIST_ORDER
        permissions = [
            ("export_extract", "Peut émettre et exporter des extraits certifiés"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "item_number"], condition=Q(item_number__isnull=False),
                name="deliberation_unique_item", violation_error_message=(
                    "Une délibération porte déjà ce numéro d'ordre dans la séance."
                ),
            ),
            models.UniqueConstraint(
                fields=["body", "year", "act_number"], condition=~Q(act_number=""),
                name="deliberation_unique_act_number", violation_error_message=(
                    "Ce numéro d'acte est déjà utilisé pour cette assemblée et cette année."
                ),
            ),
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(transmitted_on__isnull=True)
                | Q(received_on__gte=F("transmitted_on")),
                name="deliberation_received_after_transmitted",
                violation_error_message="La réception en préfecture ne peut précéder l'envoi.",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__isnull": True})
                    | Q(**{f"{field}__gte": F("session_date")}),
                    name=f"deliberation_{field}_not_before_session",
                    violation_error_message="Une date de transmission, de réception ou de "
                    "publication ne peut précéder la séance.",
                )
                for field in ("transmitted_on", "received_on", "published_on")
            ],
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False),
                name="deliberation_published_has_date",
                violation_error_message="Une délibération publiée a une date de publication.",
            ),
            models.CheckConstraint(
                condition=Q(item_number__isnull=True) | Q(item_number__gte=1),
                name="deliberation_item_positive",
                violation_error_message="Le numéro d'ordre commence à 1.",
            ),
            models.CheckConstraint(
                condition=(Q(rectifies__isnull=True) & Q(rectification_kind=""))
                | (Q(rectifies__isnull=False) & ~Q(rectification_kind="")),
                name="deliberation_rectification_has_kind",
                violation_error_message="Une rectification indique la délibération qu'elle "
                "corrige et sa nature (erreur matérielle ou nouvelle délibération).",
            ),
        ]
        indexes = [
            # The public lists read LIST_ORDER from an index (no sort of every act before the
            # LIMIT): unfiltered, by body (and year or dates: a range of session_date), by
            # @ctes matter; the home page's latest publications. Published acts only, as
            # every public list (DeliberationQuerySet.published). No (status, published_on)
            # index: SQLite, which has no statistics, would read every published act through
            # it and sort them rather than read a page in order.
            models.Index(fields=LIST_ORDER, name="deliberation_list_idx", condition=PUBLISHED),
            models.Index(fields=["body", *LIST_ORDER], name="deliberation_body_list_idx",
                         condition=PUBLISHED),
            models.Index(fields=["matter_code", *LIST_ORDER],
                         name="deliberation_matter_list_idx", condition=PUBLISHED),
            models.Index(fields=["-published_on", *LIST_ORDER], name="deliberation_latest_idx",
                         condition=PUBLISHED),
            # The facets' choices (DeliberationQuerySet.distinct_values).
            models.Index(fields=["year"], name="deliberation_year_idx", condition=PUBLISHED),
            models.Index(fields=["theme"], name="deliberation_theme_idx", condition=PUBLISHED),
        ]

    def __str__(self):
        return self.title[:120]

    def save(self, *args, **kwargs):
        # Not a business rule but the database's own refusal (immutability.py), said first
        # and in the terms of the model: the trigger would raise an IntegrityError.
        changed = self.locked_changes()
        if changed:
            raise ValidationError({name: PUBLISHED_ACT_LOCKED for name in changed})
        # Derived keys only (see the fields): the session decides body and year.
        self.body_id = self.session.body_id
        self.session_date = self.session.date
        self.year = self.session.date.year
        super().save(*args, **kwargs)
        self._loaded = {field.attname: getattr(self, field.attname)
                        for field in self._meta.concrete_fields}

    def get_absolute_url(self):
        return reverse(
            "deliberations:deliberation_detail",
            kwargs={
                "organisation": self.session.body.organisation.slug,
                "year": self.year,
                "slug": self.slug,
            },
        )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The values as read, so that a change to a published act is refused before the
        # database trigger has to, without a query (locked_changes).
        instance._loaded = dict(zip(field_names, values, strict=True))
        return instance

    def locked_changes(self) -> list[str]:
        """The fields changed since this act was read, when it was published then (no query):
        a published act changes only by a rectification (immutability.PUBLISHED_ACT_MUTABLE:
        the receipt date may still be recorded once)."""
        loaded = getattr(self, "_loaded", None)
        if not loaded or loaded.get("status") != self.Status.PUBLISHED:
            return []
        return [
            field.name for field in self._meta.concrete_fields
            if field.attname in loaded and field.attname not in PUBLISHED_ACT_MUTABLE
            and getattr(self, field.attname) != loaded[field.attname]
        ] + (["received_on"] if loaded.get("received_on") is not None
             and self.received_on != loaded["received_on"] else [])

    def clean(self):
        changed = self.locked_changes()
        if changed:
            raise ValidationError({name: PUBLISHED_ACT_LOCKED for name in changed})
        if self.rectifies_id is not None:
            corrected = self.rectifies
            problems = rules.rectification_problems(
                corrected_status=corrected.status,
                corrected_session_date=corrected.session.date,
                session_date=self.session.date if self.session_id else None,
                same_organisation=not self.session_id or (
                    corrected.session.body.organisation_id
                    == self.session.body.organisation_id),
                is_itself=corrected.pk == self.pk,
            )
            if problems:
                raise ValidationError({"rectifies": problems})

    @property
    def matter_full_name(self) -> str:
        return matter_full_name(self.matter_code)


class Notification(models.Model):
    """The notification of an individual decision to one of its addressees (L2131-1): the act
    is executory for them from that date (and its receipt in the prefecture when it must be
    transmitted), and their appeal period runs from it (R421-1 CJA)."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="notifications",
        verbose_name="délibération",
    )
    addressee = models.CharField("destinataire", max_length=255)
    notified_on = models.DateField("notifiée le", null=True, blank=True)

    class Meta:
        verbose_name = "notification"
        verbose_name_plural = "notifications (décision individuelle)"
        ordering = ["deliberation", "notified_on", "pk"]

    def __str__(self):
        return f"Notification à {self.addressee}"


class MemberVote(models.Model):
    """How one member voted on a deliberation, in a public roll-call vote (scrutin public,
    L2121-21: "les noms des votants avec l'indication du sens de leur vote"). One row per
    member who voted in person; ``for_member`` is set when the vote was cast by proxy in the
    name of that member (then ``member`` is the proxy holder). The procès-verbal (L2121-15)
    lists these rows; rules.tally_member_votes checks them against the recorded counts."""

    class Choice(models.TextChoices):
        # Voted for the motion.
        FOR = "for", "Pour"
        # Voted against.
        AGAINST = "against", "Contre"
        # Abstained (not a vote cast).
        ABSTENTION = "abstention", "Abstention"
        # Took no part in the vote ("ne prend pas part au vote").
        NOT_VOTING = "not_voting", "Ne prend pas part au vote"

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="member_votes",
        verbose_name="délibération",
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="votes", verbose_name="votant"
    )
    for_member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="au nom de (procuration)",
    )
    choice = models.CharField("vote", max_length=12, choices=Choice.choices)

    class Meta:
        verbose_name = "vote nominatif"
        verbose_name_plural = "votes nominatifs (scrutin public)"
        ordering = ["deliberation", "member__last_name", "member__first_name", "pk"]
        constraints = [
            # One vote per member in person, and one per member represented.
            models.UniqueConstraint(fields=["deliberation", "member"],
                                    condition=Q(for_member__isnull=True),
                                    name="member_vote_once_in_person",
                                    violation_error_message="Cet élu a déjà voté sur cette "
                                    "délibération."),
            models.UniqueConstraint(fields=["deliberation", "for_member"],
                                    condition=Q(for_member__isnull=False),
                                    name="member_vote_once_by_proxy",
                                    violation_error_message="Un vote a déjà été enregistré au "
                                    "nom de cet élu."),
        ]

    def __str__(self):
        return f"{self.member} : {self.get_choice_display()}"


class Appointment(models.Model):
    """An election of a person (nomination) decided by a deliberation (L2121-21): by secret
    ballot in up to three rounds, unless the assembly unanimously decided otherwise, or at
    once when a single candidacy was filed. Results per candidate per round are
    AppointmentVote rows; rules.appointment_result decides and words the outcome."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="appointments",
        verbose_name="délibération",
    )
    position = models.PositiveSmallIntegerField("ordre", default=1)
    office = models.CharField("poste à pourvoir", max_length=255)
    executive_election = models.BooleanField(
        "élection du président ou d'un vice-président", default=False,
        help_text="Toujours au scrutin secret (L2122-7, via L5211-2).",
    )
    secret_ballot_waived = models.BooleanField(
        "scrutin secret écarté à l'unanimité", default=False,
        help_text="L2121-21 : l'assemblée peut décider à l'unanimité de ne pas voter au "
        "scrutin secret.",
    )
    single_candidate = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="candidature unique",
        help_text="Une seule candidature : la nomination prend effet immédiatement, sans vote.",
    )

    class Meta:
        verbose_name = "nomination"
        verbose_name_plural = "nominations (élections de personnes)"
        ordering = ["deliberation", "position", "pk"]

    def __str__(self):
        return self.office


class AppointmentVote(models.Model):
    """The votes a candidate obtained at one round of an appointment (L2121-21)."""

    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="votes", verbose_name="nomination"
    )
    round = models.PositiveSmallIntegerField("tour")
    candidate = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="+", verbose_name="candidat"
    )
    votes = models.PositiveSmallIntegerField("voix")

    class Meta:
        verbose_name = "résultat d'un candidat"
        verbose_name_plural = "résultats par tour"
        ordering = ["appointment", "round", "-votes", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["appointment", "round", "candidate"],
                                    name="appointment_vote_once_per_round",
                                    violation_error_message="Ce candidat a déjà un résultat "
                                    "pour ce tour."),
            models.CheckConstraint(condition=Q(round__gte=1) & Q(round__lte=3),
                                   name="appointment_vote_round_1_to_3",
                                   violation_error_message="Une élection compte trois tours "
                                   "au plus (L2121-21)."),
        ]

    def __str__(self):
        return f"{self.candidate} — tour {self.round} : {self.votes} voix"


class DeliberationStatusChange(models.Model):
    """History of the lifecycle of a deliberation (who moved it, when, from what to what)."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField("de", max_length=12, choices=Deliberation.Status.choices,
                                   blank=True)
    to_status = models.CharField("vers", max_length=12, choices=Deliberation.Status.choices)
    changed_at = models.DateTimeField("le", auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name="par",
    )
    note = models.CharField("commentaire", max_length=255, blank=True)

    class Meta:
        verbose_name = "changement d'état"
        verbose_name_plural = "historique des états"
        ordering = ["deliberation", "changed_at", "pk"]

    def __str__(self):
        return self.transition_label

    @property
    def transition_label(self) -> str:
        """"Brouillon → Adoptée"; a fact recorded without a change of state (the receipt
        date) reads as the state alone."""
        labels = dict(Deliberation.Status.choices)
        to_label = labels.get(self.to_status, self.to_status)
        if self.from_status == self.to_status:
            return to_label
        return f"{labels.get(self.from_status, 'Création')} → {to_label}"


class Annex(models.Model):
    """An annex to a deliberation (report, convention, plan...)."""

    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="annexes",
        verbose_name="délibération",
    )
    title = models.CharField("intitulé", max_length=255)
    file = models.FileField(
        "fichier", upload_to=annex_upload_to, blank=True, validators=[validate_annex_file],
        help_text="PDF, OpenDocument (.odt, .ods) ou CSV, 20 Mo au plus.",
    )
    url = models.URLField("lien", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=1)

    # Audit trail (who changed what, when): the admin's « Historique » with a diff.
    history = HistoricalRecords(verbose_name="historique : annexe")

    class Meta:
        verbose_name = "annexe"
        verbose_name_plural = "annexes"
        ordering = ["deliberation", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="annex_has_file_or_url",
                violation_error_message="Une annexe a un fichier ou un lien.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The public address of the annex: its file through annex_download (published acts
        only, as an attachment), else its link."""
        if self.file:
            return reverse("deliberations:annex_download", kwargs={"pk": self.pk})
        return self.url


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


# The session documents (procès-verbal, list of deliberations, registre) live in their own
# module; importing them here makes them models of this app.
from deliberations.documents.models import (  # noqa: E402, F401
    AgendaItem,
    Convocation,
    ConvocationAddress,
    ConvocationDelivery,
    DeliberationList,
    Minutes,
    MinutesItem,
    Registre,
)
