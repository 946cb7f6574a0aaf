"""Admin screen "Importer la liste de présence" of a session: paste the registre text,
check the reading (names tied to members, anomalies), then confirm.

Registered by SessionAdmin.get_urls as ``<path:object_id>/importer-presence/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from deliberations.minutes.importing import (
    Match,
    attendance_import,
    attendance_import_problems,
    candidate_members,
    match_names,
)
from deliberations.minutes.parsing import AttendanceResult, ParseError, parse_attendance
from deliberations.models import Session
from portal.names import name_key
from portal.wording import items_wording

TEMPLATE = "admin/deliberations/session/import_attendance.html"


class AttendanceTextForm(forms.Form):
    text = forms.CharField(
        label="Texte du registre",
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100, "spellcheck": "false"}),
        help_text="Collez l'en-tête de l'extrait : « Étaient présents », « Procurations », "
        "« Absents excusés » et la désignation du secrétaire.",
    )


@dataclass
class PreviewRow:
    """One line of the preview table."""

    section: str
    name: str
    detail: str
    match: Match


def _preview_rows(result: AttendanceResult, matches: list[Match]) -> list[PreviewRow]:
    by_key = {name_key(match.name): match for match in matches}

    def row(section: str, name: str, detail: str = "") -> PreviewRow:
        return PreviewRow(section, name, detail, by_key[name_key(name)])

    rows = []
    for entry in result.present:
        detail = items_wording(entry.from_item, entry.until_item)
        if entry.replaces:
            detail = ", ".join(filter(None, [detail, f"suppléant de {entry.replaces}"]))
        rows.append(row("Présent", entry.name, detail))
        if entry.replaces:
            rows.append(row("Titulaire remplacé", entry.replaces))
    for proxy in result.proxies:
        detail = ", ".join(filter(None, [f"donne procuration à {proxy.holder}",
                                         items_wording(proxy.from_item, proxy.until_item)]))
        rows.append(row("Procuration (mandant)", proxy.giver, detail))
        rows.append(row("Procuration (mandataire)", proxy.holder, f"pour {proxy.giver}"))
    rows += [row("Absent excusé", name) for name in result.excused]
    rows += [row("Absent", name) for name in result.absent]
    if result.secretary:
        rows.append(row("Secrétaire de séance", result.secretary))
    return rows


def _get_session(request: HttpRequest, session_id: str, model_admin) -> Session:
    if not request.user.has_perm("deliberations.change_session"):
        raise PermissionDenied
    # Through the admin's queryset: a clerk only reaches the sessions of their organisation.
    session = model_admin.get_object(request, unquote(session_id))
    if session is None:
        raise Http404("Séance introuvable.")
    if not model_admin.has_change_permission(request, session):
        raise PermissionDenied
    return session


def import_attendance_view(request: HttpRequest, session_id: str, model_admin) -> HttpResponse:
    session = _get_session(request, session_id, model_admin)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Importer la liste de présence",
        "subtitle": str(session),
        "opts": model_admin.model._meta,
        "original": session,
        "session": session,
        "has_view_permission": model_admin.has_view_permission(request, session),
    }
    form = AttendanceTextForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, TEMPLATE, {**context, "form": form})

    text = form.cleaned_data["text"]
    try:
        result = parse_attendance(text)
    except ParseError as error:
        form.add_error("text", str(error))
        return TemplateResponse(request, TEMPLATE, {**context, "form": form})

    matches = match_names(result.all_names(), candidate_members(session))
    if request.POST.get("action") == "confirm":
        try:
            summary = attendance_import(session=session, result=result, matches=matches,
                                        by=request.user, source_text=text)
        except ValidationError as error:
            context["import_errors"] = error.messages
        else:
            messages.success(request, f"Liste de présence importée : {summary.as_french()}")
            return redirect("admin:deliberations_session_change", session.pk)

    return TemplateResponse(request, TEMPLATE, {
        **context,
        "form": form,
        "result": result,
        "rows": _preview_rows(result, matches),
        "unknown": [match for match in matches if not match.matched],
        "legal_problems": attendance_import_problems(session=session, result=result,
                                                     matches=matches),
        "text": text,
    })
