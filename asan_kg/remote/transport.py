"""HTTP for the SPARQL 1.1 protocol, with the guarantees the endpoint client needs.

- One deadline for the whole request, retries included: a watchdog shuts the socket down when it
  passes, so a server that trickles bytes cannot hold a run longer than ``--timeout``.
- A response-size limit enforced while reading.
- Redirects are followed only within the same origin (scheme, host, port), keeping method and
  body; a redirect to another origin is refused, so credentials never leave the origin.
- Only reads are retried (connection errors, dropped answers, 5xx but Virtuoso's permanent
  errors); an update is sent once.
- Every failure is an ``EndpointError``: one sentence with the URL (credentials masked) and the
  server's own message, trimmed.

Built on ``urllib.request`` with an opener of our own; nothing is installed globally.
"""

from __future__ import annotations

import contextlib
import heapq
import http.client
import itertools
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from asan_kg.core.errors import RemoteError
from asan_kg.core.text import printable
from asan_kg.remote.urls import origin, redact

ENV_MAX_MB = "ASAN_KG_MAX_RESPONSE_MB"
ERROR_BODY_LIMIT = 65536
MESSAGE_CHARS = 300
T = TypeVar("T")


class EndpointError(RemoteError):
    """A remote endpoint failed; ``kind`` is one of connect, timeout, dropped, auth, forbidden,
    not_found, server, redirect, too_large, not_sparql, bad_query. ``retryable`` marks failures
    a read may be retried after (nothing was applied, or the request was only a read)."""

    def __init__(self, kind: str, message: str, *, retryable: bool = False) -> None:
        super().__init__(redact(" ".join(message.split())))  # one line, credentials masked
        self.kind = kind
        self.retryable = retryable


class _RedirectRefused(Exception):
    def __init__(self, code: int, target: str) -> None:
        super().__init__(target)
        self.code, self.target = code, target


#: Virtuoso's error bodies: ``Virtuoso <SQLSTATE> Error <code>: <message>``, then a blank line
#: and the query echoed (tests/VIRTUOSO_NOTES.md).
_VIRTUOSO = re.compile(r"\s*Virtuoso ([0-9A-Z]{5}) Error ")
#: SQLSTATEs of Virtuoso errors worth retrying: deadlock, timeouts, connection trouble.
_TRANSIENT = ("40001", "S1T00", "HYT00", "08")


def permanent_server_error(body: str) -> bool:
    """True for a Virtuoso error that another attempt cannot cure (permissions, a graph that
    does not exist, a query it cannot compile…), false for anything else."""
    match = _VIRTUOSO.match(body)
    return bool(match) and not match.group(1).startswith(_TRANSIENT)  # type: ignore[union-attr]


def server_message(body: bytes | str, limit: int = MESSAGE_CHARS) -> str:
    """The server's own words, trimmed: an HTML page's title (or text), Virtuoso's error line
    without the query it echoes, control characters stripped, white space collapsed, at most
    ``limit`` characters."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    if _VIRTUOSO.match(text):
        text = re.split(r"\n\s*\n|\nSPARQL query:", text.strip(), maxsplit=1)[0]
    lower = text.lower()
    if "<title>" in lower:
        start = lower.index("<title>") + 7
        end = lower.find("</title>", start)
        text = "HTML page titled " + repr(text[start : end if end > 0 else start + 120].strip())
    elif lower.lstrip().startswith(("<!doctype html", "<html")):
        text = "an HTML page"
    text = " ".join(printable(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Watchdog:
    """One daemon thread that expires every request's ``Deadline`` when its time comes, instead of
    a timer thread started per request: on the Asan graph the saved-query suite over HTTP took
    72 ms against 87 ms with a thread per request (medians, interleaved, a busy machine)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Deadline]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def add(self, deadline: Deadline) -> None:
        with self._cond:
            heapq.heappush(self._heap, (deadline.end, next(self._order), deadline))
            if self._thread is None or not self._thread.is_alive():  # first use, or after a fork
                self._thread = threading.Thread(target=self._run, name="asan-kg-deadlines", daemon=True)
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                while self._heap and (self._heap[0][2].done or self._heap[0][0] <= now):
                    deadline = heapq.heappop(self._heap)[2]
                    if not deadline.done:
                        deadline.expire()
                self._cond.wait(self._heap[0][0] - now if self._heap else None)


_WATCHDOG = _Watchdog()


class Deadline:
    """The time left for one request; when it passes, every socket it watches is shut down."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self.done = False  # the request is over: nothing left to expire
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    def __enter__(self) -> Deadline:
        _WATCHDOG.add(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self.done = True


def _guarded(base: type[http.client.HTTPConnection], deadline: Deadline) -> Callable[..., Any]:
    class Guarded(base):  # type: ignore[valid-type, misc]
        def connect(self) -> None:
            super().connect()
            self.sock.settimeout(max(0.01, deadline.remaining()))
            deadline.watch(self.sock)

    return Guarded


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_guarded(http.client.HTTPConnection, self.deadline), req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        context = ssl.create_default_context()
        return self.do_open(_guarded(http.client.HTTPSConnection, self.deadline), req, context=context)


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only within the origin, with the same method, body and headers."""

    max_redirections = 5

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if origin(newurl) != origin(req.full_url):
            fp.close()
            raise _RedirectRefused(code, newurl)
        return urllib.request.Request(
            newurl, data=req.data, headers=dict(req.headers), method=req.get_method()
        )


@dataclass(frozen=True)
class Limits:
    timeout: float = 60.0  # seconds for the whole request, retries included
    connect_timeout: float = 10.0
    max_bytes: int = 256 * 1024 * 1024
    retries: int = 2
    backoff: float = 0.3


def read_limited(response: Any, limit: int, url: str) -> bytes:
    """The body, at most ``limit`` bytes (checked while reading, not after)."""
    length = response.headers.get("Content-Length")
    too_large = EndpointError(
        "too_large",
        f"the answer from {url} exceeds the response size limit of {limit / 1048576:g} MB; "
        f"narrow the query or raise ${ENV_MAX_MB}",
    )
    if length and length.strip().isdigit() and int(length) > limit:
        raise too_large
    chunks: list[bytes] = []
    total = 0
    while chunk := response.read1(65536):
        total += len(chunk)
        if total > limit:
            raise too_large
        chunks.append(chunk)
    if getattr(response, "length", None):  # fewer bytes than Content-Length announced
        raise http.client.IncompleteRead(b"".join(chunks))
    return b"".join(chunks)


_HTTP_KINDS: dict[int, tuple[str, str]] = {
    400: ("bad_query", "rejected the request as malformed (400)"),
    401: (
        "auth",
        "refused the credentials (401); set $ASAN_KG_SPARQL_USER and $ASAN_KG_SPARQL_PASSWORD "
        "(or $ASAN_KG_SPARQL_TOKEN for asan-kg serve) to an account it accepts",
    ),
    403: (
        "forbidden",
        "forbids this request (403); the account may lack the right, or the server is read-only",
    ),
    404: (
        "not_found",
        "has no SPARQL endpoint there (404); check the URL (Oxigraph: …/query for queries, "
        "…/update for updates)",
    ),
    414: ("bad_query", "refused the request as too long (414)"),
}


def _http_error(url: str, exc: urllib.error.HTTPError) -> EndpointError:
    reason = server_message(str(exc.reason), 80)
    try:
        body = exc.read(ERROR_BODY_LIMIT).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        body = ""
    finally:
        exc.close()
    said = server_message(body)
    tail = f": {said}" if said else ""
    if exc.code in _HTTP_KINDS:
        kind, text = _HTTP_KINDS[exc.code]
        return EndpointError(kind, f"{url} {text}{tail}")
    if 300 <= exc.code < 400:
        return EndpointError(
            "redirect", f"{url} redirects in a loop or too often (HTTP {exc.code}); check the endpoint URL"
        )
    if exc.code >= 500:
        return EndpointError(
            "server",
            f"{url} failed with a server error (HTTP {exc.code} {reason}){tail}",
            retryable=not permanent_server_error(body),
        )
    return EndpointError("server", f"{url} answered HTTP {exc.code} ({reason}){tail}")


def _failure(url: str, exc: BaseException, limits: Limits) -> EndpointError:
    """The one sentence for a transport failure (not an HTTP status)."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _timed_out(url, limits)
    if isinstance(reason, ConnectionRefusedError):
        return EndpointError(
            "connect",
            f"cannot connect to {url}: connection refused; is the server running and the address right?",
            retryable=True,
        )
    if isinstance(reason, socket.gaierror):
        return EndpointError("connect", f"cannot connect to {url}: unknown host", retryable=True)
    if isinstance(reason, ssl.SSLError):
        return EndpointError("connect", f"no secure connection to {url}: {server_message(str(reason))}")
    if isinstance(reason, (http.client.HTTPException, ConnectionError)):
        return EndpointError(
            "dropped",
            f"{url} closed the connection without a complete answer ({type(reason).__name__})",
            retryable=True,
        )
    detail = getattr(reason, "strerror", None) or str(reason)
    return EndpointError("connect", f"the connection to {url} failed: {detail}", retryable=True)


def _timed_out(url: str, limits: Limits) -> EndpointError:
    return EndpointError(
        "timeout",
        f"{url} did not answer within {limits.timeout:g} s (--timeout bounds the whole request, "
        "retries included); the query may be too heavy or the server overloaded",
    )


def _once(request: urllib.request.Request, limits: Limits, deadline: Deadline) -> tuple[bytes, str, str]:
    url = redact(request.full_url)
    opener = urllib.request.build_opener(_HTTP(deadline), _HTTPS(deadline), _SameOrigin())
    timeout = max(0.01, min(limits.connect_timeout, deadline.remaining()))
    try:
        with opener.open(request, timeout=timeout) as response:
            body = read_limited(response, limits.max_bytes, url)
            ctype = str(response.headers.get("Content-Type", ""))
            software = str(response.headers.get("Server", ""))
    except EndpointError:
        raise
    except _RedirectRefused as exc:
        raise EndpointError(
            "redirect",
            f"{url} redirected the request (HTTP {exc.code}) to {exc.target}, another origin; asan-kg "
            "does not follow it, so credentials and queries stay with the origin you named "
            "(use that address as the endpoint if you trust it)",
        ) from None
    except urllib.error.HTTPError as exc:
        if deadline.expired:
            raise _timed_out(url, limits) from None
        raise _http_error(url, exc) from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if deadline.expired:
            raise _timed_out(url, limits) from None
        raise _failure(url, exc, limits) from None
    if deadline.expired:  # the watchdog cut the answer short
        raise _timed_out(url, limits)
    return body, ctype, software


def send(request: urllib.request.Request, limits: Limits, *, idempotent: bool) -> tuple[bytes, str]:
    """Body and content type of the answer; reads are retried within the deadline, updates never."""
    body, ctype, _ = exchange(request, limits, idempotent=idempotent)
    return body, ctype


def exchange(request: urllib.request.Request, limits: Limits, *, idempotent: bool) -> tuple[bytes, str, str]:
    """``send``, with the ``Server`` header of the answer too (which server software answered)."""
    with Deadline(limits.timeout) as deadline:
        attempt = 0
        while True:
            try:
                return _once(request, limits, deadline)
            except EndpointError as exc:
                pause = limits.backoff * 2**attempt
                if (
                    not idempotent
                    or not exc.retryable
                    or attempt >= limits.retries
                    or deadline.remaining() <= pause + 0.05
                ):
                    if attempt:
                        raise EndpointError(exc.kind, f"{exc} (after {attempt + 1} attempts)") from None
                    raise
            time.sleep(pause)
            attempt += 1
