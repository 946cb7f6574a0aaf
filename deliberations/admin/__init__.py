"""The deliberations admin: importing this package registers every ModelAdmin of the app."""

from deliberations.admin.appointments import AppointmentAdmin, AppointmentVoteInline
from deliberations.admin.deliberations import (
    LIFECYCLE_STEPS,
    AnnexInline,
    AppointmentInline,
    DeliberationAdmin,
    MatterInUseFilter,
    MemberVoteInline,
    NotificationInline,
    StatusChangeInline,
    next_steps,
)
from deliberations.admin.extracts import IssuedExtractAdmin
from deliberations.admin.mixins import (
    ImmutableRecordAdminMixin,
    PublishedActInlineMixin,
)
from deliberations.admin.proxies import WrittenProxyAdmin
from deliberations.admin.sessions import (
    FRENCH_MONTHS,
    SESSION_LOCKED_NOTE,
    SessionAdmin,
    sessions_on,
)

# Session documents (procès-verbal, list of deliberations, registre): their own admin module.
from deliberations.documents import admin as documents_admin  # noqa: F401

__all__ = [
    "FRENCH_MONTHS",
    "LIFECYCLE_STEPS",
    "SESSION_LOCKED_NOTE",
    "AnnexInline",
    "AppointmentAdmin",
    "AppointmentInline",
    "AppointmentVoteInline",
    "DeliberationAdmin",
    "ImmutableRecordAdminMixin",
    "IssuedExtractAdmin",
    "MatterInUseFilter",
    "MemberVoteInline",
    "NotificationInline",
    "PublishedActInlineMixin",
    "SessionAdmin",
    "StatusChangeInline",
    "WrittenProxyAdmin",
    "next_steps",
    "sessions_on",
]
