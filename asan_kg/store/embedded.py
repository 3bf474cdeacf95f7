"""The embedded store: a graph behind a small query interface.

``KnowledgeGraph`` *holds* its store (it does not subclass one). Everything above this module
talks to it only through ``select``/``ask``/``construct`` on SPARQL text, so a remote endpoint
can stand in for it. Two engines:

* ``oxigraph`` (default): a ``pyoxigraph.Store``, held directly: Oxigraph's Turtle parser and
  SPARQL engine, no rdflib in between on the query path (start-up does not pay for rdflib's
  SPARQL parser); an rdflib ``Graph`` is built only where one is asked for (``construct``,
  ``to_rdflib``);
* ``rdflib``: rdflib's own in-memory store and SPARQL engine, kept as the reference engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Literal as TypingLiteral

import pyoxigraph

from asan_kg.core import resources
from asan_kg.store import loading
from asan_kg.store.loading import LoadError, check_all
from asan_kg.store.table import NativeTable, ResultTable, Store
from asan_kg.vocab.prefixes import PREFIXES, QUERY_PREFIXES

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.query import Result
    from rdflib.term import Node

Engine = TypingLiteral["oxigraph", "rdflib"]
ENGINES: tuple[Engine, ...] = ("oxigraph", "rdflib")

__all__ = ["ENGINES", "Engine", "KnowledgeGraph", "ResultTable", "Store"]


def _new_graph() -> Graph:
    """An rdflib graph in memory with the project's prefixes bound."""
    from rdflib import Graph

    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
    return graph


# Where the on-disk store pays (measured 2026-11-26, `asan-kg dormant` and `asan-kg query
# exchanges-by-country` wall, in memory / warm store / cold store, medians, a busy 2-core machine):
# Queries on the on-disk store run 2.5-6 x slower than in memory, which eats what opening saves
# (again at 1M: dormancy's queries 3.8 x in sum, 1.3-6.5 x each, with the store optimized after
# the rules; the cost is RocksDB's lookups themselves, over half the CPU under perf with nothing
# decompressed or read from disk, not its 32 MB block cache: a 100k store that fits in it is as
# slow, and pyoxigraph offers no RocksDB setting; read_only opens no faster store).
# 0.8 MB (30k triples): 1.10 / 1.15 / 1.93 s and 1.28 / 1.37 / 2.37 s — memory wins;
# 2.9 MB (100k): 2.26 / 2.31 / 3.89 s and 1.79 / 1.70 / 3.48 s — even warm, a cold build costs 1.6 s;
# 10.4 MB (300k): 9.0 / 11.9 / 20.9 s and 8.3 / 6.8 / 16.3 s — the store wins for lighter commands;
# 33 MB (1M): 43.5 / 49.3 / 83.8 s and 8.1 / 4.2 / 29.5 s — likewise.
CACHE_MIN_BYTES = 8_000_000
# From here an analysis keeps its answers (``for_analysis``): above the packaged graph and the
# tests' fixtures (0.3 MB), below the 100k-triple benchmark (2.9 MB), where a run takes 2 s.
ANSWERS_MIN_BYTES = 1_000_000


def cache_wanted(files: Sequence[Path], cache: bool | None, min_bytes: int | None = None) -> bool:
    """Whether to keep something on disk for ``files``: never with ``ASAN_KG_NO_CACHE``, else as
    asked, else from ``min_bytes`` (default ``CACHE_MIN_BYTES``) of input."""
    import os

    if os.environ.get("ASAN_KG_NO_CACHE"):
        return False
    if cache is not None:
        return cache
    least = CACHE_MIN_BYTES if min_bytes is None else min_bytes
    return sum(p.stat().st_size for p in files if p.exists()) >= least


class KnowledgeGraph:
    """The ontology plus a data directory, loaded into one graph, queried by SPARQL."""

    def __init__(self, engine: Engine = "oxigraph", store: pyoxigraph.Store | None = None) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
        self.engine: Engine = engine
        self._store: pyoxigraph.Store | None = None
        self._graph: Graph | None = None
        if engine == "oxigraph":
            self._store = pyoxigraph.Store() if store is None else store
        else:
            self._graph = _new_graph()
        self.files: list[Path] = []
        # Oxigraph lets a FILTER in an OPTIONAL see a parameter bound outside it: no projection.
        self.projects_parameters = engine != "oxigraph"
        # Oxigraph answers concurrent reads and releases the GIL while it evaluates a query.
        self.parallel_selects = engine == "oxigraph"

    @property
    def oxigraph(self) -> pyoxigraph.Store:
        """The Oxigraph store (engine ``oxigraph`` only), e.g. for a benchmark's raw queries."""
        if self._store is None:
            raise ValueError("the rdflib engine holds no Oxigraph store")
        return self._store

    @property
    def graph(self) -> Graph:
        """The rdflib graph (engine ``rdflib`` only)."""
        if self._graph is None:
            raise ValueError("the oxigraph engine holds no rdflib graph; use to_rdflib()")
        return self._graph

    @classmethod
    def load(
        cls,
        data: Path | None = None,
        *,
        engine: Engine = "oxigraph",
        include_ontology: bool = True,
        extra_files: Sequence[Path] = (),
        derive: bool = True,
        cache: bool | None = None,
    ) -> KnowledgeGraph:
        """Load the ontology, a data directory (default: the Asan graph) and extra files.

        A broken file is reported with its line; ``LoadError`` lists all broken files at once.
        With ``cache`` (default: on for Oxigraph when the files exceed ``CACHE_MIN_BYTES``) the
        loaded store is kept on disk under a key made of the files' content, and a later load of
        unchanged files opens it instead of parsing again.
        """
        files = cls.input_files(data, include_ontology, extra_files)
        if engine == "oxigraph" and cache_wanted(files, cache):
            from asan_kg.store.cache import open_cached

            return open_cached(cls, files, derive)
        kg = cls(engine)
        kg.add_files(files)
        if derive:
            kg.apply_rules()
        return kg

    @staticmethod
    def input_files(
        data: Path | None, include_ontology: bool = True, extra_files: Sequence[Path] = ()
    ) -> list[Path]:
        """What ``load`` reads: the ontology, the data folder's Turtle files (default: the Asan
        graph) and the extra files, each checked to be a regular file."""
        return [
            *(resources.ontology_files() if include_ontology else []),
            *(resources.data_files() if data is None else loading.data_files(data)),
            *loading.input_files(extra_files),
        ]

    @classmethod
    def for_analysis(cls, data: Path | None = None, *, engine: Engine = "oxigraph") -> Store:
        """The store an analysis command reads: the graph in memory (its queries run 4-10 times
        faster there than on the on-disk store, even counting the load), behind the results cache
        (``answers.CachedAnswers``) from ``ANSWERS_MIN_BYTES`` of input, so a second run on
        unchanged input reads its answers without loading the graph at all."""
        files = cls.input_files(data)
        if engine == "oxigraph" and cache_wanted(files, None, ANSWERS_MIN_BYTES):
            from asan_kg.store.answers import CachedAnswers

            return CachedAnswers(files, True, lambda: cls.load(data, engine=engine, cache=False))
        return cls.load(data, engine=engine, cache=False)

    def add_files(self, files: Iterable[Path]) -> None:
        """Parse ``files`` once (Oxigraph's native parser, ``loading.load_into``); on a syntax
        error, check every file so all broken ones are reported together, and keep nothing
        half-loaded."""
        files = list(files)
        if self._store is None:
            problems = check_all(files)
            if problems:
                raise LoadError(problems)
            for path in files:
                self.graph.parse(path, format="turtle")
                self.files.append(path)
            return
        try:
            loading.load_into(self._store, files)
        except LoadError:
            self._store = pyoxigraph.Store()
            self.files = []
            raise
        self.files.extend(files)

    @classmethod
    def of_texts(
        cls, texts: Sequence[tuple[Path, bytes]], derived: list[pyoxigraph.Quad] | None = None
    ) -> KnowledgeGraph:
        """The Oxigraph graph of files already read (each file and its bytes, as ``load`` would
        read them), the rules applied; the triples the rules added are appended to ``derived``."""
        kg = cls("oxigraph")
        loading.load_texts_into(kg.oxigraph, texts)
        kg.files.extend(path for path, _ in texts)
        kg.apply_rules(derived)
        return kg

    def apply_rules(self, derived: list[pyoxigraph.Quad] | None = None) -> int:
        """Run the derivation rules (``ontology/rules/*.rq`` CONSTRUCTs); return triples added
        (on Oxigraph, appended to ``derived`` where given).

        On Oxigraph only the derived triples not yet in the store are inserted, in one bulk
        insert per rule: counting the store before and after (``len``) scans every quad, which
        on an on-disk store cost more than the rule itself."""
        added = 0
        for rule in sorted(resources.rules_dir().glob("*.rq")):
            text = rule.read_text(encoding="utf-8")
            if self._store is not None:
                store = self._store
                found = {
                    pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.DefaultGraph())
                    for t in store.query(text, prefixes=QUERY_PREFIXES)  # type: ignore[union-attr]
                }
                new = [quad for quad in found if quad not in store]
                store.bulk_extend(new)
                added += len(new)
                if derived is not None:
                    derived.extend(new)
                continue
            graph = self.graph
            derived_graph = self.construct(text)
            before = len(graph)
            graph += derived_graph
            added += len(graph) - before
        return added

    # The query interface: the only way analysis reads the graph.
    def _run(self, query: str) -> Result:
        return self.graph.query(query)

    def _native(self, query: str) -> object:
        """The query on Oxigraph; the undeclared prefixes are offered only to a query that does not
        parse without them (handing them over costs about 0.05 ms a call, a third of a small
        saved query; a query that declares its prefixes means the same either way)."""
        store = self.oxigraph
        try:
            return store.query(query, use_default_graph_as_union=True)
        except SyntaxError:
            return store.query(query, use_default_graph_as_union=True, prefixes=QUERY_PREFIXES)

    def select(self, query: str) -> ResultTable:
        if self._store is not None:
            return self._select_native(query)
        from asan_kg.store.terms import plain

        result = self._run(query)
        if result.type != "SELECT":
            raise ValueError(f"expected a SELECT query, got {result.type}")
        variables = [str(v) for v in result.vars or []]
        return ResultTable(variables, [tuple(plain(t) for t in row) for row in result])  # type: ignore[union-attr]

    def _select_native(self, query: str) -> ResultTable:
        """SELECT on the Oxigraph store directly: oxrdflib wraps every result row in rdflib's
        Result machinery, which costs about 8x the query itself on large answers. Rows stay
        Oxigraph's solutions, as they come (no tuple per row); ``values()``/``records()`` turn
        them straight into plain Python values and ``rows`` into rdflib terms, each distinct term
        once. The default graph is the union
        of all graphs, as it was under oxrdflib."""
        return NativeTable.of_oxigraph(self._native(query))

    def select_json(self, query: str) -> bytes:
        """A SELECT's answer in the SPARQL 1.1 JSON results format, written by Oxigraph itself
        (no Python object per cell); the rdflib engine has no such writer."""
        return self.select_serialized(query, pyoxigraph.QueryResultsFormat.JSON)

    def select_serialized(self, query: str, format: pyoxigraph.QueryResultsFormat) -> bytes:
        """A SELECT's answer written by Oxigraph in ``format`` (JSON, TSV or XML)."""
        solutions = self._native(query)
        if not isinstance(solutions, pyoxigraph.QuerySolutions):
            raise ValueError("expected a SELECT query")
        return solutions.serialize(format=format) or b""

    def ask(self, query: str) -> bool:
        if self._store is not None:
            answer = self._native(query)
            if not isinstance(answer, pyoxigraph.QueryBoolean):
                raise ValueError(f"expected an ASK query, got {_kind(answer)}")
            return bool(answer)
        result = self._run(query)
        if result.type != "ASK":
            raise ValueError(f"expected an ASK query, got {result.type}")
        return bool(result.askAnswer)

    def construct(self, query: str) -> Graph:
        from rdflib import Graph

        from asan_kg.store.terms import from_oxigraph

        out = Graph()
        if self._store is not None:
            answer = self._native(query)
            if not isinstance(answer, pyoxigraph.QueryTriples):
                raise ValueError(f"expected a CONSTRUCT or DESCRIBE query, got {_kind(answer)}")
            for t in answer:
                out.add((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)))
            return out
        result = self._run(query)
        if result.type not in ("CONSTRUCT", "DESCRIBE"):
            raise ValueError(f"expected a CONSTRUCT or DESCRIBE query, got {result.type}")
        for triple in result:
            out.add(triple)  # type: ignore[arg-type]
        return out

    def __len__(self) -> int:
        if self._store is not None:
            return len(self._store)
        return len(self.graph)

    def triples(self) -> Iterator[tuple[Node, Node, Node]]:
        """Every triple (ontology, data and derived), e.g. for publishing."""
        from asan_kg.store.terms import from_oxigraph, plain

        if self._store is not None:
            for q in self._store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()):
                yield from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object)
            return
        for s, p, o in self.graph:
            yield s, p, plain(o)  # type: ignore[misc]

    def dump_ntriples(self, path: Path) -> None:
        """Every triple (ontology, data and derived) written to ``path`` as N-Triples."""
        if self._store is not None:
            self._store.dump(
                str(path), format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()
            )
            return
        self.graph.serialize(path, format="nt", encoding="utf-8")

    def to_rdflib(self) -> Graph:
        """An in-memory rdflib copy, for tools that need rdflib's own store (pySHACL)."""
        if self._graph is not None:
            return self._graph
        copy = _new_graph()
        for triple in self.triples():
            copy.add(triple)
        return copy


def _kind(answer: object) -> str:
    if isinstance(answer, pyoxigraph.QuerySolutions):
        return "SELECT"
    return "ASK" if isinstance(answer, pyoxigraph.QueryBoolean) else "CONSTRUCT"
