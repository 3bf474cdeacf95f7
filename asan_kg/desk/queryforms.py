"""Saved queries as forms: one field per parameter, typed the way the CLI types them.

Every IRI parameter gets a drop-down filled the way grlc fills an enumeration from the
endpoint: the query's own triple patterns that mention the parameter are asked for its distinct
values (with their labels in the page's language). No ``#+ enumerate`` header is needed for it:
grlc 1.3.11 crashes on the header form that asks it to do the same (``- partner``), so saved
queries leave it out (queries/README.md). Submitted values are checked by the same parser as
``asan-kg query -p`` and bound by the same ``VALUES`` block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse

from asan_kg.desk.i18n import field_error
from asan_kg.render.i18n import Lang
from asan_kg.sparql import querying
from asan_kg.sparql.catalog import SavedQuery
from asan_kg.sparql.params import Param, ParameterError, bind, parse_value
from asan_kg.sparql.querying import Store
from asan_kg.store.embedded import ResultTable
from asan_kg.vocab.prefixes import compact

INPUTS = {
    "xsd_date": "date",
    "xsd_integer": "number",
    "integer": "number",
    "xsd_decimal": "number",
    "number": "number",
    "lang": "lang",
    "iri": "text",
}


@dataclass
class Field:
    name: str
    type: str
    input: str  # date | number | select | lang | text
    required: bool
    value: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""
    step: str = ""


def _patterns(query: SavedQuery, variable: str) -> list[str]:
    """The triple patterns of ``query`` that mention ``?variable``, as SPARQL text (from the parsed
    query, terms serialized by rdflib)."""
    found: list[tuple[object, ...]] = []

    def visit(node: object) -> None:
        if getattr(node, "name", None) == "BGP":
            found.extend(t for t in node.triples if Variable(variable) in t)  # type: ignore[attr-defined]

    traverse(prepareQuery(query.text).algebra, visit)
    return [" ".join(term.n3() for term in triple) + " ." for triple in found]  # type: ignore[attr-defined]


def options(store: Store, query: SavedQuery, param: Param, lang: Lang) -> list[tuple[str, str]]:
    """(IRI, label) of every value the query's patterns allow for ``param``, sorted by label."""
    patterns = _patterns(query, param.variable)
    if not patterns:
        return []
    text = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        f"SELECT ?{param.variable} (SAMPLE(?label_) AS ?label) WHERE {{\n  "
        + "\n  ".join(patterns)
        + f"\n  OPTIONAL {{ ?{param.variable} rdfs:label ?label_ . FILTER(LANG(?label_) = ?__lang) }}\n}}"
        + f"\nGROUP BY ?{param.variable}"
    )
    language = parse_value(Param("lang", "__lang", "lang", False), lang)
    table = store.select(bind(text, {"__lang": language})).without({"__lang"})
    out = [
        (str(row[0]), str(row[1]) if row[1] is not None else compact(str(row[0])))
        for row in table
        if isinstance(row[0], URIRef)
    ]
    return sorted(out, key=lambda pair: (pair[1], pair[0]))


def fields(store: Store, query: SavedQuery, lang: Lang, given: dict[str, str]) -> list[Field]:
    """The form's fields, filled from ``given`` (the submitted form) or the header's defaults."""
    out = []
    for p in query.params:
        default = lang if p.type == "lang" else query.defaults.get(p.name, "")
        f = Field(p.name, p.type, INPUTS.get(p.type, "text"), p.required, given.get(p.name, default))
        if p.type in ("xsd_decimal", "number"):
            f.step = "any"
        if p.type == "iri":
            f.input, f.options = "select", options(store, query, p, lang)
        out.append(f)
    return out


def check(query: SavedQuery, form: list[Field], lang: Lang = "en") -> dict[str, str]:
    """The non-empty values, each checked against its type; errors (in ``lang``) go onto the fields."""
    values = {}
    by_name = {p.name: p for p in query.params}
    for f in form:
        if not f.value.strip():
            continue
        try:
            parse_value(by_name[f.name], f.value)
        except ParameterError as exc:
            f.error = field_error(str(exc), f.value) if lang == "ko" else str(exc)
            continue
        values[f.name] = f.value
    return values


def run(store: Store, query: SavedQuery, values: dict[str, str]) -> ResultTable:
    """The query with ``values`` bound exactly as ``asan-kg query NAME -p name=value`` binds them."""
    return querying.select(store, querying.prepare(query, values))


#: Rows a results page shows: at a million triples a saved query can answer 250,000 rows, which
#: as one HTML table would take longer to build and to open than the query takes to run.
PAGE_ROWS = 500
_OWN_LIMIT = re.compile(r"^\s*(LIMIT|OFFSET)\s+\d+", re.IGNORECASE | re.MULTILINE)


@dataclass
class Page:
    """One page of a query's answer: at most ``PAGE_ROWS`` rows from row ``first`` (0-based)."""

    table: ResultTable
    number: int
    first: int
    more: bool


def run_page(store: Store, query: SavedQuery, values: dict[str, str], number: int = 0) -> Page:
    """Page ``number`` of the answer: the engine is asked for ``PAGE_ROWS + 1`` rows from the
    page's first (``LIMIT``/``OFFSET``), so no more than a page crosses into Python or HTML and
    one extra row tells whether another page follows. A query with its own ``LIMIT`` or
    ``OFFSET`` is bounded already: it runs as written, on one page. Downloads run the whole
    query (``run``)."""
    text = querying.prepare(query, values)
    if _OWN_LIMIT.search(text):
        return Page(querying.select(store, text), 0, 0, False)
    first = max(0, number) * PAGE_ROWS
    table = querying.select(store, f"{text.rstrip()}\nLIMIT {PAGE_ROWS + 1} OFFSET {first}\n")
    rows = table.rows
    return Page(ResultTable(table.variables, rows[:PAGE_ROWS]), number, first, len(rows) > PAGE_ROWS)
