"""The command line as a user meets it: help with examples, exit codes, no tracebacks, files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asan_kg.cli import app
from tests.conftest import ROOT
from tests.remote_helpers import run_cli

runner = CliRunner()
COMMANDS = [
    "build",
    "validate",
    "summary",
    "fmt",
    "queries",
    "query",
    "dormant",
    "concentration",
    "network-metrics",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def test_queries_lists_names_summaries_and_parameters() -> None:
    result = runner.invoke(app, ["queries", "--format", "json"])
    assert result.exit_code == 0
    listed = {q["name"]: q for q in json.loads(result.output)}
    assert "partner (iri)" in listed["partner-activities"]["parameters"]
    assert "since (xsd_date) = 2013-01-01" in listed["partnerships-without-activity-since"]["parameters"]


def test_query_by_name_with_parameters_and_formats(tmp_path: Path) -> None:
    out = tmp_path / "dongguan.csv"
    result = runner.invoke(
        app,
        [
            "query",
            "partner-activities",
            "--param",
            "partner=place:dongguan",
            "-p",
            "from=2014-01-01",
            "--format",
            "csv",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("activity,start,end") and len(lines) == 10
    md = runner.invoke(app, ["query", "partners", "--lang", "ko", "--format", "md"])
    assert md.exit_code == 0 and "| 영성시 |" in md.output


def test_query_errors_are_clear_and_exit_2() -> None:
    cases = [
        (["query", "partner"], "did you mean"),
        (["query", "partner-activities"], "parameter 'partner' is required"),
        (
            ["query", "partner-activities", "-p", "partner=place:dongguan", "-p", "from=2014/01/01"],
            "YYYY-MM-DD",
        ),
        (["query", "partners", "--format", "xml"], "--format must be one of"),
        (["query"], "give a saved query name or --file"),
    ]
    for args, needle in cases:
        result = run_cli(*args)
        assert result.code == 2, (args, result.stdout, result.stderr)
        assert needle in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_an_ad_hoc_file_runs_and_an_update_is_refused(tmp_path: Path) -> None:
    ask = tmp_path / "ask.rq"
    ask.write_text(
        "PREFIX akg: <https://w3id.org/asan-kg/def#>\nASK WHERE { ?p a akg:Partnership }\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["query", "--file", str(ask)]).output.strip() == "true"
    update = tmp_path / "drop.rq"
    update.write_text("DELETE WHERE { ?s ?p ?o }\n", encoding="utf-8")
    result = runner.invoke(app, ["query", "--file", str(update)])
    assert result.exit_code == 2 and "SPARQL Update" in result.output
    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT ?s WHERE { ?s ?p }\n", encoding="utf-8")
    result = runner.invoke(app, ["query", "--file", str(broken)])
    assert result.exit_code == 2 and "broken.rq" in result.output


def test_another_data_folder_is_analysed_with_data(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "dormant",
            "--data",
            str(ROOT / "ontology" / "examples"),
            "--as-of",
            "2021-12-31",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["status"] for r in rows] == ["new"]


def test_the_main_job_prints_the_summary_dormancy_and_concentration() -> None:
    env = {**os.environ, "ASAN_KG_LANG": "ko"}
    exe = Path(sys.executable).parent / "asan-kg"
    run = subprocess.run([str(exe), "build"], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    assert "검증 통과" in run.stdout and "휴면" in run.stdout and "47.9%" in run.stdout
