"""A results cache: the answers of SELECT queries kept on disk, so a second run of an analysis on
unchanged input reads them instead of loading the graph again.

Why: a graph loaded in memory answers the analyses' queries 4-10 times faster than the on-disk
store (measured at 1M triples; the cost is RocksDB's per-lookup work, not its block cache or the
disk), but loading it takes 2-4 s at 1M whatever the format it is parsed from. An answer kept on
disk is read in milliseconds.

It is a cache of *results*, not of the graph: an answer is found only under a key made of the
store's content key (asan-kg's and pyoxigraph's versions, every input file's name and bytes, the
rules and the store-building code: ``cache.content_key``), this module's own code and the exact
query text (parameters are bound into it), so a change to any of them asks the engine again.
Answers are written by Oxigraph itself as SPARQL TSV results (every RDF term in full, in Turtle
syntax, so an answer reads back equal; 2.4 times smaller than JSON and read 2.3 times faster at
1M triples), atomically, 0644, under the cache folder; ``ASAN_KG_NO_CACHE=1`` turns it off.
The first miss loads the graph in memory, once.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph

from asan_kg.core.files import atomic_writer
from asan_kg.store.cache import cache_root, content_key
from asan_kg.store.table import NativeTable, ResultTable
from asan_kg.vocab import prefixes

# How answers are written: a change to it is a new key (so is any edit to this module).
ANSWERS_FORMAT = 1
_TSV = pyoxigraph.QueryResultsFormat.TSV


def answers_root() -> Path:
    """Beside the stores: ``$ASAN_KG_CACHE_DIR/answers`` (else the user's cache folder)."""
    return cache_root().parent / "answers"


@functools.cache
def _code() -> bytes:
    """What else decides an answer's bytes: this module, and the prefixes offered to a query
    that uses one undeclared (``prefixes.QUERY_PREFIXES``, rdflib's and ours, written out there
    so that a warm run does not import rdflib)."""
    head = f"asan-kg answers {ANSWERS_FORMAT} pyoxigraph {pyoxigraph.__version__}"
    return b"\0".join([head.encode(), Path(__file__).read_bytes(), Path(prefixes.__file__).read_bytes()])


def answer_key(store_key: str, query: str) -> str:
    """The key of one answer: the graph's content key, the code above and the query text."""
    digest = hashlib.sha256(_code())
    digest.update(b"\0" + store_key.encode() + b"\0" + query.encode("utf-8"))
    return digest.hexdigest()


class CachedAnswers:
    """A ``Store`` that answers each SELECT from the results cache, else from the graph (loaded
    by ``load`` on the first miss, then kept) and keeps that answer for the next run. Anything
    but ``select`` is passed to the loaded graph."""

    def __init__(self, files: Sequence[Path], derive: bool, load: Callable[[], Any]) -> None:
        self.files = list(files)
        self.store_key = content_key(self.files, derive)
        self._load = load
        self._graph: Any = None
        self._loading = threading.Lock()  # selects may run in parallel (``querying.run_all``)
        self.parallel_selects = True
        self.projects_parameters = False  # answered by embedded Oxigraph (``querying.prepare``)
        self.read = 0  # answers found in the cache (for the benchmark and tests)
        self.asked = 0  # answers the engine had to compute
        self._counting = threading.Lock()

    @property
    def graph(self) -> Any:
        """The graph in memory, loaded on first need."""
        with self._loading:  # one load, whichever select misses first
            if self._graph is None:
                self._graph = self._load()
        return self._graph

    def select(self, query: str) -> ResultTable:
        path = self._path(query)
        try:
            table = NativeTable.of_oxigraph(pyoxigraph.parse_query_results(path=str(path), format=_TSV))
        except FileNotFoundError:
            pass
        except (OSError, SyntaxError, ValueError):  # unreadable or damaged: ask the engine again
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        else:
            with self._counting:
                self.read += 1
            return table
        answer = self.graph.select_serialized(query, _TSV)
        with self._counting:
            self.asked += 1
        try:
            with atomic_writer(path, "wb") as handle:
                handle.write(answer)
        except OSError:
            pass  # a read-only cache folder costs the next run time, never this run its answer
        return NativeTable.of_oxigraph(pyoxigraph.parse_query_results(answer, format=_TSV))

    def _path(self, query: str) -> Path:
        key = answer_key(self.store_key, query)
        return answers_root() / key[:2] / f"{key}.tsv"

    def __len__(self) -> int:
        return len(self.graph)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not yet set: during unpickling or a failed __init__
            raise AttributeError(name)
        return getattr(self.graph, name)
