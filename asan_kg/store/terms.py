"""RDF terms: the one place a term is converted between engines (rdflib, Oxigraph, the SPARQL
JSON results format). Plain Python values of cells, without rdflib, are in ``values``.

* ``from_oxigraph`` and ``from_json`` turn a term of Oxigraph or of the SPARQL 1.1 JSON results
  format into an rdflib term; ``to_json`` goes the other way;
* ``plain`` folds ``"x"^^xsd:string`` to ``"x"`` so both engines and a remote server agree.
"""

from __future__ import annotations

import pyoxigraph
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

_XSD_STRING = str(XSD.string)
_XSD_BOOLEAN = str(XSD.boolean)


def plain(term: Node | None) -> Node | None:
    """Fold "x"^^xsd:string to "x": one RDF 1.1 term, which rdflib compares as two, and which
    Oxigraph returns typed and rdflib plain. Folding makes results equal across engines."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


_CANONICAL_BOOLEAN = {"1": "true", "0": "false"}


def _literal(value: str, lang: str | None, datatype: str | None) -> Literal:
    """Language tags lower-cased (they are case-insensitive; Oxigraph and Virtuoso lower-case
    them, rdflib keeps them as written) and ``"1"``/``"0"`` booleans (Virtuoso's) written
    ``true``/``false``, so every store answers with the same terms."""
    if lang:
        return Literal(value, lang=lang.lower())
    if datatype == _XSD_BOOLEAN:
        return Literal(_CANONICAL_BOOLEAN.get(value, value), datatype=XSD.boolean)
    if datatype and datatype != _XSD_STRING:
        return Literal(value, datatype=URIRef(datatype))
    return Literal(value)


def from_oxigraph(term: object) -> Node:
    """An Oxigraph term as an rdflib term (xsd:string folded)."""
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        return _literal(term.value, term.language, term.datatype.value)
    raise TypeError(f"unexpected term {term!r}")


def from_json(cell: dict[str, str]) -> Node:
    """A term of the SPARQL 1.1 Query Results JSON format as an rdflib term; ``typed-literal``
    (SPARQL 1.0 JSON, Virtuoso's) is read as a literal."""
    kind, value = cell.get("type"), cell.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        return _literal(value, cell.get("xml:lang"), cell.get("datatype"))
    raise ValueError(f"unknown term type {kind!r}")


def to_json(term: Node) -> dict[str, str]:
    """A term in the SPARQL 1.1 Query Results JSON format."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
    return out
