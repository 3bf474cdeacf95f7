"""Any home city: a second, fictional city entered through our own template (Lakeport, see
tests/fixtures/second-city/README.md) runs through every command, and what the pages and tables
say follows its data — its name, its countries, its dormant tie — never Asan's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.conftest import ROOT
from tests.remote_helpers import run_cli

CITY = ROOT / "tests" / "fixtures" / "second-city"
DATA = CITY / "data"
FOREIGN = re.compile(r"asan(?!-kg|_kg|Ready|Network)|아산|china|중국|korea|한국", re.IGNORECASE)


def _shown_text(html: str) -> str:
    """What a reader sees of a page: no scripts, no tags, no IRIs of our namespace."""
    text = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return text.replace("https://w3id.org/asan-kg/", "")


def test_the_fixture_is_what_our_template_import_makes(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "none.ttl").write_text("# no data yet\n", encoding="utf-8")
    into = tmp_path / "records.ttl"
    sheets = [str(CITY / "agreements.csv"), str(CITY / "activities.csv")]
    run = run_cli("import", *sheets, "--into", str(into), "--data", str(empty))
    assert run.code == 0, run.stderr
    assert isomorphic(Graph().parse(into), Graph().parse(DATA / "records.ttl"))
    assert run_cli("validate", "--data", str(DATA)).code == 0


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lakeport")
    run = run_cli("build", "--data", str(DATA), "--out", str(out), timeout=120)
    assert run.code == 0, run.stderr
    assert "Lakeport" in run.stdout and not FOREIGN.search(run.stdout), run.stdout
    return out


@pytest.mark.parametrize("page", ["report.html", "network.html", "report.md"])
def test_the_pages_are_titled_for_the_home_city_and_name_no_other(built: Path, page: str) -> None:
    text = (built / page).read_text(encoding="utf-8")
    shown = _shown_text(text) if page.endswith(".html") else text
    assert "Lakeport" in shown
    assert not FOREIGN.search(shown), FOREIGN.search(shown)


def test_the_largest_country_share_is_computed_from_its_data(built: Path) -> None:
    # 4 of the 6 dated exchanges are with the two Sylvanian partners
    page = (built / "report.html").read_text(encoding="utf-8")
    assert '<div class="value">Sylvania 66.7%</div><div class="name">Largest country share</div>' in page


def test_its_dormant_tie_is_found() -> None:
    run = run_cli("dormant", "--data", str(DATA), "--format", "json")
    status = {r["partner_label"]: r["status"] for r in json.loads(run.stdout)}
    assert status["Hillcrest"] == "dormant"  # one student exchange in 2016, nothing since
    assert status["Harborview"] != "dormant" and status["Stonebridge"] != "dormant"


def test_concentration_and_network_metrics_follow_its_data() -> None:
    doc = json.loads(run_cli("concentration", "--data", str(DATA), "--format", "json").stdout)
    assert {g["label"]: g["count"] for g in doc["groups"]} == {"Sylvania": 4, "Grand Fenwick": 2}
    metrics = run_cli("network-metrics", "--data", str(DATA), "--lang", "ko")
    assert metrics.code == 0 and "레이크포트" in metrics.stdout and not FOREIGN.search(metrics.stdout)


def test_suggestions_are_for_its_partners(tmp_path: Path) -> None:
    twins = tmp_path / "twins.ttl"
    assert run_cli("import-twins", str(CITY / "twins.csv"), "--out", str(twins)).code == 0
    run = run_cli("suggest", "--data", str(DATA), "--twins", str(twins), "--format", "json")
    top = json.loads(run.stdout)[0]
    assert top["city"] == "Millbrook" and top["common_partners"] == ["Harborview", "Stonebridge"]
    assert not FOREIGN.search(run.stdout)
