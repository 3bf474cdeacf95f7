"""The wheel ships ontology, data and queries as package data, and finds them when installed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    hatchling = pytest.importorskip("hatchling.builders.wheel", reason="hatchling is in the test extras")
    out = tmp_path_factory.mktemp("wheel")
    builder = hatchling.WheelBuilder(str(ROOT))
    paths = list(builder.build(directory=str(out), versions=["standard"]))
    assert len(paths) == 1
    return Path(paths[0])


def test_the_wheel_contains_ontology_data_and_queries(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "asan_kg/_resources/ontology/shapes.ttl",
        "asan_kg/_resources/ontology/vocabularies/exchange-fields.ttl",
        "asan_kg/_resources/ontology/rules/twinned-with.rq",
        "asan_kg/_resources/graph_data/activities.ttl",
        "asan_kg/_resources/queries/graph-summary.rq",
        "asan_kg/_resources/queries/checks/untraced-node-violation.rq",
        "asan_kg/vocab/akg.py",
        "asan_kg/render/messages.toml",
    ):
        assert expected in names, expected


def test_an_installed_wheel_validates_without_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from asan_kg.core import resources; from asan_kg.checks.validation import validate;"
        "r = validate(); assert '_resources' in str(resources.data_dir()), resources.data_dir();"
        "print(r.conforms, r.triples)"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("True ")


def test_the_wheel_is_typed_and_leaves_the_tools_out(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "asan_kg/py.typed" in names
    assert "asan_kg/__main__.py" in names
    assert not [n for n in names if n.startswith("tools/") or "gen_namespace" in n]
    assert not [n for n in names if "/tests/" in n or n.startswith("tests/")]


def test_the_version_has_one_source(wheel: Path) -> None:
    import asan_kg

    metadata = next(n for n in zipfile.ZipFile(wheel).namelist() if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert f"\nVersion: {asan_kg.__version__}\n" in text
    assert asan_kg.__version__ in wheel.name
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and "\nversion =" not in pyproject


def test_python_dash_m_runs_the_command_line() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "asan_kg", "--help"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert run.returncode == 0, run.stderr
    assert "build" in run.stdout and "validate" in run.stdout
