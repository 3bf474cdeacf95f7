"""ruff and mypy stay clean: part of the test run so CI enforces them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy", "asan_kg", "tests", "benchmarks"]],
    ids=lambda c: " ".join(c),
)
def test_tool_is_clean(command: list[str]) -> None:
    exe = BIN / command[0]
    if not exe.exists():
        pytest.fail(f"{command[0]} is not installed in this environment; pip install -e '.[test]'")
    run = subprocess.run([str(exe), *command[1:]], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_asan_benchmark_still_runs(tmp_path: Path) -> None:
    """Smoke test only: one repetition, no timing asserted (numbers belong in closing notes)."""
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [sys.executable, "benchmarks/asan_queries.py", "--repeat", "1", "--json", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "query partners" in run.stdout and out.exists()


def test_the_national_benchmark_still_runs_at_the_smallest_scale(tmp_path: Path) -> None:
    """CI runs the benchmark at 10k triples so it cannot rot; no time is asserted."""
    import os

    env = {
        **os.environ,
        "ASAN_KG_BENCH_DIR": str(tmp_path / "bench"),
        "ASAN_KG_CACHE_DIR": str(tmp_path / "cache"),
    }
    out = tmp_path / "bench.json"
    run = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--scale", "10k", "--repeat", "1", "--json", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "query partners" in run.stdout and "dormancy" in run.stdout
    assert len(__import__("json").loads(out.read_text())["rows"]) > 30
