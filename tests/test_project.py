"""The README's two commands and CI stay in step."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def _quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```[^\n]*\n(.*?)```", section, re.S)
    assert block, "README's Quick start has no code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_holds_exactly_two_commands_main_job_then_tests() -> None:
    commands = _quick_start()
    assert len(commands) == 2
    assert "asan-kg build" in commands[0]
    assert "pytest" in commands[1]
    assert all(c.startswith("python3 -m venv .venv") for c in commands), "each must work on a fresh clone"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "readme_command 2" in ci and 'eval "$test_cmd"' in ci
