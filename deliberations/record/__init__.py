"""The published record: an act's legal facts, frozen at publication, rendered by every output."""

# Public names: record_for(deliberation) is what every output calls (pages, extract, PV, API,
# and the open-data exports and feeds).
from deliberations.record.builder import live_session_facts  # noqa: F401
from deliberations.record.codec import SCHEMA_VERSION, canonical_json, sha256_of  # noqa: F401
from deliberations.record.freeze import (  # noqa: F401
    freeze_published_records,
    frozen_record,
    record_amend_publication,
    record_for,
    record_freeze,
    records_for,
)
from deliberations.record.types import DeliberationRecord  # noqa: F401
from deliberations.record.verification import RecordCheck, record_check  # noqa: F401
