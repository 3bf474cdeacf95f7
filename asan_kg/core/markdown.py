"""Markdown tables, written one way: a cell never breaks its row (``|`` escaped, newlines folded).

Here in ``core`` rather than ``render`` because saved-query output (``asan_kg.sparql.formats``)
writes Markdown too, and it sits below ``render``.
"""

from __future__ import annotations

from collections.abc import Iterable


def markdown_cell(text: object) -> str:
    """``text`` as one Markdown table cell: ``|`` escaped, line breaks as spaces."""
    return str(text).replace("|", "\\|").replace("\r\n", " ").replace("\n", " ")


def markdown_table(columns: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """A Markdown table (GitHub flavour): header, ``---`` rule, one line per row."""
    header = [markdown_cell(c) for c in columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
