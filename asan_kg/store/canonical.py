"""Deterministic Turtle, so ``graph_data/`` diffs stay reviewable; and ``format_text``, which
``asan-kg fmt`` trusts to rewrite a file only when nothing is lost: the comments at the top are
kept, a comment further down, a relative IRI or an output that would not parse back to the same
graph is refused with the file and line at fault.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from asan_kg.core.errors import InputError
from asan_kg.vocab.prefixes import PREFIXES

# Relative IRIs are resolved against this base, so they can be recognised (and refused).
RELATIVE_BASE = "http://relative.invalid/asan-kg-fmt/"


class FormatError(InputError):
    """``fmt`` cannot rewrite a file without losing something; the file is left as it was."""


class _LongLiteral(Literal):
    """A multi-line string whose every quote is escaped: rdflib leaves a quote unescaped after
    an escaped backslash at the end of a long string, which no strict parser reads back."""

    def _quote_encode(self) -> str:
        encoded = self.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
        return f'"""{encoded}"""'


def _safe(term: object) -> object:
    if isinstance(term, Literal) and "\n" in term and term.datatype in (None, XSD.string):
        return _LongLiteral(str(term), lang=term.language, datatype=term.datatype)
    return term


def canonical_turtle(graph: Graph, header: str = "") -> str:
    """Serialize ``graph`` as Turtle with the project's prefixes, the same text every run.

    rdflib's Turtle serializer sorts subjects, predicates and objects; the data has no blank
    nodes (every node has an IRI), so the order does not depend on parse-time identifiers.
    Only prefixes that occur in the graph are declared.
    """
    out = Graph(bind_namespaces="none")
    used: set[str] = set()
    for s, p, o in graph:
        out.add((s, p, _safe(o)))  # type: ignore[arg-type]
        for term in (s, p, o):
            used.add(str(term))
            datatype = getattr(term, "datatype", None)
            if datatype is not None:
                used.add(str(datatype))
    for prefix, iri in sorted(PREFIXES.items()):
        if any(t.startswith(iri) for t in used):
            out.bind(prefix, iri, override=True, replace=True)
    text = out.serialize(format="turtle", encoding="utf-8").decode("utf-8")
    return header + text.rstrip("\n") + "\n"


def leading_comments(text: str) -> str:
    """The comment lines a file starts with: kept verbatim, as the file's description."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(line + "\n" for line in lines) + ("\n" if lines else "")


def _skip_string(text: str, i: int) -> int:
    """The index after the string literal starting at ``text[i]`` (short or long quotes)."""
    quote = text[i]
    delimiter = quote * 3 if text.startswith(quote * 3, i) else quote
    i += len(delimiter)
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text.startswith(delimiter, i):
            return i + len(delimiter)
        else:
            i += 1
    return i


def _tokens(text: str) -> list[tuple[str, int, str]]:
    """Comments and IRI references of a Turtle text as (kind, line, text), in order; a ``#`` or
    ``<`` inside a string is neither."""
    found, i = [], 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if c == "\\":
            i += 2
            continue
        if c in "<#":
            end = text.find(">" if c == "<" else "\n", i)
            end = len(text) if end < 0 else end
            found.append(("iri" if c == "<" else "comment", text.count("\n", 0, i) + 1, text[i : end + 1]))
            i = end + (1 if c == "<" else 0)
            continue
        i += 1
    return found


def comment_lines(text: str) -> list[int]:
    """The line numbers of the comments in a Turtle text (not a ``#`` inside a string or IRI)."""
    return [line for kind, line, _ in _tokens(text) if kind == "comment"]


_SCHEME = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:")


def _refuse_relative(path: Path, text: str, graph: Graph) -> None:
    """A relative IRI (one the parser had to resolve against our stand-in base) is refused,
    naming the first one written in the file and its line."""
    relative = any(
        str(getattr(term, "datatype", None) or term).startswith("http://relative.invalid/")
        for triple in graph
        for term in triple
    )
    if not relative:
        return
    first = next(
        ((line, iri) for kind, line, iri in _tokens(text) if kind == "iri" and not _SCHEME.match(iri)), None
    )
    line, iri = first or (1, "<…>")
    raise FormatError(
        f"{path}:{line}: relative IRI {iri} has no fixed meaning; write it in full "
        "(or with a prefix) before running fmt; the file was left unchanged"
    )


def format_text(path: Path, text: str) -> str:
    """The canonical form of a Turtle file's text, or ``FormatError`` when writing it would lose
    a comment, a relative IRI or any triple."""
    kept = leading_comments(text).count("\n") - (1 if leading_comments(text) else 0)
    inner = [line for line in comment_lines(text) if line > kept]
    if inner:
        raise FormatError(
            f"{path}:{inner[0]}: this comment would be lost (fmt keeps only the comments at the top "
            "of a file); move it to the top or remove it; the file was left unchanged"
        )
    graph = Graph().parse(data=text, format="turtle", publicID=RELATIVE_BASE)
    _refuse_relative(path, text, graph)
    result = canonical_turtle(graph, leading_comments(text))
    try:
        list(pyoxigraph.parse(result.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE))
        again = Graph().parse(data=result, format="turtle", publicID=RELATIVE_BASE)
    except Exception as exc:  # pyoxigraph's SyntaxError, rdflib's BadSyntax
        raise FormatError(
            f"{path}: the canonical form would not parse back ({exc}); the file was left unchanged"
        ) from None
    if not isomorphic(graph, again):
        raise FormatError(f"{path}: the canonical form would change the graph; the file was left unchanged")
    return result


def canonical_file_text(path: Path) -> str:
    """The canonical form of a Turtle file: its leading comments, then sorted Turtle."""
    return format_text(path, path.read_text(encoding="utf-8"))
