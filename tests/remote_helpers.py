"""Loopback HTTP servers for the remote tests: a scripted fake endpoint and a failing proxy."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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
