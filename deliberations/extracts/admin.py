"""Admin actions for certified extracts (registered by deliberations/admin/).

Both require the permission deliberations.export_extract (groups "Agents" and "Secrétariat
des assemblées"). Only published deliberations are certified: see issuing.extract_get_or_issue.
"""

import tempfile

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse

from deliberations.extracts import issuing
from deliberations.models import Deliberation

PERMISSION = "deliberations.export_extract"


class ExportExtractPermissionMixin:
    """Optional, for the ModelAdmin that registers these actions: with it, the actions can be
    declared with allowed_permissions=("export_extract",) and are hidden from users without
    the permission (they are refused inside the actions in any case)."""

    def has_export_extract_permission(self, request):
        return request.user.has_perm(PERMISSION)


def _require_permission(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied("Vous n'avez pas le droit d'émettre des extraits certifiés.")


@admin.action(description="Émettre l'extrait certifié", permissions=["export_extract"])
def issue_certified_extracts(modeladmin, request, queryset):
    """Issue (or confirm) the certified extract of each selected published deliberation."""
    _require_permission(request)
    published = set(
        Deliberation.objects.published().filter(pk__in=queryset.values("pk"))
        .values_list("pk", flat=True)
    )
    issued, unchanged, skipped = [], [], []
    for deliberation in queryset.select_related("session"):
        if deliberation.pk not in published:
            skipped.append(deliberation)
            continue
        extract, issued_now = issuing.extract_get_or_issue(
            deliberation=deliberation, by=request.user
        )
        (issued if issued_now else unchanged).append(extract)
    if issued:
        modeladmin.message_user(
            request,
            f"{len(issued)} extrait(s) certifié(s) émis : "
            + ", ".join(f"{e.code} (v{e.version})" for e in issued) + ".",
            messages.SUCCESS,
        )
    if unchanged:
        modeladmin.message_user(
            request,
            f"{len(unchanged)} extrait(s) déjà à jour, non réémis : "
            + ", ".join(e.code for e in unchanged) + ".",
            messages.INFO,
        )
    if skipped:
        modeladmin.message_user(
            request,
            f"{len(skipped)} délibération(s) non publiée(s) ignorée(s) : seule une délibération "
            "publiée peut faire l'objet d'un extrait certifié.",
            messages.WARNING,
        )


@admin.action(description="Télécharger les extraits certifiés de la séance (ZIP)",
              permissions=["export_extract"])
def export_session_extracts(modeladmin, request, queryset):
    """A ZIP of the current extracts of the selected sessions' published deliberations."""
    _require_permission(request)
    sessions = list(queryset.select_related("body__organisation").order_by("date", "pk"))
    # Spooled: stays in memory for a usual session, spills to disk for a large selection.
    archive = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)
    count = issuing.write_sessions_zip(sessions, archive, by=request.user)
    if count == 0:
        modeladmin.message_user(
            request, "Aucune délibération publiée dans la sélection : aucun extrait à exporter.",
            messages.WARNING,
        )
        return None
    archive.seek(0)
    name = (issuing.session_archive_name(sessions[0]) if len(sessions) == 1
            else "extraits-certifies")
    return FileResponse(archive, as_attachment=True, filename=f"{name}.zip",
                        content_type="application/zip")
