"""Publish the graph into one named graph of a SPARQL 1.1 endpoint, all or nothing.

The triples go first into a staging graph (``<graph>#asan-kg-staging-<id>``) in batches of
SPARQL Update ``INSERT DATA``; the staging graph's triple count is checked; then a single
``MOVE`` replaces the target graph, and its count is checked again. A failure before the
``MOVE`` leaves the target graph untouched (the staging graph is dropped); no other graph is
ever touched. Blank nodes are kept in one batch, so each stays one node.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode
from rdflib.term import Node

from asan_kg.remote.endpoint import EndpointError, RemoteStore


@dataclass
class Published:
    graph: str
    triples: int
    batches: int


def _count(remote: RemoteStore, graph: str) -> int:
    table = remote.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(str(table.rows[0][0])) if table.rows else 0


def _batches(triples: Iterable[tuple[Node, Node, Node]], size: int) -> list[list[str]]:
    with_bnodes: list[str] = []
    plain: list[str] = []
    for s, p, o in triples:
        line = f"{s.n3()} {p.n3()} {o.n3()} ."
        (with_bnodes if isinstance(s, BNode) or isinstance(o, BNode) else plain).append(line)
    plain.sort()
    batches = [sorted(with_bnodes)] if with_bnodes else []
    batches += [plain[i : i + size] for i in range(0, len(plain), size)]
    return batches


def check_graph_iri(graph: str) -> None:
    from asan_kg.sparql.params import ParameterError, parse_iri

    try:
        parse_iri(graph, "--graph")
    except ParameterError as exc:
        raise EndpointError("config", str(exc)) from exc
    if "#asan-kg-staging-" in graph:
        raise EndpointError("config", "that graph name is reserved for staging")


def publish(
    triples: Iterable[tuple[Node, Node, Node]], remote: RemoteStore, graph: str, batch_size: int = 5000
) -> Published:
    """Replace ``graph`` on the endpoint with ``triples``; verify; all or nothing."""
    check_graph_iri(graph)
    batches = _batches(triples, batch_size)
    expected = len({line for batch in batches for line in batch})
    staging = f"{graph}#asan-kg-staging-{uuid.uuid4().hex[:12]}"
    try:
        remote.update(f"DROP SILENT GRAPH <{staging}>")
        for batch in batches:
            remote.update(f"INSERT DATA {{ GRAPH <{staging}> {{\n" + "\n".join(batch) + "\n} }")
        staged = _count(remote, staging)
        if staged != expected:
            raise EndpointError(
                "server",
                f"the server holds {staged} staged triples, {expected} were sent; "
                "the target graph was not changed",
            )
        remote.update(f"MOVE SILENT GRAPH <{staging}> TO <{graph}>")
    except BaseException:
        # The staging graph is ours and harmless; the target graph was not changed.
        with contextlib.suppress(EndpointError):
            remote.update(f"DROP SILENT GRAPH <{staging}>")
        raise
    published = _count(remote, graph)
    if published != expected:
        raise EndpointError(
            "server", f"after publishing, <{graph}> holds {published} triples, not {expected}"
        )
    return Published(graph, published, len(batches))
