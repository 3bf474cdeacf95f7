"""Remote endpoints: a real Oxigraph server on loopback gives the same answers as the embedded
store; every kind of failure gives one clear sentence and exit code 3; publish is all or nothing."""

from __future__ import annotations

import base64
import dataclasses
import json
import time
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from asan_kg.analysis import concentration, dormancy, network
from asan_kg.remote.endpoint import EndpointConfig, EndpointError, RemoteStore
from asan_kg.remote.serve import OxigraphServer, free_port
from asan_kg.sparql import catalog, querying
from asan_kg.store.embedded import KnowledgeGraph
from tests.remote_helpers import FakeEndpoint, forwarding
from tests.test_queries import REQUIRED, _normalise

GRAPH = "https://w3id.org/asan-kg/graph/asan"
runner = CliRunner()


@pytest.fixture(scope="module")
def server() -> Iterator[OxigraphServer]:
    with OxigraphServer() as srv:
        result = runner.invoke(app(), ["publish", "--endpoint", srv.query_url, "--graph", GRAPH])
        assert result.exit_code == 0, result.output
        yield srv


def app() -> Any:
    from asan_kg.cli import app as cli_app

    return cli_app


@pytest.fixture(scope="module")
def remote(server: OxigraphServer) -> RemoteStore:
    return RemoteStore(EndpointConfig(server.query_url, graph=GRAPH))


@pytest.fixture(scope="module")
def local() -> KnowledgeGraph:
    return KnowledgeGraph.load()


@pytest.mark.parametrize("query", catalog.saved_queries(), ids=lambda q: q.name)
def test_every_saved_query_gives_the_same_answer_remotely(
    remote: RemoteStore, local: KnowledgeGraph, query: catalog.SavedQuery
) -> None:
    params = REQUIRED.get(query.name, {})
    here = querying.run(local, query, params, "ko")
    there = querying.run(remote, query, params, "ko")
    assert there.variables == here.variables
    if "ORDER BY" in query.text and "GROUP_CONCAT" not in query.text:
        assert [tuple(map(str, r)) for r in there] == [tuple(map(str, r)) for r in here]
    assert _normalise(there) == _normalise(here)


def test_every_analysis_gives_the_same_verdicts_remotely(remote: RemoteStore, local: KnowledgeGraph) -> None:
    assert [v.as_dict() for v in dormancy.assess(remote).verdicts] == [
        v.as_dict() for v in dormancy.assess(local).verdicts
    ]
    for by in concentration.DIMENSIONS:
        assert concentration.analyse(remote, by).as_dict() == concentration.analyse(local, by).as_dict()
    a, b = network.metrics(network.build(remote)), network.metrics(network.build(local))
    assert (a.nodes, a.edges, [s.node for s in a.top], [x.node for x in a.brokers]) == (
        b.nodes,
        b.edges,
        [s.node for s in b.top],
        [x.node for x in b.brokers],
    )


def test_large_network_measures_and_their_labels_are_the_same_remotely(
    remote: RemoteStore, local: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the measures of a large network read labels by a VALUES block sent to the server
    monkeypatch.setattr(network, "EXACT_BETWEENNESS_MAX", 10)
    monkeypatch.setattr(querying, "VALUES_CHUNK", 10)  # several requests
    there, here = network.metrics(network.load(remote, "ko")), network.metrics(network.load(local, "ko"))
    assert dataclasses.asdict(there) == dataclasses.asdict(here) and here.brokers
    nodes = network.load(local).nodes
    assert network.node_labels(remote, nodes, "ko") == network.node_labels(local, nodes, "ko")


def test_the_health_of_some_partnerships_is_the_same_remotely(
    remote: RemoteStore, local: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the network page reads the health of its drawn ties by VALUES blocks sent to the server
    from asan_kg.analysis import health

    monkeypatch.setattr(querying, "VALUES_CHUNK", 2)  # several requests
    some = [tie.partnership for tie in health.assess(local).ties][::2]
    there, here = (
        health.assess(remote, lang="ko", partnerships=some),
        health.assess(local, lang="ko", partnerships=some),
    )
    assert dataclasses.asdict(there) == dataclasses.asdict(here)
    assert sorted(tie.partnership for tie in here.ties) == sorted(some)


def test_the_cli_reads_the_server_with_graph(server: OxigraphServer) -> None:
    remote_run = runner.invoke(
        app(), ["dormant", "--endpoint", server.query_url, "--graph", GRAPH, "--format", "json"]
    )
    local_run = runner.invoke(app(), ["dormant", "--format", "json"])
    assert remote_run.exit_code == 0, remote_run.output
    assert json.loads(remote_run.output) == json.loads(local_run.output)
    # Without --graph the server's (empty) default graph is read: the graph parameter matters.
    bare = runner.invoke(app(), ["query", "partners", "--endpoint", server.query_url, "--format", "json"])
    assert bare.exit_code == 0 and json.loads(bare.output)["results"]["bindings"] == []


def test_publish_replaces_only_its_graph_and_verifies_the_count(
    server: OxigraphServer, local: KnowledgeGraph
) -> None:
    store = RemoteStore(EndpointConfig(server.query_url, update_url=server.update_url))
    store.update("INSERT DATA { GRAPH <urn:other> { <urn:a> <urn:b> <urn:c> } }")
    result = runner.invoke(
        app(), ["publish", "--endpoint", server.query_url, "--graph", GRAPH, "--batch-size", "500"]
    )
    assert result.exit_code == 0, result.output
    assert f"{len(local)} triples" in result.output
    count = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}").rows[0][0]
    assert int(str(count)) == len(local)  # replaced, not appended
    assert store.ask("ASK { GRAPH <urn:other> { <urn:a> <urn:b> <urn:c> } }")
    graphs = {str(r[0]) for r in store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows}
    assert not any("staging" in g for g in graphs)


def test_publish_refuses_without_a_graph_iri(server: OxigraphServer) -> None:
    missing = runner.invoke(app(), ["publish", "--endpoint", server.query_url])
    assert missing.exit_code == 2
    bad = runner.invoke(app(), ["publish", "--endpoint", server.query_url, "--graph", "not an iri"])
    assert bad.exit_code == 2 and "not an IRI" in bad.output


def test_a_failed_publish_leaves_the_target_graph_untouched(
    server: OxigraphServer, local: KnowledgeGraph
) -> None:
    store = RemoteStore(EndpointConfig(server.query_url, update_url=server.update_url))
    before = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}").rows[0][0]
    inserts = {"n": 0}

    def fail_third_insert(body: bytes) -> bool:
        if b"INSERT" in urllib.parse.unquote_plus(body.decode()).encode():
            inserts["n"] += 1
            return inserts["n"] >= 3
        return False

    base = server.base
    with FakeEndpoint(forwarding(base, fail_third_insert)) as proxy:
        update = proxy.url.replace("/query", "/update")
        result = runner.invoke(
            app(),
            [
                "publish",
                "--endpoint",
                proxy.url,
                "--update-endpoint",
                update,
                "--graph",
                GRAPH,
                "--batch-size",
                "100",
                "--timeout",
                "5",
            ],
        )
    assert result.exit_code == 3, result.output
    assert f"target graph unchanged ({len(local)} triples)" in result.output
    after = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}").rows[0][0]
    assert int(str(after)) == int(str(before)) == len(local)
    graphs = {str(r[0]) for r in store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows}
    assert not any("staging" in g for g in graphs)


def _query(url: str, *extra: str) -> Any:
    return runner.invoke(app(), ["query", "partners", "--endpoint", url, "--timeout", "2", *extra])


def _query_run(url: str) -> Any:
    """The same query run by the real console script: its stderr shows any traceback."""
    return run_cli("query", "partners", "--endpoint", url, "--timeout", "2")


def test_a_server_stopped_mid_run_gives_a_clear_message() -> None:
    srv = OxigraphServer().start()
    url = srv.query_url
    store = RemoteStore(EndpointConfig(url, retries=1, backoff=0.05))
    assert store.ask("ASK {}") is True  # the empty pattern has one solution
    srv.stop()
    with pytest.raises(EndpointError) as err:
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert err.value.kind == "connect" and "after 2 attempts" in str(err.value)
    result = _query_run(url)
    assert result.code == 3 and "cannot connect" in result.stderr and "Traceback" not in result.stderr


def test_a_wrong_port_gives_a_clear_message() -> None:
    result = _query(f"http://127.0.0.1:{free_port()}/query")
    assert result.exit_code == 3 and "cannot connect" in result.output and "server running" in result.output


def test_a_slow_answer_beyond_the_timeout() -> None:
    def slow(handler: Any, body: bytes) -> tuple[int, str, bytes]:
        time.sleep(3)
        return 200, "application/sparql-results+json", b'{"head":{"vars":[]},"results":{"bindings":[]}}'

    with FakeEndpoint(slow) as fake:
        started = time.monotonic()
        result = runner.invoke(app(), ["query", "partners", "--endpoint", fake.url, "--timeout", "1"])
        assert time.monotonic() - started < 3
    assert result.exit_code == 3 and "did not answer within 1 s" in result.output


@pytest.mark.parametrize(
    ("status", "ctype", "body", "needle"),
    [
        (500, "text/plain", b"boom", "server error (HTTP 500 Internal Server Error): boom"),
        (503, "text/plain", b"busy", "HTTP 503"),
        (
            200,
            "text/html",
            b"<html><head><title>Login required</title></head><body>x</body></html>",
            "HTML page titled 'Login required'",
        ),
        (200, "application/sparql-results+json", b"", "empty body"),
        (200, "text/plain", b"Error: the query timed out on the server", "did not answer with SPARQL JSON"),
        (404, "text/plain", b"not here", "no SPARQL endpoint"),
        (403, "text/plain", b"no", "forbids"),
    ],
)
def test_non_sparql_and_error_answers_give_a_clear_message(
    status: int, ctype: str, body: bytes, needle: str
) -> None:
    with FakeEndpoint(lambda h, b: (status, ctype, body)) as fake:
        result = _query_run(fake.url)
        requests = len(fake.requests)
    assert result.code == 3, result.stderr
    assert needle in result.stderr and "Traceback" not in result.stderr
    assert requests == (3 if status >= 500 else 1)  # bounded retries on 5xx only


def test_wrong_credentials_are_refused_and_never_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = "Basic " + base64.b64encode(b"team:right-password").decode()

    def guarded(handler: Any, body: bytes) -> tuple[int, str, bytes]:
        if handler.headers.get("Authorization") != expected:
            return 401, "text/plain", b"unauthorized"
        return 200, "application/sparql-results+json", b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'

    with FakeEndpoint(guarded) as fake:
        monkeypatch.setenv("ASAN_KG_SPARQL_USER", "team")
        monkeypatch.setenv("ASAN_KG_SPARQL_PASSWORD", "wrong-password")
        refused = _query(fake.url)
        monkeypatch.setenv("ASAN_KG_SPARQL_PASSWORD", "right-password")
        accepted = _query(fake.url, "--format", "json")
    assert refused.exit_code == 3 and "refused the credentials (401)" in refused.output
    assert "wrong-password" not in refused.output
    assert accepted.exit_code == 0, accepted.output


def test_every_request_carries_a_descriptive_user_agent() -> None:
    agents: list[str] = []

    def record(handler: Any, body: bytes) -> tuple[int, str, bytes]:
        agents.append(handler.headers.get("User-Agent", ""))
        return 200, "application/sparql-results+json", b'{"head":{"vars":[]},"results":{"bindings":[]}}'

    with FakeEndpoint(record) as fake:
        RemoteStore(EndpointConfig(fake.url)).select("SELECT * WHERE { ?s ?p ?o }")
    assert agents and agents[0].startswith("asan-kg/")


def test_an_update_file_is_refused_unless_allowed(server: OxigraphServer, tmp_path: Any) -> None:
    update = tmp_path / "add.rq"
    update.write_text("INSERT DATA { GRAPH <urn:scratch> { <urn:x> <urn:y> <urn:z> } }\n", encoding="utf-8")
    refused = runner.invoke(app(), ["query", "--file", str(update), "--endpoint", server.query_url])
    assert refused.exit_code == 2 and "--allow-update" in refused.output
    allowed = runner.invoke(
        app(),
        [
            "query",
            "--file",
            str(update),
            "--endpoint",
            server.query_url,
            "--update-endpoint",
            server.update_url,
            "--allow-update",
        ],
    )
    assert allowed.exit_code == 0, allowed.output
    store = RemoteStore(EndpointConfig(server.query_url))
    assert store.ask("ASK { GRAPH <urn:scratch> { <urn:x> <urn:y> <urn:z> } }")


def test_serve_shares_the_graph_read_only_and_stops_on_ctrl_c() -> None:
    import os
    import signal
    import socket
    import subprocess
    import sys
    from pathlib import Path

    port = free_port()
    exe = Path(sys.executable).parent / "asan-kg"
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "ASAN_KG_LANG": "en"},
    )
    try:
        lines = [proc.stdout.readline() for _ in range(2)]  # type: ignore[union-attr]
        assert f"http://127.0.0.1:{port}/query" in lines[0], lines
        assert "read-only" in lines[1]
        store = RemoteStore(
            EndpointConfig(
                f"http://127.0.0.1:{port}/query", update_url=f"http://127.0.0.1:{port}/update", retries=0
            )
        )
        assert len(querying.run(store, "partners")) == 13
        with pytest.raises(EndpointError):
            store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


# -- regressions: each of these failed before the remote layer was reworked ----------------------

from tests.remote_helpers import (  # noqa: E402
    EMPTY_RESULTS,
    RawServer,
    answer,
    proxy,
    read_lines,
    redirect,
    run_cli,
    trickle,
)


def _graph_count(store: RemoteStore, graph: str = GRAPH) -> int:
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows
    return int(str(rows[0][0]))


def test_a_move_whose_answer_is_lost_is_not_retried_and_the_state_is_read_back(
    server: OxigraphServer, local: KnowledgeGraph
) -> None:
    store = RemoteStore(EndpointConfig(server.query_url, update_url=server.update_url))
    moves: list[str] = []

    def lose_the_move_answer(text: str) -> str | None:
        if "MOVE" in text:
            moves.append(text)
            return "drop-after"
        return None

    store.update(f"DROP SILENT GRAPH <{GRAPH}>")
    store.update(f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <urn:old> <urn:old> <urn:old> }} }}")
    with RawServer(proxy(server.base, lose_the_move_answer)) as gate:
        run = run_cli(
            "publish", "--endpoint", gate.url, "--graph", GRAPH, "--timeout", "20", "--batch-size", "1000"
        )
    assert len(moves) == 1  # sent once, never retried
    assert run.code == 3, run.output
    assert f"target graph now holds the new data ({len(local)} triples)" in run.stderr
    assert "Traceback" not in run.stderr
    assert _graph_count(store) == len(local)


def test_credentials_never_follow_a_redirect_to_another_origin() -> None:
    with RawServer(answer(200, "application/sparql-results+json", EMPTY_RESULTS)) as thief:
        elsewhere = f"http://localhost:{thief.port}/query"
        with RawServer(redirect(elsewhere, 307)) as first:
            run = run_cli(
                "query",
                "partners",
                "--endpoint",
                first.url,
                "--timeout",
                "3",
                env={"ASAN_KG_SPARQL_USER": "team", "ASAN_KG_SPARQL_PASSWORD": "s3cret-pw"},
            )
            assert "Authorization" in first.seen[0].headers  # the named origin gets them
        assert thief.seen == []  # the other origin never hears from us
    assert run.code == 3 and "another origin" in run.stderr and run.stdout == ""
    assert "s3cret-pw" not in run.output


def test_a_password_in_the_endpoint_url_is_never_printed() -> None:
    run = run_cli("query", "partners", "--endpoint", "http://team:s3cret-pw@127.0.0.1:9/query")
    assert run.code == 2 and "s3cret-pw" not in run.output and "***@127.0.0.1" in run.stderr


def test_an_update_behind_a_select_prefix_is_an_update(tmp_path: Any) -> None:
    sneaky = tmp_path / "sneaky.rq"
    sneaky.write_text("PREFIX select: <urn:x#> INSERT DATA { <urn:a> <urn:b> <urn:c> }\n", encoding="utf-8")
    with RawServer(answer(200, "application/sparql-results+json", EMPTY_RESULTS)) as endpoint:
        run = run_cli("query", "--file", str(sneaky), "--endpoint", endpoint.url)
        assert endpoint.seen == []
    assert run.code == 2 and "--allow-update" in run.stderr and str(sneaky) in run.stderr


def test_a_text_that_is_neither_query_nor_update_names_file_line_and_column(tmp_path: Any) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT * WHERE {\n  ?s ?p\n}\n", encoding="utf-8")
    run = run_cli("query", "--file", str(bad))
    assert run.code == 2 and str(bad) in run.stderr and "line 2, column 3" in run.stderr


def test_the_timeout_bounds_the_whole_request_against_a_trickling_server() -> None:
    with RawServer(trickle(interval=0.2, seconds=20)) as slow:
        run = run_cli("query", "partners", "--endpoint", slow.url, "--timeout", "2")
    assert run.code == 3 and "did not answer within 2 s" in run.stderr
    assert run.seconds < 6


def test_the_response_size_is_limited_while_reading() -> None:
    from tests.remote_helpers import huge

    with RawServer(huge(megabytes=6, announce=False)) as big:
        run = run_cli(
            "query",
            "partners",
            "--endpoint",
            big.url,
            "--timeout",
            "20",
            env={"ASAN_KG_MAX_RESPONSE_MB": "1"},
        )
    assert run.code == 3 and "size limit of 1 MB" in run.stderr and "ASAN_KG_MAX_RESPONSE_MB" in run.stderr


def test_an_endpoint_error_shows_the_servers_own_message_trimmed() -> None:
    said = b"Parse error: unexpected '}' at line 3\x1b[2J" + b" and so on" * 100
    with RawServer(answer(400, "text/plain", said)) as endpoint:
        run = run_cli("query", "partners", "--endpoint", endpoint.url, "--timeout", "3")
    assert run.code == 3 and "Parse error: unexpected '}' at line 3" in run.stderr
    assert "\x1b" not in run.stderr and len(run.stderr) < 600


def _serve(*args: str) -> Any:
    import subprocess

    from tests.remote_helpers import ASAN_KG

    return subprocess.Popen(
        [ASAN_KG, "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**__import__("os").environ, "ASAN_KG_LANG": "en"},
    )


def test_serve_stopped_by_sigterm_ends_its_child_and_removes_its_store() -> None:
    import signal
    import tempfile
    from pathlib import Path

    before = set(Path(tempfile.gettempdir()).glob("asan-kg-oxigraph-*"))
    port = free_port()
    proc = _serve("--port", str(port))
    try:
        lines = read_lines(proc, 2)
        assert lines and f":{port}/query" in lines[0], lines
        created = set(Path(tempfile.gettempdir()).glob("asan-kg-oxigraph-*")) - before
        assert created
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    assert not any(p.exists() for p in created)
    assert _query(f"http://127.0.0.1:{port}/query").exit_code == 3  # nobody serves the port


def test_serve_on_a_taken_port_fails_naming_the_port() -> None:
    with RawServer(answer(200, "application/sparql-results+json", b'{"boolean":true}')) as other:
        run = run_cli("serve", "--port", str(other.port), timeout=30)
    assert run.code == 3 and f"port {other.port}" in run.stderr and "Serving" not in run.stdout


def test_a_writable_server_refuses_web_pages_and_updates_without_its_token() -> None:
    import signal
    import urllib.error
    import urllib.request

    port = free_port()
    proc = _serve("--port", str(port), "--writable")
    try:
        lines = read_lines(proc, 3)
        assert len(lines) == 3, lines
        token = lines[2].rsplit(" ", 1)[-1].strip()
        update = f"http://127.0.0.1:{port}/update"
        body = b"update=INSERT+DATA+%7B+%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E+%7D"

        def post(headers: dict[str, str]) -> int:
            request = urllib.request.Request(update, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    return int(response.status)
            except urllib.error.HTTPError as exc:
                return exc.code

        assert post({"Origin": "https://evil.example", "X-Asan-KG-Token": token}) == 403
        assert post({}) == 401
        assert post({"X-Asan-KG-Token": "wrong"}) == 401
        assert post({"Authorization": f"Bearer {token}"}) == 204
        published = run_cli(
            "publish",
            "--endpoint",
            f"http://127.0.0.1:{port}/query",
            "--graph",
            GRAPH,
            env={"ASAN_KG_SPARQL_TOKEN": token},
        )
        assert published.code == 0, published.output
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
