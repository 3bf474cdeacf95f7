"""One report run asks the store each question once: pages take the analyses' results instead of
re-running saved queries (at a million triples each repeat costs seconds)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from asan_kg.analysis.results import Results
from asan_kg.render import report
from asan_kg.store.embedded import KnowledgeGraph


class CountingStore:
    """A store that counts every query text it is asked (select, ask and construct)."""

    def __init__(self, inner: KnowledgeGraph) -> None:
        self.inner = inner
        self.asked: Counter[str] = Counter()

    def select(self, query: str) -> Any:
        self.asked[query] += 1
        return self.inner.select(query)

    def ask(self, query: str) -> bool:
        self.asked[query] += 1
        return self.inner.ask(query)

    def construct(self, query: str) -> Any:
        self.asked[query] += 1
        return self.inner.construct(query)


def test_one_report_run_executes_each_saved_query_with_the_same_bindings_at_most_once(tmp_path: Path) -> None:
    store = CountingStore(KnowledgeGraph.load())
    written = report.write(Results(store, "en"), tmp_path, "en")
    assert {p.name for p in written} == {"report.html", "report.md", "network.html"}
    repeated = {q.splitlines()[0]: n for q, n in store.asked.items() if n > 1}
    assert repeated == {}
    assert len(store.asked) > 20  # the report does ask many questions, each once


def test_without_the_memo_the_same_questions_would_repeat(tmp_path: Path) -> None:
    # the check above can fail: the analyses themselves ask some questions more than once
    from asan_kg.analysis import dormancy, network

    store = CountingStore(KnowledgeGraph.load())
    dormancy.assess(store)
    network.build(store)
    dormancy.assess(store)
    assert any(n > 1 for n in store.asked.values())
