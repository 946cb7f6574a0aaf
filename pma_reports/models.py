"""Annual activity reports of a syndicat mixte (L5211-39 CGCT, applicable to syndicats mixtes
such as the Pôle Métropolitain de l'Artois) and its other dated publications.

A report is structured as the documents are: pillars ("Décider ensemble"...), objectives,
actions with nested sub-items, and the key figures quoted in them. Each member organisation
"prend acte" of the report by a deliberation of its assembly: TakingNote.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from portal.models import Organisation


class ActivityReportQuerySet(models.QuerySet):
    def public(self):
        """What the public may see: published reports only (a report entered by hand in the
        admin stays internal until the clerk publishes it). Used by every page, feed, API,
        CSV and search."""
        return self.filter(published=True)


class ActivityReport(models.Model):
    """Rapport d'activités: one per reporting organisation and year."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="activity_reports",
        verbose_name="collectivité qui rend compte",
    )
    year = models.PositiveSmallIntegerField("année")
    title = models.CharField("titre", max_length=255)
    source_document = models.CharField(
        "document source", max_length=255, blank=True,
        help_text="Le document d'où le rapport a été lu (fichier, référence).",
    )
    received_on = models.DateField(
        "reçu le", null=True, blank=True,
        help_text="Date de transmission aux membres, si un document la donne.",
    )
    published = models.BooleanField(
        "publié sur le portail", default=False,
        help_text="Un rapport saisi à la main reste interne tant qu'il n'est pas publié.",
    )
    source_text = models.TextField(
        "texte source", blank=True,
        help_text="Le texte tel qu'il a été lu (OCR compris), avant toute correction.",
    )

    objects = ActivityReportQuerySet.as_manager()

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "organisation"

    class Meta:
        verbose_name = "rapport d'activités"
        verbose_name_plural = "rapports d'activités"
        ordering = ["organisation__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"],
                                    name="activity_report_one_per_year"),
            models.CheckConstraint(condition=Q(year__gte=1990) & Q(year__lte=2100),
                                   name="activity_report_plausible_year",
                                   violation_error_message="Année invalide."),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pma_reports:report_detail",
                       kwargs={"organisation": self.organisation.slug, "year": self.year})


class Pillar(models.Model):
    """A part of a report ("Décider ensemble", "Agir ensemble", "Peser ensemble")."""

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE,
                               related_name="pillars", verbose_name="rapport")
    order = models.PositiveSmallIntegerField("ordre")
    title = models.CharField("titre", max_length=255)

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "report__organisation"

    class Meta:
        verbose_name = "axe"
        verbose_name_plural = "axes"
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "order"], name="pillar_unique_order"),
        ]

    def __str__(self):
        return self.title


class Objective(models.Model):
    """An objective of a pillar, with the actions carried out for it that year."""

    pillar = models.ForeignKey(Pillar, on_delete=models.CASCADE, related_name="objectives",
                               verbose_name="axe")
    order = models.PositiveSmallIntegerField("ordre")
    title = models.CharField("titre", max_length=255)
    # Objectives are retitled from one year to the next ("... Développement économique" →
    # "... Développement économique et l'Innovation"): the theme is what the year-over-year
    # view compares.
    theme = models.SlugField("thème (comparaison d'une année à l'autre)", max_length=120)
    intro = models.TextField("introduction", blank=True)

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "pillar__report__organisation"

    class Meta:
        verbose_name = "objectif"
        verbose_name_plural = "objectifs"
        ordering = ["pillar", "order"]
        constraints = [
            models.UniqueConstraint(fields=["pillar", "order"], name="objective_unique_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pma_reports:theme_detail",
                       kwargs={"organisation": self.pillar.report.organisation.slug,
                               "theme": self.theme})


class Action(models.Model):
    """An action carried out ("action réalisée"); sub-items point to their parent."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions",
                                  verbose_name="objectif")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="children", verbose_name="élément parent")
    order = models.PositiveSmallIntegerField("ordre")
    text = models.TextField("texte")

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "objective__pillar__report__organisation"

    class Meta:
        verbose_name = "action"
        verbose_name_plural = "actions"
        ordering = ["objective", "order"]
        constraints = [
            # One order sequence per objective, sub-items included (document order).
            models.UniqueConstraint(fields=["objective", "order"], name="action_unique_order"),
            models.CheckConstraint(condition=~Q(text=""), name="action_text_not_empty",
                                   violation_error_message="Le texte de l'action est vide."),
        ]

    def __str__(self):
        return self.text[:80]


class Publication(models.Model):
    """A dated publication of the organisation: news item (actualité), letter to mayors."""

    class Kind(models.TextChoices):
        # A news item of the organisation's website.
        NEWS = "actualite", "Actualité"
        # "La lettre aux maires", the newsletter sent to the mayors of the territory.
        LETTER = "lettre", "Lettre aux maires"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="publications", verbose_name="collectivité")
    kind = models.CharField("nature", max_length=20, choices=Kind.choices)
    slug = models.SlugField("identifiant d'URL", max_length=120)
    title = models.CharField("titre", max_length=255)
    # Some news items give no date at all: no year is guessed for them.
    year = models.PositiveSmallIntegerField("année", null=True, blank=True)
    published_on = models.DateField(
        "publié le", null=True, blank=True,
        help_text="Vide si le document ne donne pas sa date de publication.",
    )
    order = models.PositiveSmallIntegerField("ordre dans le document source", default=0)
    source_document = models.CharField("document source", max_length=255, blank=True)

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "organisation"

    class Meta:
        verbose_name = "publication"
        verbose_name_plural = "publications"
        ordering = [models.F("year").desc(nulls_last=True), "order"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"],
                                    name="publication_unique_slug"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pma_reports:publication_detail",
                       kwargs={"organisation": self.organisation.slug, "slug": self.slug})


class Section(models.Model):
    """A section of a publication, in document order."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE,
                                    related_name="sections", verbose_name="publication")
    order = models.PositiveSmallIntegerField("ordre")
    title = models.CharField("titre", max_length=255, blank=True)
    text = models.TextField("texte", blank=True)

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "publication__organisation"

    class Meta:
        verbose_name = "rubrique"
        verbose_name_plural = "rubriques"
        ordering = ["publication", "order"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "order"],
                                    name="section_unique_order"),
        ]

    def __str__(self):
        return self.title or f"Rubrique {self.order}"


class Event(models.Model):
    """An event a publication announces (agenda)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE,
                                    related_name="events", verbose_name="publication")
    order = models.PositiveSmallIntegerField("ordre")
    title = models.CharField("intitulé", max_length=255)
    starts_on = models.DateField("date")
    ends_on = models.DateField("jusqu'au", null=True, blank=True)
    starts_at = models.TimeField("heure", null=True, blank=True)
    tentative = models.BooleanField("date sous réserve", default=False)
    date_note = models.CharField("précision sur la date", max_length=150, blank=True)
    source_line = models.CharField("texte source", max_length=500, blank=True)

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "publication__organisation"

    class Meta:
        verbose_name = "évènement annoncé"
        verbose_name_plural = "évènements annoncés"
        ordering = ["starts_on", "starts_at", "order"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "order"], name="event_unique_order"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
                violation_error_message="La fin de l'évènement ne peut précéder son début.",
            ),
        ]

    def __str__(self):
        return self.title


class KeyFigure(models.Model):
    """A figure quoted in a report action or a publication ("5 Comités syndicaux").

    What the figure counts over (`basis`, `period`) is part of the figure: two figures are
    set side by side only with the same label, unit and basis (and the same period when the
    document states one), so that 2 300 connections in six weeks never faces "plus de 5 000"
    since the launch."""

    class Basis(models.TextChoices):
        # Counted within the report's year (5 comités syndicaux in 2021).
        YEAR = "year", "dans l'année du rapport"
        # A running total since a start the document gives ("depuis 2018", since the launch).
        CUMULATIVE = "cumulative", "cumul depuis un début indiqué"
        # Over a stated period that is not the report's year (six weeks, 2016-2021).
        PERIOD = "period", "sur une période indiquée"
        # An average ("550 auditeurs/vidéo en moyenne").
        AVERAGE = "average", "moyenne"

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, null=True,
                               blank=True, related_name="key_figures", verbose_name="rapport")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="key_figures", verbose_name="action")
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, null=True,
                                    blank=True, related_name="key_figures",
                                    verbose_name="publication")
    order = models.PositiveSmallIntegerField("ordre")
    value = models.DecimalField("valeur", max_digits=14, decimal_places=2)
    # "plus de 5.000": the figure is a lower bound.
    qualifier = models.CharField("qualificatif", max_length=30, blank=True,
                                 help_text="Par exemple « plus de ».")
    unit = models.CharField("unité", max_length=60, blank=True)
    label = models.CharField("libellé", max_length=255)
    text = models.CharField("forme citée", max_length=120,
                            help_text="Le chiffre tel que le document l'écrit.")
    sentence = models.TextField("phrase d'origine")
    basis = models.CharField("ce que le chiffre compte", max_length=12, choices=Basis.choices,
                             default=Basis.YEAR)
    period = models.CharField(
        "période indiquée par le document", max_length=120, blank=True,
        help_text="Telle que le document la donne (« les 6 premières semaines en ligne », "
        "« 2016-2021 ») ; vide pour un chiffre de l'année du rapport.",
    )

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = ("report__organisation", "publication__organisation")

    class Meta:
        verbose_name = "chiffre clé"
        verbose_name_plural = "chiffres clés"
        ordering = ["report", "publication", "order"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(report__isnull=False) & Q(publication__isnull=True))
                | (Q(report__isnull=True) & Q(publication__isnull=False)),
                name="key_figure_in_report_or_publication",
                violation_error_message="Un chiffre clé vient d'un rapport ou d'une publication.",
            ),
            models.UniqueConstraint(fields=["report", "order"], name="key_figure_report_order",
                                    condition=Q(report__isnull=False)),
            models.UniqueConstraint(fields=["publication", "order"],
                                    name="key_figure_publication_order",
                                    condition=Q(publication__isnull=False)),
        ]

    def __str__(self):
        return self.text


class TakingNote(models.Model):
    """A member organisation's assembly taking note ("prend acte") of the report (L5211-39).

    A row per member: without a deliberation, this portal does not hold the member's taking
    note (which may exist in acts published elsewhere), and the pages say so.
    """

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE,
                               related_name="taking_notes", verbose_name="rapport")
    member_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="report_taking_notes",
        verbose_name="membre",
    )
    deliberation = models.ForeignKey(
        "deliberations.Deliberation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="activity_report_notes", verbose_name="délibération qui prend acte",
    )

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = ("report__organisation", "member_organisation")

    class Meta:
        verbose_name = "prise d'acte"
        verbose_name_plural = "prises d'acte"
        ordering = ["report", "member_organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "member_organisation"],
                                    name="taking_note_one_per_member"),
        ]

    def __str__(self):
        return f"{self.member_organisation} — {self.report}"
