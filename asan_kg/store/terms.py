"""RDF terms and Python values: the one place a term is converted, whatever its origin.

* ``from_oxigraph`` and ``from_json`` turn a term of Oxigraph or of the SPARQL 1.1 JSON results
  format into an rdflib term; ``to_json`` goes the other way;
* ``plain`` folds ``"x"^^xsd:string`` to ``"x"`` so both engines and a remote server agree;
* ``to_python`` gives the plain Python value of a term (str, int, float, bool, date, None);
* ``parse_date`` is the one parser of ``YYYY-MM-DD`` text (parameters, spreadsheets, options)
  and ``to_date`` reads the date of a result term (a date or the date part of a dateTime).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pyoxigraph
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

#: A term of a result row; analysis may type rows with it without importing rdflib.
Term = Node
#: A plain Python value of a result cell.
Value = str | int | float | bool | dt.date | None

_XSD_STRING = str(XSD.string)
_XSD_BOOLEAN = str(XSD.boolean)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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


def parse_date(text: str) -> dt.date:
    """A date written ``YYYY-MM-DD``; ``ValueError`` with a sentence that says what is wrong."""
    if not _DATE.fullmatch(text):
        raise ValueError(f"'{text}' is not a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a real date ({exc})") from exc


def to_date(term: object) -> dt.date | None:
    """The date of a result term or value: an xsd:date, or the date part of an xsd:dateTime."""
    if term is None:
        return None
    if isinstance(term, dt.date):
        return term.date() if isinstance(term, dt.datetime) else term
    return dt.date.fromisoformat(str(term)[:10])


def _boolean(text: str) -> bool:
    return text.strip() in ("true", "1")


def _datetime(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = (
    *("integer", "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort"),
    *("unsignedByte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger"),
)
_CONVERTERS: dict[str, Callable[[str], Value]] = {
    **{_XSD + name: int for name in _INTEGERS},
    **{_XSD + name: float for name in ("decimal", "double", "float")},
    _XSD + "boolean": _boolean,
    _XSD + "date": dt.date.fromisoformat,
    _XSD + "dateTime": _datetime,
}


def native_to_python(term: object) -> Value:
    """The plain value of an Oxigraph term, without an rdflib term in between: the same value
    ``to_python(from_oxigraph(term))`` gives, at a fraction of the cost (the analyses' hot path)."""
    if isinstance(term, pyoxigraph.Literal):
        if term.language is None:
            convert = _CONVERTERS.get(term.datatype.value)
            if convert is not None:
                try:
                    return convert(term.value)
                except ValueError:
                    return term.value
        return term.value
    if isinstance(term, (pyoxigraph.NamedNode, pyoxigraph.BlankNode)):
        return term.value
    raise TypeError(f"unexpected term {term!r}")


def to_python(term: Node | None) -> Value:
    """The plain value of a term: IRIs and blank nodes as text, numbers, booleans and dates as
    such, every other literal as its text. A literal whose text does not fit its datatype is
    returned as text rather than raising."""
    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype is not None:
        convert = _CONVERTERS.get(str(term.datatype))
        if convert is not None:
            try:
                return convert(str(term))
            except ValueError:
                return str(term)
    return str(term)
