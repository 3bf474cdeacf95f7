"""Result tables as text: a terminal table, W3C SPARQL 1.1 CSV/TSV/JSON results, Markdown.

CSV and TSV cells that a spreadsheet would run as a formula (= + - @ …) get a leading
apostrophe (``core.text.formula_safe``); plain numbers are left as they are."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from asan_kg.core.text import formula_safe_text
from asan_kg.store.embedded import ResultTable
from asan_kg.vocab.namespaces import compact

FORMATS = ("table", "csv", "tsv", "json", "md")


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "literal", "value": str(term)}


def to_json(table: ResultTable) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    bindings = [
        {v: _json_term(t) for v, t in zip(table.variables, row, strict=True) if t is not None}
        for row in table
    ]
    doc: dict[str, Any] = {"head": {"vars": table.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def to_csv(table: ResultTable) -> str:
    """SPARQL 1.1 Query Results CSV Format: plain values, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.variables)
    for row in table:
        writer.writerow(
            [
                "" if t is None else formula_safe_text(f"_:{t}" if isinstance(t, BNode) else str(t))
                for t in row
            ]
        )
    return buffer.getvalue()


def to_tsv(table: ResultTable) -> str:
    """SPARQL 1.1 Query Results TSV Format: ``?var`` header, terms in Turtle syntax."""
    lines = ["\t".join("?" + v for v in table.variables)]
    for row in table:
        lines.append("\t".join("" if t is None else formula_safe_text(t.n3()) for t in row))
    return "\n".join(lines) + "\n"


def display(term: Node | None) -> str:
    """A cell for people: compact IRIs (place:asan), literal text as is."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return compact(str(term))
    return str(term)


def to_markdown(table: ResultTable) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(table.variables) + " |", "|" + "---|" * len(table.variables)]
    lines += ["| " + " | ".join(cell(display(t)) for t in row) + " |" for row in table]
    return "\n".join(lines) + "\n"


def plain_table(columns: list[str], rows: list[list[str]], fmt: str) -> str:
    """Rows of display strings as CSV, TSV or a Markdown table (for lists and analysis output)."""
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n").writerows(
            [[formula_safe_text(c) for c in row] for row in [columns, *rows]]
        )
        return buffer.getvalue()
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def render(table: ResultTable, fmt: str) -> str:
    """Text for ``fmt`` (all but ``table``, which the CLI draws with rich)."""
    if fmt == "json":
        return to_json(table)
    if fmt == "csv":
        return to_csv(table)
    if fmt == "tsv":
        return to_tsv(table)
    if fmt == "md":
        return to_markdown(table)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
