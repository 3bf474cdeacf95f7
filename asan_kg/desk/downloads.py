"""Query results as files: CSV (the CLI's W3C CSV, with a byte order mark for Excel and every
formula-like cell neutralized), XLSX (text and numbers, never formulas) and SPARQL JSON (the
CLI's writer)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from rdflib import BNode, Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from asan_kg.core.text import formula_safe
from asan_kg.sparql import formats
from asan_kg.store.embedded import ResultTable

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/sparql-results+json; charset=utf-8",
}
_NUMERIC = {XSD.integer, XSD.int, XSD.long, XSD.decimal, XSD.double, XSD.float, XSD.nonNegativeInteger}


def _text(term: Node | None) -> str:
    """A cell as ``asan-kg query --format csv`` writes it."""
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def to_csv(table: ResultTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([formula_safe(v) for v in table.variables])
    for row in table:
        writer.writerow([formula_safe(_text(t)) for t in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(term: Node | None) -> object:
    if isinstance(term, Literal) and term.datatype in _NUMERIC:
        value = term.toPython()
        if isinstance(value, bool):
            return str(term)
        if isinstance(value, int):
            return value
        if isinstance(value, float | Decimal):
            return float(value)
    return formula_safe(_text(term))


def to_xlsx(table: ResultTable, title: str) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = (title or "results")[:31].translate({ord(c): "_" for c in "[]:*?/\\"})
    for c, name in enumerate(table.variables, start=1):
        cell = sheet.cell(row=1, column=c, value=str(formula_safe(name)))
        cell.data_type = "s"
    for r, row in enumerate(table, start=2):
        for c, term in enumerate(row, start=1):
            value = _cell(term)
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, even where it looks like a formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_json(table: ResultTable) -> bytes:
    return formats.to_json(table).encode("utf-8")


def render(table: ResultTable, fmt: str, title: str) -> bytes:
    if fmt == "csv":
        return to_csv(table)
    if fmt == "xlsx":
        return to_xlsx(table, title)
    if fmt == "json":
        return to_json(table)
    raise ValueError(f"unknown download format {fmt!r}")
