"""Who follows what by e-mail, and which digests were sent.

The address is personal data kept only to send the alerts: a Subscriber exists while it has
at least one subscription (deliberations.alerts.services.subscription_delete removes it with
the last one), and unconfirmed subscriptions are deleted after ALERTS_UNCONFIRMED_DAYS.
"""

from django.db import models
from django.db.models import Q

from portal.models import Body, Member


class Subscriber(models.Model):
    """An e-mail address that follows the portal ("abonné"), without an account."""

    # Kept only to send the alerts (mentions légales): never copied into an archive.
    archive_excluded = True

    email = models.EmailField("adresse électronique", unique=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "abonné aux alertes"
        verbose_name_plural = "abonnés aux alertes"

    def __str__(self):
        return self.email


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        """Subscriptions whose address followed the confirmation link (double opt-in)."""
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)


class Subscription(models.Model):
    """One followed list of acts ("alerte"): a search with its filters, or a page's acts."""

    archive_excluded = True  # tied to an address (see Subscriber)

    class Frequency(models.TextChoices):
        # One digest per day, covering the acts put online the day before.
        DAILY = "daily", "chaque jour"
        # One digest every seven days, covering the seven days before.
        WEEKLY = "weekly", "chaque semaine"

    class Scope(models.TextChoices):
        # The deliberations list with the search words and filters in `criteria`.
        SEARCH = "search", "une recherche"
        # The acts of one body (assemblée).
        BODY = "body", "une assemblée"
        # The acts of the bodies in which a member held a seat on the session date.
        MEMBER = "member", "un élu"
        # The acts that carry an action of a territorial-project priority.
        PRIORITY = "priority", "une priorité du projet de territoire"
        # The acts taking note of an activity report.
        REPORTS = "reports", "les rapports d'activités"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE,
                                   related_name="subscriptions", verbose_name="abonné")
    frequency = models.CharField("fréquence", max_length=6, choices=Frequency.choices)
    scope = models.CharField("objet suivi", max_length=8, choices=Scope.choices)
    # The deliberations list's filter parameters (DeliberationFilter), validated when saved.
    criteria = models.JSONField("critères de recherche", default=dict, blank=True)
    body = models.ForeignKey(Body, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+", verbose_name="assemblée")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+", verbose_name="élu")
    # territory_project.Priority, by id: deliberations does not depend on that app (it points
    # at acts, and is read here through its reverse relation, as on the act's page).
    priority_id = models.PositiveIntegerField("priorité du projet de territoire", null=True,
                                              blank=True)
    label = models.CharField("libellé", max_length=300)
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    confirmed_at = models.DateTimeField("confirmé le", null=True, blank=True)
    # The last day whose publications were sent (or found empty); set at confirmation to the
    # day before, so that a digest holds the acts put online from the confirmation on.
    covered_through = models.DateField("publications envoyées jusqu'au", null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = "alerte par courriel"
        verbose_name_plural = "alertes par courriel"
        constraints = [
            models.CheckConstraint(
                name="alert_scope_target",
                condition=(
                    Q(scope="search", body__isnull=True, member__isnull=True,
                      priority_id__isnull=True)
                    | Q(scope="body", body__isnull=False, member__isnull=True,
                        priority_id__isnull=True)
                    | Q(scope="member", member__isnull=False, body__isnull=True,
                        priority_id__isnull=True)
                    | Q(scope="priority", priority_id__isnull=False, body__isnull=True,
                        member__isnull=True)
                    | Q(scope="reports", body__isnull=True, member__isnull=True,
                        priority_id__isnull=True)
                ),
            ),
            models.CheckConstraint(
                name="alert_confirmed_has_coverage",
                condition=Q(confirmed_at__isnull=True) | Q(covered_through__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["frequency", "covered_through"],
                                name="alert_due_idx")]

    def __str__(self):
        return f"{self.subscriber} — {self.label}"


class DigestLog(models.Model):
    """A digest claimed for one subscription and period ("envoi"): written before the mail
    is sent, so that a rerun after a crash never sends the same period twice."""

    archive_excluded = True  # tied to an address (see Subscriber)

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE,
                                     related_name="digests", verbose_name="alerte")
    period_end = models.DateField("publications jusqu'au")
    act_count = models.PositiveIntegerField("actes")
    claimed_at = models.DateTimeField("préparé le", auto_now_add=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "envoi d'alerte"
        verbose_name_plural = "envois d'alertes"
        constraints = [
            models.UniqueConstraint(fields=["subscription", "period_end"],
                                    name="alert_digest_once_per_period"),
        ]

    def __str__(self):
        return f"{self.subscription} — jusqu'au {self.period_end:%d/%m/%Y}"
