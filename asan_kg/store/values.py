"""Plain Python values of result cells, without rdflib: the analyses' path.

* ``native_to_python`` gives the value of an Oxigraph term, ``to_python`` that of an rdflib
  term (read by its attributes, so this module imports neither rdflib nor a term class of it);
  ``native_text`` the text of an Oxigraph term, as ``str`` gives it of the rdflib term;
* ``parse_date`` is the one parser of ``YYYY-MM-DD`` text (parameters, spreadsheets, options)
  and ``to_date`` reads the date of a result term or value (a date or the date part of a
  dateTime).

RDF terms themselves, and their conversions between engines, are in ``terms``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pyoxigraph

if TYPE_CHECKING:
    from rdflib.term import Node as Term
else:
    Term = Any  # a term of a result row (an rdflib ``Node``); typing only, rdflib not imported

#: A plain Python value of a result cell.
Value = str | int | float | bool | dt.date | None

__all__ = ["Term", "Value", "native_text", "native_to_python", "parse_date", "to_date", "to_python"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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


def _converted(text: str, datatype: str) -> Value:
    convert = _CONVERTERS.get(datatype)
    if convert is None:
        return text
    try:
        return convert(text)
    except ValueError:
        return text


def native_to_python(term: object) -> Value:
    """The plain value of an Oxigraph term, without an rdflib term in between: the same value
    ``to_python(terms.from_oxigraph(term))`` gives, at a fraction of the cost (the analyses' hot
    path)."""
    if isinstance(term, pyoxigraph.Literal):
        if term.language is None:
            return _converted(term.value, term.datatype.value)
        return term.value
    if isinstance(term, (pyoxigraph.NamedNode, pyoxigraph.BlankNode)):
        return term.value
    raise TypeError(f"unexpected term {term!r}")


_BOOLEAN_TEXT = {"1": "true", "0": "false"}


def native_text(term: object) -> str:
    """The text of an Oxigraph term, as ``str`` gives it of ``terms.from_oxigraph(term)``: an
    IRI, a blank node's label, a literal's lexical form (a boolean written ``1``/``0``, as
    Virtuoso does, written ``true``/``false``)."""
    if isinstance(term, pyoxigraph.Literal):
        if term.datatype.value == _XSD + "boolean":
            return _BOOLEAN_TEXT.get(term.value, term.value)
        return term.value
    if isinstance(term, (pyoxigraph.NamedNode, pyoxigraph.BlankNode)):
        return term.value
    raise TypeError(f"unexpected term {term!r}")


def to_python(term: Term | None) -> Value:
    """The plain value of an rdflib term: IRIs and blank nodes as text, numbers, booleans and
    dates as such, every other literal as its text. A literal whose text does not fit its
    datatype is returned as text rather than raising."""
    if term is None:
        return None
    datatype = getattr(term, "datatype", None)  # only an rdflib Literal has one
    return str(term) if datatype is None else _converted(str(term), str(datatype))
