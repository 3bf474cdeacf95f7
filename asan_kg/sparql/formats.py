"""Result tables as text: a terminal table, W3C SPARQL 1.1 CSV/TSV/JSON results, Markdown.

CSV and TSV cells that a spreadsheet would run as a formula (= + - @ …) get a leading
apostrophe (``core.text.formula_safe``); plain numbers are left as they are."""

from __future__ import annotations

import csv
import io
import json

from asan_kg.core.markdown import markdown_table
from asan_kg.core.text import formula_safe_text, json_indented
from asan_kg.store.table import ResultTable
from asan_kg.vocab.prefixes import compact

FORMATS = ("table", "csv", "tsv", "json", "md")


def to_json(table: ResultTable) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    from asan_kg.store.terms import to_json as term_json

    bindings = [
        {v: term_json(t) for v, t in zip(table.variables, row, strict=True) if t is not None} for row in table
    ]
    return json_results(table.variables, bindings)


def engine_json(serialized: bytes, hidden: set[str]) -> str:
    """The engine's own SPARQL JSON results (Oxigraph's ``QuerySolutions.serialize``) written as
    ``to_json`` writes them, without the parameter columns ``hidden``: the engine writes the
    terms as ``to_json`` does (simple literals without a datatype, lower-case language tags,
    canonical booleans), faster than building a term object per cell."""
    doc = json.loads(serialized)
    variables = [v for v in doc["head"]["vars"] if v not in hidden]
    bindings: list[dict[str, dict[str, str]]] = doc["results"]["bindings"]
    if hidden:
        for binding in bindings:
            for name in hidden:
                binding.pop(name, None)
    return json_results(variables, bindings)


def json_results(variables: list[str], bindings: list[dict[str, dict[str, str]]]) -> str:
    """The results document as ``json.dumps(doc, ensure_ascii=False, indent=2)`` writes it
    (by ``core.text.json_indented``: ``json``'s indenting encoder is pure Python and took most
    of the time of a large answer)."""
    return json_indented({"head": {"vars": variables}, "results": {"bindings": bindings}})


def to_csv(table: ResultTable) -> str:
    """SPARQL 1.1 Query Results CSV Format: plain values, CRLF line ends."""
    from rdflib import BNode

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


def display_rows(table: ResultTable) -> list[list[str]]:
    """Every cell for people: compact IRIs (place:asan), literal text as is; straight from the
    engine's terms where the table holds them (no rdflib term made, nor rdflib imported, for a
    table on the terminal)."""
    return [list(row) for row in table.texts(compact)]


def to_markdown(table: ResultTable) -> str:
    return markdown_table(table.variables, display_rows(table))


def plain_table(columns: list[str], rows: list[list[str]], fmt: str) -> str:
    """Rows of display strings as CSV, TSV or a Markdown table (for lists and analysis output)."""
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n").writerows(
            [[formula_safe_text(c) for c in row] for row in [columns, *rows]]
        )
        return buffer.getvalue()
    return markdown_table(columns, rows)


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
