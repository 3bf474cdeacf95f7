"""Shared fixtures: the loaded Asan graph on both engines, the source report, paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from asan_kg.store.embedded import ENGINES, KnowledgeGraph

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT.parent / "shared" / "seed" / "asan-international-exchange-report.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

PREFIXES = """
PREFIX akg: <https://w3id.org/asan-kg/def#>
PREFIX atype: <https://w3id.org/asan-kg/vocab/activity-types/>
PREFIX count: <https://w3id.org/asan-kg/id/count/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX dir: <https://w3id.org/asan-kg/vocab/directions/>
PREFIX event: <https://w3id.org/asan-kg/id/event/>
PREFIX field: <https://w3id.org/asan-kg/vocab/exchange-fields/>
PREFIX finding: <https://w3id.org/asan-kg/id/finding/>
PREFIX kind: <https://w3id.org/asan-kg/vocab/partnership-kinds/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX organization: <https://w3id.org/asan-kg/id/organization/>
PREFIX partnership: <https://w3id.org/asan-kg/id/partnership/>
PREFIX place: <https://w3id.org/asan-kg/id/place/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX qty: <https://w3id.org/asan-kg/vocab/count-kinds/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX reading: <https://w3id.org/asan-kg/id/reading/>
PREFIX schema: <https://schema.org/>
PREFIX section: <https://w3id.org/asan-kg/id/source/asan-report/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX status: <https://w3id.org/asan-kg/vocab/statuses/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="session", params=ENGINES)
def kg(request: pytest.FixtureRequest) -> KnowledgeGraph:
    """The Asan graph, once per engine: every fact test runs on Oxigraph and on rdflib."""
    return KnowledgeGraph.load(engine=request.param)


@pytest.fixture(scope="session")
def report_lines() -> list[str]:
    if not REPORT.exists():
        pytest.fail(f"the source report is missing: {REPORT} (shared/ must sit beside the checkout)")
    return REPORT.read_text(encoding="utf-8").splitlines()


def rows(kg: KnowledgeGraph, query: str) -> list[dict[str, str]]:
    """SELECT results as dicts of plain strings (None for unbound)."""
    return [
        {k: (None if v is None else str(v)) for k, v in row.items()}  # type: ignore[misc]
        for row in kg.select(PREFIXES + query).dicts()
    ]


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read English output unless they choose a language: the machine's locale (which
    now picks the default language) must not change what they see."""
    for variable in ("ASAN_KG_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
