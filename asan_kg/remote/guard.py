"""A small loopback gate in front of the Oxigraph server that ``asan-kg serve`` starts.

Oxigraph itself answers any request that reaches it, and a web page in the user's browser can
send a form-encoded ``POST /update`` to 127.0.0.1 without asking. The gate forwards only
``/query`` (GET, POST) and ``/update`` (POST) and refuses:

- requests whose ``Host`` is not this loopback address (DNS rebinding);
- requests from a web page of another origin (``Origin`` or ``Sec-Fetch-Site`` says so) — every
  update, and on a writable server every request;
- updates without the per-run token (``X-Asan-KG-Token: <token>`` or
  ``Authorization: Bearer <token>``), and every update on a read-only server.
"""

from __future__ import annotations

import hmac
import http.client
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from asan_kg.remote.urls import TOKEN_HEADER

MAX_BODY = 512 * 1024 * 1024
UPSTREAM_TIMEOUT = 3600.0
CLIENT_TIMEOUT = 120.0
PASSED_HEADERS = ("Content-Type", "Accept", "Accept-Encoding", "User-Agent")


class Gate:
    """Guards ``upstream`` (``host:port`` of the real server) on ``host:port``."""

    def __init__(self, host: str, port: int, upstream: tuple[str, int], token: str | None, writable: bool):
        self.upstream, self.token, self.writable = upstream, token, writable
        gate = self

        class Handler(_GateHandler):
            owner = gate

        self.server = ThreadingHTTPServer((host, port), Handler)  # OSError if the port is taken
        self.server.daemon_threads = True
        self.host, self.port = host, int(self.server.server_address[1])
        self.origins = {f"http://{name}:{self.port}" for name in ("127.0.0.1", "localhost", "[::1]")}
        self.hosts = {f"{name}:{self.port}" for name in ("127.0.0.1", "localhost", "[::1]")}
        self._thread = threading.Thread(target=self.server.serve_forever, name="asan-kg-gate", daemon=True)

    def start(self) -> Gate:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self.server.shutdown()
            self._thread.join(timeout=5)
        self.server.server_close()

    def refusal(self, handler: BaseHTTPRequestHandler, path: str) -> tuple[int, str] | None:
        """Why this request is refused (status, sentence), or None to forward it."""
        update = path == "/update"
        if path not in ("/query", "/update") or (update and handler.command != "POST"):
            return 404, "only /query (GET, POST) and /update (POST) are served here"
        if handler.headers.get("Host", "") not in self.hosts:
            return 403, "the Host header does not name this loopback server"
        if (update or self.writable) and self._cross_origin(handler):
            return 403, "requests from web pages of another origin are refused"
        if update and not self.writable:
            return 403, "this server is read-only; start it with asan-kg serve --writable to accept updates"
        if update and not self._token_ok(handler):
            return 401, "updates need the token printed by asan-kg serve: set $ASAN_KG_SPARQL_TOKEN"
        return None

    def _cross_origin(self, handler: BaseHTTPRequestHandler) -> bool:
        origin = handler.headers.get("Origin")
        site = handler.headers.get("Sec-Fetch-Site", "").lower()
        if site and site not in ("same-origin", "none"):
            return True
        return origin is not None and origin not in self.origins

    def _token_ok(self, handler: BaseHTTPRequestHandler) -> bool:
        given = handler.headers.get(TOKEN_HEADER) or ""
        bearer = handler.headers.get("Authorization") or ""
        if not given and bearer.lower().startswith("bearer "):
            given = bearer[7:].strip()
        return bool(self.token) and hmac.compare_digest(given.encode(), str(self.token).encode())


class _GateHandler(BaseHTTPRequestHandler):
    owner: Gate
    timeout = CLIENT_TIMEOUT  # a client that sends nothing does not hold a thread for ever
    server_version = "asan-kg-gate"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _reply(self, status: int, message: str) -> None:
        payload = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _handle(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        refused = self.owner.refusal(self, path)
        if refused:
            self._reply(*refused)
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._reply(413, "the request body is missing a valid length or is too large")
            return
        body = self.rfile.read(length) if length else None
        self._forward(body)

    def _forward(self, body: bytes | None) -> None:
        host, port = self.owner.upstream
        upstream = http.client.HTTPConnection(host, port, timeout=UPSTREAM_TIMEOUT)
        try:
            headers = {k: v for k in PASSED_HEADERS if (v := self.headers.get(k))}
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            self.send_response(answer.status)
            for name in ("Content-Type", "Content-Length", "Content-Encoding"):
                if answer.getheader(name):
                    self.send_header(name, str(answer.getheader(name)))
            self.end_headers()
            while chunk := answer.read1(65536):
                self.wfile.write(chunk)
        except (OSError, http.client.HTTPException):
            self.close_connection = True
        finally:
            upstream.close()

    do_GET = _handle
    do_POST = _handle
    do_PUT = _handle
    do_DELETE = _handle
