"""Written proxies (pouvoirs écrits) serving at several sessions of a body."""

from django.contrib import admin

from deliberations.admin.mixins import ImmutableRecordAdminMixin
from deliberations.models import (
    Deliberation,
    WrittenProxy,
)
from portal.admin import AuditedAdmin
from portal.kernel.scope import OrganisationScopedAdmin


@admin.register(WrittenProxy)
class WrittenProxyAdmin(ImmutableRecordAdminMixin, AuditedAdmin, OrganisationScopedAdmin):
    """Written proxies (pouvoirs écrits) serving at several sessions of a body (L2121-20)."""

    list_display = ["giver", "holder", "body", "valid_from", "valid_until", "illness_certified"]
    list_filter = ["body__organisation", "body", "illness_certified"]
    list_select_related = ["giver", "holder", "body", "body__organisation"]
    search_fields = ["giver__last_name", "giver__first_name", "holder__last_name",
                     "holder__first_name"]
    autocomplete_fields = ["giver", "holder"]
    fields = ["body", "giver", "holder", "signed_on", ("valid_from", "valid_until"),
              "illness_certified", "note"]

    # A written proxy used at a session with published acts is part of what they certify.
    def _locked(self, obj):
        return obj is not None and obj.uses.filter(
            session__deliberations__status=Deliberation.Status.PUBLISHED).exists()

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)
