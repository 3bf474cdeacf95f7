"""What every store answers with, and what a store is: ``ResultTable`` and the ``Store`` protocol.

The embedded graph, a remote endpoint and the per-run memo (``asan_kg.sparql.memo``) all offer
``select`` on SPARQL text and answer with a ``ResultTable``; analysis depends on nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from asan_kg.store.terms import Term, Value, to_python


@dataclass
class ResultTable:
    """The answer of a SELECT: variable names and rows of RDF terms (None where unbound)."""

    variables: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Term | None, ...]]:
        return iter(self.rows)

    def without(self, names: set[str]) -> ResultTable:
        """The table without the columns ``names`` (itself when it has none of them)."""
        keep = [i for i, v in enumerate(self.variables) if v not in names]
        if len(keep) == len(self.variables):
            return self
        rows = [tuple(row[i] for i in keep) for row in self.rows]
        return ResultTable([self.variables[i] for i in keep], rows)

    def dicts(self) -> list[dict[str, Term | None]]:
        """One mapping per row, variable → RDF term."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def values(self) -> list[tuple[Value, ...]]:
        """The rows as plain Python values (``asan_kg.store.terms.to_python``), each distinct
        term converted once."""
        seen: dict[Term, Value] = {}
        out = []
        for row in self.rows:
            cells: list[Value] = []
            for term in row:
                if term is None:
                    cells.append(None)
                    continue
                try:
                    value = seen[term]
                except KeyError:
                    value = seen[term] = to_python(term)
                cells.append(value)
            out.append(tuple(cells))
        return out

    def records(self) -> list[dict[str, Value]]:
        """One mapping per row, variable → plain Python value."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.values()]


class Store(Protocol):
    """What analysis needs of a store: the embedded graph, a remote endpoint and the memo offer it."""

    def select(self, query: str) -> ResultTable: ...
