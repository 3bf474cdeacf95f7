"""--timeout is a deadline for a whole command on local files too: the embedded engine cannot be
interrupted mid-query, so the command ends itself with one sentence, leaving no file behind."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

ASAN_KG = Path(sys.executable).parent / "asan-kg"


@pytest.mark.adversarial
@pytest.mark.parametrize("command", ["report", "network"], ids=lambda c: f"deadline-{c}")
def test_a_local_command_past_its_deadline_stops_and_writes_nothing(tmp_path: Path, command: str) -> None:
    out = tmp_path / ("out" if command == "report" else "network.html")
    started = time.monotonic()
    run = subprocess.run(
        [str(ASAN_KG), command, "--out", str(out), "--timeout", "0.05"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert time.monotonic() - started < 30
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert run.stderr.startswith("error: the command did not finish within --timeout 0.05 s")
    assert "Traceback" not in run.stderr
    assert not out.exists() or (out.is_dir() and list(out.iterdir()) == [])  # nothing written
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # no stray temp file


@pytest.mark.adversarial
def test_a_generous_deadline_changes_nothing(tmp_path: Path) -> None:
    run = subprocess.run(
        [str(ASAN_KG), "dormant", "--timeout", "120", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert run.returncode == 0 and run.stdout.startswith("["), run.stderr


@pytest.mark.adversarial
def test_a_cartesian_product_in_an_ad_hoc_query_stops_at_the_deadline(tmp_path: Path) -> None:
    query = tmp_path / "cartesian.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . }\n", encoding="utf-8")
    started = time.monotonic()
    run = subprocess.run(
        [str(ASAN_KG), "query", "--file", str(query), "--timeout", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert time.monotonic() - started < 20
    assert run.returncode == 2 and "did not finish within --timeout 1 s" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.adversarial
def test_a_finished_command_disarms_its_deadline() -> None:
    # in-process (as a notebook or a test runner would call it): the deadline must not fire later
    from typer.testing import CliRunner

    from asan_kg.cli import app
    from asan_kg.core import deadline

    result = CliRunner().invoke(app, ["dormant", "--timeout", "30", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert deadline._ARMED == []
