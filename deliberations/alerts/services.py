"""Writes of the e-mail alerts: subscribe, confirm, unsubscribe, forget the unconfirmed."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from deliberations.alerts import mail
from deliberations.alerts.models import Subscriber, Subscription


@transaction.atomic
def subscription_create(*, email: str, frequency: str, scope: str, label: str,
                        criteria: dict | None = None, body=None, member=None,
                        priority_id: int | None = None) -> Subscription:
    """An unconfirmed subscription; only the confirmation mail is sent (after the commit)."""
    subscriber, _ = Subscriber.objects.get_or_create(email=email.strip().lower())
    subscription = Subscription.objects.create(
        subscriber=subscriber, frequency=frequency, scope=scope, label=label[:300],
        criteria=criteria or {}, body=body, member=member, priority_id=priority_id,
    )
    transaction.on_commit(lambda: mail.confirmation_message(subscription).send())
    return subscription


@transaction.atomic
def subscription_confirm(*, subscription: Subscription) -> Subscription:
    """Double opt-in: digests start with the acts put online from today on."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.covered_through = timezone.localdate() - datetime.timedelta(days=1)
        subscription.save(update_fields=["confirmed_at", "covered_through"])
    return subscription


@transaction.atomic
def subscription_delete(*, subscription: Subscription) -> bool:
    """Unsubscribe; the address itself is deleted with its last subscription. True when the
    address was deleted."""
    subscriber = subscription.subscriber
    subscription.delete()
    if not subscriber.subscriptions.exists():
        subscriber.delete()
        return True
    return False


@transaction.atomic
def unconfirmed_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the subscriptions left unconfirmed for ALERTS_UNCONFIRMED_DAYS, and the
    addresses left without any; the number of subscriptions deleted."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)
    _, deleted = Subscription.objects.unconfirmed().filter(created_at__lt=limit).delete()
    Subscriber.objects.filter(subscriptions__isnull=True).delete()
    return deleted.get(Subscription._meta.label, 0)
