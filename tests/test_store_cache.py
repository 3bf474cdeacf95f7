"""The on-disk store kept per content of the input files: what a user relies on when a second run
opens it instead of parsing — never a stale store, never a half-built one, the same graph as a
load in memory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from asan_kg.store.cache import cache_root
from asan_kg.store.embedded import KnowledgeGraph
from asan_kg.store.loading import LoadError

EX = "https://example.org/cache-test/"
SMALL = f"""@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{EX}a> rdfs:label "first"@en .
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASAN_KG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ASAN_KG_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _labels(kg: KnowledgeGraph) -> set[str]:
    query = f"SELECT ?l WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(STRSTARTS(STR(?s), '{EX}')) }}"
    return {str(v) for (v,) in kg.select(query).values()}


def _data(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data.ttl").write_text(text, encoding="utf-8")
    return folder


def test_a_changed_file_never_reopens_the_old_store(cache: Path, tmp_path: Path) -> None:
    data = _data(tmp_path / "data", SMALL)
    assert _labels(KnowledgeGraph.load(data, cache=True)) == {"first"}
    same_size = SMALL.replace("first", "fresh")  # same length, same name: only the bytes differ
    _data(data, same_size)
    assert _labels(KnowledgeGraph.load(data, cache=True)) == {"fresh"}
    assert len(list(cache_root().glob("*/READY"))) == 2


def test_a_broken_file_leaves_no_store_behind(cache: Path, tmp_path: Path) -> None:
    data = _data(tmp_path / "data", SMALL + f"<{EX}b> rdfs:label .\n")
    with pytest.raises(LoadError) as raised:
        KnowledgeGraph.load(data, cache=True)
    assert "data.ttl:3" in str(raised.value)
    assert list(cache_root().iterdir()) == [], "neither a store nor a half-built folder is left"


def test_relative_iris_resolve_the_same_with_and_without_the_store(cache: Path, tmp_path: Path) -> None:
    data = _data(
        tmp_path / "data", SMALL + '<relative-node> <http://www.w3.org/2000/01/rdf-schema#label> "r" .\n'
    )
    query = 'SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> "r" }'
    in_memory = KnowledgeGraph.load(data, cache=False).select(query).values()
    stored = KnowledgeGraph.load(data, cache=True).select(query).values()
    assert stored == in_memory == [((data / "relative-node").resolve().as_uri(),)]


def test_the_store_has_the_graph_of_a_load_in_memory(cache: Path, tmp_path: Path) -> None:
    """Ontology, data and the derived twinnedWith edges: the same graph either way."""
    everything = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    stored, in_memory = KnowledgeGraph.load(cache=True), KnowledgeGraph.load(cache=False)
    assert len(stored) == len(in_memory)
    assert isomorphic(stored.construct(everything), in_memory.construct(everything))  # blank nodes differ
    twinned = "ASK { ?a <https://w3id.org/asan-kg/def#twinnedWith> ?b }"
    assert stored.ask(twinned) and in_memory.ask(twinned)


def test_the_store_folder_has_the_usual_permissions(cache: Path, tmp_path: Path) -> None:
    """Not the private 0700 of the temporary folder it was built in."""
    KnowledgeGraph.load(_data(tmp_path / "data", SMALL), cache=True)
    umask = os.umask(0)
    os.umask(umask)
    (store,) = [p.parent for p in cache_root().glob("*/READY")]
    assert stat.S_IMODE(store.stat().st_mode) == 0o777 & ~umask


def test_analyses_read_a_large_input_in_memory_and_saved_queries_from_the_store(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the size where the store pays, a saved query keeps the on-disk store, but an
    analysis (here ``dormant``), faster on a graph in memory even counting the load, builds none
    (it keeps its answers only: ``test_answers_cache``)."""
    from typer.testing import CliRunner

    from asan_kg.cli import app
    from asan_kg.store import embedded

    monkeypatch.setattr(embedded, "CACHE_MIN_BYTES", 0)  # every input counts as large
    runner = CliRunner()
    dormant = runner.invoke(app, ["dormant", "--format", "json"])
    assert dormant.exit_code == 0, dormant.output
    assert not cache.exists() or not any((cache / "stores").rglob("*"))
    query = runner.invoke(app, ["query", "partners", "--format", "csv"])
    assert query.exit_code == 0, query.output
    assert any(cache.rglob("*"))
