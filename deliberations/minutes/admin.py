"""Admin screen "Importer la liste de présence" of a session: paste the registre text,
check the reading (names tied to members, anomalies), then confirm.

Registered by SessionAdmin.get_urls as ``<path:object_id>/importer-presence/``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from deliberations.minutes.importing import (
    CREATE,
    Match,
    ambiguities,
    apply_aliases,
    attendance_import,
    attendance_import_problems,
    candidate_members,
    match_names,
    members_not_found,
    not_found_wording,
    resolve,
    search_members,
    unknown_names_resolve,
)
from deliberations.minutes.parsing import (
    AttendanceResult,
    ParseError,
    parse_attendance,
    parse_date,
)
from deliberations.models import Session
from portal.kernel.names import name_key
from portal.kernel.wording import items_wording

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


def sentence_of(text: str, fragment: str) -> str:
    """The line of the registre an anomaly was read in (the clerk recognises it there)."""
    probe = (fragment or "").split(" → ")[0].strip()
    if not probe:
        return ""
    lowered = probe.casefold()
    for line in text.splitlines():
        if lowered in line.casefold():
            return line.strip()
    return ""


def _date_warning(text: str, session: Session) -> str | None:
    written = parse_date(text)
    if written is None or written == session.date:
        return None
    return (f"Le texte collé est daté du {written:%d/%m/%Y} et la séance du "
            f"{session.date:%d/%m/%Y} : vérifiez qu'il s'agit du registre de cette séance.")


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
    form = AttendanceTextForm(request.POST if request.method == "POST" else None)
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, TEMPLATE, {**context, "form": form})

    text = form.cleaned_data["text"]
    try:
        # The roster lets the parser read "C. LECLERC" or "Christian LECLERC" as the member
        # LECLERC Christian, and say when a name fits two members.
        members = list(candidate_members(session))
        result = parse_attendance(text, roster=[member.full_name for member in members])
    except ParseError as error:
        form.add_error("text", str(error))
        return TemplateResponse(request, TEMPLATE, {**context, "form": form})

    candidates = members
    matches = match_names(result.all_names(), candidates)
    apply_aliases(matches, session)
    unknown = [match for match in matches if not match.matched]
    choices = {name_key(match.name): request.POST.get(f"member-{name_key(match.name)}", "")
               for match in unknown}
    # The search box under each unknown name (no JavaScript: "Rechercher" sends the page
    # again); a single answer is chosen at once, the clerk still confirms.
    searches = {key: request.POST.get(f"search-{key}", "").strip()[:100] for key in choices}
    found_members = {key: search_members(candidates, text) if text else None
                     for key, text in searches.items()}
    for key, members_found in found_members.items():
        if members_found is not None and len(members_found) == 1 and not choices[key]:
            choices[key] = str(members_found[0].pk)
    found = ambiguities(result)
    for ambiguity in found:
        ambiguity.chosen = request.POST.get(ambiguity.field, "")
    settled = [a for a in found if a.settled]
    resolved = resolve(result, settled)
    blocking = ([m.name for m in unknown if not choices[name_key(m.name)]]
                + [a.name for a in found if a not in settled])

    if request.POST.get("action") == "confirm":
        if blocking:
            context["import_errors"] = [
                "Résolvez d'abord les points signalés « à résoudre » (noms inconnus, faits "
                "ambigus) : rien n'a été enregistré."
            ]
        else:
            try:
                with transaction.atomic():
                    created = unknown_names_resolve(session=session, matches=matches,
                                                    choices=choices, by=request.user)
                    summary = attendance_import(session=session, result=resolved,
                                                matches=matches, by=request.user,
                                                source_text=text)
            except ValidationError as error:
                context["import_errors"] = error.messages
            else:
                message = f"Liste de présence importée : {summary.as_french()}"
                if created:
                    message += (f" Élus créés avec leur mandat : "
                                f"{', '.join(m.full_name for m in created)}.")
                messages.success(request, message)
                return redirect("admin:deliberations_session_change", session.pk)

    legal_problems = _legal_problems_with_choices(session, resolved, matches, choices)
    suggestions = {name_key(m.name): {s.pk for s in m.suggestions} for m in unknown}
    return TemplateResponse(request, TEMPLATE, {
        **context,
        "form": form,
        "result": resolved,
        "rows": _preview_rows(resolved, matches),
        "unknown": [
            {"match": match, "field": f"member-{name_key(match.name)}",
             "key": name_key(match.name),
             "chosen": choices[name_key(match.name)],
             "search": searches[name_key(match.name)],
             "found": found_members[name_key(match.name)],
             "others": [c for c in candidates if c.pk not in suggestions[name_key(match.name)]]}
            for match in unknown
        ],
        "ambiguities": found,
        "anomalies": [
            {"label": anomaly.label, "message": anomaly.message,
             "sentence": sentence_of(text, anomaly.text)}
            for anomaly in result.anomalies
        ],
        # How many members in office the text names nowhere (roster-guided reading).
        "not_found": not_found_wording(members_not_found(session, matches)),
        "date_warning": _date_warning(text, session),
        "legal_problems": legal_problems,
        "blocking": bool(blocking or legal_problems),
        "counts": {"present": len({name_key(e.name) for e in resolved.present}),
                   "proxies": len({name_key(p.giver) for p in resolved.proxies}),
                   "excused": len({name_key(n) for n in resolved.excused}),
                   "absent": len({name_key(n) for n in resolved.absent})},
        "create_value": CREATE,
        "text": text,
    })


def _legal_problems_with_choices(session, result, matches, choices) -> list[str]:
    """What the import would be refused for with the clerk's current choices, checked in a
    transaction rolled back (members created for the check vanish with it)."""
    provisional = [copy.copy(match) for match in matches]
    with transaction.atomic():
        try:
            unknown_names_resolve(session=session, matches=provisional, choices=choices)
        except ValidationError as error:
            transaction.set_rollback(True)
            return error.messages
        if any(not match.matched for match in provisional):
            transaction.set_rollback(True)
            return []
        problems = attendance_import_problems(session=session, result=result,
                                              matches=provisional)
        transaction.set_rollback(True)
    return problems
