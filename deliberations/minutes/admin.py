"""Admin screen "Importer la liste de présence" of a session: paste the registre text,
check the reading (names tied to members, anomalies), then confirm.

Registered by SessionAdmin.get_urls as ``<path:object_id>/importer-presence/``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from deliberations.minutes.importing import (
    CREATE,
    Match,
    NewMandate,
    ambiguities,
    apply_aliases,
    attendance_import_with_choices,
    candidate_members,
    import_check,
    match_names,
    not_found_wording,
    not_in_roster_wording,
    resolve,
    search_members,
    substitutes_read,
)
from deliberations.minutes.parsing import (
    AttendanceResult,
    ParseError,
    parse_attendance,
    parse_date,
)
from deliberations.models import NameAlias, Session
from portal.kernel.names import name_key
from portal.kernel.wording import items_wording
from portal.models import Mandate

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
    # The clerk's choice for an unknown name, as re-checked ("nouvel élu", the member chosen).
    choice: str = ""


def _preview_rows(result: AttendanceResult, matches: list[Match],
                  chosen: dict[str, str]) -> list[PreviewRow]:
    by_key = {name_key(match.name): match for match in matches}

    def row(section: str, name: str, detail: str = "") -> PreviewRow:
        return PreviewRow(section, name, detail, by_key[name_key(name)],
                          chosen.get(name_key(name), ""))

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
    action = request.POST.get("action", "")
    choices, mandates, searches, found_members, common_for, all_mode = _clerk_choices(
        request.POST, session, result, candidates, unknown, create_all=action == "create_all")
    found = ambiguities(result)
    for ambiguity in found:
        ambiguity.chosen = request.POST.get(ambiguity.field, "")
    settled = [a for a in found if a.settled]
    resolved = resolve(result, settled)
    blocking = ([m.name for m in unknown if not choices[name_key(m.name)]]
                + [a.name for a in found if a not in settled])
    in_office_confirmed = request.POST.get("in-office-confirmed", "")

    if action == "confirm":
        if blocking:
            context["import_errors"] = [
                "Résolvez d'abord les points signalés « à résoudre » (noms inconnus, faits "
                "ambigus) : rien n'a été enregistré."
            ]
        else:
            try:
                summary, created = attendance_import_with_choices(
                    session=session, result=resolved, matches=matches, choices=choices,
                    mandates=mandates, in_office_confirmed=in_office_confirmed,
                    by=request.user, source_text=text)
            except ValidationError as error:
                context["import_errors"] = error.messages
            else:
                message = f"Liste de présence importée : {summary.as_french()}"
                if created:
                    message += (f" Élus créés avec leur mandat : "
                                f"{', '.join(m.full_name for m in created)}.")
                messages.success(request, message)
                return redirect("admin:deliberations_session_change", session.pk)

    check = import_check(session=session, result=resolved, matches=matches, choices=choices,
                         mandates=mandates)
    in_office_pending = (check.in_office_changes
                         and in_office_confirmed.strip() != str(check.in_office_after))
    member_field = forms.ModelChoiceField(
        queryset=candidate_members(session), required=False,
        widget=AutocompleteSelect(NameAlias._meta.get_field("member"),
                                  model_admin.admin_site,
                                  attrs={"data-placeholder": "Tapez un nom"}))
    bodies = list(session.body.organisation.bodies.order_by("name"))
    return TemplateResponse(request, TEMPLATE, {
        **context,
        "form": form,
        "result": resolved,
        "rows": _preview_rows(resolved, matches, check.resolved),
        "unknown": [_unknown_row(match, choices, mandates, searches, found_members,
                                 member_field.widget, session, substitutes_read(result),
                                 common_for)
                    for match in unknown],
        "all_mode": all_mode,
        "bodies": bodies,
        "roles": Mandate.Role.choices,
        "all_mandate": _posted_mandate(request.POST, "all", session),
        "media": model_admin.media + member_field.widget.media,
        "ambiguities": found,
        "anomalies": [
            {"label": anomaly.label, "message": anomaly.message,
             "sentence": sentence_of(text, anomaly.text)}
            for anomaly in result.anomalies
        ],
        # How many members in office the text names nowhere (roster-guided reading), and how
        # many names read designate no member in office.
        "not_found": not_found_wording(check.not_found),
        "not_in_roster": not_in_roster_wording(check.not_in_roster),
        "date_warning": _date_warning(text, session),
        "legal_problems": check.problems,
        "in_office": check.in_office_wording(session.body.name)
        if check.in_office_changes else "",
        "in_office_confirmed": in_office_confirmed,
        "blocking": bool(blocking or check.problems or in_office_pending),
        "counts": {"present": len({name_key(e.name) for e in resolved.present}),
                   "proxies": len({name_key(p.giver) for p in resolved.proxies}),
                   "excused": len({name_key(n) for n in resolved.excused}),
                   "absent": len({name_key(n) for n in resolved.absent})},
        "create_value": CREATE,
        "text": text,
    })


def _posted_mandate(data, key: str, session: Session) -> NewMandate:
    """The mandate fields of one name (or "all", the "tout créer" block) as posted."""
    body = data.get(f"mandate-body-{key}", "")
    start = data.get(f"mandate-start-{key}", "")
    try:
        start_on = datetime.date.fromisoformat(start) if start else None
    except ValueError:
        start_on = None
    return NewMandate(body_id=int(body) if body.isdigit() else None,
                      role=data.get(f"mandate-role-{key}", ""), start_on=start_on)


def _clerk_choices(data, session, result, candidates, unknown, *, create_all: bool):
    """The clerk's choice for each unknown name: "Créer l'élu" ticked, a member picked in the
    search box (autocomplete), or the one member a typed search found. "Tout créer" ticks
    "créer" for every name still without a member; those names take the common mandate (a
    délégué suppléant's for a name the text reads as one) unless their own is posted."""
    choices, mandates, searches, found_members, common_for = {}, {}, {}, {}, set()
    common = _posted_mandate(data, "all", session)
    all_mode = create_all or data.get("create-all-mode") == "1"
    substitutes = substitutes_read(result)
    for match in unknown:
        key = name_key(match.name)
        searches[key] = data.get(f"search-{key}", "").strip()[:100]
        found_members[key] = search_members(candidates, searches[key]) if searches[key] else None
        chosen = data.get(f"member-{key}", "")
        if not chosen and found_members[key] and len(found_members[key]) == 1:
            chosen = str(found_members[key][0].pk)
        if data.get(f"create-{key}") or (create_all and not chosen):
            chosen = CREATE
        choices[key] = chosen
        own = any(f"mandate-{part}-{key}" in data for part in ("body", "role", "start"))
        if chosen == CREATE and all_mode and not own:
            common_for.add(key)
            mandates[key] = NewMandate(
                body_id=common.body_id, start_on=common.start_on,
                role=Mandate.Role.SUBSTITUTE if key in substitutes else common.role)
        else:
            mandates[key] = _posted_mandate(data, key, session)
    return choices, mandates, searches, found_members, common_for, all_mode


def _unknown_row(match, choices, mandates, searches, found_members, widget, session,
                 substitutes, common_for) -> dict:
    key = name_key(match.name)
    chosen = choices[key]
    mandate = mandates[key]
    return {
        "match": match, "key": key, "field": f"member-{key}",
        "chosen": chosen, "create": chosen == CREATE,
        "select": widget.render(f"member-{key}", "" if chosen == CREATE else chosen,
                                attrs={"id": f"id_member-{key}"}),
        "search": searches[key], "found": found_members[key],
        "mandate": mandate,
        # Created with the common mandate of "tout créer": no fields of its own (page size).
        "common": key in common_for, "substitute": key in substitutes,
        "body_id": mandate.body_id or session.body_id,
        "role": mandate.role or (Mandate.Role.SUBSTITUTE if key in substitutes
                                 else Mandate.Role.COUNCILLOR),
    }
