"""The territorial project 2022–2032 (projet de territoire) of an organisation: priorities,
stakes (enjeux), objectives, actions, the seven social functions of the "territoire de la
demi-heure", indicators with their measurements, the evaluations presented to the Conseil,
and which deliberations carry out which action ("mise en œuvre par")."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from deliberations.models import Deliberation
from portal.models import Organisation


class Project(models.Model):
    """A projet de territoire, adopted by a deliberation of the Conseil."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="territorial_projects",
        verbose_name="collectivité",
    )
    slug = models.SlugField("identifiant d'URL", max_length=80, unique=True)
    title = models.CharField("titre", max_length=255)
    start_year = models.PositiveSmallIntegerField("première année")
    end_year = models.PositiveSmallIntegerField("dernière année")
    adopted_by = models.ForeignKey(
        Deliberation, on_delete=models.PROTECT, null=True, blank=True,
        related_name="adopted_projects", verbose_name="délibération d'adoption",
    )
    adopted_on = models.DateField("adopté le", null=True, blank=True)
    evaluation_text = models.TextField("engagement d'évaluation (texte du projet)", blank=True)
    evaluation_interval_years = models.PositiveSmallIntegerField(
        "évaluation présentée au Conseil tous les … ans", default=2
    )

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "organisation"

    class Meta:
        verbose_name = "projet de territoire"
        verbose_name_plural = "projets de territoire"
        ordering = ["-start_year", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")),
                                   name="project_period_in_order"),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_year}-{self.end_year})"

    def get_absolute_url(self):
        return reverse("territory_project:dashboard", kwargs={"slug": self.slug})


class Priority(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="priorities",
                                verbose_name="projet")
    number = models.PositiveSmallIntegerField("numéro")
    title = models.CharField("titre", max_length=255)
    introduction = models.TextField("introduction", blank=True)

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "project__organisation"

    class Meta:
        verbose_name = "priorité"
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="priority_number_unique"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("territory_project:priority",
                       kwargs={"slug": self.project.slug, "number": self.number})


class Stake(models.Model):
    """An enjeu: "Parce que … (rationale), il nous faut : → title"."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="stakes",
                                 verbose_name="priorité")
    position = models.PositiveSmallIntegerField("rang dans la priorité")
    title = models.CharField("intitulé", max_length=400)
    rationale = models.TextField("« Parce que … »", blank=True)
    figures = models.JSONField("chiffres cités", default=list, blank=True)
    description = models.TextField("présentation", blank=True)

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "priority__project__organisation"

    class Meta:
        verbose_name = "enjeu"
        verbose_name_plural = "enjeux"
        ordering = ["priority", "position"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "position"],
                                    name="stake_position_unique"),
        ]

    def __str__(self):
        return self.title


class Objective(models.Model):
    stake = models.ForeignKey(Stake, on_delete=models.CASCADE, related_name="objectives",
                              verbose_name="enjeu")
    number = models.PositiveSmallIntegerField("numéro")
    title = models.CharField("intitulé", max_length=400)

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "stake__priority__project__organisation"

    class Meta:
        verbose_name = "objectif"
        ordering = ["stake", "number"]
        constraints = [
            models.UniqueConstraint(fields=["stake", "number"], name="objective_number_unique"),
        ]

    def __str__(self):
        return self.title


class Action(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions",
                                  verbose_name="objectif")
    position = models.PositiveSmallIntegerField("rang dans l'objectif")
    title = models.TextField("intitulé")
    deliberations = models.ManyToManyField(
        Deliberation, through="ActionDeliberation", related_name="project_actions",
        blank=True, verbose_name="mise en œuvre par",
    )

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "objective__stake__priority__project__organisation"

    class Meta:
        verbose_name = "action"
        ordering = ["objective", "position"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "position"],
                                    name="action_position_unique"),
        ]

    def __str__(self):
        return self.title if len(self.title) <= 120 else self.title[:119] + "…"

    def get_absolute_url(self):
        project = self.objective.stake.priority.project
        return reverse("territory_project:action", kwargs={"slug": project.slug, "pk": self.pk})


class ActionDeliberation(models.Model):
    """"Mise en œuvre par": a deliberation that carries out an action of the project."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="links",
                               verbose_name="action")
    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE,
                                     related_name="project_action_links",
                                     verbose_name="délibération")
    note = models.CharField("précision", max_length=255, blank=True)

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "action__objective__stake__priority__project__organisation"

    class Meta:
        verbose_name = "mise en œuvre par une délibération"
        verbose_name_plural = "mises en œuvre par des délibérations"
        constraints = [
            models.UniqueConstraint(fields=["action", "deliberation"],
                                    name="action_deliberation_unique"),
        ]

    def __str__(self):
        return f"{self.action} ← {self.deliberation}"


class SocialFunction(models.Model):
    """One of the seven functions of the "territoire de la demi-heure"."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE,
                                related_name="social_functions", verbose_name="projet")
    number = models.PositiveSmallIntegerField("numéro")
    name = models.CharField("nom", max_length=80)
    slug = models.SlugField("identifiant d'URL", max_length=80)
    stakes = models.ManyToManyField(Stake, related_name="social_functions", blank=True,
                                    verbose_name="enjeux servis")

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "project__organisation"

    class Meta:
        verbose_name = "fonction sociale"
        verbose_name_plural = "fonctions sociales"
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"],
                                    name="social_function_number_unique"),
            models.UniqueConstraint(fields=["project", "slug"],
                                    name="social_function_slug_unique"),
        ]

    def __str__(self):
        return self.name


class Finding(models.Model):
    """What the consultation said for a social function ("Enseignements de la concertation")."""

    social_function = models.ForeignKey(SocialFunction, on_delete=models.CASCADE,
                                        related_name="findings",
                                        verbose_name="fonction sociale")
    position = models.PositiveSmallIntegerField("rang")
    text = models.TextField("enseignement")

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "social_function__project__organisation"

    class Meta:
        verbose_name = "enseignement de la concertation"
        verbose_name_plural = "enseignements de la concertation"
        ordering = ["social_function", "position"]
        constraints = [
            models.UniqueConstraint(fields=["social_function", "position"],
                                    name="finding_position_unique"),
        ]

    def __str__(self):
        return self.text


class Indicator(models.Model):
    class Direction(models.TextChoices):
        # Progress means the value goes up (GPs per 100 000 inhabitants).
        HIGHER = "higher", "plus haut est mieux"
        # Progress means the value goes down (waste per inhabitant).
        LOWER = "lower", "plus bas est mieux"
        # A context figure the project watches without a direction (boreholes).
        NONE = "none", "indicateur de contexte"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators",
                                verbose_name="projet")
    stake = models.ForeignKey(Stake, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="indicators", verbose_name="enjeu")
    code = models.SlugField("code", max_length=80)
    position = models.PositiveSmallIntegerField("rang", default=0)
    label = models.CharField("intitulé", max_length=255)
    unit = models.CharField("unité", max_length=80)
    baseline_value = models.DecimalField("valeur de référence", max_digits=14,
                                         decimal_places=3, null=True, blank=True)
    # "plus de 3,7 millions m³", "près de 28 %": the document's hedge stays with the figure.
    baseline_qualifier = models.CharField("qualificatif de la référence", max_length=30,
                                          blank=True, help_text="Par exemple « plus de ».")
    # Only a year the document states: an undated figure of the project is not "2022".
    baseline_year = models.PositiveSmallIntegerField("année de référence", null=True,
                                                     blank=True)
    baseline_period = models.CharField(
        "période de la référence", max_length=80, blank=True,
        help_text="Telle que le document la donne (« entre 2010 et 2020 »).",
    )
    comparison_value = models.DecimalField("valeur de comparaison", max_digits=14,
                                           decimal_places=3, null=True, blank=True)
    comparison_label = models.CharField("comparaison (libellé)", max_length=120, blank=True)
    direction = models.CharField("sens de progrès", max_length=8, choices=Direction.choices)
    source_sentence = models.TextField("phrase source du projet")

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "project__organisation"

    class Meta:
        verbose_name = "indicateur"
        ordering = ["project", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="indicator_code_unique"),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("territory_project:indicator",
                       kwargs={"slug": self.project.slug, "code": self.code})


class Target(models.Model):
    """A target the project states for an indicator, with its horizon when the document gives
    one ("réduction de 15% … d'ici 2030", "100% de nageurs chez les moins de 12 ans")."""

    class Kind(models.TextChoices):
        # A level to reach, in the target's unit (65 % of material recovery in 2025).
        LEVEL = "level", "niveau à atteindre"
        # A change from the current value, in % (−15 % of waste by 2030).
        CHANGE = "change", "évolution"
        # Something to build or do, without a figure (a new plant by 2026).
        MILESTONE = "milestone", "réalisation"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets",
                                  verbose_name="indicateur")
    position = models.PositiveSmallIntegerField("rang", default=0)
    kind = models.CharField("nature", max_length=10, choices=Kind.choices)
    value = models.DecimalField("valeur", max_digits=14, decimal_places=3, null=True,
                                blank=True)
    unit = models.CharField("unité", max_length=80, blank=True)
    year = models.PositiveSmallIntegerField("horizon", null=True, blank=True,
                                            help_text="Vide si le document n'en donne pas.")
    wording = models.TextField("formulation du projet")
    source_sentence = models.TextField("phrase source du projet")

    class Meta:
        verbose_name = "cible"
        ordering = ["indicator", "position"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "position"],
                                    name="target_position_unique"),
            models.CheckConstraint(
                condition=Q(kind="milestone") | Q(value__isnull=False),
                name="target_value_unless_milestone",
            ),
        ]

    def __str__(self):
        return self.wording


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE,
                                  related_name="measurements", verbose_name="indicateur")
    measured_on = models.DateField("date de la mesure")
    value = models.DecimalField("valeur", max_digits=14, decimal_places=3)
    source = models.CharField("source", max_length=255)

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "indicator__project__organisation"

    class Meta:
        verbose_name = "mesure"
        ordering = ["indicator", "measured_on"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "measured_on"],
                                    name="measurement_date_unique"),
        ]

    def __str__(self):
        return f"{self.indicator} : {self.value} ({self.measured_on:%d/%m/%Y})"


class Evaluation(models.Model):
    """The evaluation presented to the Conseil every two years ("Un projet à évaluer"),
    led with the Conseil de développement."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="evaluations",
                                verbose_name="projet")
    due_on = models.DateField("échéance")
    presented_on = models.DateField("présentée au Conseil le", null=True, blank=True)
    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.PROTECT, null=True, blank=True,
        related_name="project_evaluations", verbose_name="délibération du Conseil",
    )
    summary = models.TextField("synthèse", blank=True)

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "project__organisation"

    class Meta:
        verbose_name = "évaluation"
        ordering = ["project", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["project", "due_on"],
                                    name="evaluation_due_on_unique"),
            models.CheckConstraint(
                condition=Q(deliberation__isnull=True) | Q(presented_on__isnull=False),
                name="evaluation_deliberation_needs_date",
            ),
        ]

    def __str__(self):
        return f"Évaluation à échéance du {self.due_on:%d/%m/%Y}"
