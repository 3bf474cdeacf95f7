"""Which SPARQL form a text is — SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE — decided by a real
SPARQL 1.1 parser (rdflib's), never by looking for keywords: ``PREFIX select: <…> INSERT DATA``
is an update, a ``#`` inside an IRI is not a comment, and a text that is neither a query nor an
update is an input error naming the file, line and column.
"""

from __future__ import annotations

from typing import Any, Literal

from asan_kg.core.errors import InputError

Form = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "UPDATE"]
QUERY_FORMS: dict[str, Form] = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
MAX_TEXT = 2_000_000  # characters; a longer text is not a hand-written query


class FormError(InputError):
    """The text is neither a SPARQL query nor a SPARQL update (exit 2)."""


def _where(exc: Any) -> str:
    line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
    if line is None or col is None:
        return ""
    return f"line {line}, column {col}: "


def _reason(exc: BaseException) -> str:
    text = str(exc).split("  (at char")[0]
    return " ".join(text.split())[:160]


def classify(text: str, source: str = "the query") -> Form:
    """The form of ``text``; raises ``FormError`` (naming ``source``) if it is neither a query nor
    an update, is empty, or is too deeply nested or too long to parse."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if len(text) > MAX_TEXT:
        raise FormError(f"{source}: {len(text)} characters is too long for a query (at most {MAX_TEXT})")
    try:
        parsed = parseQuery(text)
        return QUERY_FORMS[parsed[1].name]
    except ParseBaseException as exc:
        query_error: ParseBaseException = exc
    except (RecursionError, MemoryError):
        raise FormError(f"{source}: the query is nested too deeply to parse") from None
    try:
        update = parseUpdate(text)
    except ParseBaseException as exc:
        best = query_error if query_error.loc >= exc.loc else exc
        raise FormError(f"{source}: not a SPARQL query or update ({_where(best)}{_reason(best)})") from None
    except (RecursionError, MemoryError):
        raise FormError(f"{source}: the update is nested too deeply to parse") from None
    if "request" not in update or not list(update["request"]):
        raise FormError(f"{source}: holds no SPARQL query or update (only prefixes or comments)")
    return "UPDATE"
