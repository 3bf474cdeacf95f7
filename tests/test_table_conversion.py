"""Result tables convert each distinct cell once, whichever columns are hidden, and give the same
values as converting every RDF term one by one."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from asan_kg.store.table import NativeTable, ResultTable
from asan_kg.store.terms import from_oxigraph, native_to_python, to_python

XSD = "http://www.w3.org/2001/XMLSchema#"
A, B = ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/b")
ONE = ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))
DAY = ox.Literal("2014-12-31", datatype=ox.NamedNode(XSD + "date"))
NAME = ox.Literal("아산", language="ko")
ROWS: list[tuple[Any, ...]] = [(A, ONE, DAY, NAME), (B, None, DAY, NAME), (A, ONE, None, None)]
VARIABLES = ["s", "n", "day", "label"]


def _table(rows: list[tuple[Any, ...]] = ROWS) -> NativeTable:
    return NativeTable(list(VARIABLES), rows, from_oxigraph, native_to_python)


def test_values_are_those_of_each_term_converted_alone() -> None:
    expected = [tuple(to_python(None if c is None else from_oxigraph(c)) for c in row) for row in ROWS]
    assert _table().values() == expected
    assert ResultTable(list(VARIABLES), _table().rows).values() == expected


def test_hiding_none_one_or_every_column_keeps_the_others_values() -> None:
    full = _table().values()
    for hidden in (set(), {"n"}, {"s", "n", "day"}, {"s", "day"}, set(VARIABLES)):
        shown = [i for i, v in enumerate(VARIABLES) if v not in hidden]
        table = _table().without(hidden)
        assert table.variables == [VARIABLES[i] for i in shown]
        assert table.values() == [tuple(row[i] for i in shown) for row in full]
        assert table.records() == [dict(zip(table.variables, row, strict=True)) for row in table.values()]
        assert len(table.rows) == len(ROWS)


def test_a_term_repeated_in_many_rows_is_converted_once() -> None:
    calls: list[Any] = []

    def counted(term: Any) -> Any:
        calls.append(term)
        return native_to_python(term)

    rows = ROWS * 100
    values = NativeTable(list(VARIABLES), rows, from_oxigraph, counted).values()
    assert len(values) == 300
    assert sorted(map(str, calls)) == sorted(map(str, {A, B, ONE, DAY, NAME}))
