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
    [["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy", "asan_kg", "tests"]],
    ids=lambda c: " ".join(c),
)
def test_tool_is_clean(command: list[str]) -> None:
    exe = BIN / command[0]
    if not exe.exists():
        pytest.fail(f"{command[0]} is not installed in this environment; pip install -e '.[test]'")
    run = subprocess.run([str(exe), *command[1:]], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
