"""The one Jinja environment of every page we write: HTML templates autoescape every value;
Markdown templates show every value as text (no HTML from a label, no control characters)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from asan_kg.core.text import printable


def environment(markdown: bool = False) -> Environment:
    """Templates of ``asan_kg/render/templates``."""
    autoescape = False if markdown else select_autoescape(["html", "j2"])
    env = Environment(
        loader=PackageLoader("asan_kg.render", "templates"), autoescape=autoescape, keep_trailing_newline=True
    )
    if markdown:
        env.finalize = markdown_text
    return env


def markdown_text(value: object) -> str:
    """A value in a Markdown page: control characters stripped, ``& < >`` as entities."""
    text = printable("" if value is None else str(value))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
