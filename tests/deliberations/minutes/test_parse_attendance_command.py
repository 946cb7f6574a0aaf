"""``manage.py parse_attendance``: JSON on stdout, exit 0 with anomalies, exit 2 otherwise."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

ROOT = Path(settings.BASE_DIR)


def seed_path(prefix: str) -> Path:
    (path,) = sorted(settings.SEEDS_DIR.glob(f"{prefix}_*.txt"))
    return path


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBUG": "1", "SECRET_KEY": "tests-only-secret-key"}
    return subprocess.run(
        [sys.executable, "manage.py", "parse_attendance", *args], cwd=ROOT, env=env,
        input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


def test_call_command_prints_the_json_shape():
    out = io.StringIO()
    call_command("parse_attendance", str(seed_path("000")), stdout=out)
    data = json.loads(out.getvalue())
    assert list(data) == ["present", "proxies", "excused", "absent", "secretary",
                          "other_secretaries", "stated_counts", "anomalies"]
    assert (len(data["present"]), len(data["proxies"]), len(data["excused"])) == (62, 14, 29)
    assert data["secretary"] == "DEMULIER Jérôme"
    assert {"empty_entry", "glued_names"} <= {a["kind"] for a in data["anomalies"]}
    # ensure_ascii=False: accents as written.
    assert "PÉDRINI Léo" in out.getvalue()


def test_call_command_reads_stdin():
    out = io.StringIO()
    call_command("parse_attendance", "-", stdin=io.StringIO("Présents : DUPONT Jean"),
                 stdout=out)
    assert json.loads(out.getvalue())["present"] == [
        {"name": "DUPONT Jean", "from_item": None, "until_item": None, "replaces": None}
    ]


def test_call_command_without_attendance_raises_with_code_2(tmp_path):
    empty = tmp_path / "vide.txt"
    empty.write_text("Aucune liste ici.", encoding="utf-8")
    with pytest.raises(CommandError, match="Aucune liste de présence") as error:
        call_command("parse_attendance", str(empty))
    assert error.value.returncode == 2


def test_call_command_missing_file_raises_with_code_2(tmp_path):
    with pytest.raises(CommandError, match="Impossible de lire") as error:
        call_command("parse_attendance", str(tmp_path / "absent.txt"))
    assert error.value.returncode == 2


def test_subprocess_exit_0_with_anomalies():
    completed = run(str(seed_path("000")))
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert len(data["present"]) == 62 and data["anomalies"]


def test_subprocess_stdin_conseil():
    completed = run("-", stdin=seed_path("003").read_text(encoding="utf-8"))
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert (len(data["present"]), len(data["proxies"]), len(data["excused"])) == (104, 24, 24)
    assert data["secretary"] == "COCQ Bertrand"


def test_subprocess_exit_2_on_unreadable_file(tmp_path):
    completed = run(str(tmp_path / "absent.txt"))
    assert completed.returncode == 2
    assert "Impossible de lire le fichier" in completed.stderr
    assert completed.stdout == ""


def test_subprocess_exit_2_without_attendance_section():
    completed = run("-", stdin="Le Conseil s'est réuni.")
    assert completed.returncode == 2
    assert "Aucune liste de présence" in completed.stderr
