"""Replacing the target graph in one request where the server does it atomically: a ``PUT`` of
the graph's N-Triples to Oxigraph's Graph Store, from version 0.5.10 on.

Oxigraph 0.5.10 made ``PUT /store?graph=…`` clear the graph and load the body in one
transaction (``cli/src/main.rs``: one ``start_transaction``, then ``web_load_graph`` with it;
oxigraph/oxigraph#1895 and #1896; before it the clear was committed first, so a reader could see
an empty graph and a body that failed to parse lost the old one). A concurrent reader therefore
sees exactly the old graph or exactly the new one, and a body that fails or is cut off leaves
the old graph. Without ``no_transaction`` it is Oxigraph's transactional loader, about as fast as
its bulk loader on an in-memory server (1M triples on a busy machine: a ``PUT`` 2.3-5.6 s, 3.1-3.4
s replacing a full graph; a bulk ``POST`` 3.0-6.2 s), and it saves the staging graph and the
``MOVE`` (6.0-8.0 s at 1M in the same runs; 3.7-4.8 s on a quiet machine).

Used only where the query endpoint's ``Server`` header names Oxigraph 0.5.10 or later and the
Graph Store URL is on the endpoint's own origin (what the header speaks for); a ``HEAD`` on the
Graph Store first checks that it is served there (``asan-kg serve``'s gate answers 404), so the
body is never sent where it cannot land.
"""

from __future__ import annotations

import re
import urllib.request

from asan_kg.remote.endpoint import USER_AGENT, RemoteStore
from asan_kg.remote.staging import Ntriples, graph_store_headers, graph_store_send, graph_store_target
from asan_kg.remote.transport import EndpointError, send
from asan_kg.remote.urls import origin

#: The first Oxigraph whose Graph Store ``PUT`` replaces a graph in one transaction.
ATOMIC_PUT_SINCE = (0, 5, 10)
_OXIGRAPH = re.compile(r"Oxigraph/(\d+)\.(\d+)\.(\d+)")


def oxigraph_version(software: str) -> tuple[int, int, int] | None:
    """The version in a ``Server`` header such as ``Oxigraph/0.5.13``; None for other servers."""
    found = _OXIGRAPH.match(software.strip())
    return (int(found[1]), int(found[2]), int(found[3])) if found else None


def atomic_put_url(remote: RemoteStore, how: tuple[str | None, bool]) -> str | None:
    """The Graph Store URL to replace the graph through in one ``PUT``, or None where that is
    not known to be atomic (another server, an older Oxigraph, another origin)."""
    url, oxigraph = how
    version = oxigraph_version(remote.software)
    if not (url and oxigraph and version and version >= ATOMIC_PUT_SINCE):
        return None
    return url if origin(url) == origin(remote.config.query_url) else None


def graph_store_served(remote: RemoteStore, url: str) -> bool:
    """Whether ``url`` answers as a Graph Store (a ``HEAD`` on the store as a whole: no graph is
    named, nothing is read or written); False on 404."""
    request = urllib.request.Request(url, method="HEAD")
    request.add_header("User-Agent", USER_AGENT)
    for name, value in graph_store_headers(remote, url):
        request.add_header(name, value)
    try:
        send(request, remote.config.limits, idempotent=True)
    except EndpointError as exc:
        if exc.kind == "not_found":
            return False
        raise
    return True


def replace_by_put(remote: RemoteStore, url: str, nt: Ntriples, graph: str) -> None:
    """One transactional ``PUT`` of ``nt`` onto ``graph``, the dump streamed; sent once."""
    graph_store_send(remote, graph_store_target(url, graph, bulk=False), nt.body(), "PUT", nt.media_type)


def _count(remote: RemoteStore, graph: str) -> int:
    table = remote.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(str(table.rows[0][0])) if table.rows else 0


def put_state(remote: RemoteStore, graph: str, before: int, expected: int, failure: EndpointError) -> str:
    """What the target holds after a failed ``PUT``, read back, in words. The replacement is one
    transaction, so the graph is exactly the old one or exactly the new one."""
    try:
        now = _count(remote, graph)
    except (EndpointError, ValueError) as exc:
        return f"target graph state unknown: it could not be read back ({exc})"
    if now == expected != before:
        return f"target graph now holds the new data ({now} triples)"
    if now == before != expected:
        state = f"target graph unchanged ({now} triples)"
        if failure.kind in ("timeout", "dropped"):
            state += "; the server may still apply the replacement, in one transaction"
        return state
    if now == before == expected:
        return (
            f"target graph holds exactly the old or exactly the new data ({now} triples, as both do; "
            "the server replaces it in one transaction)"
        )
    return f"target graph state unknown: it holds {now} triples, {before} before and {expected} expected"
