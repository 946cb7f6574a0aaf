"""Public pages of the e-mail alerts: subscribe, confirm (a POST: mail scanners follow GET
links), unsubscribe (RFC 8058 one-click POST), and an address's subscriptions."""

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from deliberations.alerts import mail, services
from deliberations.alerts.forms import ManageRequestForm, SubscriptionForm, followed
from deliberations.alerts.models import Subscriber, Subscription

MANAGE_LINK_DAYS = 7


def _subscription(token: str, salt: str, max_age=None) -> Subscription | None:
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return Subscription.objects.select_related("subscriber").filter(pk=pk).first()


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """The subscription form. The public pages are cached for every visitor, so they carry no
    CSRF token: their form leads here (GET, what to follow and how often), and the address is
    typed and sent here (POST, CSRF-protected)."""
    if request.method == "POST":
        form = SubscriptionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.subscription_create(
                email=data["email"], frequency=data["frequency"], scope=data["scope"],
                label=data["label"], criteria=data["criteria_values"], body=data["body"],
                member=data["member"], priority_id=data["priority_id"],
            )
            return redirect("deliberations:alert_requested")
        status = 400
        try:
            form.label = followed(request.POST.get("scope", ""), _int(request.POST.get("target")),
                                  request.POST.get("criteria", ""))["label"]
        except ValidationError:
            pass  # the form's own errors say what is wrong
    else:
        initial = {name: request.GET.get(name) for name in
                   ("scope", "target", "criteria", "frequency") if request.GET.get(name)}
        form = SubscriptionForm(initial=initial)
        status = 200
        try:
            form.label = followed(initial.get("scope", ""), _int(initial.get("target")),
                                  initial.get("criteria", ""))["label"]
        except ValidationError as error:
            form.link_error = error.messages[0]
            status = 400
    return render(request, "deliberations/alerts/subscribe.html", {"form": form},
                  status=status)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_safe
def requested(request):
    return render(request, "deliberations/alerts/requested.html",
                  {"days": settings.ALERTS_UNCONFIRMED_DAYS})


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """GET shows a button; only its POST confirms (a link scanner's GET confirms nothing)."""
    subscription = _subscription(token, mail.CONFIRM_SALT,
                                 max_age=settings.ALERTS_UNCONFIRMED_DAYS * 86400)
    if subscription is None:
        return render(request, "deliberations/alerts/link_invalid.html", status=404)
    if request.method == "POST":
        subscription = services.subscription_confirm(subscription=subscription)
        return render(request, "deliberations/alerts/confirmed.html", {
            "subscription": subscription,
            "unsubscribe_url": reverse("deliberations:alert_unsubscribe",
                                      args=[mail.unsubscribe_token(subscription)]),
        })
    return render(request, "deliberations/alerts/confirm.html",
                  {"subscription": subscription})


# RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" without any cookie or CSRF
# token; the signed token in the address is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    subscription = _subscription(token, mail.UNSUBSCRIBE_SALT)
    if subscription is None:
        # Already unsubscribed (or a forged link): nothing left to do, said plainly.
        return render(request, "deliberations/alerts/unsubscribed.html",
                      {"already": True}, status=200 if request.method == "POST" else 404)
    if request.method == "POST":
        forgotten = services.subscription_delete(subscription=subscription)
        return render(request, "deliberations/alerts/unsubscribed.html",
                      {"label": subscription.label, "forgotten": forgotten})
    return render(request, "deliberations/alerts/unsubscribe.html",
                  {"subscription": subscription})


@require_http_methods(["GET", "HEAD", "POST"])
def manage_request(request):
    """Ask for the link to an address's subscriptions; the answer never says whether the
    address is known (it is sent only to a known address)."""
    form = ManageRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        if Subscriber.objects.filter(email=email).exists():
            mail.manage_message(email).send()
        return render(request, "deliberations/alerts/manage_requested.html",
                      {"days": MANAGE_LINK_DAYS})
    return render(request, "deliberations/alerts/manage_request.html", {"form": form},
                  status=400 if form.is_bound else 200)


@require_safe
def manage(request, token):
    try:
        email = signing.loads(token, salt=mail.MANAGE_SALT, max_age=MANAGE_LINK_DAYS * 86400)
    except signing.BadSignature:
        return render(request, "deliberations/alerts/link_invalid.html", status=404)
    subscriptions = [
        {"subscription": s, "unsubscribe_url": reverse("deliberations:alert_unsubscribe",
                                                      args=[mail.unsubscribe_token(s)])}
        for s in Subscription.objects.filter(subscriber__email=email).order_by("created_at")
    ]
    return render(request, "deliberations/alerts/manage.html",
                  {"email": email, "subscriptions": subscriptions})
