"""The alert mails as subscribers get them: French, plain text and HTML, the portal's name as
sender, a Date and a Message-ID of the portal's domain, and on every digest the one-click
unsubscribe headers of RFC 8058."""

from email.utils import formataddr, make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

CONFIRM_SALT = "deliberations.alerts.confirm"
UNSUBSCRIBE_SALT = "deliberations.alerts.unsubscribe"
MANAGE_SALT = "deliberations.alerts.manage"


def absolute(path: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def confirm_token(subscription) -> str:
    return signing.dumps(subscription.pk, salt=CONFIRM_SALT, compress=True)


def unsubscribe_token(subscription) -> str:
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def manage_token(email: str) -> str:
    return signing.dumps(email, salt=MANAGE_SALT, compress=True)


def confirm_url(subscription) -> str:
    return absolute(reverse("deliberations:alert_confirm",
                            args=[confirm_token(subscription)]))


def unsubscribe_url(subscription) -> str:
    return absolute(reverse("deliberations:alert_unsubscribe",
                            args=[unsubscribe_token(subscription)]))


def manage_url(email: str) -> str:
    return absolute(reverse("deliberations:alert_manage", args=[manage_token(email)]))


def sender() -> str:
    return formataddr((settings.PORTAL_NAME, settings.DEFAULT_FROM_EMAIL))


def _message(template: str, context: dict, *, to: str, subject: str, headers=None,
             connection=None) -> EmailMultiAlternatives:
    context = {"PORTAL_NAME": settings.PORTAL_NAME, "subject": subject, **context}
    with translation.override("fr"):  # dates in French, from a worker or a command too
        text = render_to_string(f"deliberations/alerts/mail/{template}.txt", context)
        html = render_to_string(f"deliberations/alerts/mail/{template}.html", context)
    domain = urlsplit(settings.PUBLIC_BASE_URL).hostname or "localhost"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=sender(),
        to=[to],
        headers={"Message-ID": make_msgid(domain=domain), **(headers or {})},
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(subscription) -> EmailMultiAlternatives:
    return _message("confirmation", {
        "subscription": subscription,
        "confirm_url": confirm_url(subscription),
        "days": settings.ALERTS_UNCONFIRMED_DAYS,
    }, to=subscription.subscriber.email,
        subject=f"Confirmez votre alerte : {subscription.label}")


def manage_message(email: str) -> EmailMultiAlternatives:
    return _message("manage", {"manage_url": manage_url(email)}, to=email,
                    subject="Vos alertes par courriel")


class ActList:
    """The acts of a digest, rendered once (text and HTML) for every subscription that
    follows the same acts over the same days: only the addressee's links differ."""

    def __init__(self, acts, *, count: int, more_url: str):
        # At most ALERTS_DIGEST_MAX_ACTS listed; the rest is one link to the list.
        self.count = count
        context = {"acts": [{"act": act, "url": absolute(act.get_absolute_url())}
                            for act in acts],
                   "more": count - len(acts), "more_url": absolute(more_url)}
        with translation.override("fr"):
            self.text = render_to_string("deliberations/alerts/mail/_acts.txt", context)
            # Rendered by the template engine, escaped there: safe to insert as is.
            self.html = mark_safe(  # noqa: S308
                render_to_string("deliberations/alerts/mail/_acts.html", context))


def digest_message(subscription, acts: ActList, *, connection=None) -> EmailMultiAlternatives:
    plural = "s" if acts.count > 1 else ""
    unsubscribe = unsubscribe_url(subscription)
    return _message("digest", {
        "subscription": subscription,
        "acts_text": acts.text,
        "acts_html": acts.html,
        "count": acts.count,
        "unsubscribe_url": unsubscribe,
        "manage_url": manage_url(subscription.subscriber.email),
    }, to=subscription.subscriber.email,
        subject=f"{acts.count} nouvelle{plural} délibération{plural} : {subscription.label}",
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }, connection=connection)
