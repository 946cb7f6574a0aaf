"""Deliberations (acts), their votes, appointments, notifications, state history, annexes."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from deliberations import querysets, rules
from deliberations.annexes import annex_upload_to, validate_annex_file
from deliberations.immutability import PUBLISHED_ACT_LOCKED, PUBLISHED_ACT_MUTABLE
from deliberations.models.matters import MATTER_CHOICES, matter_full_name
from deliberations.models.sessions import Session
from deliberations.querysets import DeliberationQuerySet
from deliberations.rules import vocabulary
from portal.kernel import reversing
from portal.models import Body, Member

# The order of every list of acts (querysets.LIST_ORDER) and the rows the lists' indexes cover.
LIST_ORDER = list(querysets.LIST_ORDER)
PUBLISHED = Q(status="published")


class Deliberation(models.Model):
    """A délibération: one item of a session, with its vote and its publication."""

    class Status(models.TextChoices):
        # Stored values: rules.vocabulary; labels: what people read.
        DRAFT = vocabulary.DeliberationStatus.DRAFT, "Brouillon"
        ADOPTED = vocabulary.DeliberationStatus.ADOPTED, "Adoptée"
        TRANSMITTED = vocabulary.DeliberationStatus.TRANSMITTED, "Transmise en préfecture"
        PUBLISHED = vocabulary.DeliberationStatus.PUBLISHED, "Publiée"

    class Nature(models.TextChoices):
        # @ctes nature codes.
        DELIBERATION = "1", "Délibérations"
        REGULATORY = "2", "Actes réglementaires"
        INDIVIDUAL = "3", "Actes individuels"
        CONTRACT = "4", "Contrats, conventions et avenants"
        BUDGET = "5", "Documents budgétaires et financiers"
        OTHER = "6", "Autres"

    class Ballot(models.TextChoices):
        # Stored values: rules.vocabulary; labels: what people read.
        SHOW_OF_HANDS = vocabulary.Ballot.SHOW_OF_HANDS, "À main levée"
        ROLL_CALL = vocabulary.Ballot.ROLL_CALL, "Scrutin public"
        SECRET = vocabulary.Ballot.SECRET, "Scrutin secret"

    class VoteKind(models.TextChoices):
        # Stored values: rules.vocabulary; labels: what people read.
        ORDINARY = vocabulary.VoteKind.ORDINARY, "Vote ordinaire (majorité des suffrages exprimés)"
        ADMINISTRATIVE_ACCOUNT = (vocabulary.VoteKind.ADMINISTRATIVE_ACCOUNT,
                                  "Compte administratif (L1612-12)")
        TWO_THIRDS_IN_OFFICE = (vocabulary.VoteKind.TWO_THIRDS_IN_OFFICE,
                                "Deux tiers des membres en exercice")
        TWO_THIRDS_CAST = vocabulary.VoteKind.TWO_THIRDS_CAST, "Deux tiers des suffrages exprimés"
        CLOSED_SESSION = vocabulary.VoteKind.CLOSED_SESSION, "Huis clos (L5211-11)"
        TWO_THIRDS_COUNCIL = (vocabulary.VoteKind.TWO_THIRDS_COUNCIL,
                              "Deux tiers du conseil (base de l'assemblée)")

    class Result(models.TextChoices):
        # Stored values: rules.vocabulary; labels: what people read.
        ADOPTED = vocabulary.VoteResult.ADOPTED, "Adoptée"
        REJECTED = vocabulary.VoteResult.REJECTED, "Rejetée"
        NOTED = vocabulary.VoteResult.NOTED, "Prise d'acte"

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
    # DELIB_ID of the SCDL exports: given at adoption when empty (numbering.py), editable
    # until publication like every field of the act.
    act_number = models.CharField(
        "n° d'acte", max_length=50, blank=True,
        help_text="Attribué à l'adoption (année-assemblée-rang, ex. 2022-B-001) s'il est vide ; "
        "modifiable jusqu'à la publication.",
    )
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
    ballot = models.CharField("mode de scrutin", max_length=16, choices=Ballot.choices,
                              default=Ballot.SHOW_OF_HANDS)
    # A registre extract loaded as it is may not say how the body voted ("A la majorité
    # absolue"): the rules still read `ballot` (the ordinary regime), but no output states it.
    ballot_stated = models.BooleanField(
        "mode de scrutin indiqué par la source", default=True,
        help_text="Décoché : les pages disent « non précisé par la source ».",
    )
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

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "session__body__organisation"

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
            # The acts the SCDL export leaves out for a value of their own (opendata.
            # scdl_coverage): a few, read without reading every published act.
            models.Index(fields=["body"], name="deliberation_incomplete_idx",
                         condition=PUBLISHED & (Q(act_number="") | Q(matter_code=""))),
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
        # Reversed once, then formatted (portal.kernel.reversing): every list row links here.
        return reversing.reverse(
            "deliberations:deliberation_detail",
            organisation=self.session.body.organisation.slug, year=self.year, slug=self.slug,
        )

    BALLOT_NOT_STATED = "Non précisé par la source"

    def get_ballot_display(self) -> str:
        """Every output (page, PV, record, API) says "non précisé" rather than a default
        when the source does not state the ballot (Django keeps a method defined here)."""
        if not self.ballot_stated:
            return self.BALLOT_NOT_STATED
        if self.ballot in self.Ballot.values:
            return self.Ballot(self.ballot).label
        return self.ballot

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
                corrected_published_on=corrected.published_on,
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

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "deliberation__session__body__organisation"

    class Meta:
        verbose_name = "notification"
        verbose_name_plural = "notifications (décision individuelle)"
        ordering = ["deliberation", "notified_on", "pk"]

    def __str__(self):
        return f"Notification à {self.addressee}"

    # A derived copy, not a business rule: the frozen record of a published individual
    # decision states its notifications and the dates they give (deliberations.record).
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._amend_record()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._amend_record()
        return result

    def _amend_record(self):
        from deliberations.record import record_amend_publication  # imports the models

        record_amend_publication(deliberation=self.deliberation)


class MemberVote(models.Model):
    """How one member voted on a deliberation, in a public roll-call vote (scrutin public,
    L2121-21: "les noms des votants avec l'indication du sens de leur vote"). One row per
    member who voted in person; ``for_member`` is set when the vote was cast by proxy in the
    name of that member (then ``member`` is the proxy holder). The procès-verbal (L2121-15)
    lists these rows; rules.tally_member_votes checks them against the recorded counts."""

    class Choice(models.TextChoices):
        # Stored values: rules.vocabulary; labels: what people read.
        FOR = vocabulary.VoteChoice.FOR, "Pour"
        AGAINST = vocabulary.VoteChoice.AGAINST, "Contre"
        ABSTENTION = vocabulary.VoteChoice.ABSTENTION, "Abstention"
        NOT_VOTING = vocabulary.VoteChoice.NOT_VOTING, "Ne prend pas part au vote"

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

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "deliberation__session__body__organisation"

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
    commission_or_outside_body = models.BooleanField(
        "commission ou organisme extérieur", default=False,
        help_text="L2121-21 : une candidature unique n'y prend effet immédiatement que pour "
        "une commission ou un organisme extérieur.",
    )
    single_candidate = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="candidature unique",
        help_text="Une seule candidature : la nomination prend effet immédiatement, sans vote.",
    )

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "deliberation__session__body__organisation"

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

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "appointment__deliberation__session__body__organisation"

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

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "deliberation__session__body__organisation"

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

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "deliberation__session__body__organisation"

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
