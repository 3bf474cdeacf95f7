"""A first publish sends the input files themselves while it loads them (``remote.inputs``): the
server ends with the graph we load, triple for triple; a repeat of unchanged files sends them
with the kept tail and loads nothing; files that could mean something else when read one after
the other are loaded and dumped instead; a derived blank node stops the body and the dump goes
instead; a broken file is named by line and the target keeps its graph."""

from __future__ import annotations

import hashlib
import json
import os
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest

from asan_kg.remote.endpoint import EndpointConfig, RemoteStore
from asan_kg.remote.inputs import InputsNtriples, StoppedBody, read_inputs, why_not_streamed
from asan_kg.remote.kept import publish_source
from asan_kg.remote.publish import AUTO, publish
from asan_kg.remote.serve import OxigraphServer
from asan_kg.store.answers import CachedAnswers
from asan_kg.store.embedded import KnowledgeGraph
from tests.remote_helpers import keyed_data, run_cli

GRAPH = "urn:test:inputs"
MARK = '<urn:test:mark> <urn:test:says> "sent from the kept tail" .\n'
ANONYMOUS_PARTNER = """@prefix akg: <https://w3id.org/asan-kg/def#> .
@prefix kind: <https://w3id.org/asan-kg/vocab/partnership-kinds/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:test:tie> a akg:Partnership ; akg:partnershipKind kind:sister-city ;
    akg:homePlace <urn:test:home> ; akg:partnerPlace [ rdfs:label "a partner named nowhere else" ] .
"""


@pytest.fixture(scope="module")
def server() -> Iterator[OxigraphServer]:
    with OxigraphServer(in_memory=True) as srv:
        yield srv


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The Asan graph plus filler, keyed (``ANSWERS_MIN_BYTES``)."""
    return keyed_data(tmp_path / "data")


def _publish(server: OxigraphServer, data: Path, cache: Path) -> str:
    done = run_cli(
        *("publish", "--data", str(data), "--endpoint", server.query_url, "--graph", GRAPH),
        env={"ASAN_KG_CACHE_DIR": str(cache)},
        timeout=120,
    )
    assert done.code == 0, done.output
    return done.stdout


def _remote(server: OxigraphServer) -> RemoteStore:
    return RemoteStore(EndpointConfig(server.query_url, update_url=server.update_url))


def _served(server: OxigraphServer) -> tuple[int, set[str]]:
    """How many triples the target holds, and those without a blank node, in N-Triples as
    Oxigraph writes them (on both sides: ``_local``)."""
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    url = f"{server.query_url}?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        triples = list(pyoxigraph.parse(answer.read(), format=pyoxigraph.RdfFormat.N_TRIPLES))
    lines = {f"{t.subject} {t.predicate} {t.object} ." for t in triples}
    return len(triples), {line for line in lines if "_:" not in line}


def _local(data: Path) -> tuple[int, set[str]]:
    store = KnowledgeGraph.load(data, cache=False).oxigraph
    text = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()) or b""
    lines = {line.strip() for line in text.decode("utf-8").splitlines()}
    return len(store), {line for line in lines if line and "_:" not in line}


def _tails(cache: Path) -> list[Path]:
    return sorted((cache / "dumps").glob("*.tail.json"))


def test_a_first_publish_sends_the_files_and_the_server_holds_the_graph_we_load(
    server: OxigraphServer, data: Path, tmp_path: Path
) -> None:
    said = _publish(server, data, tmp_path / "cache")
    count, plain = _local(data)
    assert _served(server) == (count, plain) and f"{count} triples" in said
    [tail] = _tails(tmp_path / "cache")  # the input went as its own files: what is kept is the tail
    assert json.loads(tail.read_text(encoding="utf-8"))["triples"] == count
    assert oct(tail.stat().st_mode & 0o777) == "0o644"
    assert not [p for p in (tmp_path / "cache" / "dumps").iterdir() if p.is_dir()]  # no whole dump


def test_a_repeat_of_unchanged_files_sends_the_kept_tail_and_a_changed_byte_does_not(
    server: OxigraphServer, data: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    _publish(server, data, cache)
    count, _ = _local(data)
    [tail] = _tails(cache)
    doc = json.loads(tail.read_text(encoding="utf-8"))
    # A consistent tail with one more triple: only a publish that sends the kept tail (and loads
    # nothing, which would derive the tail afresh) can put that triple on the server.
    derived = doc["derived"] + MARK
    doc |= {"derived": derived, "triples": count + 1, "sha256": hashlib.sha256(derived.encode()).hexdigest()}
    tail.write_text(json.dumps(doc), encoding="utf-8")
    said = _publish(server, data, cache)
    assert f"{count + 1} triples" in said and _served(server)[0] == count + 1
    filler = data / "filler.ttl"
    filler.write_bytes(filler.read_bytes().replace(b"filler value 000007", b"filler value 00000X"))
    _publish(server, data, cache)
    assert _served(server) == _local(data) and len(_tails(cache)) == 2  # a new key, a new tail


def test_a_damaged_tail_is_never_sent_and_is_kept_again(
    server: OxigraphServer, data: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    _publish(server, data, cache)
    [tail] = _tails(cache)
    doc = json.loads(tail.read_text(encoding="utf-8"))
    tail.write_text(json.dumps(doc | {"derived": doc["derived"] + MARK}), encoding="utf-8")  # hash now wrong
    _publish(server, data, cache)
    assert _served(server) == _local(data)
    assert json.loads(tail.read_text(encoding="utf-8")) == doc


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('_:b <urn:p> "x" .', "labels a blank node"),
        ('<x> <urn:p> "x" .', "relative IRI"),
        ('<#x> <urn:p> "x" .', "relative IRI"),
        ("@prefix : <> .\n:x <urn:p> 1 .", "relative IRI"),
        ('@base <https://example.org/> .\n<x> <urn:p> "x" .', "relative IRI"),
        ('<urn:s> <urn:p> "a literal that mentions <this>" .', "relative IRI"),  # refused: costs time only
    ],
)
def test_text_that_may_mean_something_else_after_another_file_is_not_sent_as_it_is(
    text: str, reason: str, tmp_path: Path
) -> None:
    assert reason in str(why_not_streamed([(tmp_path / "a.ttl", text.encode())]))


def test_absolute_iris_prefixes_and_anonymous_blank_nodes_are_sent_as_they_are(tmp_path: Path) -> None:
    text = "@prefix ex: <https://example.org/> .\nex:a ex:p [ ex:q ( 1 2 ) ] , <urn:x> , <file:///etc/x> ."
    assert why_not_streamed([(tmp_path / "a.ttl", text.encode())]) is None


def test_a_relative_iri_is_published_as_the_local_load_resolves_it(
    server: OxigraphServer, data: Path, tmp_path: Path
) -> None:
    (data / "relative.ttl").write_text('<relative-node> <urn:test:p> "x" .\n', encoding="utf-8")
    _publish(server, data, tmp_path / "cache")
    assert _served(server) == _local(data)
    assert not _tails(tmp_path / "cache")  # loaded and dumped, not sent as files


def _inputs(data: Path, key: str | None = None) -> InputsNtriples:
    texts = read_inputs(KnowledgeGraph.input_files(data))
    assert texts is not None and why_not_streamed(texts) is None
    return InputsNtriples(texts, key)


def test_a_derived_blank_node_stops_the_body_and_the_dump_is_sent_instead(
    server: OxigraphServer, data: Path
) -> None:
    (data / "anonymous.ttl").write_text(ANONYMOUS_PARTNER, encoding="utf-8")
    nt = _inputs(data)
    done = publish(nt, _remote(server), GRAPH, graph_store=AUTO)
    assert isinstance(nt.stopped, StoppedBody) and "blank node" in str(nt.stopped)
    assert done.triples == _served(server)[0] == _local(data)[0]
    assert _remote(server).ask(
        f"ASK {{ GRAPH <{GRAPH}> {{ <urn:test:home> <https://w3id.org/asan-kg/def#twinnedWith> ?b FILTER(isBlank(?b)) }} }}"
    )


def test_a_broken_file_is_named_by_line_and_the_target_keeps_its_graph(
    server: OxigraphServer, data: Path, tmp_path: Path
) -> None:
    _publish(server, data, tmp_path / "cache")
    before = _served(server)
    (data / "broken.ttl").write_text(
        '<urn:a> <urn:b> "ok" .\n<urn:a> <urn:b> "unterminated .\n', encoding="utf-8"
    )
    done = run_cli(
        *("publish", "--data", str(data), "--endpoint", server.query_url, "--graph", GRAPH),
        env={"ASAN_KG_CACHE_DIR": str(tmp_path / "cache")},
        timeout=120,
    )
    assert done.code == 2, done.output
    assert "broken.ttl:2" in done.stderr and "Traceback" not in done.stderr
    assert _served(server) == before


def test_a_file_changed_after_it_was_keyed_is_sent_as_read_and_keeps_no_tail(
    server: OxigraphServer, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASAN_KG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ASAN_KG_NO_CACHE", raising=False)
    kg = KnowledgeGraph.for_analysis(data)
    assert isinstance(kg, CachedAnswers)
    filler = data / "filler.ttl"
    filler.write_bytes(filler.read_bytes().replace(b"filler value 000001", b"filler value 00000Y"))
    nt = publish_source(kg)
    assert isinstance(nt, InputsNtriples) and nt.key is None
    publish(nt, _remote(server), GRAPH, graph_store=AUTO)
    assert _served(server) == _local(data) and not _tails(tmp_path / "cache")
    assert os.environ["ASAN_KG_CACHE_DIR"] == str(tmp_path / "cache")


def test_two_files_that_label_a_blank_node_alike_publish_two_nodes_as_we_load_them(
    server: OxigraphServer, data: Path, tmp_path: Path
) -> None:
    """One after the other, ``_:b`` of two files would be one node; each file alone, two."""
    (data / "one.ttl").write_text('_:b <urn:test:p> "one" .\n', encoding="utf-8")
    (data / "two.ttl").write_text('_:b <urn:test:p> "two" .\n', encoding="utf-8")
    _publish(server, data, tmp_path / "cache")
    assert _served(server)[0] == _local(data)[0]
    assert not _remote(server).ask(f'ASK {{ GRAPH <{GRAPH}> {{ ?b <urn:test:p> "one" , "two" }} }}')


def test_readers_see_the_old_or_the_new_graph_while_a_stopped_body_is_followed_by_the_dump(
    server: OxigraphServer, data: Path
) -> None:
    """The files went first and were refused at the end (a derived blank node): the server
    dropped that transaction, and a reader never saw it half-way, nor the second ``PUT``."""
    from tests.test_publish_atomic import GRAPH as WATCHED
    from tests.test_publish_atomic import _watched

    old = _inputs(data)
    publish(old, _remote(server), WATCHED, graph_store=AUTO)
    before = len(old)
    (data / "anonymous.ttl").write_text(ANONYMOUS_PARTNER, encoding="utf-8")
    new = _inputs(data)
    reader, start, end = _watched(server, lambda _: publish(new, _remote(server), WATCHED, graph_store=AUTO))
    assert isinstance(new.stopped, StoppedBody)
    assert reader.during(start, end), "no read happened while the graph was replaced"
    assert {n for _, n in reader.seen} <= {before, len(new)} and reader.seen[-1][1] == len(new)


@pytest.mark.parametrize("graph_store", ["auto", "none"])
def test_an_older_oxigraph_stages_the_files_or_their_dump_with_the_same_result(
    server: OxigraphServer, data: Path, monkeypatch: pytest.MonkeyPatch, graph_store: str
) -> None:
    """Where the ``PUT`` is not known to be atomic: ``auto`` sends the files in one bulk ``POST``
    to the staging graph (the stopped body dropped with it, then the dump), ``none`` the loaded
    graph's N-Triples in update batches; either way the target is our graph."""
    (data / "anonymous.ttl").write_text(ANONYMOUS_PARTNER, encoding="utf-8")
    monkeypatch.setattr("asan_kg.remote.replace.ATOMIC_PUT_SINCE", (99, 0, 0))
    nt = _inputs(data)
    done = publish(nt, _remote(server), GRAPH, graph_store=graph_store)
    assert done.triples == _served(server)[0] == _local(data)[0]
    assert _served(server)[1] == _local(data)[1]
    assert (nt.stopped is not None) == (graph_store == "auto")
    graphs = {str(r[0]) for r in _remote(server).select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }").rows}
    assert not any("staging" in g for g in graphs)
