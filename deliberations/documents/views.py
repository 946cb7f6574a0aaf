"""Public downloads of the session documents: the list of deliberations examined and the
published procès-verbal of a public session. Nothing here writes or renders: the files were
rendered once, when published."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from deliberations.documents import convocation as convocation_doc
from deliberations.documents import services
from deliberations.models import DeliberationList, Minutes, Session


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


@require_safe
def convocation_acknowledge(request, token):
    """The link of each member's convocation email: records when it was first opened. A GET
    that writes, on purpose: the member only clicks the link; writing again is a no-op."""
    found = convocation_doc.read_token(token)
    delivery = found and services.convocation_acknowledge(convocation_id=found[0],
                                                          member_id=found[1])
    if not delivery:
        raise Http404("Lien d'accusé de réception inconnu ou altéré.")
    session = delivery.convocation.session
    return render(request, "deliberations/documents/acknowledged.html", {
        "delivery": delivery, "session": session,
    })
