"""Issued certified extracts: read-only, kept for ever, their PDF for staff."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html

from deliberations.admin.mixins import ImmutableRecordAdminMixin
from deliberations.extracts import issuing
from deliberations.models import (
    IssuedExtract,
)
from portal.kernel.scope import OrganisationScopedAdmin


@admin.register(IssuedExtract)
class IssuedExtractAdmin(ImmutableRecordAdminMixin, OrganisationScopedAdmin):
    list_display = ["code", "deliberation", "version", "issued_at", "issued_by", "signed",
                    "superseded_by", "download"]
    list_select_related = ["deliberation", "issued_by", "superseded_by"]
    search_fields = ["code", "sha256", "deliberation__title"]
    # The file is offered through the staff download below (MEDIA_URL is not served) and
    # the certified data as the registre text it certifies, not as JSON.
    fields = ["deliberation", "version", "code", "issued_at", "issued_by", "signed",
              "superseded_by", "sha256", "content_fingerprint", "download", "certified_text"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # An issued extract stays verifiable for ever: it is superseded, never deleted.
    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("<path:object_id>/fichier/", self.admin_site.admin_view(self.file_view),
                 name="deliberations_issuedextract_file"),
        ] + super().get_urls()

    def file_view(self, request, object_id):
        """The issued PDF, for staff who may see the extract (scoped to their
        organisations); the public downloads the current version from the act's page."""
        extract = self.get_object(request, unquote(object_id))
        if extract is None:
            raise Http404("Extrait introuvable.")
        if not self.has_view_permission(request, extract):
            raise PermissionDenied
        response = FileResponse(extract.file.open("rb"), content_type="application/pdf",
                                as_attachment=True,
                                filename=f"extrait-{extract.code}-v{extract.version}.pdf")
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.display(description="fichier PDF")
    def download(self, extract):
        url = reverse("admin:deliberations_issuedextract_file", args=[extract.pk])
        return format_html('<a href="{}">Télécharger l\'extrait {} (version {})</a>', url,
                           extract.code, extract.version)

    @admin.display(description="contenu certifié")
    def certified_text(self, extract):
        context = issuing.extract_context(
            extract.certified_data,
            issuing.IssueInfo(code=extract.code, version=extract.version,
                              issued_at=extract.issued_at),
        )
        return render_to_string("admin/deliberations/issuedextract/_certified_text.html",
                                context)
