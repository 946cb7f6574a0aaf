"""The certified extract and the procès-verbal print the session's heading (date, time,
place, convocation, president and secretary) from one helper over the act's record
(issuing.session_heading). The certified content of the seeded acts' extracts and of the
seeded Conseil's procès-verbal is byte for byte what it was when each document built its own
copy: the fingerprints below were taken from that code (commit 1aabf60)."""

import datetime
import hashlib
import json

import pytest

from deliberations.documents import minutes as pv
from deliberations.documents import services as documents
from deliberations.extracts import issuing
from deliberations.models import Deliberation, Session

pytestmark = pytest.mark.django_db

ISSUE = issuing.IssueInfo(code="ABCD-EFGH-JKMN", version=1,
                          issued_at=datetime.datetime(2023, 1, 2, 10, 0, tzinfo=datetime.UTC))
# The record's hash holds database ids (the act's, its session's), which differ from one
# database to another: a fixed one stands in for it.
RECORD = {"sha256": "0" * 64, "version": 1}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _extract(day: datetime.date) -> tuple[str, str]:
    act = Deliberation.objects.published().get(session__date=day)
    data = {**issuing.certified_data(act), "record": RECORD}
    return issuing.content_fingerprint(data), _sha(issuing.render_extract_html(data, ISSUE))


def _minutes(day: datetime.date) -> tuple[str, str]:
    minutes = documents.minutes_draft(session=Session.objects.get(date=day))
    data = pv.minutes_data(minutes)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return _sha(canonical), _sha(pv.render_minutes_html(data))


def test_extract_and_minutes_certify_the_same_bytes_as_before(seeded):
    found = {
        "extract 18/10/2022": _extract(datetime.date(2022, 10, 18)),
        "extract 06/12/2022": _extract(datetime.date(2022, 12, 6)),
        "minutes 06/12/2022": _minutes(datetime.date(2022, 12, 6)),
    }
    assert found == {
        "extract 18/10/2022": (
            "5254f563f2ca5f0533d8e17a6c785a8af3ced5b6a52daa479184aaa03d520174",
            "8ef29801368da602bd9f32efeb166464027d143b459719b7f92f6360f7bb5303"),
        "extract 06/12/2022": (
            "47b44e535f86fec494a073687b661bb43f26a62187dc57da27add41317c34bc5",
            "4c4b3051306366310dab31b5ef89a1ff9d2d73673469aa5a1f8e13318fffcc65"),
        "minutes 06/12/2022": (
            "ddb0b5517f5d3c9827151e060174d52391ead63377ca3c2d97b0457309ef575a",
            "40017ecfbf0e8f1e7c1aae68e09c8ca743f953dbf1d463329b039c04cbf09f1f"),
    }
