"""Typed query parameters (BASIL names) and their binding by an injected ``VALUES`` block.

A saved query names its parameters the BASIL way, read exactly as grlc reads them:
``?_name_type`` is required, ``?__name_type`` optional, the name one word of letters and digits,
e.g. ``?_asof_xsd_date``, ``?_partner_iri``, ``?__lang`` (``?_as_of_xsd_date`` is refused: grlc
would read a parameter ``as``). A value given by a user is
parsed and checked against that type, turned into an RDF term (an Oxigraph term, which serializes
itself in N-Triples syntax: a command that binds a parameter does not import rdflib), and bound by
a ``VALUES`` block placed first in the query's outer ``WHERE`` group. User text is never pasted
into SPARQL, and rdflib's ``initBindings`` is not used (local and remote engines apply it
differently: rdflib issue #1772).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pyoxigraph import Literal, NamedNode

from asan_kg.core.errors import InputError
from asan_kg.sparql.outer import plain_groups, scan
from asan_kg.store.values import parse_date
from asan_kg.vocab.prefixes import PREFIXES, XSD

#: A parameter's value: an IRI or a literal, written into a query by ``str``.
Node = NamedNode | Literal
_DATE, _INTEGER, _DECIMAL = (NamedNode(XSD + name) for name in ("date", "integer", "decimal"))

_VAR = re.compile(r"\?(__?[A-Za-z0-9][A-Za-z0-9_]*)")
_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|\\^`]')
_LANG_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")

#: BASIL type suffixes we understand, longest first so ``_xsd_date`` wins over ``_date``.
TYPES: tuple[str, ...] = (
    "xsd_date",
    "xsd_integer",
    "xsd_decimal",
    "xsd_string",
    "iri",
    "integer",
    "number",
    "literal",
    "lang",
)


class ParameterError(InputError, ValueError):
    """A parameter value that does not fit its type, or an unknown or missing parameter."""


@dataclass(frozen=True)
class Param:
    """One parameter of a saved query, read from its variable name."""

    name: str  # e.g. "as_of"
    variable: str  # e.g. "_as_of_xsd_date"
    type: str  # e.g. "xsd_date"
    required: bool

    def describe(self) -> str:
        return f"{self.name} ({self.type}{'' if self.required else ', optional'})"


def _read(variable: str) -> Param:
    """grlc's reading of one BASIL variable: the name is the first word of letters and digits,
    what follows must be one of ``TYPES``; anything else is refused, naming grlc's reading."""
    required = not variable.startswith("__")
    bare = variable[1:] if required else variable[2:]
    name, _, suffix = bare.partition("_")
    if not suffix:
        return Param(name, variable, "lang" if name == "lang" else "literal", required)
    if suffix in TYPES and suffix != "lang":
        return Param(name, variable, suffix, required)
    raise ParameterError(
        f"?{variable}: a parameter name is one word of letters and digits, then a type (_iri, "
        f"_xsd_date, _xsd_integer, _xsd_decimal, …); grlc reads this one as '{name}' — write "
        f"?{variable[: len(variable) - len(bare)]}{_one_word(bare)}"
    )


def _one_word(bare: str) -> str:
    """``as_of_xsd_date`` → ``asof_xsd_date``: the words before the type joined into one."""
    parts = bare.split("_")
    for k in range(1, len(parts)):
        if "_".join(parts[k:]) in TYPES:
            return "".join(parts[:k]) + "_" + "_".join(parts[k:])
    return "".join(parts)


def params_of(query: str) -> list[Param]:
    """The BASIL parameters a query uses, in order of first appearance, read as grlc reads them
    (``?_since_xsd_date``: required ``since``, an ``xsd:date``; ``?__lang``: optional ``lang``)."""
    seen: dict[str, Param] = {}
    for variable in _VAR.findall(_strip_comments(query)):
        if variable not in seen:
            seen[variable] = _read(variable)
    return list(seen.values())


def _strip_comments(query: str) -> str:
    return "\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#"))


def parse_value(param: Param, raw: str) -> Node:
    """Check ``raw`` against the parameter's type and return the RDF term it denotes."""
    text = raw.strip()
    where = f"parameter '{param.name}'"
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError as exc:  # e.g. bytes of another encoding passed on a command line
        raise ParameterError(
            f"{where}: the value is not valid text (character {exc.start + 1} is an undecodable "
            "byte); give it in UTF-8"
        ) from None
    if param.type == "xsd_date":
        try:
            parse_date(text)
        except ValueError as exc:
            raise ParameterError(f"{where}: {exc}, e.g. 2014-12-31") from exc
        return Literal(text, datatype=_DATE)
    if param.type in ("xsd_integer", "integer"):
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ParameterError(f"{where}: '{raw}' is not a whole number")
        return Literal(str(int(text)), datatype=_INTEGER)
    if param.type in ("xsd_decimal", "number"):
        try:
            value = Decimal(text)
        except InvalidOperation as exc:
            raise ParameterError(f"{where}: '{raw}' is not a number") from exc
        if not value.is_finite():
            raise ParameterError(f"{where}: '{raw}' is not a finite number")
        return Literal(format(value, "f"), datatype=_DECIMAL)  # xsd:decimal has no exponent
    if param.type == "iri":
        return parse_iri(text, where)
    if param.type == "lang":
        if not _LANG_TAG.fullmatch(text):
            raise ParameterError(f"{where}: '{raw}' is not a language tag such as ko or en")
        return Literal(text.lower())
    # literal / xsd_string: any text, serialized as an escaped string literal
    return Literal(raw)


def parse_iri(text: str, where: str = "value") -> NamedNode:
    """An absolute IRI, or a prefixed name with a known prefix (``place:rongcheng``)."""
    if ":" in text and not text.startswith(("http://", "https://", "urn:")):
        prefix, local = text.split(":", 1)
        if prefix in PREFIXES and re.fullmatch(r"[A-Za-z0-9_.\-]+", local):
            text = PREFIXES[prefix] + local
    problem = None
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", text) and not _IRI_FORBIDDEN.search(text):
        try:
            return NamedNode(text)
        except ValueError as exc:  # Oxigraph's IRI parser: e.g. a bad percent-encoding
            problem = f" ({exc})"
    raise ParameterError(
        f"{where}: '{text}' is not an IRI{problem or ''}; give a full IRI (https://…) or "
        "prefix:name such as place:rongcheng"
    )


def values_block(bindings: dict[str, Node | None]) -> str:
    """``VALUES (?a ?b) { (term term) }`` with each term in N-Triples syntax (``UNDEF`` for None)."""
    names = sorted(bindings)
    cells = " ".join("UNDEF" if bindings[n] is None else str(bindings[n]) for n in names)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ ({cells}) }}"


def bind(query: str, bindings: dict[str, Node | None], project: bool = True) -> str:
    """Insert the ``VALUES`` block first in the outer ``WHERE`` group of ``query``; in a SELECT,
    with ``project``, also project each bound variable (and add it to the outer ``GROUP BY``, if
    any).

    The projection is for servers that do not let a ``FILTER`` inside ``OPTIONAL`` see a
    variable bound outside it unless it is projected (Virtuoso 7: every
    ``FILTER(LANG(?l) = ?__lang)`` label would be unbound); the value is the same in every row,
    so neither the rows nor the groups change. ``hidden`` drops these columns from the answer.
    Embedded Oxigraph needs none, and grouping by the parameters too costs it time (the
    dormancy window aggregate at 1M triples: 0.36 -> 0.31 s).

    The block is repeated at the top of each plain group of the outer WHERE that uses a
    parameter (``outer.plain_groups``): as in grlc, which pastes a value wherever its name is,
    the group's own FILTERs see it, and Oxigraph filters that group before joining the rest (a
    window filter in the outer group waited for a property path on every exchange:
    concentration-cities at 1M triples 0.30 -> 0.22 s).
    """
    if not bindings:
        return query
    cut = _outer_where(query)
    if cut is None:
        raise ParameterError(
            "the query has no 'WHERE {' to bind parameters in; saved queries must write WHERE"
        )
    names = " ".join("?" + n for n in sorted(bindings))
    outer = scan(query)
    block = values_block(bindings)
    edits = [(cut, "\n  " + block + "\n")]
    edits += [(at, "\n    " + block + "\n") for at in plain_groups(query, set(bindings))]
    if project and outer.select_end >= 0 and outer.projection_end >= 0 and not outer.star:
        edits.append((outer.projection_end, names + "\n"))
        if outer.group_by_end >= 0:
            edits.append((outer.group_by_end, " " + names))
    for at, text in sorted(edits, reverse=True):
        query = query[:at] + text + query[at:]
    return query


def hidden(query: str) -> set[str]:
    """The parameter variables of ``query``: never columns of its answer."""
    return {p.variable for p in params_of(query)}


def _outer_where(query: str) -> int | None:
    """Index just after the ``{`` that opens the outer WHERE group (comments and strings skipped)."""
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            j = i + 1
            while j < n and query[j] != c:
                j += 2 if query[j] == "\\" else 1
            i = j + 1
            continue
        if c == "<":  # an IRI: skip to its end (a '<' operator is followed by white space)
            j = query.find(">", i)
            if j > 0 and not re.search(r"\s", query[i:j]):
                i = j + 1
                continue
        if query[i : i + 5].upper() == "WHERE" and (i == 0 or not query[i - 1].isalnum()):
            j = query.find("{", i)
            return None if j < 0 else j + 1
        i += 1
    return None


def resolve(params: list[Param], given: dict[str, str], defaults: dict[str, str]) -> dict[str, Node | None]:
    """Parse every given value (falling back to defaults), refusing unknown and missing ones."""
    by_name = {p.name: p for p in params}
    unknown = sorted(set(given) - set(by_name))
    if unknown:
        known = ", ".join(p.describe() for p in params) or "none"
        raise ParameterError(f"unknown parameter(s) {', '.join(unknown)}; this query takes: {known}")
    bound: dict[str, Node | None] = {}
    for p in params:
        raw = given.get(p.name, defaults.get(p.name))
        if raw is None:
            if p.required:
                raise ParameterError(f"parameter '{p.name}' is required ({p.type}); pass --param {p.name}=…")
            bound[p.variable] = None
            continue
        bound[p.variable] = parse_value(p, str(raw))
    return bound
