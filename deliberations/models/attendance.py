"""Attendance per item, written proxies (pouvoirs écrits) and the proxies used at a session."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from deliberations import rules
from deliberations.models.sessions import Session
from deliberations.rules import vocabulary
from portal.models import Body, Member


class Attendance(models.Model):
    """One member's attendance at a session, per item (question n°).

    A member present "à partir de la question 5" has from_item=5; one who leaves after question
    12 has until_item=12. Never one boolean: quorum is checked at every item (L2121-17).
    """

    class Status(models.TextChoices):
        # Stored values: rules.vocabulary; labels: what people read.
        PRESENT = vocabulary.AttendanceStatus.PRESENT, "Présent"
        EXCUSED = vocabulary.AttendanceStatus.EXCUSED, "Absent excusé"
        ABSENT = vocabulary.AttendanceStatus.ABSENT, "Absent"

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

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "session__body__organisation"

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

    def clean(self):
        if self.member_id is not None:
            _check_items_within_agenda(self, self.member.full_name)


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

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "body__organisation"

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

    # The organisation scope of the admin (portal.kernel.scope).
    organisation_path = "session__body__organisation"

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

    def clean(self):
        if self.giver_id is not None:
            _check_items_within_agenda(self, f"Procuration de {self.giver.full_name}")


def _check_items_within_agenda(row, who: str) -> None:
    """The row's range of items against the session's item count (rules.item_range_problem):
    the admin, the grid and the import refuse a range the agenda does not have."""
    if row.session_id is None:
        return
    problem = rules.item_range_problem(row.from_item, row.until_item,
                                       row.session.agenda_item_count)
    if problem:
        field = "until_item" if row.until_item is not None else "from_item"
        raise ValidationError({field: f"{who} : {problem}"})

