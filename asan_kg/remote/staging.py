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
N-Triples (then ``POST`` for each further chunk) instead: one request instead of one per 1,000
triples. Either way nothing but the staging graph is written before the ``MOVE``.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode
from rdflib.term import Node

from asan_kg.remote.endpoint import USER_AGENT, RemoteStore
from asan_kg.remote.protocol import basic_credentials
from asan_kg.remote.transport import send

#: Triples per SPARQL Update request: below Virtuoso 7's 1,426 per ``INSERT DATA``.
DEFAULT_BATCH = 1000
#: Triples per Graph Store request (a few MB of N-Triples; Virtuoso refuses bodies over 10 MB).
GRAPH_STORE_CHUNK = 20000


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


def _line(s: Node, p: Node, o: Node) -> str:
    return f"{s.n3()} {p.n3()} {o.n3()} ."


def _groups(triples: list[tuple[Node, Node, Node]]) -> list[list[str]]:
    """Triples with blank nodes, grouped so that blank nodes that share a triple share a group."""
    parent: dict[Node, Node] = {}

    def root(node: Node) -> Node:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for s, _, o in triples:
        if isinstance(s, BNode) and isinstance(o, BNode):
            parent[root(s)] = root(o)
    groups: dict[Node, set[str]] = {}
    for s, p, o in triples:
        groups.setdefault(root(s if isinstance(s, BNode) else o), set()).add(_line(s, p, o))
    return sorted((sorted(lines) for lines in groups.values()), key=lambda g: g[0])


def batches(triples: Iterable[tuple[Node, Node, Node]], size: int = DEFAULT_BATCH) -> list[Batch]:
    """The SPARQL Update batches: blank-node groups first (packed up to ``size`` triples, a larger
    group alone), then the other triples sorted, ``size`` at a time."""
    blank: list[tuple[Node, Node, Node]] = []
    plain: set[str] = set()
    for s, p, o in triples:
        if isinstance(s, BNode) or isinstance(o, BNode):
            blank.append((s, p, o))
        else:
            plain.add(_line(s, p, o))
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


def stage_by_graph_store(remote: RemoteStore, url: str, parts: list[Batch], staging: str) -> int:
    """PUT the first chunk of N-Triples into ``staging``, POST the others; the number of requests.
    Blank-node groups are never split between two requests."""
    chunks: list[list[str]] = [[]]
    for batch in parts:
        if chunks[-1] and len(chunks[-1]) + len(batch.lines) > GRAPH_STORE_CHUNK:
            chunks.append([])
        chunks[-1] += batch.lines
    target = url + ("&" if "?" in url else "?") + urllib.parse.urlencode({"graph": staging})
    for number, chunk in enumerate(chunks):
        body = ("\n".join(chunk) + "\n").encode("utf-8")
        request = urllib.request.Request(target, data=body, method="PUT" if number == 0 else "POST")
        request.add_header("Content-Type", "application/n-triples")
        request.add_header("User-Agent", USER_AGENT)
        for name, value in graph_store_headers(remote):
            request.add_header(name, value)
        send(request, remote.config.limits, idempotent=False)
    return len(chunks)


def graph_store_headers(remote: RemoteStore) -> list[tuple[str, str]]:
    """The credentials and token every request to the server carries."""
    config = remote.config
    headers = list(remote.client.headers)
    if config.user is not None:
        headers.append(("Authorization", basic_credentials(config.user, config.password or "")))
    return headers
