"""What the table of targets (benchmarks/rows/table.py) measures on a database measured
again with --existing: cold extracts and the ZIP of sessions take acts and sessions without
any extract, never those an earlier run issued (their files were in its deleted folder)."""

import datetime
import sys
from pathlib import Path

import pytest

from deliberations import synthetic
from deliberations.extracts import issuing

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from rows import table  # noqa: E402

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 2)


def test_a_second_run_takes_acts_and_sessions_without_extracts(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media-of-the-first-run"
    generated = synthetic.generate(deliberations=120, seed=2, today=TODAY)
    large = generated.large_session
    first = table.cold_deliberations(large, 3)
    assert len(first) == 3
    assert all(act.session_id != large.pk for act in first)
    for act in first:
        issuing.extract_get_or_issue(deliberation=act)

    second = table.cold_deliberations(large, 3)
    assert len(second) == 3
    assert not {act.pk for act in second} & {act.pk for act in first}
    assert all(not act.extracts.exists() for act in second)
    # The first pick was the latest acts: the second one comes right after them.
    assert max(act.session_date for act in second) <= min(act.session_date for act in first)
    sessions = table.never_exported_sessions([large.pk], 10)
    exported = {act.session_id for act in first}
    assert sum(session.acts for session in sessions) >= 10
    assert not {session.pk for session in sessions} & exported
