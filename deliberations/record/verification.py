"""Whether a frozen record is still what was frozen: its stored text against its stored
SHA-256 (and against the hash an issued extract printed)."""

from __future__ import annotations

from dataclasses import dataclass

from deliberations.models import PublishedRecord
from deliberations.record import codec


@dataclass(frozen=True)
class RecordCheck:
    """``stored``: the SHA-256 written at freezing; ``computed``: the SHA-256 of the text as
    it is now; ``expected``: the hash the caller holds (an extract's), if any."""

    stored: str
    computed: str
    expected: str = ""

    @property
    def matches(self) -> bool:
        return self.stored == self.computed and (not self.expected
                                                 or self.expected == self.computed)


def record_check(deliberation_id: int, *, expected: str = "") -> RecordCheck | None:
    """The check of an act's frozen record (None when it has none). One query."""
    row = (PublishedRecord.objects.filter(deliberation_id=deliberation_id)
           .values_list("document", "sha256").first())
    if row is None:
        return None
    document, stored = row
    return RecordCheck(stored=stored, computed=codec.sha256_of(document), expected=expected)
