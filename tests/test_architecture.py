"""The import contract (``[tool.importlinter]`` in pyproject.toml) holds, and it would catch a
module that imports upward."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PACKAGES = ["core", "vocab", "store", "sparql", "checks", "remote", "ingest", "analysis", "render", "cli"]


def lint_imports(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    if not LINT_IMPORTS.exists():
        pytest.fail("lint-imports is not installed in this environment; pip install -e '.[test]'")
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )


def test_the_import_contract_is_kept() -> None:
    run = lint_imports(ROOT, ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "asan_kg", tmp_path / "asan_kg", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    text = tmp_path / "asan_kg" / "core" / "text.py"
    text.write_text(text.read_text(encoding="utf-8") + "\nimport asan_kg.cli  # noqa\n", encoding="utf-8")
    run = lint_imports(tmp_path, tmp_path)
    assert run.returncode != 0, run.stdout
    assert "one package per layer, imports point down BROKEN" in run.stdout
    assert "asan_kg.core is not allowed to import asan_kg.cli" in run.stdout
    assert "asan_kg.core.text -> asan_kg.cli" in run.stdout


def test_every_package_says_what_it_holds_and_what_it_may_import() -> None:
    for name in PACKAGES:
        module = ROOT / "asan_kg" / name / "__init__.py"
        doc = module.read_text(encoding="utf-8")
        assert doc.startswith('"""'), f"{module} has no docstring"
        assert "May import" in doc, f"{module}: say what the package may import"


def test_the_readme_shows_the_layout() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    for name in PACKAGES:
        assert f"{name}/" in layout, name
