"""Who is who: organisations (collectivités), their communes, bodies (assemblées), members
(élus) and their mandates. See ../shared/DOMAIN.md, "Who is who"."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from portal.kernel import reversing, validation
from portal.querysets import MandateQuerySet, MemberQuerySet


def validate_siren(value: str) -> None:
    """A SIREN is 9 digits whose last is a Luhn check digit (INSEE)."""
    if not (value.isdigit() and stdnum_siren.is_valid(value)):
        raise ValidationError(
            "Ce SIREN n'est pas valide : 9 chiffres sans espace, dont le dernier est la clé "
            "de contrôle (algorithme de Luhn). Recopiez-le depuis l'avis de situation INSEE.",
            code="invalid_siren",
        )


def validate_siret(value: str) -> None:
    """A SIRET is the SIREN followed by the 5-digit NIC, Luhn-checked as a whole (INSEE)."""
    if not (value.isdigit() and stdnum_siret.is_valid(value)):
        raise ValidationError(
            "Ce SIRET n'est pas valide : 14 chiffres sans espace (SIREN puis NIC) dont la clé "
            "de contrôle (algorithme de Luhn) ne correspond pas. Recopiez-le depuis l'avis "
            "de situation INSEE.",
            code="invalid_siret",
        )


class Organisation(models.Model):
    """A collectivité or groupement: communauté d'agglomération, pôle métropolitain..."""

    class Kind(models.TextChoices):
        # Communauté d'agglomération (EPCI à fiscalité propre, L5216-1).
        AGGLOMERATION = "ca", "Communauté d'agglomération"
        # Communauté de communes (L5214-1).
        COMMUNITY_OF_COMMUNES = "cc", "Communauté de communes"
        # Communauté urbaine (L5215-1).
        URBAN_COMMUNITY = "cu", "Communauté urbaine"
        # Métropole (L5217-1).
        METROPOLIS = "metropole", "Métropole"
        # Pôle métropolitain, a syndicat mixte (L5731-1).
        METROPOLITAN_POLE = "pm", "Pôle métropolitain"
        # Syndicat de communes or syndicat mixte fermé (L5212-1, L5711-1).
        SYNDICATE = "syndicat", "Syndicat de communes ou syndicat mixte fermé"
        # Syndicat mixte ouvert (L5721-2): its statutes set its rules.
        OPEN_SYNDICATE = "smo", "Syndicat mixte ouvert"
        # Département, member of a pôle métropolitain.
        DEPARTMENT = "departement", "Département"
        # Commune.
        COMMUNE = "commune", "Commune"

    name = models.CharField("nom", max_length=255, unique=True)
    short_name = models.CharField("sigle", max_length=50, blank=True)
    slug = models.SlugField("identifiant d'URL", max_length=80, unique=True)
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    siren = models.CharField("SIREN", max_length=9, blank=True, validators=[validate_siren])
    # Required by the SCDL open-data exports (COLL_SIRET): an act of an organisation without
    # one is left out of the standard export and said so (publication/opendata.py).
    siret = models.CharField(
        "SIRET", max_length=14, blank=True, validators=[validate_siret],
        help_text="14 chiffres (SIREN puis NIC du siège), exigé par l'export SCDL des "
        "délibérations.",
    )
    # Decides the calendar of public holidays of every deadline (portal.kernel.calendars): Moselle,
    # Bas-Rhin and Haut-Rhin add Good Friday and 26 December.
    department = models.CharField(
        "département", max_length=3, blank=True,
        help_text="Code du département du siège (ex. 62, 57, 2A, 971) : fixe les jours fériés "
        "des délais (Alsace-Moselle : Vendredi saint et 26 décembre).",
    )
    arrondissement = models.CharField("arrondissement", max_length=100, blank=True)
    sub_prefecture = models.CharField("sous-préfecture", max_length=100, blank=True)
    administrative_court = models.CharField(
        "juridiction de recours", max_length=150, blank=True,
        help_text="Par exemple : tribunal administratif de Lille.",
    )
    seat_address = models.CharField("siège", max_length=255, blank=True)
    website = models.URLField("site internet", blank=True)
    member_organisations = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="groupings",
        verbose_name="membres (pour un syndicat ou un pôle)",
    )

    # Audit trail (who changed what, when): the admin's « Historique » with a diff.
    history = HistoricalRecords(verbose_name="historique : collectivité")

    # The organisation scope of the admin (portal.kernel.scope): the organisation itself.
    organisation_path = "pk"

    class Meta:
        verbose_name = "collectivité"
        verbose_name_plural = "collectivités"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(siren="") | Q(siren__regex=r"^\d{9}$"),
                name="organisation_siren_9_digits",
                violation_error_message="Le SIREN compte exactement 9 chiffres.",
            ),
            models.CheckConstraint(
                condition=Q(department="") | Q(department__regex=r"^(\d{2}|2[AB]|97\d)$"),
                name="organisation_department_code",
                violation_error_message="Le code du département compte 2 chiffres (ex. 62), "
                "2A, 2B ou 3 chiffres outre-mer (ex. 971).",
            ),
            models.CheckConstraint(
                condition=Q(siret="") | Q(siret__regex=r"^\d{14}$"),
                name="organisation_siret_14_digits",
                violation_error_message="Le SIRET compte exactement 14 chiffres.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reversing.reverse("portal:organisation_detail", slug=self.slug)

    def clean(self):
        if self.siren and self.siret and not self.siret.startswith(self.siren):
            raise ValidationError({"siret": "Le SIRET commence par le SIREN de la collectivité "
                                   f"({self.siren}) : l'un des deux est mal recopié."})


class Commune(models.Model):
    """A member commune of an EPCI. The INSEE code is optional: the seeds do not give it."""

    name = models.CharField("nom", max_length=150)
    insee_code = models.CharField("code INSEE", max_length=5, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="communes",
        verbose_name="intercommunalité",
    )

    organisation_path = "organisation"

    class Meta:
        verbose_name = "commune"
        verbose_name_plural = "communes"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="commune_unique_name"),
            models.UniqueConstraint(
                fields=["insee_code"], condition=~Q(insee_code=""), name="commune_unique_insee"
            ),
            models.CheckConstraint(
                condition=Q(insee_code="") | Q(insee_code__regex=r"^(\d{5}|2[AB]\d{3})$"),
                name="commune_insee_format",
                violation_error_message="Le code INSEE compte 5 caractères (ex. 62119).",
            ),
        ]

    def __str__(self):
        return self.name


class Body(models.Model):
    """An assemblée délibérante of an organisation (Conseil, Bureau, Comité syndical)."""

    class Kind(models.TextChoices):
        # Conseil communautaire of an EPCI (L5211-6).
        COUNCIL = "conseil", "Conseil communautaire"
        # Bureau communautaire, deliberating on powers delegated by the Conseil (L5211-10).
        BUREAU = "bureau", "Bureau communautaire"
        # Comité syndical of a syndicat or pôle métropolitain (L5711-1).
        SYNDICATE_COMMITTEE = "comite", "Comité syndical"
        # Any other deliberative body.
        OTHER = "autre", "Autre assemblée"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="bodies", verbose_name="collectivité"
    )
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    name = models.CharField("nom", max_length=150)
    slug = models.SlugField("identifiant d'URL", max_length=80)
    delegated_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="delegates",
        verbose_name="délibère par délégation de",
        help_text="Pour un Bureau : le Conseil qui lui a délégué une partie de ses attributions.",
    )

    # Audit trail (who changed what, when): the admin's « Historique » with a diff.
    history = HistoricalRecords(verbose_name="historique : assemblée")

    class Meta:
        verbose_name = "assemblée"
        verbose_name_plural = "assemblées"
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="body_unique_slug"),
        ]

    organisation_path = "organisation"

    def __str__(self):
        if self.organisation.short_name:
            return f"{self.name} ({self.organisation.short_name})"
        return f"{self.name} — {self.organisation.name}"

    def get_absolute_url(self):
        return reversing.reverse("portal:body_detail", organisation=self.organisation.slug,
                                 slug=self.slug)


class BodySettings(models.Model):
    """The rules a body's own texts set, where the CGCT leaves them room; without a record the
    CGCT defaults apply (rules.CGCT_RULES). A syndicat mixte's committee follows its statutes
    (L5711-1, L5721-2 via L5731-3; CE 18 Oct 2018 n° 421197). Each value names its source
    (e.g. "Statuts du PMA, art. 9"), printed beside the figures it changes."""

    body = models.OneToOneField(
        Body, on_delete=models.CASCADE, related_name="settings", verbose_name="assemblée"
    )
    quorum_counts_represented = models.BooleanField(
        "le quorum compte les membres représentés", default=False,
        help_text="CGCT L2121-17 : non (membres physiquement présents seulement).",
    )
    quorum_source = models.CharField(
        "source de la règle de quorum", max_length=255, default="CGCT L2121-17"
    )
    proxies_per_holder = models.PositiveSmallIntegerField(
        "procurations par mandataire", default=1, help_text="CGCT L2121-20 : une seule."
    )
    proxies_source = models.CharField(
        "source de la limite de procurations", max_length=255, default="CGCT L2121-20"
    )
    convocation_clear_days = models.PositiveSmallIntegerField(
        "délai de convocation (jours francs)", default=5,
        help_text="CGCT L2121-12 (via L5211-1) : cinq jours francs.",
    )
    convocation_source = models.CharField(
        "source du délai de convocation", max_length=255, default="CGCT L2121-12"
    )
    # Outside the Covid windows, whether a member attending by videoconference counts as
    # present only from a meeting place the convocation designates (deliberations.rules.
    # remote_attendance_problem): the texts speak of "plusieurs lieux".
    remote_from_designated_places = models.BooleanField(
        "à distance : présent seulement depuis un lieu de réunion désigné", default=True,
        help_text="CGCT L5211-11-1 (réunion « en plusieurs lieux ») ; décret 2020-904. "
        "Hors périodes dérogatoires Covid-19.",
    )
    remote_source = models.CharField(
        "source de la règle de présence à distance", max_length=255,
        default="CGCT L5211-11-1 (« en plusieurs lieux ») ; décret n° 2020-904",
    )
    # "La majorité des deux tiers du conseil" (L5216-5 III, L5214-16 IV): the sources differ
    # on what it is counted on; the body's choice is printed with the result.
    two_thirds_basis = models.CharField(
        "base des deux tiers du conseil", max_length=12, default="all_seats",
        choices=[("all_seats", "Tous les sièges du conseil"),
                 ("in_office", "Membres en exercice"),
                 ("votes_cast", "Suffrages exprimés")],
        help_text="Intérêt communautaire (L5216-5 III, L5214-16 IV).",
    )
    two_thirds_source = models.CharField(
        "source de la base des deux tiers", max_length=255,
        default="QE n° 68314 (JO AN 2006) ; TA Lille 2004 : tous les sièges du conseil",
    )
    seats = models.PositiveSmallIntegerField(
        "nombre de sièges", null=True, blank=True,
        help_text="Effectif légal de l'assemblée (arrêté préfectoral de composition).",
    )
    # Weighted votes (statutes of a syndicat mixte): each seat carries Mandate.voices.
    weighted_votes = models.BooleanField(
        "votes pondérés", default=False,
        help_text="Les statuts donnent plusieurs voix à certains délégués (voix par mandat).",
    )
    quorum_in_voices = models.BooleanField(
        "le quorum se compte en voix", default=False,
        help_text="Seulement si les statuts le prévoient.",
    )
    weights_source = models.CharField("source de la pondération", max_length=255, blank=True)

    class Meta:
        verbose_name = "règles propres de l'assemblée"
        verbose_name_plural = "règles propres des assemblées"
        constraints = [
            models.CheckConstraint(
                condition=Q(proxies_per_holder__gte=1), name="body_settings_proxies_positive",
                violation_error_message="Un mandataire peut détenir au moins une procuration.",
            ),
            models.CheckConstraint(
                condition=Q(convocation_clear_days__gte=1),
                name="body_settings_convocation_positive",
                violation_error_message="Le délai de convocation compte au moins un jour franc.",
            ),
            models.CheckConstraint(
                condition=Q(quorum_in_voices=False) | Q(weighted_votes=True),
                name="body_settings_quorum_in_voices_needs_weights",
                violation_error_message="Le quorum ne se compte en voix que si les statuts "
                "pondèrent les votes.",
            ),
            models.CheckConstraint(
                condition=Q(seats__isnull=True) | Q(seats__gte=1),
                name="body_settings_seats_positive",
                violation_error_message="L'assemblée compte au moins un siège.",
            ),
        ]

    organisation_path = "body__organisation"

    def __str__(self):
        return f"Règles propres — {self.body}"


class Member(models.Model):
    """An élu. Names are kept as the registre writes them: NOM Prénom."""

    class Civility(models.TextChoices):
        # Monsieur.
        MR = "M.", "M."
        # Madame.
        MRS = "Mme", "Mme"

    last_name = models.CharField("nom", max_length=100)
    first_name = models.CharField("prénom", max_length=100)
    civility = models.CharField("civilité", max_length=3, choices=Civility.choices, blank=True)
    # L2121-21: on a tie at the third round of an appointment, the oldest is elected. Never
    # shown on public pages.
    born_on = models.DateField("date de naissance", null=True, blank=True)
    slug = models.SlugField("identifiant d'URL", max_length=120, unique=True)
    # Accent-, case- and hyphen-insensitive key used to match names read in minutes.
    match_key = models.CharField("clé de rapprochement", max_length=220, db_index=True,
                                 editable=False)
    # Who answers for a member while no mandate ties them to an organisation (just created,
    # their seat comes next): that organisation's clerks only. Once seated, the mandates
    # decide (portal.admin.MemberAdmin).
    created_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="créé par la collectivité",
    )

    # Audit trail (who changed what, when): the admin's « Historique » with a diff.
    history = HistoricalRecords(verbose_name="historique : élu")

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = "élu"
        verbose_name_plural = "élus"
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # Derived value, not a business rule: keeps the matching key in step with the name.
        from portal.kernel.names import name_key

        self.match_key = name_key(self.full_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reversing.reverse("portal:member_detail", slug=self.slug)

    @property
    def full_name(self) -> str:
        """NOM Prénom, as in the registre."""
        return f"{self.last_name} {self.first_name}".strip()

    # An élu is shared between the organisations where they sit (portal.kernel.scope).
    @classmethod
    def organisation_filter(cls, ids) -> Q:
        """An account sees the members with a seat (current or past) in one of its
        organisations, and those with no seat yet that one of them created (their mandate
        comes next)."""
        return (Q(mandates__body__organisation__in=ids)
                | Q(mandates__isnull=True, created_by_organisation__in=ids))

    def current_organisation_ids(self, on=None) -> set[int]:
        """Organisations where the member holds a mandate not ended on ``on`` (today by
        default; a seat starting later counts: the élu is elected)."""
        on = on or timezone.localdate()
        return set(Mandate.objects.filter(member=self).filter(
            Q(end_on__isnull=True) | Q(end_on__gte=on))
            .values_list("body__organisation_id", flat=True))

    def organisations_to_change(self) -> set[int]:
        """Name, civility and slug appear on the pages, API and certified extracts of every
        organisation where the member sits: changed by an account assigned to all of them.
        A member who never sat belongs to the organisation that created them; one whose
        mandates have all ended, to the superusers (the organisations' history)."""
        current = self.current_organisation_ids()
        if current:
            return current
        if not Mandate.objects.filter(member=self).exists() and self.created_by_organisation_id:
            return {self.created_by_organisation_id}
        return set()


class Mandate(models.Model):
    """A seat held by a member in a body over a date range."""

    class Role(models.TextChoices):
        # Président of the body.
        PRESIDENT = "president", "Président"
        # n-th vice-président, with a delegation.
        VICE_PRESIDENT = "vice_president", "Vice-président"
        # Other member of the Bureau.
        BUREAU_MEMBER = "bureau_member", "Membre du Bureau"
        # Conseiller (délégué titulaire).
        COUNCILLOR = "councillor", "Conseiller"
        # Délégué suppléant (L5211-6): sits only when the titular member is absent.
        SUBSTITUTE = "substitute", "Délégué suppléant"

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="mandates", verbose_name="élu"
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="mandates", verbose_name="assemblée"
    )
    role = models.CharField("fonction", max_length=20, choices=Role.choices,
                            default=Role.COUNCILLOR)
    vice_president_rank = models.PositiveSmallIntegerField(
        "rang de vice-président", null=True, blank=True
    )
    delegation = models.CharField("délégation", max_length=255, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="mandates",
        verbose_name="commune représentée",
    )
    represented_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True,
        related_name="represented_by", verbose_name="membre représenté",
    )
    substitute_for = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="substitutes",
        verbose_name="suppléant de",
    )
    start_on = models.DateField("début")
    # Seats loaded from registre extracts start, for the rules, at the first known session of
    # the term; the sources give no appointment date, so the pages do not state one.
    start_stated = models.BooleanField(
        "date de début indiquée par la source", default=True,
        help_text="Décoché : les pages disent que la date de début n'est pas précisée.",
    )
    end_on = models.DateField("fin", null=True, blank=True)
    # Weighted votes (BodySettings.weighted_votes): the voices the statutes give this seat.
    voices = models.PositiveSmallIntegerField(
        "voix", default=1, help_text="Une voix, sauf statuts prévoyant des votes pondérés.",
    )

    objects = MandateQuerySet.as_manager()

    # Audit trail (who changed what, when): the admin's « Historique » with a diff.
    history = HistoricalRecords(verbose_name="historique : mandat")

    class Meta:
        verbose_name = "mandat"
        verbose_name_plural = "mandats"
        ordering = ["body", "role", "vice_president_rank", "member__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="mandate_end_after_start",
                violation_error_message="La fin du mandat ne peut précéder son début.",
            ),
            models.CheckConstraint(
                # Explicit IS NOT NULL: in SQL, "NULL >= 1" is unknown and a CHECK lets it pass.
                condition=(Q(role="vice_president") & Q(vice_president_rank__isnull=False)
                           & Q(vice_president_rank__gte=1))
                | (~Q(role="vice_president") & Q(vice_president_rank__isnull=True)),
                name="mandate_vice_president_rank",
                violation_error_message=(
                    "Le rang est obligatoire pour un vice-président et réservé à cette fonction."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role="substitute") | Q(substitute_for__isnull=True),
                name="mandate_substitute_only_for_suppleant",
                violation_error_message="Seul un délégué suppléant remplace un titulaire.",
            ),
            models.CheckConstraint(
                condition=Q(voices__gte=1), name="mandate_voices_positive",
                violation_error_message="Un siège porte au moins une voix.",
            ),
        ]

    organisation_path = "body__organisation"

    def __str__(self):
        return f"{self.member} — {self.get_role_display()} — {self.body}"

    def clean(self):
        # The apps' checks (deliberations: L5211-6), through the kernel's registry: the site
        # imports no app.
        errors = validation.problems(self)
        if errors:
            raise ValidationError(errors)

    @property
    def title(self) -> str:
        """The capacity as printed in the registre: "1er Vice-président", "Président"..."""
        if self.role == self.Role.VICE_PRESIDENT and self.vice_president_rank:
            rank = "1er" if self.vice_president_rank == 1 else f"{self.vice_president_rank}e"
            return f"{rank} Vice-président"
        return self.get_role_display()


class StaffAssignment(models.Model):
    """Which organisations a staff account works for. A clerk of one communauté sees and edits
    only that communauté's bodies, sessions and deliberations in the admin."""

    user = models.ForeignKey(
        "auth.User", on_delete=models.CASCADE, related_name="assignments",
        verbose_name="compte",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="staff",
        verbose_name="collectivité",
    )

    # Audit trail (who changed what, when): the admin's « Historique » with a diff.
    history = HistoricalRecords(verbose_name="historique : rattachement d'un agent")

    class Meta:
        verbose_name = "rattachement d'un agent"
        verbose_name_plural = "rattachements des agents"
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"],
                                    name="staff_assignment_unique"),
        ]

    organisation_path = "organisation"

    def __str__(self):
        return f"{self.user} — {self.organisation}"
