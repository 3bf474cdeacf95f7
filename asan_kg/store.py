"""The embedded store: an rdflib graph behind a small query interface.

``KnowledgeGraph`` *holds* an rdflib ``Graph`` (it does not subclass it). Everything above this
module talks to it only through ``select``/``ask``/``construct`` on SPARQL text, so a remote
endpoint can stand in for it later. Two engines:

* ``oxigraph`` (default): rdflib's API over the Oxigraph store (``oxrdflib``), parsed with
  Oxigraph's native Turtle parser (``ox-turtle``) and queried by Oxigraph's SPARQL engine;
* ``rdflib``: rdflib's own in-memory store and SPARQL engine, kept as the reference engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal as TypingLiteral

import pyoxigraph
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

from asan_kg import resources
from asan_kg.loading import LoadError, ParseProblem, check_all
from asan_kg.namespaces import PREFIXES

Engine = TypingLiteral["oxigraph", "rdflib"]
ENGINES: tuple[Engine, ...] = ("oxigraph", "rdflib")


@dataclass
class ResultTable:
    """The answer of a SELECT: variable names and rows of RDF terms (None where unbound)."""

    variables: list[str]
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def column(self, name: str) -> list[Node | None]:
        i = self.variables.index(name)
        return [row[i] for row in self.rows]

    def dicts(self) -> list[dict[str, Node | None]]:
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


def _new_graph(engine: Engine) -> Graph:
    graph = Graph(store="Oxigraph") if engine == "oxigraph" else Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
    return graph


def _plain(term: Node | None) -> Node | None:
    """Fold "x"^^xsd:string to "x": one RDF 1.1 term, which rdflib compares as two, and which
    Oxigraph returns typed and rdflib plain. Folding makes results equal across engines."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _from_oxigraph(term: object) -> Node:
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return (
            Literal(term.value)
            if datatype == str(XSD.string)
            else Literal(term.value, datatype=URIRef(datatype))
        )
    raise TypeError(f"unexpected term {term!r}")


class KnowledgeGraph:
    """The ontology plus a data directory, loaded into one graph, queried by SPARQL."""

    def __init__(self, engine: Engine = "oxigraph") -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
        self.engine: Engine = engine
        self._graph = _new_graph(engine)
        self.files: list[Path] = []

    @classmethod
    def load(
        cls,
        data: Path | None = None,
        *,
        engine: Engine = "oxigraph",
        include_ontology: bool = True,
        extra_files: Sequence[Path] = (),
        derive: bool = True,
    ) -> KnowledgeGraph:
        """Load the ontology, a data directory (default: the Asan graph) and extra files.

        Every file is syntax-checked first, so a broken file is reported with its line
        before anything is loaded; ``LoadError`` lists all broken files at once.
        """
        if data is not None and not data.is_dir():
            raise LoadError(
                [
                    ParseProblem(
                        data, None, None, "no such data directory; pass --data with a folder of .ttl files"
                    )
                ]
            )
        files = [
            *(resources.ontology_files() if include_ontology else []),
            *resources.data_files(data),
            *extra_files,
        ]
        kg = cls(engine)
        kg.add_files(files)
        if derive:
            kg.apply_rules()
        return kg

    def add_files(self, files: Iterable[Path]) -> None:
        files = list(files)
        problems = check_all(files)
        if problems:
            raise LoadError(problems)
        fmt = "ox-turtle" if self.engine == "oxigraph" else "turtle"
        for path in files:
            self._graph.parse(path, format=fmt)
            self.files.append(path)

    def apply_rules(self) -> int:
        """Run the derivation rules (``ontology/rules/*.rq`` CONSTRUCTs); return triples added."""
        added = 0
        for rule in sorted(resources.rules_dir().glob("*.rq")):
            derived = self.construct(rule.read_text(encoding="utf-8"))
            before = len(self._graph)
            self._graph += derived
            added += len(self._graph) - before
        return added

    # The query interface: the only way analysis reads the graph.
    def _run(self, query: str) -> Result:
        return self._graph.query(query)

    def select(self, query: str) -> ResultTable:
        if self.engine == "oxigraph":
            return self._select_native(query)
        result = self._run(query)
        if result.type != "SELECT":
            raise ValueError(f"expected a SELECT query, got {result.type}")
        variables = [str(v) for v in result.vars or []]
        return ResultTable(variables, [tuple(_plain(t) for t in row) for row in result])  # type: ignore[union-attr]

    def _select_native(self, query: str) -> ResultTable:
        """SELECT on the Oxigraph store directly: oxrdflib wraps every result row in rdflib's
        Result machinery, which costs about 8x the query itself on large answers. Terms are
        converted once each (cached). oxrdflib keeps the triples in a named graph, hence the
        default graph as the union of all graphs."""
        inner = self._graph.store._inner  # type: ignore[attr-defined]
        solutions = inner.query(query, use_default_graph_as_union=True)
        if not isinstance(solutions, pyoxigraph.QuerySolutions):
            raise ValueError("expected a SELECT query")
        variables = [v.value for v in solutions.variables]
        cache: dict[object, Node] = {}
        rows = []
        for solution in solutions:
            row: list[Node | None] = []
            for variable in variables:
                term = solution[variable]
                if term is None:
                    row.append(None)
                    continue
                converted = cache.get(term)
                if converted is None:
                    converted = _from_oxigraph(term)
                    cache[term] = converted
                row.append(converted)
            rows.append(tuple(row))
        return ResultTable(variables, rows)

    def ask(self, query: str) -> bool:
        result = self._run(query)
        if result.type != "ASK":
            raise ValueError(f"expected an ASK query, got {result.type}")
        return bool(result.askAnswer)

    def construct(self, query: str) -> Graph:
        result = self._run(query)
        if result.type not in ("CONSTRUCT", "DESCRIBE"):
            raise ValueError(f"expected a CONSTRUCT or DESCRIBE query, got {result.type}")
        out = Graph()
        for triple in result:
            out.add(triple)  # type: ignore[arg-type]
        return out

    def __len__(self) -> int:
        return len(self._graph)

    def triples(self) -> Iterator[tuple[Node, Node, Node]]:
        """Every triple (ontology, data and derived), e.g. for publishing."""
        for s, p, o in self._graph:
            yield s, p, _plain(o)  # type: ignore[misc]

    def to_rdflib(self) -> Graph:
        """An in-memory rdflib copy, for tools that need rdflib's own store (pySHACL)."""
        if self.engine == "rdflib":
            return self._graph
        copy = _new_graph("rdflib")
        for s, p, o in self._graph:
            copy.add((s, p, _plain(o)))  # type: ignore[arg-type]
        return copy
