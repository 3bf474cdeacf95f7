"""What a command on a small graph loads: the everyday read commands answer without importing
rdflib (0.05 s of a 0.3 s start), on the packaged graph and on a second city's, and the commands
that need it (a CSV of terms, a form never seen before) still get it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

# Runs the console entry point as installed, then says on stderr which libraries were imported.
PROBE = (
    "import atexit, sys\n"
    "atexit.register(lambda: sys.stderr.write('\\nloaded: ' + ' '.join(sorted(\n"
    "    m for m in ('rdflib', 'networkx', 'jinja2', 'SPARQLWrapper') if m in sys.modules)) + '\\n'))\n"
    "sys.argv = ['asan-kg', *sys.argv[1:]]\n"
    "from asan_kg.cli import main\n"
    "sys.exit(main())\n"
)

EVERYDAY = [
    ["dormant"],
    ["dormant", "--format", "json"],
    ["concentration", "--by", "country"],
    ["health"],
    ["summary"],
    ["query", "partners"],
    ["query", "partner-activities", "-p", "partner=place:rongcheng", "--format", "json"],
]


def _run(args: list[str], cache: Path) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    env = {**os.environ, "ASAN_KG_CACHE_DIR": str(cache), "ASAN_KG_LANG": "en"}
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    marker = run.stderr.rsplit("loaded:", 1)
    assert len(marker) == 2, run.stderr
    return run, set(marker[1].split())


@pytest.mark.parametrize("args", EVERYDAY, ids=" ".join)
@pytest.mark.parametrize("data", [None, "second-city"])
def test_an_everyday_command_answers_without_importing_rdflib(
    args: list[str], data: str | None, tmp_path: Path
) -> None:
    """The second run, as a user's every run after the first: a saved query's form (SELECT) was
    parsed by rdflib once and is remembered since."""
    given = [*args, "--data", str(FIXTURES / data)] if data else args
    _run(given, tmp_path)
    run, loaded = _run(given, tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip(), run.stderr
    assert "rdflib" not in loaded
    assert "networkx" not in loaded and "SPARQLWrapper" not in loaded


def test_the_list_of_saved_queries_needs_no_rdflib(tmp_path: Path) -> None:
    run, loaded = _run(["queries"], tmp_path)
    assert run.returncode == 0 and "partners" in run.stdout and "rdflib" not in loaded


def test_a_csv_of_terms_still_gets_rdflib(tmp_path: Path) -> None:
    _run(["query", "partners", "--format", "csv"], tmp_path)
    run, loaded = _run(["query", "partners", "--format", "csv"], tmp_path)
    assert run.returncode == 0 and "rdflib" in loaded
    assert run.stdout.splitlines()[1].startswith("https://w3id.org/")


def test_the_prefixes_written_out_for_the_query_path_are_rdflibs_own() -> None:
    """``vocab.prefixes`` spells out, without importing rdflib, what rdflib's graph binds and its
    namespaces say: a new rdflib that changed one would fail here, not silently differ."""
    from rdflib import Graph
    from rdflib.namespace import DCTERMS, ORG, OWL, PROV, QB, RDF, RDFS, SDO, SKOS, TIME, XSD

    from asan_kg.vocab import prefixes
    from asan_kg.vocab.akg import AKG

    assert {p: str(ns) for p, ns in Graph().namespaces()} == prefixes.RDFLIB_DEFAULTS
    standard = {"dcterms": DCTERMS, "org": ORG, "owl": OWL, "prov": PROV, "qb": QB, "rdf": RDF}
    standard |= {"rdfs": RDFS, "schema": SDO, "skos": SKOS, "time": TIME, "xsd": XSD}
    assert {p: prefixes.PREFIXES[p] for p in standard} == {p: str(ns) for p, ns in standard.items()}
    assert str(AKG) == prefixes.AKG
