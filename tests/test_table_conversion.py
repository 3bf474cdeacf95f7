"""Result tables convert each distinct cell once, whichever columns are hidden, and give the same
values as converting every RDF term one by one."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from asan_kg.store.table import NativeTable, ResultTable
from asan_kg.store.terms import from_oxigraph
from asan_kg.store.values import native_to_python, to_python

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


def test_texts_from_the_engine_equal_the_text_of_each_rdflib_term() -> None:
    """What a terminal table and an analysis reading text get, straight from the engine's terms,
    equals ``str`` of the rdflib term (IRIs compacted where asked), with booleans written ``1``
    and ``0`` (as Virtuoso answers) read ``true`` and ``false`` by both ways."""
    yes = ox.Literal("1", datatype=ox.NamedNode(XSD + "boolean"))
    blank = ox.BlankNode("b0")
    rows: list[tuple[Any, ...]] = [*ROWS, (blank, yes, DAY, ox.Literal('a "quoted"\nline'))]

    def shorten(iri: str) -> str:
        return iri.replace("https://example.org/", "ex:")

    native = NativeTable(list(VARIABLES), rows, None, native_to_python)
    converted = ResultTable(list(VARIABLES), NativeTable(list(VARIABLES), rows, None, native_to_python).rows)
    for table in (native, converted, native.without({"n"})):
        expected = [
            tuple(
                "" if t is None else (shorten if isinstance(t, ox.NamedNode) else str)(_text(t)) for t in row
            )
            for row in rows
        ]
        keep = [VARIABLES.index(v) for v in table.variables]
        assert table.texts(shorten) == [tuple(row[i] for i in keep) for row in expected]
        assert table.text_records() == [
            {
                v: (None if row[VARIABLES.index(v)] is None else _text(row[VARIABLES.index(v)]))
                for v in table.variables
            }
            for row in rows
        ]


def _text(term: Any) -> str:
    return str(from_oxigraph(term))
