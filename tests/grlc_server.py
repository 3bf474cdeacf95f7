"""grlc (https://grlc.io, PyPI ``grlc``) serving our ``queries/`` as a web API on 127.0.0.1, in
front of a local Oxigraph server holding the published Asan graph — for the tests.

grlc pins its own dependencies (rdflib, Flask, SPARQLWrapper …), so it lives in a virtual
environment of its own: ``$ASAN_KG_GRLC_VENV`` if set, else ``~/.cache/asan-kg/grlc-<version>``,
created with ``pip install grlc==<version>`` on first use and reused afterwards.

How grlc is run here (see tests/GRLC_NOTES.md):

* local mode: a ``config.ini`` in grlc's working directory (it reads ``./config.ini`` at import)
  with ``[local] local_sparql_dir`` and ``[defaults] sparql_endpoint``; no GitHub, no network.
  grlc's local loader reads only the top level of that folder, so the fixture copies
  ``queries/*.rq`` and ``queries/analysis/*.rq`` side by side into a temporary folder;
* the endpoint URL carries ``?default-graph-uri=<graph>`` so grlc reads the same named graph
  asan-kg reads with ``--graph`` (grlc itself has no such setting); ``%`` is doubled in the
  ini because grlc's ConfigParser interpolates;
* not ``grlc-server`` (it binds 0.0.0.0 with 20 gunicorn workers) but the Flask app
  ``grlc.server:app`` under werkzeug's server bound to 127.0.0.1.

Routes: ``GET /api-local/<query name>?<param>=<value>`` (``.json``/``.csv`` suffixes pick the
format), the Swagger spec at ``/api-local/swagger``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.endpoint_compare import GRAPH, QUERIES, asan_kg

GRLC_VERSION = "1.3.11"


class ServiceError(Exception):
    """A helper server could not be installed or started."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_http(url: str, process: subprocess.Popen[bytes], deadline: float, what: str, log: Path) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServiceError(f"{what} exited at start: {log.read_text(errors='replace')[-800:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    raise ServiceError(f"{what} did not answer {url} in time: {log.read_text(errors='replace')[-800:]}")


def _stop(process: subprocess.Popen[bytes] | None, timeout: float = 10.0) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


# -- grlc's virtual environment ------------------------------------------------------------------------
def grlc_venv_dir() -> Path:
    configured = os.environ.get("ASAN_KG_GRLC_VENV")
    if configured:
        return Path(configured)
    return Path.home() / ".cache" / "asan-kg" / f"grlc-{GRLC_VERSION}"


def ensure_grlc_venv(timeout: float = 600.0) -> Path:
    """The Python of a virtual environment with grlc; created (from PyPI) if missing."""
    venv = grlc_venv_dir()
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import grlc.server, werkzeug"]
    if (
        python.exists()
        and subprocess.run(probe, capture_output=True, cwd=tempfile.gettempdir()).returncode == 0
    ):
        return python
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120
        )
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                f"grlc=={GRLC_VERSION}",
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(venv, ignore_errors=True)
        detail = getattr(exc, "stderr", b"") or b""
        raise ServiceError(
            f"could not install grlc=={GRLC_VERSION} into {venv}: {detail.decode(errors='replace')[-400:]}"
        ) from exc
    return python


# -- Oxigraph with the published graph -------------------------------------------------------------
class OxigraphProcess:
    """``oxigraph serve`` on 127.0.0.1 (the ``oxigraph`` command of our environment), with the Asan
    graph published into ``GRAPH`` by ``asan-kg publish``."""

    def __init__(self) -> None:
        self.port = 0
        self.directory: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    @property
    def update_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/update"

    def start(self, timeout: float = 30.0) -> OxigraphProcess:
        exe = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
        if not exe:
            raise ServiceError("the 'oxigraph' command is not installed (pip install oxigraph)")
        self.directory = Path(tempfile.mkdtemp(prefix="asan-kg-grlc-oxigraph-"))
        self.port = _free_port()
        log = self.directory / "oxigraph.log"
        with log.open("wb") as sink:
            self._process = subprocess.Popen(
                [exe, "serve", "--location", str(self.directory / "db"), "--bind", f"127.0.0.1:{self.port}"],
                stdout=sink,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        ask = self.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        try:
            _wait_http(ask, self._process, time.monotonic() + timeout, "oxigraph", log)
        except ServiceError:
            self.stop()
            raise
        done = subprocess.run(
            [
                asan_kg(),
                "publish",
                "--endpoint",
                self.query_url,
                "--update-endpoint",
                self.update_url,
                "--graph",
                GRAPH,
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            self.stop()
            raise ServiceError(f"asan-kg publish into oxigraph failed: {done.stderr or done.stdout}")
        return self

    def stop(self) -> None:
        _stop(self._process)
        self._process = None
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None


# -- grlc ---------------------------------------------------------------------------------------------
_RUNNER = textwrap.dedent(
    """\
    import sys
    from werkzeug.serving import make_server
    from grlc.server import app
    make_server("127.0.0.1", int(sys.argv[1]), app, threaded=True).serve_forever()
    """
)


class GrlcServer:
    """grlc in local mode on 127.0.0.1, serving a flat copy of our saved queries against
    ``endpoint`` (a SPARQL query URL; ``graph`` is added as ``default-graph-uri``)."""

    def __init__(self, endpoint: str, graph: str | None = GRAPH, queries: Path = QUERIES) -> None:
        self.endpoint = endpoint
        if graph:
            self.endpoint += ("&" if "?" in endpoint else "?") + urllib.parse.urlencode(
                {"default-graph-uri": graph}
            )
        self.queries = queries
        self.port = 0
        self.directory: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self.started_in: float | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def route(self, name: str, params: dict[str, str] | None = None) -> str:
        query = "?" + urllib.parse.urlencode(params) if params else ""
        return f"{self.base}/api-local/{name}{query}"

    @property
    def query_dir(self) -> Path:
        assert self.directory is not None
        return self.directory / "queries"

    def start(self, timeout: float = 60.0) -> GrlcServer:
        python = ensure_grlc_venv()
        began = time.monotonic()
        self.directory = Path(tempfile.mkdtemp(prefix="asan-kg-grlc-"))
        self.query_dir.mkdir()
        for path in sorted(self.queries.glob("*.rq")) + sorted((self.queries / "analysis").glob("*.rq")):
            shutil.copyfile(path, self.query_dir / path.name)
        (self.directory / "config.ini").write_text(
            "[defaults]\n"
            f"sparql_endpoint = {self.endpoint.replace('%', '%%')}\n"
            "user = none\npassword = none\ndebug = False\n"
            "[local]\n"
            f"local_sparql_dir = {self.query_dir}\n",
            encoding="utf-8",
        )
        (self.directory / "run_grlc.py").write_text(_RUNNER, encoding="utf-8")
        self.port = _free_port()
        log = self.directory / "grlc.log"
        with log.open("wb") as sink:
            self._process = subprocess.Popen(
                [str(python), "run_grlc.py", str(self.port)],
                cwd=self.directory,  # grlc reads ./config.ini when imported
                stdout=sink,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        try:
            _wait_http(
                f"{self.base}/api-local/swagger", self._process, time.monotonic() + timeout, "grlc", log
            )
        except ServiceError:
            self.stop()
            raise
        self.started_in = time.monotonic() - began
        return self

    def stop(self) -> None:
        _stop(self._process)
        self._process = None
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None

    def __enter__(self) -> GrlcServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + " — CI must be able to run grlc")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def grlc_oxigraph() -> Iterator[OxigraphProcess]:
    """Oxigraph on loopback with the published Asan graph in ``GRAPH``."""
    server = OxigraphProcess()
    try:
        server.start()
    except ServiceError as exc:
        _unavailable(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def grlc(grlc_oxigraph: OxigraphProcess) -> Iterator[GrlcServer]:
    """grlc serving our saved queries against ``grlc_oxigraph``."""
    server = GrlcServer(grlc_oxigraph.query_url)
    try:
        server.start()
    except ServiceError as exc:
        _unavailable(str(exc))
    try:
        yield server
    finally:
        server.stop()
