"""A per-run memo: the same query text asked twice of one store is executed once.

``build`` and ``report`` ask several analyses for the same saved queries (labels, activity dates,
dormancy rows) with the same bindings; parameters are bound into the text (``querying.prepare``),
so the final query text is the whole key. Wrap the store once per run::

    store = memoized(KnowledgeGraph.load())

The memo lives as long as the wrapper: a command, not a process, so a changed graph is never
answered from a stale memo. Callers get a copy of each answer and may change it freely.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph

from asan_kg.store.table import ResultTable, Store


class MemoStore:
    """A ``Store`` that remembers every ``select``, ``ask`` and ``construct`` by query text and
    passes everything else (``files``, ``engine``, ``triples``, …) to the store it wraps."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self._selects: dict[str, ResultTable] = {}
        self._asks: dict[str, bool] = {}
        self._constructs: dict[str, Graph] = {}

    def select(self, query: str) -> ResultTable:
        table = self._selects.get(query)
        if table is None:
            table = self._selects[query] = self.inner.select(query)
        return table.copy()

    def ask(self, query: str) -> bool:
        if query not in self._asks:
            self._asks[query] = bool(self.inner.ask(query))  # type: ignore[attr-defined]
        return self._asks[query]

    def construct(self, query: str) -> Graph:
        graph = self._constructs.get(query)
        if graph is None:
            graph = self._constructs[query] = self.inner.construct(query)  # type: ignore[attr-defined]
        copy = Graph()
        for prefix, namespace in graph.namespaces():
            copy.bind(prefix, namespace, override=True)
        copy += graph
        return copy

    def forget(self) -> None:
        """Drop every remembered answer (after the wrapped store was changed)."""
        self._selects.clear()
        self._asks.clear()
        self._constructs.clear()

    def __len__(self) -> int:
        return len(self.inner)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> Any:
        if name == "inner":  # not yet set: during unpickling or a failed __init__
            raise AttributeError(name)
        return getattr(self.inner, name)


def memoized(store: Store) -> MemoStore:
    """``store`` behind a per-run memo (the same memo when it already is one)."""
    return store if isinstance(store, MemoStore) else MemoStore(store)
