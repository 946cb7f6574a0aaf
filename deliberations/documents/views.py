"""Public downloads of the session documents: the list of deliberations examined and the
published procès-verbal of a public session (nothing renders: the files were rendered once,
when published); and the page where a member acknowledges receipt of a convocation."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from deliberations.documents import convocation as convocation_doc
from deliberations.documents import services
from deliberations.models import ConvocationDelivery, DeliberationList, Minutes, Session


def _pdf(file, name: str) -> FileResponse:
    response = FileResponse(file.open("rb"), content_type="application/pdf", filename=name)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_safe
def deliberation_list_pdf(request, pk):
    document = get_object_or_404(
        DeliberationList.objects.filter(session__in=Session.objects.public()), session_id=pk)
    return _pdf(document.file, f"liste-des-deliberations-{document.session_id}.pdf")


@require_safe
def minutes_pdf(request, pk):
    minutes = get_object_or_404(
        Minutes.objects.filter(session__in=Session.objects.public(),
                               status=Minutes.Status.PUBLISHED), session_id=pk)
    return _pdf(minutes.file, f"proces-verbal-{minutes.session_id}.pdf")


@require_http_methods(["GET", "HEAD", "POST"])
def convocation_acknowledge(request, token):
    """The link of each member's convocation email. GET (and HEAD) only show the page with
    its button: a mail scanner or a link preview that fetches the address records nothing.
    The member's POST records receipt (the first time only), until the link expires the day
    after the session (convocation.acknowledgement_expires_on)."""
    found = convocation_doc.read_token(token)
    delivery = found and ConvocationDelivery.objects.select_related(
        "member", "convocation__session__body").filter(
        convocation_id=found[0], member_id=found[1]).first()
    if not delivery:
        raise Http404("Lien d'accusé de réception inconnu ou altéré.")
    session = delivery.convocation.session
    error = ""
    if request.method == "POST" and delivery.opened_at is None:
        try:
            services.convocation_acknowledge(convocation_id=found[0], member_id=found[1])
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            # 303 See Other: the page is then read by GET, and a reload posts nothing.
            seen = HttpResponseRedirect(request.path)
            seen.status_code = 303
            return seen
    expires_on = convocation_doc.acknowledgement_expires_on(session)
    expired = delivery.opened_at is None and timezone.localdate() > expires_on
    return render(request, "deliberations/documents/acknowledged.html", {
        "delivery": delivery, "session": session, "expires_on": expires_on,
        "expired": expired, "error": error,
    }, status=410 if expired else 200)
