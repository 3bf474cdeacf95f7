"""Which SPARQL form a text is — SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE — decided by a real
SPARQL 1.1 parser (rdflib's), never by looking for keywords: ``PREFIX select: <…> INSERT DATA``
is an update, a ``#`` inside an IRI is not a comment, and a text that is neither a query nor an
update is an input error naming the file, line and column.

Parsing costs about 0.25 s (importing rdflib's SPARQL grammar and running it), as long as the
rest of a saved query on a small graph, so a text's form is remembered on disk
(``classify``): under a key of the text, the source of rdflib's SPARQL parser (found without
importing rdflib) and this module's code, in the cache folder, never with ``ASAN_KG_NO_CACHE``.
Only forms are kept, never errors.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import os
from pathlib import Path
from typing import Any, Literal, get_args

from asan_kg.core.errors import InputError
from asan_kg.core.files import atomic_write_text
from asan_kg.store.cache import cache_root

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


@functools.cache
def _parser_source() -> bytes:
    """The source of rdflib's SPARQL parser, which decides a form: a kept form is read again
    after rdflib changes it. Found without importing rdflib (a fifth of a small command's time)."""
    spec = importlib.util.find_spec("rdflib")
    if spec is None or spec.origin is None:
        return b""
    try:
        return (Path(spec.origin).parent / "plugins" / "sparql" / "parser.py").read_bytes()
    except OSError:
        return b""


def _memo_path(text: str) -> Path | None:
    """Where the form of ``text`` is kept, or None when caching is off."""
    if os.environ.get("ASAN_KG_NO_CACHE"):
        return None
    digest = hashlib.sha256(_parser_source() + b"\0" + Path(__file__).read_bytes())
    digest.update(b"\0" + text.encode("utf-8", "surrogatepass"))
    return cache_root().parent / "forms" / digest.hexdigest()


def classify(text: str, source: str = "the query") -> Form:
    """The form of ``text``, remembered on disk once parsed; raises ``FormError`` (naming
    ``source``) if it is neither a query nor an update, is empty, or is too deeply nested or too
    long to parse."""
    memo = _memo_path(text)
    try:
        kept = memo.read_text(encoding="ascii") if memo is not None else ""
    except (OSError, UnicodeDecodeError):
        kept = ""
    if kept in get_args(Form):
        return kept  # type: ignore[return-value]
    form = parse_form(text, source)
    if memo is not None:
        with contextlib.suppress(OSError):  # an unwritable folder costs the next run a parse
            atomic_write_text(memo, form)
    return form


def parse_form(text: str, source: str = "the query") -> Form:
    """The form of ``text`` by rdflib's SPARQL 1.1 parser (see ``classify``)."""
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
