"""A local Oxigraph SPARQL server (the ``oxigraph`` package's CLI) on a loopback address.

Used by ``asan-kg serve`` to share the graph with colleagues and SPARQL tools, and by the tests
as the real server the remote backend talks to. The server runs as a child process; ``stop``
(or leaving the ``with`` block) ends it and removes what it created.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from asan_kg.core.errors import RemoteError
from asan_kg.core.files import atomic_write_text


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


class OxigraphServer:
    """``oxigraph serve`` (or ``serve-read-only``) on 127.0.0.1, optionally preloaded."""

    def __init__(
        self,
        port: int | None = None,
        *,
        read_only: bool = False,
        ntriples: str | None = None,
        location: Path | None = None,
        host: str = "127.0.0.1",
    ) -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ServerError("asan-kg only serves on a loopback address (127.0.0.1)")
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

    def start(self, timeout: float = 30.0) -> OxigraphServer:
        exe = oxigraph_executable()
        if self._ntriples is not None:
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
                    f"oxigraph could not load the data: {exc.stderr.decode(errors='replace')}"
                ) from exc
            finally:
                data.unlink(missing_ok=True)
        mode = "serve-read-only" if self.read_only else "serve"
        self._process = subprocess.Popen(
            [exe, mode, "--location", str(self.location), "--bind", f"{self.host}:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                err = self._process.stderr.read().decode(errors="replace") if self._process.stderr else ""
                raise ServerError(f"oxigraph exited at start (port {self.port} taken?): {err.strip()[:300]}")
            try:
                request = urllib.request.Request(
                    self.query_url + "?query=ASK%7B%7D", headers={"Accept": "application/sparql-results+json"}
                )
                with urllib.request.urlopen(request, timeout=1):
                    return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.05)
        self.stop()
        raise ServerError(f"oxigraph did not answer on {self.base} within {timeout:g} s")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        if self._process is not None and self._process.stderr:
            self._process.stderr.close()
        self._process = None
        if self._own_dir:
            shutil.rmtree(self.location, ignore_errors=True)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
