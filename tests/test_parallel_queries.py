"""An analysis asks its independent queries at once where the store can answer them concurrently
(embedded Oxigraph), one after another elsewhere, and the verdicts are the same either way."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from asan_kg.analysis import concentration, dormancy
from asan_kg.sparql import querying
from asan_kg.sparql.catalog import CatalogError
from asan_kg.store.answers import CachedAnswers
from asan_kg.store.embedded import KnowledgeGraph
from asan_kg.store.table import ResultTable


class Watched:
    """A store that records which threads asked it, and whether it says it can run in parallel."""

    def __init__(self, inner: KnowledgeGraph, parallel: bool) -> None:
        self.inner = inner
        self.parallel_selects = parallel
        self.projects_parameters = False
        self.threads: set[str] = set()

    def select(self, query: str) -> ResultTable:
        self.threads.add(threading.current_thread().name)
        return self.inner.select(query)


def _plain(report: dormancy.DormancyReport) -> list[dict[str, Any]]:
    return dormancy.as_dicts(report.verdicts)


def test_dormancy_asks_its_queries_at_once_on_the_engine_and_answers_the_same() -> None:
    kg = KnowledgeGraph.load(cache=False)
    at_once, in_turn = Watched(kg, True), Watched(kg, False)
    assert _plain(dormancy.assess(at_once)) == _plain(dormancy.assess(in_turn))
    assert any(name.startswith("asan-kg-query") for name in at_once.threads)
    assert in_turn.threads == {threading.current_thread().name}
    assert kg.parallel_selects


def test_concentration_is_the_same_whichever_way_its_queries_are_asked() -> None:
    kg = KnowledgeGraph.load(cache=False)
    at_once, in_turn = Watched(kg, True), Watched(kg, False)
    assert concentration.analyse(at_once, "country").as_dict() == concentration.analyse(in_turn).as_dict()
    assert len(at_once.threads) > 1


def test_an_error_in_one_of_the_queries_asked_at_once_reaches_the_caller() -> None:
    kg = KnowledgeGraph.load(cache=False)
    calls: list[querying.Call] = [("coverage", None, None), ("no-such-query", None, None)]
    try:
        querying.run_all(Watched(kg, True), calls)
    except CatalogError as exc:
        assert "no-such-query" in str(exc)
    else:
        raise AssertionError("the missing query was not reported")


def test_the_results_cache_loads_its_graph_once_when_queries_miss_at_once(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("ASAN_KG_CACHE_DIR", str(tmp_path))
    loads: list[int] = []

    def load() -> KnowledgeGraph:
        loads.append(1)
        return KnowledgeGraph.load(cache=False)

    store = CachedAnswers(KnowledgeGraph.input_files(None), True, load)
    first = dormancy.as_dicts(dormancy.assess(store).verdicts)
    assert loads == [1] and store.asked > 1
    again = CachedAnswers(KnowledgeGraph.input_files(None), True, load)
    assert dormancy.as_dicts(dormancy.assess(again).verdicts) == first
    assert loads == [1] and again.asked == 0 and again.read == store.asked
