"""``asan-kg serve`` under attack and under signals: web pages of another origin, missing or
wrong tokens, a rebound Host, paths Oxigraph would accept; SIGTERM/SIGHUP/SIGINT always stop the
child and remove the temporary store; a taken port is an error naming it."""

from __future__ import annotations

import http.client
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from asan_kg.remote.serve import free_port
from tests.adversarial.helpers_net import RawServer, answer, assert_one_sentence, run_cli
from tests.remote_helpers import ASAN_KG, read_lines

pytestmark = pytest.mark.adversarial

UPDATE = "update=INSERT+DATA+%7B+%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E+%7D"
QUERY = "query=ASK+%7B%7D"


@dataclass
class Served:
    process: subprocess.Popen[str]
    port: int
    token: str | None


def _start(*extra: str) -> Served:
    port = free_port()
    process = subprocess.Popen(
        [ASAN_KG, "serve", "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={"PATH": str(Path(ASAN_KG).parent), "ASAN_KG_LANG": "en", "HOME": tempfile.gettempdir()},
        start_new_session=True,  # a Ctrl-C in the test's terminal is not for it
    )
    lines = read_lines(process, 3 if extra else 2)
    if len(lines) < (3 if extra else 2) or f":{port}/query" not in lines[0]:
        process.kill()
        process.wait(timeout=20)
        pytest.fail(f"serve did not start: {lines}")
    token = lines[2].rsplit(" ", 1)[-1].strip() if extra else None
    return Served(process, port, token)


def _stop(served: Served, sig: int = signal.SIGINT) -> int:
    served.process.send_signal(sig)
    try:
        return served.process.wait(timeout=20)
    finally:
        for stream in (served.process.stdout, served.process.stderr):
            if stream:
                stream.close()


@pytest.fixture(scope="module")
def writable() -> Iterator[Served]:
    served = _start("--writable")
    yield served
    assert _stop(served) == 0


@pytest.fixture(scope="module")
def read_only() -> Iterator[Served]:
    served = _start()
    yield served
    assert _stop(served) == 0


def _send(port: int, method: str, path: str, body: str | None, headers: dict[str, str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        all_headers = {"Host": f"127.0.0.1:{port}", **headers}
        if body is not None:
            all_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


TOKEN = "<token>"
WRITABLE = [
    (
        "serve-cross-origin-update",
        "POST",
        "/update",
        UPDATE,
        {"Origin": "https://evil.example", "X-Asan-KG-Token": TOKEN},
        403,
    ),
    (
        "serve-null-origin-update",
        "POST",
        "/update",
        UPDATE,
        {"Origin": "null", "X-Asan-KG-Token": TOKEN},
        403,
    ),
    (
        "serve-cross-site-fetch",
        "POST",
        "/update",
        UPDATE,
        {"Sec-Fetch-Site": "cross-site", "X-Asan-KG-Token": TOKEN},
        403,
    ),
    ("serve-cross-origin-read", "POST", "/query", QUERY, {"Origin": "https://evil.example"}, 403),
    (
        "serve-other-port-origin",
        "POST",
        "/update",
        UPDATE,
        {"Origin": "http://127.0.0.1:1", "X-Asan-KG-Token": TOKEN},
        403,
    ),
    (
        "serve-rebound-host",
        "POST",
        "/update",
        UPDATE,
        {"Host": "evil.example", "X-Asan-KG-Token": TOKEN},
        403,
    ),
    ("serve-no-token", "POST", "/update", UPDATE, {}, 401),
    ("serve-wrong-token", "POST", "/update", UPDATE, {"X-Asan-KG-Token": "guess"}, 401),
    ("serve-empty-bearer", "POST", "/update", UPDATE, {"Authorization": "Bearer "}, 401),
    ("serve-basic-not-token", "POST", "/update", UPDATE, {"Authorization": "Basic dTpw"}, 401),
    ("serve-get-update", "GET", "/update?" + UPDATE, None, {"X-Asan-KG-Token": TOKEN}, 404),
    (
        "serve-graph-store-put",
        "PUT",
        "/store?default",
        "<urn:a> <urn:b> <urn:c> .",
        {"X-Asan-KG-Token": TOKEN},
        404,
    ),
    ("serve-root-path", "GET", "/", None, {}, 404),
    ("serve-bad-length", "POST", "/query", None, {"Content-Length": "-5"}, 413),
    ("serve-token-header", "POST", "/update", UPDATE, {"X-Asan-KG-Token": TOKEN}, 204),
    ("serve-bearer-token", "POST", "/update", UPDATE, {"Authorization": f"Bearer {TOKEN}"}, 204),
    (
        "serve-same-origin-page",
        "POST",
        "/update",
        UPDATE,
        {"Origin": "http://127.0.0.1:<port>", "X-Asan-KG-Token": TOKEN},
        204,
    ),
    ("serve-plain-read", "GET", "/query?" + QUERY, None, {}, 200),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "headers", "status"), [c[1:] for c in WRITABLE], ids=[c[0] for c in WRITABLE]
)
def test_the_writable_gate(
    writable: Served, method: str, path: str, body: str | None, headers: dict[str, str], status: int
) -> None:
    filled = {
        k: v.replace(TOKEN, str(writable.token)).replace("<port>", str(writable.port))
        for k, v in headers.items()
    }
    assert _send(writable.port, method, path, body, filled) == status


READ_ONLY = [
    ("serve-ro-update-refused", "POST", "/update", UPDATE, {}, 403),
    ("serve-ro-cross-origin-update", "POST", "/update", UPDATE, {"Origin": "https://evil.example"}, 403),
    (
        "serve-ro-cross-origin-read-allowed",
        "POST",
        "/query",
        QUERY,
        {"Origin": "https://elsewhere.example"},
        200,
    ),
    ("serve-ro-read", "POST", "/query", QUERY, {}, 200),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "headers", "status"), [c[1:] for c in READ_ONLY], ids=[c[0] for c in READ_ONLY]
)
def test_the_read_only_gate(
    read_only: Served, method: str, path: str, body: str | None, headers: dict[str, str], status: int
) -> None:
    assert _send(read_only.port, method, path, body, headers) == status


def test_serve_publish_needs_the_token(writable: Served) -> None:
    url = f"http://127.0.0.1:{writable.port}/query"
    graph = "https://w3id.org/asan-kg/graph/asan"
    refused = run_cli("publish", "--endpoint", url, "--graph", graph, "--timeout", "10")
    assert_one_sentence(refused, 3, "(401)", "ASAN_KG_SPARQL_TOKEN", "target graph unchanged")
    accepted = run_cli(
        "publish", "--endpoint", url, "--graph", graph, env={"ASAN_KG_SPARQL_TOKEN": str(writable.token)}
    )
    assert accepted.code == 0, accepted.output


@pytest.mark.parametrize(
    "sig",
    [signal.SIGTERM, signal.SIGHUP, signal.SIGINT],
    ids=["serve-sigterm", "serve-sighup", "serve-sigint"],
)
def test_a_stop_signal_ends_the_child_and_removes_the_store(sig: int) -> None:
    stores = set(Path(tempfile.gettempdir()).glob("asan-kg-oxigraph-*"))
    served = _start()
    ours = set(Path(tempfile.gettempdir()).glob("asan-kg-oxigraph-*")) - stores
    assert _stop(served, sig) == 0
    assert not any(p.exists() for p in ours)
    with pytest.raises(OSError):
        _send(served.port, "GET", "/query?" + QUERY, None, {})


def test_serve_on_a_taken_port_is_an_error_naming_it() -> None:
    with RawServer(answer(200, "application/sparql-results+json", b'{"boolean": true}')) as other:
        run = run_cli("serve", "--port", str(other.port), "--writable", timeout=30)
    assert_one_sentence(run, 3, f"port {other.port}", "already in use")
    assert "Serving" not in run.stdout
