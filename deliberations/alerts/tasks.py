"""Scheduled work of the e-mail alerts (CELERY_BEAT_SCHEDULE in portal/settings.py): the
daily digest run and the deletion of unconfirmed subscriptions. Hosts without Celery run the
management commands send_alert_digests and purge_unconfirmed_alerts from cron instead."""

from deliberations.alerts import digests, services
from portal.celery import app


@app.task(name="alerts.send_digests")
def send_alert_digests() -> dict:
    run = digests.send_digests()
    return {"sent": run.sent, "empty": run.empty, "skipped": run.skipped}


@app.task(name="alerts.purge_unconfirmed")
def purge_unconfirmed_alerts() -> int:
    return services.unconfirmed_purge()
