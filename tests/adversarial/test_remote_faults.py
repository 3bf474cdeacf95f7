"""Faulty SPARQL endpoints on loopback: every failure is one sentence naming the URL, exit 3, no
traceback, no empty table; credentials never leave their origin and are never printed.

All CLI cases run the real console script, concurrently (servers stay up meanwhile)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asan_kg.core.errors import AsanKgError
from asan_kg.remote.endpoint import EndpointConfig, EndpointError, RemoteStore
from asan_kg.remote.serve import free_port
from tests.adversarial.helpers_net import (
    EMPTY_RESULTS,
    CliCase,
    Outcome,
    RawServer,
    answer,
    assert_one_sentence,
    check,
    digest,
    drop,
    hang,
    huge,
    redirect,
    run_cli,
    run_concurrently,
    trickle,
)

pytestmark = pytest.mark.adversarial

JSON = "application/sparql-results+json"
CREDS = {"ASAN_KG_SPARQL_USER": "team", "ASAN_KG_SPARQL_PASSWORD": "pw-never-shown"}
Build = Callable[[contextlib.ExitStack[Any]], tuple[str, list[RawServer]]]


def serving(act: Any) -> Build:
    def build(stack: contextlib.ExitStack[Any]) -> tuple[str, list[RawServer]]:
        server = stack.enter_context(RawServer(act))
        return server.url, [server]

    return build


def refusing(stack: contextlib.ExitStack[Any]) -> tuple[str, list[RawServer]]:
    return f"http://127.0.0.1:{free_port()}/query", []


def fixed(url: str) -> Build:
    return lambda stack: (url, [])


def redirecting(target: Callable[[RawServer], str], status: int = 302) -> Build:
    """A first server redirecting to ``target(thief)``; the thief records what reaches it."""

    def build(stack: contextlib.ExitStack[Any]) -> tuple[str, list[RawServer]]:
        thief = stack.enter_context(RawServer(answer(200, JSON, EMPTY_RESULTS)))
        first = stack.enter_context(RawServer(redirect(target(thief), status)))
        return first.url, [first, thief]

    return build


def same_origin_redirect(stack: contextlib.ExitStack[Any]) -> tuple[str, list[RawServer]]:
    def act(handler: Any, body: bytes, server: RawServer) -> None:
        if handler.path == "/query":
            redirect("/sparql", 307)(handler, body, server)
        else:
            answer(200, JSON, EMPTY_RESULTS)(handler, body, server)

    server = stack.enter_context(RawServer(act))
    return server.url, [server]


def query(*extra: str, timeout: str = "2") -> Callable[[str], list[str]]:
    return lambda url: ["query", "partners", "--endpoint", url, "--timeout", timeout, *extra]


def command(name: str, timeout: str = "2") -> Callable[[str], list[str]]:
    return lambda url: [name, "--endpoint", url, "--timeout", timeout]


LONG = b"line one of a very long server complaint " * 40
HTML = b"<html><head><title>Sign in - Corporate Proxy</title></head><body>please log in</body></html>"

CASES = [
    CliCase("remote-refused", refusing, query(), 3, ("connection refused", "127.0.0.1")),
    CliCase("remote-refused-dormant", refusing, command("dormant"), 3, ("connection refused",)),
    CliCase(
        "remote-hang", serving(hang()), query(timeout="1"), 3, ("did not answer within 1 s",), max_seconds=8
    ),
    CliCase(
        "remote-hang-network",
        serving(hang()),
        command("network", timeout="1"),
        3,
        ("did not answer within 1 s",),
        max_seconds=8,
    ),
    CliCase(
        "remote-trickle-headers",
        serving(trickle(0.1, headers_only=True)),
        query(timeout="1.5"),
        3,
        ("within 1.5 s",),
        max_seconds=8,
    ),
    CliCase(
        "remote-trickle-body",
        serving(trickle(0.1)),
        query(timeout="1.5"),
        3,
        ("within 1.5 s",),
        max_seconds=8,
    ),
    CliCase(
        "remote-400",
        serving(answer(400, "text/plain", b"Parser error: unexpected token")),
        query(),
        3,
        ("malformed (400)", "Parser error: unexpected token"),
        seen=(1,),
    ),
    CliCase(
        "remote-401-with-credentials",
        serving(answer(401, "text/plain", b"wrong password")),
        query(),
        3,
        ("refused the credentials (401)", "ASAN_KG_SPARQL_USER"),
        env=CREDS,
        secret="pw-never-shown",
    ),
    CliCase(
        "remote-403", serving(answer(403, "text/plain", b"read-only")), query(), 3, ("(403)", "read-only")
    ),
    CliCase("remote-404", serving(answer(404, "text/html", b"<h1>nope</h1>")), query(), 3, ("(404)",)),
    CliCase(
        "remote-500",
        serving(answer(500, "text/plain", b"kaboom")),
        query(timeout="5"),
        3,
        ("HTTP 500", "kaboom", "after 3 attempts"),
        seen=(3,),
    ),
    CliCase(
        "remote-502",
        serving(answer(502, "text/html", b"<html><title>Bad Gateway</title></html>")),
        query(timeout="5"),
        3,
        ("HTTP 502", "Bad Gateway"),
        seen=(3,),
    ),
    CliCase("remote-html-200", serving(answer(200, "text/html", HTML)), query(), 3, ("Corporate Proxy",)),
    CliCase("remote-empty-200", serving(answer(200, JSON, b"")), query(), 3, ("empty body",)),
    CliCase(
        "remote-malformed-truncated",
        serving(answer(200, JSON, b'{"head":{"vars":["x"]},"results":{"bind')),
        query(),
        3,
        ("did not answer with SPARQL JSON",),
    ),
    CliCase(
        "remote-malformed-bindings",
        serving(answer(200, JSON, b'{"head":{"vars":["x"]},"results":{"bindings":"nope"}}')),
        query(),
        3,
        ("malformed SPARQL JSON",),
    ),
    CliCase(
        "remote-huge-streamed",
        serving(huge(8, announce=False)),
        query(timeout="10"),
        3,
        ("size limit of 1 MB",),
        env={"ASAN_KG_MAX_RESPONSE_MB": "1"},
    ),
    CliCase(
        "remote-size-limit-invalid",
        serving(answer(200, JSON, EMPTY_RESULTS)),
        query(),
        2,
        ("ASAN_KG_MAX_RESPONSE_MB",),
        env={"ASAN_KG_MAX_RESPONSE_MB": "lots"},
        seen=(0,),
    ),
    CliCase("remote-drop", serving(drop()), query(timeout="5"), 3, ("closed the connection",)),
    CliCase(
        "remote-redirect-other-host",
        redirecting(lambda t: f"http://localhost:{t.port}/query", 307),
        query(),
        3,
        ("another origin", "localhost"),
        env=CREDS,
        secret="pw-never-shown",
        seen=(1, 0),
    ),
    CliCase(
        "remote-redirect-other-port",
        redirecting(lambda t: t.url, 302),
        query(),
        3,
        ("another origin", "(HTTP 302)"),
        env=CREDS,
        secret="pw-never-shown",
        seen=(1, 0),
    ),
    CliCase(
        "remote-redirect-userinfo-target",
        redirecting(lambda t: f"http://thief:stolen-pw@localhost:{t.port}/query", 308),
        query(),
        3,
        ("***@localhost",),
        secret="stolen-pw",
        seen=(1, 0),
    ),
    CliCase("remote-redirect-same-origin", same_origin_redirect, query("--format", "json"), 0, seen=(2,)),
    CliCase(
        "remote-redirect-loop",
        serving(redirect("/query", 307)),
        query(),
        3,
        ("HTTP 307",),
    ),
    CliCase(
        "remote-userinfo-endpoint",
        fixed("http://team:url-pw@127.0.0.1:9/query"),
        query(),
        2,
        ("must not carry credentials", "***@127.0.0.1"),
        secret="url-pw",
    ),
]

# The same kinds of fault, through the Python API (in-process: fast)
LIBRARY_CASES = [
    CliCase("remote-refused-summary", refusing, command("summary"), 3, ("connection refused",)),
    CliCase(
        "remote-400-control-chars",
        serving(answer(400, "text/plain", b"bad\x1b[31m query\x07 here")),
        query(),
        3,
        ("bad[31m query here",),
    ),
    CliCase(
        "remote-401", serving(answer(401, "text/plain", b"auth needed")), query(), 3, ("(401)",), seen=(1,)
    ),
    CliCase(
        "remote-405", serving(answer(405, "text/plain", b"use GET")), query(), 3, ("HTTP 405", "use GET")
    ),
    CliCase(
        "remote-503", serving(answer(503, "text/plain", b"busy")), query(timeout="5"), 3, ("HTTP 503", "busy")
    ),
    CliCase(
        "remote-500-long-message",
        serving(answer(500, "text/plain", LONG)),
        query(timeout="5"),
        3,
        ("line one of a very long", "…"),
    ),
    CliCase(
        "remote-500-retries-bounded-by-deadline",
        serving(answer(500, "text/plain", b"down")),
        query(timeout="0.5"),
        3,
        ("HTTP 500",),
        max_seconds=6,
    ),
    CliCase(
        "remote-html-200-untitled",
        serving(answer(200, "text/html", b"<!DOCTYPE html><html><body>hi</body></html>")),
        query(),
        3,
        ("an HTML page",),
    ),
    CliCase(
        "remote-malformed-not-sparql",
        serving(answer(200, "application/json", b'{"hello": "world"}')),
        query(),
        3,
        ("not SPARQL results",),
    ),
    CliCase(
        "remote-malformed-term",
        serving(
            answer(200, JSON, b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"alien"}}]}}')
        ),
        query(),
        3,
        ("malformed SPARQL JSON",),
    ),
    CliCase("remote-malformed-array", serving(answer(200, JSON, b"[]")), query(), 3, ("not SPARQL results",)),
    CliCase(
        "remote-huge-announced",
        serving(huge(8)),
        query(timeout="10"),
        3,
        ("size limit of 1 MB", "ASAN_KG_MAX_RESPONSE_MB"),
        env={"ASAN_KG_MAX_RESPONSE_MB": "1"},
    ),
    CliCase(
        "remote-redirect-https",
        redirecting(lambda t: f"https://127.0.0.1:{t.port}/query", 301),
        query(),
        3,
        ("another origin",),
        seen=(1, 0),
    ),
    CliCase("remote-ftp-endpoint", fixed("ftp://127.0.0.1/query"), query(), 2, ("http(s) URL",)),
    CliCase("remote-bad-port", fixed("http://127.0.0.1:99999/query"), query(), 2, ("not a valid URL",)),
    CliCase(
        "remote-unknown-host",
        fixed("http://no-such-host.invalid/query"),
        query(timeout="3"),
        3,
        ("no-such-host.invalid",),
    ),
]


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Outcome]:
    return run_concurrently(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_faulty_endpoint_gives_one_sentence(case: CliCase, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[case.id]
    check(case, outcome)
    if case.code:
        assert outcome.run.stdout == ""  # never an empty table


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "q.rq"
    path.write_text(text, encoding="utf-8")
    return path


FILE_CASES = [
    ("remote-ask-html", "ASK { ?s ?p ?o }", answer(200, "text/html", HTML), 3, "Corporate Proxy"),
    (
        "remote-construct-json",
        "CONSTRUCT WHERE { ?s ?p ?o }",
        answer(200, JSON, EMPTY_RESULTS),
        3,
        "not answer with RDF",
    ),
    ("remote-update-500-sent-once", "DROP ALL", answer(500, "text/plain", b"nope"), 3, "HTTP 500"),
    ("remote-update-drop-sent-once", "CLEAR ALL", drop(), 3, "closed the connection"),
]


@pytest.mark.parametrize(
    ("text", "act", "code", "needle"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES]
)
def test_a_faulty_answer_to_a_query_file(tmp_path: Path, text: str, act: Any, code: int, needle: str) -> None:
    file = _file(tmp_path, text)
    before = digest(file)
    with RawServer(act) as endpoint:
        args = ["query", "--file", str(file), "--endpoint", endpoint.url, "--timeout", "1"]
        if "ALL" in text:
            args += ["--update-endpoint", endpoint.base + "/update", "--allow-update"]
        run = run_cli(*args)
        assert len(endpoint.seen) == 1  # an update is sent once; a failed ASK/CONSTRUCT is not retried
    assert_one_sentence(run, code, needle, "127.0.0.1")
    assert digest(file) == before and run.stdout == ""


def _one_line(error: AsanKgError) -> str:
    message = str(error)
    assert "\n" not in message and not any(ord(c) < 32 for c in message), repr(message)
    return message


@pytest.mark.parametrize("case", LIBRARY_CASES, ids=[c.id for c in LIBRARY_CASES])
def test_the_python_api_gives_the_same_sentence(case: CliCase, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    with contextlib.ExitStack() as stack:
        url, servers = case.build(stack)
        args = case.args(url)
        with pytest.raises(AsanKgError) as err:
            timeout = float(args[args.index("--timeout") + 1])
            config = EndpointConfig.from_env(url, timeout=timeout, backoff=0.05)
            RemoteStore(config).select("SELECT * WHERE { ?s ?p ?o }")
        for server, expected in zip(servers, case.seen, strict=False):
            assert expected is None or len(server.seen) == expected
    message = _one_line(err.value)
    assert err.value.exit_code == case.code
    assert all(needle in message for needle in case.needles), message
    assert case.secret is None or case.secret not in message


LIBRARY = [
    ("remote-lib-select-ask-answer", "select", answer(200, JSON, b'{"boolean": true}'), "not SPARQL results"),
    ("remote-lib-ask-select-answer", "ask", answer(200, JSON, EMPTY_RESULTS), "not SPARQL results"),
    ("remote-lib-ask-not-boolean", "ask", answer(200, JSON, b'{"boolean": "yes"}'), "true/false"),
    (
        "remote-lib-construct-bad-turtle",
        "construct",
        answer(200, "text/turtle", b"<a> <b"),
        "did not answer with RDF",
    ),
    ("remote-lib-construct-html", "construct", answer(200, "text/html", HTML), "Corporate Proxy"),
    ("remote-lib-deep-json", "select", answer(200, JSON, b"[" * 100000), "did not answer with SPARQL JSON"),
    ("remote-lib-utf16", "select", answer(200, JSON, EMPTY_RESULTS.decode().encode("utf-16")), "SPARQL JSON"),
    (
        "remote-lib-binary",
        "select",
        answer(200, "application/octet-stream", bytes(range(256))),
        "SPARQL JSON",
    ),
    ("remote-lib-bindings-null", "select", answer(200, JSON, b'{"results":{"bindings":null}}'), "malformed"),
    (
        "remote-lib-vars-string",
        "select",
        answer(200, JSON, b'{"head":{"vars":"xy"},"results":{"bindings":[]}}'),
        "malformed",
    ),
    (
        "remote-lib-value-number",
        "select",
        answer(200, JSON, b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"uri","value":3}}]}}'),
        "malformed",
    ),
    ("remote-lib-update-hang-sent-once", "update", hang(), "did not answer within 1 s"),
    ("remote-lib-update-401", "update", answer(401, "text/plain", b"token please"), "token please"),
]


@pytest.mark.parametrize(("method", "act", "needle"), [c[1:] for c in LIBRARY], ids=[c[0] for c in LIBRARY])
def test_the_python_api_raises_one_endpoint_error(method: str, act: Any, needle: str) -> None:
    text = {"select": "SELECT * WHERE { ?s ?p ?o }", "ask": "ASK {}", "update": "CLEAR ALL"}
    with RawServer(act) as endpoint:
        config = EndpointConfig(endpoint.url, update_url=endpoint.base + "/update", timeout=1)
        with pytest.raises(EndpointError) as err:
            getattr(RemoteStore(config), method)(text.get(method, "CONSTRUCT WHERE { ?s ?p ?o }"))
        assert len(endpoint.seen) == 1  # none of these is retried
    message = _one_line(err.value)
    assert needle in message and "127.0.0.1" in message
