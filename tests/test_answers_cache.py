"""The results cache of the analysis commands (``asan_kg.store.answers``): what a user relies on
when a second ``asan-kg dormant`` on the same files answers without loading the graph — the same
answer as a fresh run, never an answer of other files, rules or query text, and nothing kept when
``ASAN_KG_NO_CACHE`` is set."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asan_kg.cli import app
from asan_kg.core import resources
from asan_kg.store import embedded
from asan_kg.store.answers import CachedAnswers, answers_root
from asan_kg.store.cache import content_key
from asan_kg.store.embedded import KnowledgeGraph

EX = "https://example.org/answers-test/"
DATA = f"""@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{EX}a> rdfs:label "first"@en, "둘째"@ko, "tab\\there \\"quoted\\""; <{EX}n> "0012"^^xsd:integer, "1.50"^^xsd:decimal,
    "2020-01-01"^^xsd:date, "x"^^<{EX}dt>, [ rdfs:label "blank" ] .
"""
LABELS = f"SELECT ?s ?l WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(STRSTARTS(STR(?s), '{EX}')) }}"
EVERYTHING = f"""SELECT ?s ?p ?o ?missing WHERE {{
  ?s ?p ?o FILTER(STRSTARTS(STR(?s), '{EX}') || EXISTS {{ <{EX}a> ?any ?s }}) OPTIONAL {{ ?o <{EX}none> ?missing }}
}} ORDER BY ?s ?p ?o"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASAN_KG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ASAN_KG_NO_CACHE", raising=False)
    monkeypatch.setattr(embedded, "ANSWERS_MIN_BYTES", 0)  # every input counts as large
    return tmp_path / "cache"


def _data(folder: Path, text: str = DATA) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data.ttl").write_text(text, encoding="utf-8")
    return folder


def _cached(data: Path) -> CachedAnswers:
    store = KnowledgeGraph.for_analysis(data)
    assert isinstance(store, CachedAnswers)
    return store


def test_a_second_dormant_run_answers_without_loading_the_graph(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["dormant", "--format", "json"])
    assert first.exit_code == 0, first.output

    def no_load(*args: object, **kwargs: object) -> None:
        raise AssertionError("the graph was loaded although every answer was kept")

    monkeypatch.setattr(KnowledgeGraph, "load", no_load)
    second = runner.invoke(app, ["dormant", "--format", "json"])
    assert second.exit_code == 0, second.output
    assert second.output == first.output
    assert not list(cache.glob("stores/*/READY")), "an analysis builds no on-disk store"


def test_a_kept_answer_reads_back_equal_to_the_engines(cache: Path, tmp_path: Path) -> None:
    """Language tags, typed literals, escapes, blank nodes and unbound cells: the same terms and
    the same plain values as the graph in memory gives."""
    data = _data(tmp_path / "data")
    written = _cached(data)
    first = written.select(EVERYTHING)
    read = _cached(data)
    again = read.select(EVERYTHING)
    assert (written.asked, read.asked, read.read) == (1, 0, 1)
    fresh = written.graph.select(EVERYTHING)  # the graph the answer came from (same blank nodes)
    assert len(fresh) > 8 and any(None in row for row in fresh.rows)
    for table in (first, again):
        assert table.variables == fresh.variables
        assert table.values() == fresh.values()
        assert table.rows == fresh.rows


def test_a_changed_file_is_never_answered_from_the_cache(cache: Path, tmp_path: Path) -> None:
    data = _data(tmp_path / "data")
    assert "first" in {str(v) for _, v in _cached(data).select(LABELS).values()}
    _data(data, DATA.replace("first", "fresh"))  # same name, same size: only the bytes differ
    again = _cached(data)
    assert "fresh" in {str(v) for _, v in again.select(LABELS).values()}
    assert again.asked == 1


def test_a_changed_rule_or_query_text_is_a_new_key(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _data(tmp_path / "data")
    files = KnowledgeGraph.input_files(data)
    before = content_key(files, True)
    rules = tmp_path / "rules"
    shutil.copytree(resources.rules_dir(), rules)
    first = sorted(rules.glob("*.rq"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(resources, "rules_dir", lambda: rules)
    assert content_key(files, True) != before
    store = _cached(data)
    store.select(LABELS)
    store.select(LABELS + " LIMIT 1")
    assert store.asked == 2


def test_answers_are_written_whole_and_readable_by_everyone(cache: Path, tmp_path: Path) -> None:
    _cached(_data(tmp_path / "data")).select(LABELS)
    files = [p for p in answers_root().rglob("*") if p.is_file()]
    assert len(files) == 1 and files[0].suffix == ".tsv", "no temporary file is left beside it"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o644 & ~umask


def test_a_damaged_answer_is_asked_again(cache: Path, tmp_path: Path) -> None:
    data = _data(tmp_path / "data")
    expected = _cached(data).select(LABELS).values()
    (kept,) = [p for p in answers_root().rglob("*.tsv")]
    kept.write_bytes(b"?s\t?l\n<unterminated\n")
    again = _cached(data)
    assert again.select(LABELS).values() == expected
    assert again.asked == 1 and _cached(data).select(LABELS).values() == expected


def test_a_cache_folder_that_cannot_be_written_costs_time_never_the_answer(
    cache: Path, tmp_path: Path
) -> None:
    data = _data(tmp_path / "data")
    expected = KnowledgeGraph.load(data, cache=False).select(LABELS).values()
    cache.mkdir(parents=True)
    answers_root().write_text("a file where the answers' folder should be", encoding="utf-8")
    for _ in range(2):
        store = _cached(data)
        assert store.select(LABELS).values() == expected
        assert store.asked == 1


def test_no_cache_keeps_no_answer(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASAN_KG_NO_CACHE", "1")
    store = KnowledgeGraph.for_analysis(_data(tmp_path / "data"))
    assert isinstance(store, KnowledgeGraph)
    assert store.select(LABELS).values()
    assert not cache.exists()
