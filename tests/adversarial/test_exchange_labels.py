"""An exchange's label comes back exactly in the dormancy verdicts, whatever it holds: the window
aggregate carries the last exchange's label as text and the listed ones percent-encoded, so a
space, a percent sign, an encoded-looking sequence, a quote, a line break or Korean text must
survive both, and an exchange without a label in the language shows its IRI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ASAN_KG = Path(sys.executable).parent / "asan-kg"
EVENT = "https://w3id.org/asan-kg/id/event/2012-04-12-asan-council-to-rongcheng"
ORIGINAL = '"Asan City Council delegation visits Rongcheng"@en'
LABELS = [
    ("percent-and-spaces", "100% of  the council %20 visits", "100% of  the council %20 visits"),
    ("encoded-looking", "Rongcheng%2520visit%E2%80%94 .dot", "Rongcheng%2520visit%E2%80%94 .dot"),
    ("quotes-and-breaks", 'a \\"quoted\\"\\tvisit\\nsecond line', 'a "quoted"\tvisit\nsecond line'),
    ("korean", "아산시의회 대표단 영성시 방문 (2012)", "아산시의회 대표단 영성시 방문 (2012)"),
]


def _verdict(tmp_path: Path, label_turtle: str | None) -> dict[str, object]:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "graph_data", data)
    path = data / "activities.ttl"
    text = path.read_text(encoding="utf-8")
    assert ORIGINAL + "," in text
    new = f'"{label_turtle}"@en,' if label_turtle is not None else ""
    path.write_text(text.replace(ORIGINAL + ",", new), encoding="utf-8")
    run = subprocess.run(
        [str(ASAN_KG), "dormant", "--data", str(data), "--as-of", "2012-12-31", "--window-months", "12",
         "--format", "json", "--lang", "en"],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
        env={"ASAN_KG_NO_CACHE": "1", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    verdicts = json.loads(run.stdout)
    return next(v for v in verdicts if v["partnership"].endswith("/asan-rongcheng"))


@pytest.mark.adversarial
@pytest.mark.parametrize(("case", "turtle", "label"), LABELS, ids=[c for c, _, _ in LABELS])
def test_the_last_and_listed_exchange_keep_their_label_exactly(
    tmp_path: Path, case: str, turtle: str, label: str
) -> None:
    v = _verdict(tmp_path, turtle)
    assert v["last_activity"] == "2012-04-12" and v["last_activity_label"] == label
    listed = {i["iri"]: i["label"] for i in v["itemized"]}  # type: ignore[attr-defined]
    assert listed[EVENT] == label


@pytest.mark.adversarial
def test_an_exchange_without_a_label_in_the_language_shows_its_iri(tmp_path: Path) -> None:
    v = _verdict(tmp_path, None)
    assert v["last_activity_label"] == EVENT
    assert {i["iri"]: i["label"] for i in v["itemized"]}[EVENT] == EVENT  # type: ignore[attr-defined]
