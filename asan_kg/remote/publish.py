"""Publish the graph into one named graph of a SPARQL 1.1 endpoint: the target graph ends exactly old
or exactly new, and a failure says which.

On Oxigraph 0.5.10 or later (its ``Server`` header says so) the target is replaced by one ``PUT``
of N-Triples (or of the input files' own Turtle: ``asan_kg.remote.inputs``) to its Graph Store,
which clears and loads it in one transaction (``asan_kg.remote.replace``): readers see exactly the
old graph or exactly the new one, and no staging graph or ``MOVE`` is needed. Everywhere else the
triples go first into a staging graph (``<graph>#asan-kg-staging-<id>``) by the Graph Store
Protocol where the server offers it (a URL given, or an older Oxigraph server: ``…/query`` →
``…/store``, one bulk ``POST``), else in batches of SPARQL Update (``INSERT DATA``; ``INSERT …
WHERE { }`` for blank nodes; ``asan_kg.remote.staging``); the staging graph's triple count is
checked; then a single ``MOVE`` replaces the target graph, and its count is checked again. Updates
are sent once, never retried (a retried ``MOVE`` whose answer was lost would move the now-empty
staging graph onto the target). After any failure the target's real state is read back — its count
and the staging graph's — and reported: unchanged, holding the new data, or unknown. No other graph
is touched; the blank nodes of a connected group are sent in one request, so each stays one node.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib.term import Node

from asan_kg.core.errors import InputError, RemoteError
from asan_kg.remote.endpoint import EndpointConfig, EndpointError, RemoteStore
from asan_kg.remote.replace import atomic_put_url, graph_store_served, put_state, replace_by_put
from asan_kg.remote.staging import (
    DEFAULT_BATCH,
    Ntriples,
    batches,
    stage_by_graph_store,
    stage_by_update,
    stage_in_one_post,
)
from asan_kg.remote.urls import check_url, update_url_for

if TYPE_CHECKING:
    import pyoxigraph

    from asan_kg.store.embedded import KnowledgeGraph

STAGING_MARK = "#asan-kg-staging-"
#: ``graph_store`` values: find the Graph Store on an Oxigraph server, or never use one.
AUTO, NONE = "auto", "none"


@dataclass
class Published:
    graph: str
    triples: int
    batches: int
    seconds: float = 0.0


class PublishError(RemoteError):
    """Publishing failed; the message ends with the target graph's state as read back."""

    def __init__(self, message: str, state: str) -> None:
        super().__init__(f"{message}; {state}")
        self.state = state


def _count(remote: RemoteStore, graph: str) -> int:
    table = remote.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    try:
        return int(str(table.rows[0][0])) if table.rows else 0
    except (ValueError, IndexError):
        raise EndpointError(
            "not_sparql", f"{remote.shown_url} answered a count that is not a number"
        ) from None


def check_graph_iri(graph: str) -> None:
    from asan_kg.sparql.params import ParameterError, parse_iri

    try:
        parse_iri(graph, "--graph")
    except ParameterError as exc:
        raise InputError(str(exc)) from exc
    if STAGING_MARK in graph:
        raise InputError("--graph: that graph name is reserved for staging")


def target_state(
    remote: RemoteStore, graph: str, staging: str, before: int, expected: int, move_sent: bool
) -> str:
    """What the target graph holds now, read back from the server, in words."""
    try:
        now = _count(remote, graph)
        staged = _count(remote, staging)
    except EndpointError as exc:
        return f"target graph state unknown: it could not be read back ({exc})"
    if move_sent and staged == 0 and now == expected:
        return f"target graph now holds the new data ({now} triples)"
    if now == before and (not move_sent or staged == expected):
        return f"target graph unchanged ({now} triples)"
    return f"target graph state unknown: it holds {now} triples, {before} before and {expected} expected"


def ntriples_of(kg: KnowledgeGraph) -> Ntriples:
    """The graph as N-Triples by the engine's own writer (no rdflib term per triple), dumped
    when first needed (streamed to a Graph Store)."""
    if kg.engine == "oxigraph":
        import pyoxigraph

        store = kg.oxigraph
        if streamable(store):
            return Ntriples(store=store)
        data = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
        return Ntriples(data or b"")
    return Ntriples.of_triples(kg.triples())


def streamable(store: pyoxigraph.Store) -> bool:
    """Whether the store's default graph is all of it (no named graph), so its size is the
    default graph's and its dump can be streamed and counted without a copy."""
    return next(iter(store.named_graphs()), None) is None


def graph_store_for(remote: RemoteStore, graph_store: str | None) -> tuple[str | None, bool]:
    """The Graph Store URL to stage through (None: update batches) and whether it is Oxigraph's,
    which takes the whole graph in one bulk ``POST``. ``auto`` finds it on a server that says it
    is Oxigraph (``Server`` header) at Oxigraph's address (``…/query`` → ``…/store``)."""
    oxigraph = remote.software.startswith("Oxigraph/")
    if graph_store in (None, "", NONE):
        return None, False
    if graph_store != AUTO:
        return graph_store, oxigraph
    base = remote.config.query_url.split("?")[0].rstrip("/")
    if oxigraph and base.endswith("/query"):
        return base[: -len("/query")] + "/store", True
    return None, False


def _stage(
    remote: RemoteStore, nt: Ntriples, staging: str, expected: int, how: tuple[str | None, bool], size: int
) -> int:
    """Load the staging graph; the number of requests that carried triples. A derived Graph
    Store URL that the server does not serve (404) falls back to update batches; a body that
    stopped on purpose (``Ntriples.instead``) is followed by what ``nt`` gives instead."""
    remote.update(f"DROP SILENT GRAPH <{staging}>")
    url, bulk = how
    sent = 0
    try:
        if url and bulk:
            sent = stage_in_one_post(remote, url, nt, staging)
        elif url:
            sent = stage_by_graph_store(remote, url, nt, staging)
    except EndpointError as exc:
        again = nt.instead()
        if again is None and not (exc.kind == "not_found" and bulk):
            raise
        remote.update(f"DROP SILENT GRAPH <{staging}>")
        sent = stage_in_one_post(remote, url, again, staging) if again is not None and url and bulk else 0
    if not sent:
        parts = batches(nt, size)
        stage_by_update(remote, parts, staging)
        sent = len(parts)
    staged = _count(remote, staging)
    if staged != expected:
        raise EndpointError("server", f"the server holds {staged} staged triples, {expected} were sent")
    return sent


def _replace(
    remote: RemoteStore, nt: Ntriples, graph: str, url: str, before: int, started: float
) -> Published:
    """The target replaced by one transactional ``PUT`` (``asan_kg.remote.replace``), verified."""
    try:
        nt = _put(remote, url, nt, graph, before)
        expected = len(nt)
        published = _count(remote, graph)
        if published != expected:
            raise EndpointError(
                "server", f"after the PUT the target holds {published} triples, not {expected}"
            )
    except EndpointError as exc:
        raise PublishError(str(exc), put_state(remote, graph, before, len(nt), exc)) from None
    return Published(graph, published, 1, time.perf_counter() - started)


def _put(remote: RemoteStore, url: str, nt: Ntriples, graph: str, before: int) -> Ntriples:
    """One ``PUT`` of ``nt``; what was sent. Where its body stopped on purpose before its end
    (``Ntriples.instead``: the server, in one transaction, kept the old graph, as read back),
    what ``nt`` gives instead goes in a second ``PUT``; where the input itself is wrong, its
    error (file and line) is raised."""
    try:
        replace_by_put(remote, url, nt, graph)
        return nt
    except EndpointError:
        again = nt.instead()
        if again is None or _count(remote, graph) != before:
            raise
    replace_by_put(remote, url, again, graph)
    return again


def _put_url(remote: RemoteStore, how: tuple[str | None, bool]) -> str | None:
    """The Graph Store to replace the target through in one atomic ``PUT``, if there is one."""
    url = atomic_put_url(remote, how)
    try:
        return url if url and graph_store_served(remote, url) else None
    except EndpointError as exc:
        raise PublishError(str(exc), "target graph unchanged (nothing was sent)") from None


def publish(
    triples: Ntriples | Iterable[tuple[Node, Node, Node]],
    remote: RemoteStore,
    graph: str,
    batch_size: int = DEFAULT_BATCH,
    graph_store: str | None = None,
) -> Published:
    """Replace ``graph`` on the endpoint with ``triples``; verify; exactly old or exactly new.
    ``graph_store``: the server's Graph Store Protocol URL (an atomic ``PUT`` onto the target on
    Oxigraph 0.5.10+, else used to load the staging graph), ``auto`` to find it on an Oxigraph
    server, None or ``none`` for update batches only."""
    started = time.perf_counter()
    check_graph_iri(graph)
    if graph_store not in (None, "", AUTO, NONE):
        check_url(graph_store, "--graph-store")
    nt = triples if isinstance(triples, Ntriples) else Ntriples.of_triples(triples)
    if not remote.config.update_url:
        raise InputError("no update endpoint: pass --update-endpoint (Oxigraph: …/update)")
    try:
        before = _count(remote, graph)  # a read: fails before anything was changed
    except EndpointError as exc:
        raise PublishError(str(exc), "target graph unchanged (nothing was sent)") from None
    try:
        how = graph_store_for(remote, graph_store)
        url = _put_url(remote, how)
        if url:
            return _replace(remote, nt, graph, url, before, started)
        return _by_staging(remote, nt, graph, how, batch_size, before, started)
    finally:
        nt.close()


def _by_staging(
    remote: RemoteStore,
    nt: Ntriples,
    graph: str,
    how: tuple[str | None, bool],
    batch_size: int,
    before: int,
    started: float,
) -> Published:
    """Stage, count, ``MOVE`` onto the target, count again (any SPARQL 1.1 server)."""
    expected = len(nt)
    staging = f"{graph}{STAGING_MARK}{uuid.uuid4().hex[:12]}"
    move_sent = False
    try:
        sent = _stage(remote, nt, staging, expected, how, batch_size)
        move_sent = True
        remote.update(f"MOVE SILENT GRAPH <{staging}> TO <{graph}>")
        published = _count(remote, graph)
        if published != expected:
            raise EndpointError(
                "server", f"after the move the target holds {published} triples, not {expected}"
            )
    except EndpointError as exc:
        state = target_state(remote, graph, staging, before, expected, move_sent)
        undecided = move_sent and exc.kind in ("timeout", "dropped") and "unchanged" in state
        if undecided:  # the server may still apply the MOVE: keep what it would move
            state += f"; the staging graph <{staging}> was kept, as the server may still apply the move"
        else:
            with contextlib.suppress(EndpointError):
                remote.update(f"DROP SILENT GRAPH <{staging}>")
        raise PublishError(str(exc), state) from None
    except BaseException:  # interrupted: the staging graph is ours and harmless
        if not move_sent:
            with contextlib.suppress(EndpointError):
                remote.update(f"DROP SILENT GRAPH <{staging}>")
        raise
    return Published(graph, published, sent, time.perf_counter() - started)


def publish_graph(
    triples: Ntriples | Iterable[tuple[Node, Node, Node]],
    endpoint: str,
    graph: str,
    *,
    update_endpoint: str | None = None,
    graph_store: str | None = AUTO,
    batch_size: int = DEFAULT_BATCH,
    timeout: float = 60.0,
    password: str | None = None,
) -> Published:
    """``publish`` to a server named by URL: the update URL derived from Oxigraph's convention when
    not given, credentials and token from the environment (``password`` overrides the variable,
    e.g. after a prompt)."""
    check_graph_iri(graph)
    update_url = update_url_for(endpoint, update_endpoint)
    extra = {"password": password} if password is not None else {}
    config = EndpointConfig.from_env(
        endpoint, update_url=update_url, timeout=timeout, connect_timeout=min(10.0, timeout), **extra
    )
    return publish(triples, RemoteStore(config), graph, batch_size, graph_store)
