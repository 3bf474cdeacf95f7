"""Markdown tables are written one way."""

from __future__ import annotations

from asan_kg.core.markdown import markdown_cell, markdown_table


def test_a_cell_never_breaks_its_row() -> None:
    assert markdown_cell("a|b\nc") == "a\\|b c"
    assert markdown_cell(3) == "3"


def test_a_table_has_header_rule_and_rows() -> None:
    assert markdown_table(["x", "y"], [["1", "a|b"]]) == "| x | y |\n|---|---|\n| 1 | a\\|b |\n"
