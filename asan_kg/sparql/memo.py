"""A per-run memo: the same query text (a saved query with the same bindings) runs once.

Pages and ``build`` need the same tables many times (labels, reported counts); at a million
triples each costs seconds. ``memoized(store)`` wraps any Store and remembers its answers for
the life of the wrapper: one command run, never across runs, so data changes are always seen.
"""

from __future__ import annotations

from typing import Any

from asan_kg.sparql.querying import Store


class MemoStore:
    """Store protocol; answers of ``select``, ``ask`` and ``construct`` cached by query text."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self._cache: dict[tuple[str, str], Any] = {}
        self.executed = 0

    def _get(self, method: str, query: str) -> Any:
        key = (method, query)
        if key not in self._cache:
            self.executed += 1
            self._cache[key] = getattr(self.inner, method)(query)
        return self._cache[key]

    def select(self, query: str) -> Any:
        return self._get("select", query)

    def ask(self, query: str) -> bool:
        return bool(self._get("ask", query))

    def construct(self, query: str) -> Any:
        return self._get("construct", query)

    def __getattr__(self, name: str) -> Any:  # engine, files, ... of the wrapped store
        return getattr(self.inner, name)


def memoized(store: Store) -> Store:
    return store if isinstance(store, MemoStore) else MemoStore(store)
