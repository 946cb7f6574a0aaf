"""The digest run: each confirmed subscription that is due gets the acts put online since its
last digest that match it, in batches, once per period.

Resumable: a DigestLog row (unique per subscription and period) is committed before the mail
leaves, so a rerun after a crash skips every digest already sent; a mail the SMTP server
refused releases its row, so the rerun sends it. The one case a digest is lost rather than
sent twice is a process killed between the server's acceptance and the next commit.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from deliberations.alerts import mail
from deliberations.alerts.matching import criteria_key, matching_acts
from deliberations.alerts.models import DigestLog, Subscription

INTERVALS = {
    Subscription.Frequency.DAILY: datetime.timedelta(days=1),
    Subscription.Frequency.WEEKLY: datetime.timedelta(days=7),
}


@dataclass
class DigestRun:
    sent: int = 0
    empty: int = 0
    skipped: int = 0

    def as_french(self) -> str:
        return (f"{self.sent} courriel(s) envoyé(s), {self.empty} alerte(s) sans nouvel acte, "
                f"{self.skipped} déjà envoyée(s).")


def due(period_end: datetime.date):
    """Confirmed subscriptions whose next period ends on or before `period_end`."""
    condition = Q()
    for frequency, interval in INTERVALS.items():
        condition |= Q(frequency=frequency, covered_through__lte=period_end - interval)
    return (Subscription.objects.confirmed().filter(condition)
            .exclude(digests__period_end=period_end)
            .select_related("subscriber").order_by("pk"))


def list_url(subscription: Subscription) -> str:
    """The deliberations list showing what the subscription follows (the search's own
    filters, or the body's), newest first: where a long digest sends for the rest."""
    params = {**(subscription.criteria or {}), "sort": "date"}
    if subscription.scope == Subscription.Scope.BODY:
        params = {"body": subscription.body_id, "sort": "date"}
    elif subscription.scope != Subscription.Scope.SEARCH:
        params = {"sort": "date"}
    return f"{reverse('deliberations:deliberation_list')}?{urlencode(params)}"


def _advance(subscription: Subscription, period_end: datetime.date) -> None:
    Subscription.objects.filter(pk=subscription.pk).update(covered_through=period_end)


def send_digests(*, today: datetime.date | None = None, batch_size: int | None = None,
                 connection=None) -> DigestRun:
    """Send the digests due today, covering publications up to yesterday (an act put online
    today is in tomorrow's digest, once its day is over)."""
    today = today or timezone.localdate()
    period_end = today - datetime.timedelta(days=1)
    batch_size = batch_size or settings.ALERTS_BATCH_SIZE
    run = DigestRun()
    # Subscriptions following the same acts over the same days share one query.
    matches: dict[tuple, mail.ActList | None] = {}
    last_pk = 0
    while True:
        batch = list(due(period_end).filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return run
        last_pk = batch[-1].pk
        backend = connection or get_connection()
        with backend:
            for subscription in batch:
                _send_one(subscription, period_end, matches, backend, run)


def _send_one(subscription, period_end, matches, connection, run: DigestRun) -> None:
    after = subscription.covered_through
    key = (criteria_key(subscription), after)
    if key not in matches:
        found = matching_acts(subscription, after=after, through=period_end)
        count = found.count()
        matches[key] = mail.ActList(
            found.select_related("session__body__organisation")[:settings.ALERTS_DIGEST_MAX_ACTS],
            count=count, more_url=list_url(subscription),
        ) if count else None
    acts = matches[key]
    if acts is None:
        _advance(subscription, period_end)
        run.empty += 1
        return
    try:
        with transaction.atomic():
            log = DigestLog.objects.create(subscription=subscription, period_end=period_end,
                                           act_count=acts.count)
    except IntegrityError:  # claimed by another run
        run.skipped += 1
        return
    try:
        mail.digest_message(subscription, acts, connection=connection).send()
    except Exception:
        # Refused or not sent: release the claim so that the rerun sends it, then stop.
        log.delete()
        raise
    with transaction.atomic():
        DigestLog.objects.filter(pk=log.pk).update(sent_at=timezone.now())
        _advance(subscription, period_end)
    run.sent += 1
