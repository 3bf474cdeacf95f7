"""Run saved or ad-hoc queries with typed parameters against any store that offers ``select``.

``Store`` (the protocol) and ``ResultTable`` live in ``asan_kg.store.table`` and are re-exported
here, where analysis has always imported them.
"""

from __future__ import annotations

import re

from rdflib.term import Node

from asan_kg.sparql import catalog
from asan_kg.sparql.catalog import SavedQuery
from asan_kg.sparql.params import bind, params_of, resolve
from asan_kg.store.table import ResultTable, Store

__all__ = ["ResultTable", "Store", "labels", "prepare", "query_form", "run"]

_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE for a SPARQL Update request.

    Comments, IRIs and strings are blanked first so a keyword inside them does not count.
    """
    body = re.sub(r"#[^\n]*", " ", text)
    body = re.sub(r"<[^<>\s]*>", "<>", body)
    body = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'', '""', body)
    form = _FORM.search(body)
    update = _UPDATE.search(body)
    if update and (form is None or update.start() < form.start()):
        return "UPDATE"
    return form.group(1).upper() if form else "UNKNOWN"


def prepare(query: SavedQuery, params: dict[str, str] | None = None, lang: str | None = None) -> str:
    """The query text with its parameters checked and bound (``--lang`` fills ``?__lang``)."""
    given = dict(params or {})
    declared = {p.name for p in params_of(query.text)}
    if lang and "lang" in declared and "lang" not in given:
        given["lang"] = lang
    bindings: dict[str, Node | None] = resolve(params_of(query.text), given, query.defaults)
    return bind(query.text, bindings)


def run(
    store: Store, query: SavedQuery | str, params: dict[str, str] | None = None, lang: str | None = None
) -> ResultTable:
    """Run a saved query (or its name) with parameters; returns the result table."""
    saved = catalog.find(query) if isinstance(query, str) else query
    return store.select(prepare(saved, params, lang))


def labels(store: Store, lang: str | None = None) -> dict[str, str]:
    """Node IRI → its label in ``lang`` (English, then any, where it has none): the saved query
    ``labels``, read once per store and language when the store is memoized."""
    table = run(store, "labels", lang=lang)
    return {str(node): str(label) for node, label in table.values()}
