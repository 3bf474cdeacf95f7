"""Publishing onto a graph that others are reading: on a real Oxigraph server, a reader asking
during the replacement sees exactly the old graph or exactly the new one — never an empty or a
half-loaded graph, even when the upload breaks off."""

from __future__ import annotations

import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator

import pyoxigraph
import pytest

from asan_kg.remote import dump as dump_module
from asan_kg.remote.endpoint import EndpointConfig, RemoteStore
from asan_kg.remote.publish import PublishError, publish
from asan_kg.remote.replace import atomic_put_url, oxigraph_version
from asan_kg.remote.serve import OxigraphServer
from asan_kg.remote.staging import Ntriples

GRAPH = "urn:test:shared"
OLD, NEW = 20_000, 120_000  # triples: large enough that replacing takes many reads' time


def _store(size: int, tag: str) -> pyoxigraph.Store:
    """``size`` triples, a few with blank nodes, all different from another tag's."""
    lines = [f'<urn:{tag}:s{i % 997}> <urn:p:{i % 13}> "{tag} {i}" .\n' for i in range(size - 2)]
    lines += [f"<urn:{tag}:s0> <urn:p:b> _:b1 .\n", f'_:b1 <urn:p:v> "{tag} blank" .\n']
    store = pyoxigraph.Store()
    store.load("".join(lines).encode(), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store


class Reader(threading.Thread):
    """Counts the target graph and lists the server's graphs, again and again, until stopped."""

    def __init__(self, remote: RemoteStore) -> None:
        super().__init__(daemon=True)
        self.remote = remote
        self.seen: list[tuple[float, int]] = []
        self.graphs: set[str] = set()
        self.done = threading.Event()

    def run(self) -> None:
        count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
        while not self.done.is_set():
            n = int(str(self.remote.select(count).rows[0][0]))
            self.seen.append((time.monotonic(), n))
            rows = self.remote.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").rows
            self.graphs |= {str(r[0]) for r in rows}

    def during(self, start: float, end: float) -> list[int]:
        return [n for at, n in self.seen if start <= at <= end]


@pytest.fixture
def server() -> Iterator[OxigraphServer]:
    with OxigraphServer(in_memory=True) as srv:
        yield srv


def _watched(server: OxigraphServer, replace: Callable[[Reader], object]) -> tuple[Reader, float, float]:
    reader = Reader(RemoteStore(EndpointConfig(server.query_url)))
    reader.start()
    try:
        while not reader.seen:
            time.sleep(0.01)
        start = time.monotonic()
        try:
            replace(reader)
        finally:
            end = time.monotonic()
            time.sleep(0.1)
    finally:
        reader.done.set()
        reader.join(timeout=30)
    return reader, start, end


def _remote(server: OxigraphServer) -> RemoteStore:
    return RemoteStore(EndpointConfig(server.query_url, update_url=server.update_url))


def test_readers_see_exactly_the_old_or_the_new_graph_while_publish_replaces_it(
    server: OxigraphServer,
) -> None:
    remote = _remote(server)
    publish(Ntriples(store=_store(OLD, "old")), remote, GRAPH, graph_store="auto")
    reader, start, end = _watched(
        server, lambda _: publish(Ntriples(store=_store(NEW, "new")), remote, GRAPH, graph_store="auto")
    )
    during = reader.during(start, end)
    assert during, "no read happened while the graph was replaced"
    assert {n for _, n in reader.seen} <= {OLD, NEW}, "a reader saw a half-written graph"
    assert reader.seen[-1][1] == NEW
    assert reader.graphs == {GRAPH}  # one PUT onto the target: no staging graph, no other graph


def test_the_reader_does_catch_a_replacement_that_is_not_atomic(server: OxigraphServer) -> None:
    """The watch above can fail: a drop then a bulk load (two steps) is seen half-way."""
    remote = _remote(server)
    publish(Ntriples(store=_store(OLD, "old")), remote, GRAPH, graph_store="auto")
    body = _store(NEW, "new").dump(
        format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()
    )

    def two_steps(reader: Reader) -> None:
        remote.update(f"DROP GRAPH <{GRAPH}>")
        seen = len(reader.seen)
        while len(reader.seen) <= seen + 1:  # a read between the two steps
            time.sleep(0.01)
        target = f"{server.base}/store?{urllib.parse.urlencode({'graph': GRAPH})}&no_transaction"
        request = urllib.request.Request(target, data=body, method="POST")
        request.add_header("Content-Type", "application/n-triples")
        urllib.request.urlopen(request, timeout=60).close()

    reader, _, _ = _watched(server, two_steps)
    assert not {n for _, n in reader.seen} <= {OLD, NEW}


def test_a_publish_whose_upload_breaks_off_leaves_the_old_graph(
    server: OxigraphServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = _remote(server)
    publish(Ntriples(store=_store(OLD, "old")), remote, GRAPH, graph_store="auto")
    real_iter = dump_module.StoreDump.__iter__

    def broken(self: dump_module.StoreDump) -> Iterator[bytes]:
        chunks = real_iter(self)
        yield next(chunks)  # some valid N-Triples, then the local dump fails
        chunks.close()
        raise dump_module.DumpError("disk on fire")

    monkeypatch.setattr(dump_module, "CHUNK", 1 << 16)
    monkeypatch.setattr(dump_module.StoreDump, "__iter__", broken)
    with pytest.raises(PublishError) as failed:
        _watched(
            server, lambda _: publish(Ntriples(store=_store(NEW, "new")), remote, GRAPH, graph_store="auto")
        )
    assert f"target graph unchanged ({OLD} triples)" in str(failed.value)
    assert "disk on fire" in str(failed.value)
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    assert remote.select(count).values() == [(OLD,)]


def test_only_oxigraph_0_5_10_or_later_on_the_endpoints_origin_gets_the_single_put() -> None:
    remote = RemoteStore(
        EndpointConfig("http://127.0.0.1:7878/query", update_url="http://127.0.0.1:7878/update")
    )
    store = "http://127.0.0.1:7878/store"
    for software, expected in [
        ("Oxigraph/0.5.13", store),
        ("Oxigraph/0.5.10", store),
        ("Oxigraph/0.6.0", store),
        ("Oxigraph/0.5.9", None),  # its PUT commits the clear first: a reader could see no graph
        ("Virtuoso/07.20.3240 (Linux) x86_64-pc-linux-gnu", None),
        ("", None),
    ]:
        remote.software = software
        assert atomic_put_url(remote, (store, True)) == expected, software
    remote.software = "Oxigraph/0.5.13"
    assert atomic_put_url(remote, ("http://127.0.0.1:9999/store", True)) is None  # another origin
    assert oxigraph_version("Oxigraph/0.5.13") == (0, 5, 13)


@pytest.mark.parametrize("graph_store", ["auto", "explicit"])
def test_an_older_oxigraph_is_published_through_a_staging_graph_with_the_same_result(
    server: OxigraphServer, monkeypatch: pytest.MonkeyPatch, graph_store: str
) -> None:
    """Where the PUT is not known to be atomic, the staging graph and MOVE still do the work:
    ``auto`` by one streamed bulk POST, an explicit Graph Store URL by PUT and POST chunks."""
    remote = _remote(server)
    new = _store(NEW, "new")
    by_put = publish(Ntriples(store=new), remote, "urn:test:put", graph_store="auto")
    monkeypatch.setattr("asan_kg.remote.replace.ATOMIC_PUT_SINCE", (99, 0, 0))
    url = "auto" if graph_store == "auto" else f"{server.base}/store"
    publish(Ntriples(store=_store(OLD, "old")), remote, GRAPH, graph_store=url)
    reader, _, _ = _watched(server, lambda _: publish(Ntriples(store=new), remote, GRAPH, graph_store=url))
    assert {n for _, n in reader.seen} <= {OLD, NEW}
    assert any("staging" in g for g in reader.graphs)  # this path did stage
    assert reader.seen[-1][1] == NEW
    same = f"""ASK {{ {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} FILTER NOT EXISTS {{ GRAPH <urn:test:put> {{ ?s ?p ?o }} }}
                  FILTER(!isBlank(?s) && !isBlank(?o)) }} }}"""
    assert by_put.triples == NEW and not remote.ask(same)
    graphs = {str(r[0]) for r in remote.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").rows}
    assert not any("staging" in g for g in graphs)


@pytest.mark.parametrize("applied", [True, False], ids=["answer-lost", "never-applied"])
def test_a_put_whose_answer_is_lost_is_not_resent_and_the_state_is_read_back(
    server: OxigraphServer, monkeypatch: pytest.MonkeyPatch, applied: bool
) -> None:
    from asan_kg.remote import staging
    from asan_kg.remote.transport import EndpointError

    remote = _remote(server)
    publish(Ntriples(store=_store(OLD, "old")), remote, GRAPH, graph_store="auto")
    sent: list[str] = []
    real_send = staging.graph_store_send

    def lose_the_answer(*args: object) -> None:
        sent.append(str(args[1]))
        if applied:
            real_send(*args)  # type: ignore[arg-type]
        raise EndpointError("dropped", "the server closed the connection without a complete answer")

    monkeypatch.setattr("asan_kg.remote.replace.graph_store_send", lose_the_answer)
    with pytest.raises(PublishError) as failed:
        publish(Ntriples(store=_store(NEW, "new")), remote, GRAPH, graph_store="auto")
    assert len(sent) == 1  # an update is sent once, never retried
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    if applied:
        assert f"target graph now holds the new data ({NEW} triples)" in str(failed.value)
        assert remote.select(count).values() == [(NEW,)]
    else:
        assert f"target graph unchanged ({OLD} triples); the server may still apply" in str(failed.value)
        assert remote.select(count).values() == [(OLD,)]
