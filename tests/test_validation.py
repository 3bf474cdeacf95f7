"""`asan-kg validate`: valid data passes; each kind of broken data fails with the message a user needs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asan_kg.cli import app
from asan_kg.core import resources
from tests.conftest import FIXTURES, ROOT

BROKEN = FIXTURES / "broken"
runner = CliRunner()


def validate(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_the_asan_graph_is_valid(engine: str) -> None:
    code, out = validate("--engine", engine, "--lang", "en")
    assert code == 0, out
    assert "Valid:" in out and "no violations" in out


@pytest.mark.parametrize(
    ("fixture", "node", "needle_en", "needle_ko"),
    [
        (
            "missing-date.ttl",
            "event:broken-no-end-date",
            "end date (schema:endDate)",
            "종료일(schema:endDate)",
        ),
        ("wrong-date-type.ttl", "event:broken-date-type", "of type xsd:date", "xsd:date 형식"),
        (
            "partner-without-country.ttl",
            "place:nowhere",
            "exactly one country (akg:country)",
            "국가(akg:country)",
        ),
        (
            "unknown-field.ttl",
            "event:broken-unknown-field",
            "not in the exchange-fields vocabulary",
            "exchange-fields 어휘에 없습니다",
        ),
        (
            "end-before-start.ttl",
            "event:broken-end-before-start",
            "not after its end date",
            "종료일보다 늦을 수",
        ),
        ("untraced-and-dangling.ttl", "event:broken-untraced", "described nowhere", "그래프 어디에도 없는"),
    ],
)
def test_broken_data_fails_with_exit_1_and_names_node_and_problem(
    fixture: str, node: str, needle_en: str, needle_ko: str
) -> None:
    code, out = validate("--extra", str(BROKEN / fixture), "--lang", "en")
    assert code == 1, out
    assert node in out and needle_en in out, out
    code_ko, out_ko = validate("--extra", str(BROKEN / fixture), "--lang", "ko")
    assert code_ko == 1 and needle_ko in out_ko, out_ko


def test_the_focus_node_is_shown_by_its_label_in_the_chosen_language() -> None:
    _code, out = validate("--extra", str(BROKEN / "unknown-field.ttl"), "--lang", "ko")
    assert "우주 교류" in out
    _code, out = validate("--extra", str(BROKEN / "unknown-field.ttl"), "--lang", "en")
    assert "Space exchange" in out


def test_a_turtle_syntax_error_exits_2_naming_file_and_line() -> None:
    code, out = validate("--extra", str(BROKEN / "syntax-error.ttl"), "--lang", "en")
    assert code == 2
    assert "syntax-error.ttl:5:" in out and "Turtle syntax error" in out


def test_every_broken_file_is_reported_in_one_run(tmp_path: Path) -> None:
    second = tmp_path / "second.ttl"
    second.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    code, out = validate("--extra", str(BROKEN / "syntax-error.ttl"), "--extra", str(second), "--lang", "en")
    assert code == 2
    assert "syntax-error.ttl:5:" in out and "second.ttl:2:" in out


def test_a_missing_data_folder_is_a_clear_input_error(tmp_path: Path) -> None:
    code, out = validate("--data", str(tmp_path / "nope"), "--lang", "en")
    assert code == 2 and "no such data directory" in out


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.ttl"
    bad.write_bytes('@prefix ex: <http://example.org/> .\nex:a ex:b "Miskolc – é" .\n'.encode("cp1252"))
    code, out = validate("--extra", str(bad), "--lang", "en")
    assert code == 2 and "latin1.ttl:2" in out and "UTF-8" in out


def test_validation_writes_nothing_and_leaves_inputs_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(resources.data_dir(), data)
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    code, _out = validate("--data", str(data), "--extra", str(BROKEN / "unknown-field.ttl"))
    assert code == 1
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


def test_the_installed_console_script_validates_end_to_end() -> None:
    exe = Path(sys.executable).parent / "asan-kg"
    if not exe.exists():
        pytest.fail(f"the asan-kg console script is not installed next to {sys.executable}; pip install -e .")
    env = {**os.environ, "ASAN_KG_LANG": "en"}
    ok = subprocess.run(
        [str(exe), "validate"], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run(
        [str(exe), "validate", "--extra", str(BROKEN / "syntax-error.ttl")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert bad.returncode == 2 and "syntax-error.ttl:5:" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_the_example_in_ontology_examples_passes_the_shapes(tmp_path: Path) -> None:
    data = tmp_path / "examples"
    shutil.copytree(resources.ontology_dir() / "examples", data)
    code, out = validate("--data", str(data), "--lang", "en")
    assert code == 0, out
