"""What every store answers with, and what a store is: ``ResultTable`` and the ``Store`` protocol.

The embedded graph, a remote endpoint and the per-run memo (``asan_kg.sparql.memo``) all offer
``select`` on SPARQL text and answer with a ``ResultTable``; analysis depends on nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Protocol

import pyoxigraph

from asan_kg.core.collector import paused
from asan_kg.store.values import Term, Value, native_text, native_to_python, to_python


@dataclass
class ResultTable:
    """The answer of a SELECT: variable names and rows of RDF terms (None where unbound)."""

    variables: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Term | None, ...]]:
        return iter(self.rows)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ResultTable):
            return NotImplemented
        return self.variables == other.variables and self.rows == other.rows

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
        """The rows as plain Python values (``asan_kg.store.values.to_python``), each distinct
        term converted once."""
        return _convert(self.rows, to_python)

    def records(self) -> list[dict[str, Value]]:
        """One mapping per row, variable → plain Python value."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.values()]

    def texts(self, iri: Callable[[str], str] = str) -> list[tuple[str, ...]]:
        """The rows as text for people: each IRI through ``iri`` (e.g. compacted), a literal or
        blank node as its text, "" where unbound; each distinct term converted once."""
        return self._texts(iri, "")

    def text_records(self) -> list[dict[str, str | None]]:
        """One mapping per row, variable → the term's text (an IRI, a literal's lexical form, a
        blank node's label), None where unbound: for an analysis that reads every cell as text."""
        return [dict(zip(self.variables, row, strict=True)) for row in self._texts(str, None)]

    def _texts(self, iri: Callable[[str], str], none: str | None) -> list[tuple[Any, ...]]:
        from rdflib import URIRef  # rows of rdflib terms: rdflib is loaded already

        return _convert(self.rows, lambda t: iri(str(t)) if isinstance(t, URIRef) else str(t), none=none)

    def copy(self) -> ResultTable:
        """A copy the caller may change freely (the rows themselves are tuples)."""
        return ResultTable(list(self.variables), list(self.rows))


class NativeTable(ResultTable):
    """A table of an engine's own rows, converted only when asked for: ``values()`` and
    ``records()`` go straight from the engine's terms to plain Python values (no rdflib term
    in between, the analyses' hot path); ``rows`` converts to RDF terms on first use.

    ``native`` holds the engine's row objects as they came (Oxigraph's ``QuerySolution``s: one
    object per row, where a tuple per row and an object per cell cost the time and the cyclic
    garbage collections that made keeping an answer slower than reading it); ``keep`` is the
    column positions still shown after ``without``, applied only when a row is converted;
    ``to_term`` makes a cell an rdflib term (None: an Oxigraph term, by ``terms.from_oxigraph``,
    imported on first use)."""

    def __init__(
        self,
        variables: list[str],
        native: Sequence[Any],
        to_term: Callable[[Any], Term] | None,
        to_value: Callable[[Any], Value],
        keep: list[int] | None = None,
    ) -> None:
        self.variables = variables
        self._native = native
        self._to_term = to_term
        self._to_value = to_value
        self._keep = keep
        self._rows: list[tuple[Term | None, ...]] | None = None

    @classmethod
    def of_oxigraph(cls, solutions: object) -> NativeTable:
        """A table of Oxigraph's ``QuerySolutions`` (from the embedded store, a server's answer or
        the results cache), rows kept as they come; ``ValueError`` if they are not a SELECT's."""
        if not isinstance(solutions, pyoxigraph.QuerySolutions):
            raise ValueError("expected a SELECT query")
        return cls([v.value for v in solutions.variables], list(solutions), None, native_to_python)

    @property
    def rows(self) -> list[tuple[Term | None, ...]]:
        if self._rows is None:
            self._rows = _convert(self._native, self._to_term or _from_oxigraph(), self._keep)
        return self._rows

    @rows.setter
    def rows(self, rows: list[tuple[Term | None, ...]]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._native) if self._rows is None else len(self._rows)

    def values(self) -> list[tuple[Value, ...]]:
        if self._rows is not None:
            return super().values()
        return _convert(self._native, self._to_value, self._keep)

    def _texts(self, iri: Callable[[str], str], none: str | None) -> list[tuple[Any, ...]]:
        if self._rows is not None:
            return super()._texts(iri, none)
        named = pyoxigraph.NamedNode
        return _convert(
            self._native, lambda t: iri(t.value) if isinstance(t, named) else native_text(t), self._keep, none
        )

    def without(self, names: set[str]) -> ResultTable:
        """Columns dropped by position, applied when rows are converted: nothing is copied or
        converted early."""
        keep = [i for i, v in enumerate(self.variables) if v not in names]
        if len(keep) == len(self.variables) or self._rows is not None:
            return super().without(names)
        positions = keep if self._keep is None else [self._keep[i] for i in keep]
        variables = [self.variables[i] for i in keep]
        return NativeTable(variables, self._native, self._to_term, self._to_value, positions)

    def copy(self) -> ResultTable:
        if self._rows is not None:
            return super().copy()
        return NativeTable(list(self.variables), self._native, self._to_term, self._to_value, self._keep)


def _from_oxigraph() -> Callable[[Any], Term]:
    """``terms.from_oxigraph``, imported when a table's rows are first asked for as rdflib terms:
    a command that reads only plain values never imports rdflib (a fifth of a small command's
    time)."""
    from asan_kg.store.terms import from_oxigraph

    return from_oxigraph


class _Converted(dict[Any, Any]):
    """Each distinct cell's value, converted the first time it is asked for (``__missing__``):
    a hit is one C-level lookup, with no Python code run per cell."""

    __slots__ = ("_convert",)

    def __init__(self, convert: Callable[[Any], Any], none: Any = None) -> None:
        super().__init__({None: none})
        self._convert = convert

    def __missing__(self, cell: Any) -> Any:
        value = self[cell] = self._convert(cell)
        return value


def _convert(
    rows: Sequence[Any], convert: Callable[[Any], Any], keep: list[int] | None = None, none: Any = None
) -> list[tuple[Any, ...]]:
    """Each row's cells (those at ``keep``, or all) converted, each distinct cell once; None
    (unbound) becomes ``none``. The cells are picked by ``itemgetter`` and looked up by ``map``, not by a loop
    per cell (a third of a warm 5M dormancy's conversion was that loop), and the garbage
    collector waits (``core.collector``: the rows hold no cycle)."""
    value = _Converted(convert, none).__getitem__
    with paused:
        if keep is None:
            return [tuple(map(value, row)) for row in rows]
        if len(keep) < 2:
            return [(value(row[keep[0]]),) for row in rows] if keep else [() for _ in rows]
        pick = itemgetter(*keep)
        return [tuple(map(value, pick(row))) for row in rows]


class Store(Protocol):
    """What analysis needs of a store: the embedded graph, a remote endpoint and the memo offer it."""

    def select(self, query: str) -> ResultTable: ...
