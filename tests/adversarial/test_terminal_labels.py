"""Hostile labels reach every output as text: never markup, never a terminal escape, never HTML.

Each case puts one hostile label on the Rongcheng partnership of a copy of the data, runs the
real console script as a subprocess and reads what a person would see.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ASAN_KG = Path(sys.executable).parent / "asan-kg"
ORIGINAL = "Asan–Rongcheng friendship-city partnership"

# (id, label as written in Turtle, what must be visible, what must never reach the terminal)
HOSTILE = [
    ("markup-closing-tag", "Rongcheng [/notes] tie", "[/notes]", None),
    ("markup-draft", "Rongcheng [draft] tie", "[draft]", None),
    ("markup-bold", "[bold red]Rongcheng[/bold red]", "[bold red]Rongcheng[/bold red]", None),
    ("markup-link", "[link=http://evil.example]Rongcheng[/link]", "[link=http://evil.example]", None),
    ("ansi-clear-screen", "Rongcheng\\u001b[2J\\u001b[H tie", "Rongcheng", "\x1b[2J"),
    ("ansi-window-title", "Rongcheng\\u001b]0;pwned\\u0007 tie", "Rongcheng", "\x1b]0;"),
    ("c1-csi", "Rongcheng\\u009b31m tie", "Rongcheng", "\x9b"),
    ("carriage-return", "fake verdict\\rRongcheng", "Rongcheng", "\r"),
    ("bidi-override", "Rongcheng \\u202egnorw\\u202c tie", "Rongcheng", "\u202e"),
    ("backspaces", "Rongcheng\\b\\b\\b\\bXXXX", "Rongcheng", "\b"),
    ("bell", "Rongcheng\\u0007 tie", "Rongcheng", "\x07"),
    ("html-script", "<script>alert(1)</script> Rongcheng", "Rongcheng", None),
]


def _data(tmp_path: Path, label: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "graph_data", data)
    path = data / "partnerships.ttl"
    text = path.read_text(encoding="utf-8")
    assert f'"{ORIGINAL}"@en' in text
    path.write_text(text.replace(f'"{ORIGINAL}"@en', f'"{label}"@en'), encoding="utf-8")
    return data


def _digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.rglob("*.ttl")))).hexdigest()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ASAN_KG), *args], capture_output=True, text=True, timeout=120, check=False, encoding="utf-8"
    )


@pytest.mark.adversarial
@pytest.mark.parametrize(
    ("case", "label", "visible", "forbidden"), HOSTILE, ids=[f"terminal-{h[0]}" for h in HOSTILE]
)
def test_a_hostile_label_prints_as_text_in_the_dormancy_table(
    tmp_path: Path, case: str, label: str, visible: str, forbidden: str | None
) -> None:
    data = _data(tmp_path, label)
    before = _digest(data)
    run = _run("dormant", "--data", str(data), "--as-of", "2014-12-31", "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr and run.stderr == ""
    assert visible in run.stdout
    if forbidden is not None:
        assert forbidden not in run.stdout
    assert _digest(data) == before


@pytest.mark.adversarial
@pytest.mark.parametrize(
    ("case", "label", "visible", "forbidden"), HOSTILE, ids=[f"json-{h[0]}" for h in HOSTILE]
)
def test_json_keeps_a_hostile_label_exactly_and_escaped(
    tmp_path: Path, case: str, label: str, visible: str, forbidden: str | None
) -> None:
    data = _data(tmp_path, label)
    run = _run("dormant", "--data", str(data), "--as-of", "2014-12-31", "--format", "json")
    assert run.returncode == 0, run.stderr
    assert "\x1b" not in run.stdout and "\x9b" not in run.stdout  # JSON escapes control characters
    rows = json.loads(run.stdout)
    expected = json.loads(f'"{label}"')  # the label as the data holds it, Turtle escapes decoded
    assert expected in {r["partnership_label"] for r in rows}


@pytest.mark.adversarial
@pytest.mark.parametrize(
    ("case", "label", "visible", "forbidden"), HOSTILE, ids=[f"report-{h[0]}" for h in HOSTILE]
)
def test_the_report_pages_show_a_hostile_label_as_text(
    tmp_path: Path, case: str, label: str, visible: str, forbidden: str | None
) -> None:
    data = _data(tmp_path, label)
    out = tmp_path / "out"
    run = _run("report", "--data", str(data), "--out", str(out), "--lang", "en")
    assert run.returncode == 0, run.stderr
    html = (out / "report.html").read_text(encoding="utf-8")
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "<script>alert(1)</script>" not in markdown
    assert "\x1b" not in markdown
    for path in out.iterdir():
        assert path.stat().st_mode & 0o777 == 0o644, path


@pytest.mark.adversarial
def test_an_empty_graph_does_not_pass_the_dormancy_gate(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "nothing.ttl").write_text("# no partnerships here\n", encoding="utf-8")
    run = _run("dormant", "--data", str(empty), "--fail-on", "dormant")
    assert run.returncode == 2, run.stdout + run.stderr
    assert "no partnerships" in run.stderr and "Traceback" not in run.stderr
