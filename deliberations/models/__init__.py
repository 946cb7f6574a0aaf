"""The app's models, one module per concern; every name callers and migrations use is here."""

# isort: off
# Imported in the order of the former single module: the app registry (archive, flush, admin)
# lists the models in the order they are defined.
from deliberations.models.sessions import (
    SESSION_LOCKED_FIELDS,
    SESSION_VALIDITY_FIELDS,
    SESSION_VALIDITY_LOCKED,
    Session,
)
from deliberations.models.attendance import Attendance, Proxy, WrittenProxy
from deliberations.models.matters import (
    MATTER_CHOICES,
    MATTER_LABELS,
    MATTER_LEVEL1,
    matter_full_name,
)
from deliberations.models.acts import (
    LIST_ORDER,
    PUBLISHED,
    Annex,
    Appointment,
    AppointmentVote,
    Deliberation,
    DeliberationStatusChange,
    MemberVote,
    Notification,
)
from deliberations.models.extracts import (
    IssuedExtract,
    _extracts_storage,
    _ExtractsStorage,
    _storages_changed,
    extracts_storage,
)
from deliberations.models.names import NameAlias
from deliberations.models.records import PublishedRecord

# The session documents (procès-verbal, list of deliberations, registre) live in their own
# module; importing them here makes them models of this app.
from deliberations.documents.models import (
    AgendaItem,
    Convocation,
    ConvocationAddress,
    ConvocationDelivery,
    DeliberationList,
    Minutes,
    MinutesItem,
    Registre,
)
# isort: on

# Re-exported: one wording (the database triggers' sentences).
from deliberations.immutability import (
    ATTENDANCE_LOCKED,
    PUBLISHED_ACT_LOCKED,
    PUBLISHED_ACT_MUTABLE,
    SESSION_LOCKED,
)

__all__ = [
    "ATTENDANCE_LOCKED",
    "LIST_ORDER",
    "MATTER_CHOICES",
    "MATTER_LABELS",
    "MATTER_LEVEL1",
    "PUBLISHED",
    "PUBLISHED_ACT_LOCKED",
    "PUBLISHED_ACT_MUTABLE",
    "SESSION_LOCKED",
    "SESSION_LOCKED_FIELDS",
    "SESSION_VALIDITY_FIELDS",
    "SESSION_VALIDITY_LOCKED",
    "AgendaItem",
    "Annex",
    "Appointment",
    "AppointmentVote",
    "Attendance",
    "Convocation",
    "ConvocationAddress",
    "ConvocationDelivery",
    "Deliberation",
    "DeliberationList",
    "DeliberationStatusChange",
    "IssuedExtract",
    "MemberVote",
    "Minutes",
    "MinutesItem",
    "NameAlias",
    "Notification",
    "Proxy",
    "PublishedRecord",
    "Registre",
    "Session",
    "WrittenProxy",
    "_ExtractsStorage",
    "_extracts_storage",
    "_storages_changed",
    "extracts_storage",
    "matter_full_name",
]
