"""A first publish that sends the input files while it loads them.

Why: at 1M triples a first ``asan-kg publish`` took 6.9 s against the server's own bulk load of
3.0 s, because it loaded the graph in memory (2.8 s) before the first byte left, and the server
then parsed the dump (3 s). The server can as well parse the input files' own Turtle, while we
load the same bytes on the other core: the body of the one transactional ``PUT`` is each input
file as it was read, then, once our load is done, the triples the rules derived, in N-Triples
(which is Turtle).

The server's graph is then the one we loaded only where reading the files one after the other
means what reading them one by one means. ``why_not_streamed`` refuses (and the graph is loaded
and dumped as before) files that could mean something else: a labelled blank node (``_:b`` in
two files is two nodes apart, one node together) or anything that may be a relative IRI
(resolved against each file's own address here, against the request's there). Anonymous blank
nodes (``[]``, lists) are fresh in either reading. Prefixes and a base stay declared for the
files after the one that declares them, which changes nothing for files that parse alone and
hold no relative IRI. A derived triple with a blank node (which the server's graph would not
share) stops the body before its end, as does a local load that fails: the server, which loads
a ``PUT`` in one transaction, keeps the old graph, and publish sends the N-Triples dump instead
(``instead``) or reports the file and line. The count publish checks after the ``PUT`` is our
graph's. The bytes sent and the bytes loaded are one read of each file.

What is kept for a repeat publish of unchanged input is the body's tail alone, the derived
triples with the graph's count (``store.dumps.keep_tail``): the files, read again and keyed
again on the bytes read, and that tail are the whole body, sent without loading anything. (A
kept N-Triples dump of the whole graph cost this path 0.7 s at 1M: a dump of 1 s on the core the
server parses on.)
"""

from __future__ import annotations

import re
import threading
from collections.abc import Generator, Iterable, Sequence
from pathlib import Path

import pyoxigraph

from asan_kg.remote.dump import CHUNK, DumpError
from asan_kg.remote.staging import Ntriples
from asan_kg.store.dumps import Tail, keep_tail
from asan_kg.store.embedded import KnowledgeGraph

#: An IRI reference without a scheme: relative (``<x>``, ``<#x>``, ``<>``), or written with escapes.
_RELATIVE = re.compile(rb"<(?![A-Za-z][A-Za-z0-9+.\-]*:)[^>\s]*>")

Texts = Sequence[tuple[Path, bytes]]


def read_inputs(files: Iterable[Path]) -> list[tuple[Path, bytes]] | None:
    """Each file and its bytes, read once; None where one cannot be read (the graph is then loaded
    as before, whose loader names the file)."""
    try:
        return [(path, path.read_bytes()) for path in files]
    except OSError:
        return None


def why_not_streamed(texts: Texts) -> str | None:
    """Why the files' Turtle one after the other may not be the graph they make one by one (a
    labelled blank node, a relative IRI), or None. Only the text is scanned: a ``_:`` or a ``<``
    inside a literal makes it refuse too, which costs time, never correctness."""
    for path, data in texts:
        if b"_:" in data:
            return f"{path} labels a blank node"
        if _RELATIVE.search(data):
            return f"{path} may hold a relative IRI"
    return None


class StoppedBody(DumpError):
    """The body was stopped before its end, on purpose: the server keeps the old graph."""


class InputsNtriples(Ntriples):
    """The graph of ``texts`` (ontology and data files, read): its ``body()`` is the files' Turtle
    then the derived triples (see above), its ``data`` and ``lines()`` the loaded graph's
    N-Triples (for the staging paths). Without a kept ``tail`` the graph is loaded in a thread
    from the moment this is made, and its tail kept under ``key`` (None: nothing kept); with
    one, nothing is loaded unless a staging path asks for the N-Triples."""

    media_type = "text/turtle"

    def __init__(self, texts: Texts, key: str | None, tail: Tail | None = None) -> None:
        super().__init__(b"")
        self._data = None
        self.texts = list(texts)
        self.key = key
        self.tail = tail
        self.stopped: BaseException | None = None  # why the body stopped before its end
        self._graph: KnowledgeGraph | None = None
        self._error: BaseException | None = None
        self._unsendable: StoppedBody | None = None
        self._loaded = threading.Event()
        self._thread = threading.Thread(target=self._load, name="asan-kg-load", daemon=True)
        self._start = threading.Lock()
        if tail is None:
            self._thread.start()

    def _load(self) -> None:
        derived: list[pyoxigraph.Quad] = []
        try:
            self._graph = KnowledgeGraph.of_texts(self.texts, derived)
        except BaseException as exc:  # raised to the caller by ``graph``
            self._error = exc
            self._loaded.set()
            return
        tail = None
        if self.tail is None:
            try:
                tail = self.tail = Tail(derived_ntriples(derived), len(self._graph.oxigraph))
            except StoppedBody as exc:  # the body stops with it (``ending``)
                self._unsendable = exc
        self._loaded.set()
        if tail is not None and self.key is not None:
            keep_tail(self.key, tail)

    def graph(self) -> KnowledgeGraph:
        """The loaded graph, once loaded; the load's own error (``LoadError``: file and line)."""
        with self._start:
            if not self._thread.is_alive() and not self._loaded.is_set():
                self._thread.start()
        self._loaded.wait()
        if self._error is not None:
            raise self._error
        assert self._graph is not None
        return self._graph

    def ending(self) -> bytes:
        """The body's tail: the derived triples, in N-Triples (after the load, where not kept);
        ``StoppedBody`` where they cannot be sent so."""
        if self.tail is None:
            self.graph()
            if self._unsendable is not None:
                raise self._unsendable
        assert self.tail is not None
        return self.tail.derived

    @property
    def data(self) -> bytes:
        """The loaded graph's N-Triples (the staging paths' batches), dumped once."""
        if self._data is None:
            self._data = Ntriples(store=self.graph().oxigraph).data
        return self._data

    def __len__(self) -> int:
        return self.tail.triples if self.tail is not None else len(self.graph().oxigraph)

    def body(self) -> Iterable[bytes]:
        return _Body(self)

    def instead(self) -> Ntriples | None:
        """After a failed ``PUT``: the N-Triples to send instead where our body stopped on purpose
        (a derived blank node), None where the failure was not ours; the local load's own error
        where it failed (the input is wrong, not the server)."""
        if self.stopped is None and self.tail is not None:
            return None
        graph = self.graph()  # raises the load's error
        return Ntriples(store=graph.oxigraph) if self.stopped is not None else None

    def close(self) -> None:
        """Wait for the tail to be kept where the graph is loaded; a publish that failed before
        that keeps nothing."""
        if self._loaded.is_set():
            self._thread.join()


class _Body:
    """The ``PUT`` body: iterable again (a same-origin redirect sends it again)."""

    def __init__(self, owner: InputsNtriples) -> None:
        self.owner = owner

    def __iter__(self) -> Generator[bytes, None, None]:
        owner = self.owner
        for _, data in owner.texts:
            for start in range(0, len(data), CHUNK):
                yield data[start : start + CHUNK]
            yield b"\n"  # a file's last line may end in a comment
        try:
            ending = owner.ending()
        except BaseException as exc:
            owner.stopped = exc
            raise StoppedBody(f"the graph was not sent ({exc})") from exc
        yield ending


def derived_ntriples(derived: list[pyoxigraph.Quad]) -> bytes:
    """The derived triples in N-Triples; ``StoppedBody`` where one holds a blank node, which the
    server's graph would not share."""
    for quad in derived:
        if isinstance(quad.subject, pyoxigraph.BlankNode) or isinstance(quad.object, pyoxigraph.BlankNode):
            raise StoppedBody("a derived triple holds a blank node")
    triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in derived]
    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
