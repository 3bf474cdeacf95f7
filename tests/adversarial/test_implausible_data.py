"""Implausible data cannot move verdicts silently: a placeholder date is a violation, and the
verdicts rest on the sources' coverage, not on the latest date any fact mentions."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ASAN_KG = Path(sys.executable).parent / "asan-kg"
LAST_EXCHANGE_END = 'schema:endDate "2014-11-03"^^xsd:date'


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ASAN_KG), *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.adversarial
@pytest.mark.parametrize("year", ["9999", "1066", "0001", "2999"], ids=lambda y: f"dates-end-{y}")
def test_an_activity_ending_in_an_implausible_year_is_a_violation_and_moves_no_verdict(
    tmp_path: Path, year: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "graph_data", data)
    path = data / "activities.ttl"
    text = path.read_text(encoding="utf-8")
    assert text.count(LAST_EXCHANGE_END) == 1
    path.write_text(
        text.replace(LAST_EXCHANGE_END, f'schema:endDate "{year}-12-31"^^xsd:date'), encoding="utf-8"
    )
    checked = _run("validate", "--data", str(data))
    assert checked.returncode == 1 and "implausible-date-violation" in checked.stdout, checked.stdout
    assert "Traceback" not in checked.stderr
    before = json.loads(_run("dormant", "--format", "json").stdout)
    after = _run("dormant", "--data", str(data), "--format", "json")
    assert after.returncode == 0, after.stderr
    status = {r["partnership"]: r["status"] for r in json.loads(after.stdout)}
    assert status == {r["partnership"]: r["status"] for r in before}
