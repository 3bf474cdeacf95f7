"""Serve the graph on loopback: a local Oxigraph SPARQL server (the ``oxigraph`` package's CLI)
behind the gate of ``asan_kg.remote.guard``.

``OxigraphServer`` runs ``oxigraph serve`` as a child in its own process group (the tests use it
as the real server the remote backend talks to). ``SharedServer`` is what ``asan-kg serve``
runs: the gate on the public port (refused at once if another server holds it), Oxigraph on a
private port, a per-run update token on a writable server; ``serve_until_stopped`` stops both
and removes the temporary store on SIGINT, SIGTERM or SIGHUP, and on any failure.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType, TracebackType

from asan_kg.core.errors import RemoteError
from asan_kg.core.files import atomic_write_text
from asan_kg.remote.guard import Gate

STOP_SIGNALS = tuple(
    s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None
)


class ServerError(RemoteError):
    """The server could not be started (no oxigraph executable, port taken, no answer)."""


def oxigraph_executable() -> str:
    """The ``oxigraph`` CLI: on PATH, or next to this Python (a virtual environment's bin/)."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        raise ServerError("the 'oxigraph' command is not installed: pip install oxigraph")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def port_taken(host: str, port: int) -> bool:
    """Whether something already answers on (or holds) ``host:port``."""
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
        return True
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def _taken(host: str, port: int) -> ServerError:
    return ServerError(
        f"port {port} on {host} is already in use by another server; stop it or choose another --port"
    )


class OxigraphServer:
    """``oxigraph serve`` (or ``serve-read-only``) on 127.0.0.1, optionally preloaded; the child
    runs in a process group of its own, which ``stop`` ends."""

    def __init__(
        self,
        port: int | None = None,
        *,
        read_only: bool = False,
        ntriples: str | None = None,
        location: Path | None = None,
        host: str = "127.0.0.1",
        in_memory: bool = False,
    ) -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ServerError("asan-kg only serves on a loopback address (127.0.0.1)")
        if in_memory and (ntriples is not None or location is not None or read_only):
            raise ServerError("an in-memory server starts empty and writable")
        self.in_memory = in_memory  # no --location: Oxigraph's in-memory store, like the embedded one
        self.host = host
        self.port = port or free_port(host)
        self.read_only = read_only
        self._own_dir = location is None
        self.location = location or Path(tempfile.mkdtemp(prefix="asan-kg-oxigraph-"))
        self._ntriples = ntriples
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    def _load(self, exe: str) -> None:
        if self._ntriples is None:
            return
        data = self.location.parent / f"{self.location.name}.nt"
        atomic_write_text(data, self._ntriples)
        try:
            subprocess.run(
                [exe, "load", "--location", str(self.location), "--file", str(data)],
                check=True,
                capture_output=True,
            )
        except subprocess.CalledProcessError as exc:
            raise ServerError(
                f"oxigraph could not load the data: {exc.stderr.decode(errors='replace')[:300]}"
            ) from exc
        finally:
            data.unlink(missing_ok=True)

    def start(self, timeout: float = 30.0) -> OxigraphServer:
        exe = oxigraph_executable()
        if port_taken(self.host, self.port):
            raise _taken(self.host, self.port)
        try:
            self._load(exe)
            mode = "serve-read-only" if self.read_only else "serve"
            where = [] if self.in_memory else ["--location", str(self.location)]
            self._process = subprocess.Popen(
                [exe, mode, *where, "--bind", f"{self.host}:{self.port}"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,  # its own process group: signals to ours do not reach it
            )
            self._wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._check_alive()
            try:
                request = urllib.request.Request(
                    self.query_url + "?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"}
                )
                with urllib.request.urlopen(request, timeout=1):
                    pass
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
                continue
            time.sleep(0.1)
            self._check_alive()  # the answer came from our child, not from a server that took the port
            return
        raise ServerError(f"oxigraph did not answer on {self.base} within {timeout:g} s")

    def _check_alive(self) -> None:
        process = self._process
        if process is not None and process.poll() is not None:
            err = process.stderr.read().decode(errors="replace") if process.stderr else ""
            if "in use" in err.lower():
                raise _taken(self.host, self.port)
            raise ServerError(f"oxigraph exited at start on port {self.port}: {err.strip()[:300]}")

    def stop(self) -> None:
        """End the child's whole process group (TERM, then KILL) and remove the temporary store."""
        process, self._process = self._process, None
        if process is not None:
            _end_group(process)
            if process.stderr:
                process.stderr.close()
        if self._own_dir:
            shutil.rmtree(self.location, ignore_errors=True)
            self.location.parent.joinpath(f"{self.location.name}.nt").unlink(missing_ok=True)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _end_group(process: subprocess.Popen[bytes]) -> None:
    for sig, wait in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 10.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


class SharedServer:
    """What ``asan-kg serve`` runs: the gate on ``port``, Oxigraph behind it on a private port."""

    def __init__(self, port: int, *, writable: bool, ntriples: str, host: str = "127.0.0.1") -> None:
        self.host, self.port, self.writable = host, port, writable
        self.token = secrets.token_urlsafe(24) if writable else None
        self.oxigraph = OxigraphServer(read_only=not writable, ntriples=ntriples, host=host)
        self.gate: Gate | None = None

    @property
    def query_url(self) -> str:
        return f"http://{self.host}:{self.port}/query"

    @property
    def update_url(self) -> str:
        return f"http://{self.host}:{self.port}/update"

    def start(self) -> SharedServer:
        if port_taken(self.host, self.port):
            raise _taken(self.host, self.port)
        try:
            self.gate = Gate(self.host, self.port, (self.host, self.oxigraph.port), self.token, self.writable)
        except OSError:
            raise _taken(self.host, self.port) from None
        self.gate.start()
        self.oxigraph.start()
        return self

    @property
    def running(self) -> bool:
        return self.oxigraph.running

    def stop(self) -> None:
        if self.gate is not None:
            self.gate.stop()
            self.gate = None
        self.oxigraph.stop()


class Stopped(BaseException):
    """A stop signal arrived (not an error: the server is stopped and cleaned up)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def _stop_signals_raise() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    previous = {s: signal.signal(s, handler) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old)


def serve_until_stopped(server: SharedServer, announce: Callable[[SharedServer], None]) -> str:
    """Start ``server``, call ``announce``, serve until SIGINT/SIGTERM/SIGHUP; always stop and
    clean up. Returns the signal's name; raises ``ServerError`` if Oxigraph stops by itself."""
    with _stop_signals_raise():
        try:
            server.start()
            announce(server)
            while server.running:
                time.sleep(0.2)
            raise ServerError(f"the oxigraph server behind port {server.port} stopped unexpectedly")
        except Stopped as stop:
            return str(stop)
        finally:
            _ignore_stop_signals()  # a second signal must not interrupt the cleanup
            server.stop()


def _ignore_stop_signals() -> None:
    if threading.current_thread() is threading.main_thread():
        for s in STOP_SIGNALS:
            signal.signal(s, signal.SIG_IGN)
