"""Loopback HTTP servers for the remote tests — a scripted fake endpoint, faulty raw servers, a
failing proxy — and the real console script run as a subprocess."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

Reply = tuple[int, str, bytes]  # status, content type, body


class FakeEndpoint:
    """An HTTP server on 127.0.0.1 whose every answer comes from ``behaviour(handler, body)``."""

    def __init__(self, behaviour: Callable[[BaseHTTPRequestHandler, bytes], Reply]) -> None:
        self.requests: list[bytes] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                outer.requests.append(body)
                status, ctype, payload = behaviour(self, body)
                try:
                    self.send_response(status)
                    if ctype:
                        self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = _answer
            do_POST = _answer

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/query"

    def __enter__(self) -> FakeEndpoint:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def forwarding(
    target_base: str, fail_when: Callable[[bytes], bool]
) -> Callable[[BaseHTTPRequestHandler, bytes], Reply]:
    """A proxy behaviour: forward to the real server, but answer 500 where ``fail_when``."""

    def behaviour(handler: BaseHTTPRequestHandler, body: bytes) -> Reply:
        if fail_when(body):
            return 500, "text/plain", b"injected failure"
        request = urllib.request.Request(
            target_base + handler.path, data=body or None, method=handler.command
        )
        for name in ("Content-Type", "Accept"):
            if handler.headers.get(name):
                request.add_header(name, handler.headers[name])
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Content-Type", ""), exc.read()

    return behaviour


# -- faulty servers and the real console script, for the regression and adversarial tests --------


ASAN_KG = (
    shutil.which("asan-kg", path=str(Path(sys.executable).parent)) or shutil.which("asan-kg") or "asan-kg"
)
EMPTY_RESULTS = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
SECRET_ENV = ("ASAN_KG_SPARQL_USER", "ASAN_KG_SPARQL_PASSWORD", "ASAN_KG_SPARQL_TOKEN", "ASAN_KG_ENDPOINT")


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 30.0) -> Run:
    """The real console script in a subprocess, English messages, no inherited credentials."""
    base = {k: v for k, v in os.environ.items() if k not in SECRET_ENV and not k.startswith("ASAN_KG_")}
    started = time.monotonic()
    done = subprocess.run(
        [ASAN_KG, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**base, "ASAN_KG_LANG": "en", **(env or {})},
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class RawServer:
    """A loopback HTTP server whose handler ``act(handler, body, server)`` writes whatever it
    likes — a status, an HTML page, nothing, a trickle; every request is recorded."""

    act: Callable[[BaseHTTPRequestHandler, bytes, RawServer], None]
    seen: list[Seen] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                try:
                    length = int(self.headers.get("Content-Length") or 0)
                    body = self.rfile.read(length) if length else b""
                    outer.seen.append(Seen(self.path, dict(self.headers.items()), body))
                    outer.act(self, body, outer)
                except (BrokenPipeError, ConnectionResetError, ValueError):
                    pass

            do_GET = do_POST = do_PUT = do_DELETE = _any

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return self.base + "/query"

    def __enter__(self) -> RawServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def answer(status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> Any:
    def act(handler: BaseHTTPRequestHandler, _: bytes, __: RawServer) -> None:
        handler.send_response(status)
        if ctype:
            handler.send_header("Content-Type", ctype)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return act


def redirect(location: str, status: int = 302) -> Any:
    return answer(status, "text/plain", b"moved", {"Location": location})


def hang(seconds: float = 8.0) -> Any:
    """Accept the request and say nothing (bounded: ends when the test's server stops)."""

    def act(handler: BaseHTTPRequestHandler, _: bytes, server: RawServer) -> None:
        server.stop.wait(seconds)

    return act


def trickle(interval: float = 0.2, seconds: float = 8.0, headers_only: bool = False) -> Any:
    """Send the status line and then one byte every ``interval`` (of the headers or the body)."""

    def act(handler: BaseHTTPRequestHandler, _: bytes, server: RawServer) -> None:
        if headers_only:
            handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
            payload = b"X-Slow: " + b"a" * 1000
        else:
            handler.send_response(200)
            handler.send_header("Content-Type", "application/sparql-results+json")
            handler.end_headers()
            payload = b" " * 1000 + EMPTY_RESULTS
        for i in range(len(payload)):
            if server.stop.wait(interval) or i * interval > seconds:
                return
            handler.wfile.write(payload[i : i + 1])
            handler.wfile.flush()

    return act


def huge(megabytes: int = 8, announce: bool = True) -> Any:
    """A 200 answer of ``megabytes`` MB (with or without Content-Length), stopped when refused."""

    def act(handler: BaseHTTPRequestHandler, _: bytes, server: RawServer) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/sparql-results+json")
        if announce:
            handler.send_header("Content-Length", str(megabytes * 1024 * 1024))
        handler.end_headers()
        handler.wfile.write(b'{"head":{"vars":["x"]},"results":{"bindings":[')
        chunk = b'{"x":{"type":"literal","value":"' + b"a" * 1000 + b'"}},'
        for _kb in range(megabytes * 1024):
            if server.stop.is_set():
                return
            handler.wfile.write(chunk)

    return act


def drop() -> Any:
    """Read the request, then close the connection without a word."""

    def act(handler: BaseHTTPRequestHandler, _: bytes, __: RawServer) -> None:
        handler.close_connection = True

    return act


def forward(
    target_base: str, handler: BaseHTTPRequestHandler, body: bytes, headers: tuple[str, ...] = ()
) -> Reply:
    """Send the request on to the real server; its status, content type and body."""
    request = urllib.request.Request(target_base + handler.path, data=body or None, method=handler.command)
    for name in ("Content-Type", "Accept", *headers):
        if handler.headers.get(name):
            request.add_header(name, handler.headers[name])
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def proxy(target_base: str, fault: Callable[[str], str | None]) -> Any:
    """A proxy to the real server; ``fault(decoded body)`` may name a fault for this request:
    ``"drop-after"`` applies it and drops the answer, ``"drop"``/``"500"``/``"hang"`` do not
    apply it."""

    def act(handler: BaseHTTPRequestHandler, body: bytes, server: RawServer) -> None:
        text = urllib.parse.unquote_plus(body.decode("utf-8", "replace"))
        what = fault(text)
        if what == "hang":
            server.stop.wait(8)
            return
        if what == "drop":
            handler.close_connection = True
            return
        if what == "500":
            answer(500, "text/plain", b"injected failure")(handler, body, server)
            return
        status, ctype, payload = forward(target_base, handler, body)
        if what == "drop-after":
            handler.close_connection = True
            return
        answer(status, ctype, payload)(handler, body, server)

    return act


def read_lines(process: subprocess.Popen[str], count: int, timeout: float = 30.0) -> list[str]:
    """Up to ``count`` lines of a child's stdout, waiting at most ``timeout`` seconds in all (a
    reader thread: a buffered pipe may hold several lines that a select() would not announce)."""
    import queue

    stream = process.stdout
    assert stream is not None
    lines: queue.Queue[str] = queue.Queue()

    def reader() -> None:
        for _ in range(count):
            line = stream.readline()
            if not line:
                break
            lines.put(line)

    threading.Thread(target=reader, daemon=True).start()
    got: list[str] = []
    deadline = time.monotonic() + timeout
    while len(got) < count and time.monotonic() < deadline:
        try:
            got.append(lines.get(timeout=max(0.01, deadline - time.monotonic())))
        except queue.Empty:
            break
    return got


def keyed_data(folder: Path, *extra: str) -> Path:
    """The Asan graph plus filler in ``folder``: input large enough (``ANSWERS_MIN_BYTES``) for
    the cache to key it; ``extra`` Turtle lines end the filler."""
    from asan_kg.core import resources
    from asan_kg.store.embedded import ANSWERS_MIN_BYTES

    folder.mkdir()
    for path in resources.data_files():
        shutil.copy(path, folder / path.name)
    lines = [f'<urn:filler:s{i}> <urn:filler:value> "filler value {i:06d}" .\n' for i in range(20_000)]
    (folder / "filler.ttl").write_text("".join([*lines, *extra]), encoding="utf-8")
    assert sum(p.stat().st_size for p in folder.iterdir()) >= ANSWERS_MIN_BYTES
    return folder
