"""Appointments (elections of persons) and their votes per candidate per round."""

from django.contrib import admin

from deliberations.admin.mixins import (
    ImmutableRecordAdminMixin,
    PublishedActInlineMixin,
    _act_published,
)
from deliberations.forms import (
    AppointmentAdminForm,
    AppointmentVoteFormSet,
)
from deliberations.models import (
    Appointment,
    AppointmentVote,
)
from portal.kernel.admin_inlines import TabularInline
from portal.kernel.scope import OrganisationScopedAdmin, OrganisationScopeMixin


class AppointmentVoteInline(PublishedActInlineMixin, OrganisationScopeMixin,
                            TabularInline):
    model = AppointmentVote
    formset = AppointmentVoteFormSet
    extra = 0
    autocomplete_fields = ["candidate"]
    fields = ["round", "candidate", "votes"]


@admin.register(Appointment)
class AppointmentAdmin(ImmutableRecordAdminMixin, OrganisationScopedAdmin):
    """An appointment and its results per candidate per round (L2121-21)."""

    form = AppointmentAdminForm
    list_display = ["office", "deliberation"]
    list_select_related = ["deliberation"]
    search_fields = ["office", "deliberation__title"]
    autocomplete_fields = ["deliberation", "single_candidate"]
    inlines = [AppointmentVoteInline]

    def has_change_permission(self, request, obj=None):
        return not _act_published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _act_published(obj) and super().has_delete_permission(request, obj)
