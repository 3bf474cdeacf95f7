"""Loading the staging graph of ``publish``: SPARQL Update batches, or the Graph Store Protocol.

Batches of SPARQL Update work on every SPARQL 1.1 server, within two limits found on Virtuoso 7
(tests/VIRTUOSO_NOTES.md):

- ``INSERT DATA`` takes at most 1,426 triples there (a longer one fails with "the length of
  generated SQL text has exceeded 10000 lines"): the default batch is 1,000 triples.
- ``INSERT DATA`` may not hold blank nodes there ("Blank node … is not allowed in a constant
  clause"). Triples with blank nodes are sent as ``INSERT { GRAPH <staging> { … } } WHERE { }``,
  which every SPARQL 1.1 server accepts and which keeps them blank nodes: the published graph is
  the local graph, triple for triple. (Skolemizing them to ``/.well-known/genid/`` IRIs would work
  too, but would publish IRIs the data does not have, new ones on every run unless derived from
  the data.) A blank node's label stands for one node within one request only, so the triples of
  blank nodes that share a triple (a connected group) always travel in the same request.

Where the server offers the SPARQL 1.1 Graph Store HTTP Protocol (``--graph-store URL``: Oxigraph
``…/store``, Virtuoso ``…/sparql-graph-crud``), the staging graph is loaded by one ``PUT`` of
N-Triples (then ``POST`` for each further chunk of 20,000 triples) instead. An Oxigraph server
(its ``Server`` header says so) takes the whole graph in one ``POST`` with ``no_transaction``,
its bulk loader: the staging graph is ours alone and its count is checked before the ``MOVE``,
so a partial load is caught and dropped, never moved. Either way nothing but the staging graph
is written before the ``MOVE``.

The lines come from the embedded store's own N-Triples writer (``Ntriples``), not from rdflib
terms; a line holds a blank node where it starts with ``_:`` or its object is ``_:label``.
"""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph
from rdflib.term import Node

from asan_kg.remote.dump import StoreDump
from asan_kg.remote.endpoint import USER_AGENT, RemoteStore
from asan_kg.remote.protocol import basic_credentials
from asan_kg.remote.transport import send
from asan_kg.remote.urls import origin

#: Triples per SPARQL Update request: below Virtuoso 7's 1,426 per ``INSERT DATA``.
DEFAULT_BATCH = 1000
#: Triples per Graph Store request (a few MB of N-Triples; Virtuoso refuses bodies over 10 MB).
GRAPH_STORE_CHUNK = 20000
#: The object of an N-Triples line when it is a blank node (a literal ends in ", "@tag or >).
_BLANK_OBJECT = re.compile(r"\s(_:[^\s\"<>]+)\s*\.\s*$")


class Ntriples:
    """A graph as N-Triples, one triple per line, no duplicates: given as bytes, or an embedded
    store holding it all in its default graph, whose own writer dumps it when asked (``body``
    streams it, ``data`` keeps it)."""

    #: The media type of ``body()`` (``data`` and ``lines()`` are N-Triples whatever it is).
    media_type = "application/n-triples"

    def __init__(self, data: bytes | None = None, *, store: pyoxigraph.Store | None = None) -> None:
        if (data is None) == (store is None):
            raise ValueError("give the N-Triples or the store to dump them from, not both")
        self._data = data
        self._store = store
        self._count: int | None = None

    @classmethod
    def of_triples(cls, triples: Iterable[tuple[Node, Node, Node]]) -> Ntriples:
        lines = sorted({f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples})
        return cls("".join(line + "\n" for line in lines).encode("utf-8"))

    @property
    def data(self) -> bytes:
        if self._data is None:
            assert self._store is not None
            default = pyoxigraph.DefaultGraph()
            self._data = self._store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=default) or b""
        return self._data

    def body(self) -> bytes | Iterable[bytes]:
        """An HTTP body: the bytes, or the store's dump streamed (``asan_kg.remote.dump``)."""
        return StoreDump(self._store) if self._data is None and self._store is not None else self.data

    def lines(self) -> list[str]:
        return [line for line in self.data.decode("utf-8").split("\n") if line.strip()]

    def instead(self) -> Ntriples | None:
        """After an upload of ``body()`` failed: what to send in its place (None: the failure
        stands); an error of the input itself is raised here (``remote.inputs``)."""
        return None

    def close(self) -> None:
        """Publish is over, whatever its outcome (``remote.inputs`` waits for its kept tail)."""

    def __len__(self) -> int:
        """The number of triples; a store's without dumping it (all in its default graph)."""
        if self._count is None:
            if self._store is not None:
                self._count = len(self._store)
            else:
                self._count = sum(1 for line in self.data.split(b"\n") if line.strip())
        return self._count


@dataclass(frozen=True)
class Batch:
    """N-Triples lines for one request; ``blank`` ones hold blank nodes (sent as INSERT … WHERE)."""

    lines: tuple[str, ...]
    blank: bool = False

    def update(self, graph: str) -> str:
        body = "\n".join(self.lines)
        if self.blank:
            return f"INSERT {{ GRAPH <{graph}> {{\n{body}\n}} }} WHERE {{ }}"
        return f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}"


def blank_labels(line: str) -> list[str]:
    """The blank nodes of one N-Triples line (subject, object; a predicate never is one)."""
    labels = [line.split(None, 1)[0]] if line.startswith("_:") else []
    found = _BLANK_OBJECT.search(line)
    return [*labels, found.group(1)] if found else labels


def _groups(blank: list[tuple[str, list[str]]]) -> list[list[str]]:
    """Lines with blank nodes, grouped so that blank nodes that share a line share a group."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for _, labels in blank:
        if len(labels) == 2:
            parent[root(labels[0])] = root(labels[1])
    groups: dict[str, set[str]] = {}
    for line, labels in blank:
        groups.setdefault(root(labels[0]), set()).add(line)
    return sorted((sorted(lines) for lines in groups.values()), key=lambda g: g[0])


def batches(source: Ntriples | Iterable[tuple[Node, Node, Node]], size: int = DEFAULT_BATCH) -> list[Batch]:
    """The SPARQL Update batches: blank-node groups first (packed up to ``size`` triples, a larger
    group alone), then the other triples sorted, ``size`` at a time."""
    nt = source if isinstance(source, Ntriples) else Ntriples.of_triples(source)
    blank: list[tuple[str, list[str]]] = []
    plain: set[str] = set()
    for line in nt.lines():
        labels = blank_labels(line) if "_:" in line else []
        if labels:
            blank.append((line, labels))
        else:
            plain.add(line)
    out: list[Batch] = []
    current: list[str] = []
    for group in _groups(blank):
        if current and len(current) + len(group) > size:
            out.append(Batch(tuple(current), blank=True))
            current = []
        current += group
    if current:
        out.append(Batch(tuple(current), blank=True))
    lines = sorted(plain)
    out += [Batch(tuple(lines[i : i + size])) for i in range(0, len(lines), size)]
    return out


def stage_by_update(remote: RemoteStore, parts: list[Batch], staging: str) -> None:
    for batch in parts:
        remote.update(batch.update(staging))


def graph_store_send(
    remote: RemoteStore,
    url: str,
    body: bytes | Iterable[bytes],
    method: str,
    media_type: str = Ntriples.media_type,
) -> None:
    """One Graph Store request carrying RDF, N-Triples unless said (a streamed body goes
    chunked); sent once."""
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("Content-Type", media_type)
    request.add_header("User-Agent", USER_AGENT)
    for name, value in graph_store_headers(remote, url):
        request.add_header(name, value)
    send(request, remote.config.limits, idempotent=False)


def graph_store_target(url: str, graph: str, bulk: bool) -> str:
    query = urllib.parse.urlencode({"graph": graph}) + ("&no_transaction" if bulk else "")
    return url + ("&" if "?" in url else "?") + query


def stage_in_one_post(remote: RemoteStore, url: str, nt: Ntriples, staging: str) -> int:
    """The whole graph in one ``POST`` to Oxigraph's bulk loader (``no_transaction``); 1 request."""
    graph_store_send(remote, graph_store_target(url, staging, bulk=True), nt.body(), "POST", nt.media_type)
    return 1


def stage_by_graph_store(remote: RemoteStore, url: str, nt: Ntriples, staging: str) -> int:
    """PUT the first chunk of N-Triples into ``staging``, POST the others; the number of requests.
    Blank-node groups are never split between two requests."""
    chunks: list[list[str]] = [[]]
    for batch in batches(nt, GRAPH_STORE_CHUNK):
        if chunks[-1] and len(chunks[-1]) + len(batch.lines) > GRAPH_STORE_CHUNK:
            chunks.append([])
        chunks[-1] += batch.lines
    target = graph_store_target(url, staging, bulk=False)
    for number, chunk in enumerate(chunks):
        body = ("\n".join(chunk) + "\n").encode("utf-8")
        graph_store_send(remote, target, body, "PUT" if number == 0 else "POST")
    return len(chunks)


def graph_store_headers(remote: RemoteStore, url: str) -> list[tuple[str, str]]:
    """The credentials and token the endpoint's requests carry — only to the endpoint's own
    origin (query or update URL): a Graph Store URL elsewhere gets none of them."""
    config = remote.config
    own = {origin(config.query_url), *([origin(config.update_url)] if config.update_url else [])}
    if origin(url) not in own:
        return []
    headers = list(remote.client.headers)
    if config.user is not None:
        headers.append(("Authorization", basic_credentials(config.user, config.password or "")))
    return headers
