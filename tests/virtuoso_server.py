"""A throw-away OpenLink Virtuoso 7 server on 127.0.0.1 for the tests (Debian's
``virtuoso-opensource-7-bin``: ``virtuoso-t`` and ``isql-vt``).

``VirtuosoServer().start()`` (or ``with VirtuosoServer() as v:``) writes a ``virtuoso.ini`` into
a fresh temporary directory (database, transaction log and temp database all there; SQL and HTTP
ports free loopback ports bound to 127.0.0.1; small buffers), runs ``virtuoso-t +foreground``,
waits for ``/sparql`` to answer, and then, over ISQL as ``dba``:

* ``GRANT SPARQL_UPDATE TO "SPARQL"`` so the anonymous ``/sparql`` endpoint accepts SPARQL Update
  (and ``/sparql-graph-crud`` accepts Graph Store PUT/POST/DELETE) — the route asan-kg can use,
  since it sends HTTP Basic credentials and Virtuoso's ``/sparql-auth`` only speaks Digest;
* a random ``dba`` password (``.password``), good for ``/sparql-auth`` and
  ``/sparql-graph-crud-auth`` with HTTP Digest, and for ``isql``.

``stop()`` sends SIGTERM (Virtuoso checkpoints and exits), then SIGKILL after 20 s, and removes
the directory. See tests/VIRTUOSO_NOTES.md for what this server does differently.

The pytest fixture ``virtuoso`` (session scope, started on first use) skips where ``virtuoso-t``
is not installed, and fails instead when ``CI=true`` (.ci/run installs the package).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest

INSTALL_HINT = (
    "Virtuoso is not installed: apt-get install --no-install-recommends virtuoso-opensource-7-bin "
    "(Debian; gives virtuoso-t and isql-vt)"
)


class VirtuosoError(Exception):
    """The server could not be started or configured."""


def virtuoso_executable() -> str | None:
    return shutil.which("virtuoso-t")


def isql_executable() -> str | None:
    return shutil.which("isql-vt") or shutil.which("isql-v")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ini(directory: Path, sql_port: int, http_port: int) -> str:
    d = str(directory)
    return f"""\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., {d}
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 64
MaxMemPoolSize = 40000000
; 8 kB pages: about 80 MB of buffers, plenty for a few thousand triples on a 2-core test box
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxQueryMem = 256M
VectorSize = 1000
MaxVectorSize = 1000000
AdjustVectorSize = 0
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}/www
MaxClientConnections = 5
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
MaxKeepAlives = 10
KeepAliveTimeout = 10
MaxCachedProxyConnections = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
EnabledGzipContent = 0

[AutoRepair]
BadParentLinks = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[VDB]
ArrayOptimization = 0
NumArrayParameters = 10
VDBDisconnectTimeout = 1000
KeepConnectionOnFixedThread = 0

[URIQA]
DynamicLocal = 0
DefaultHost = 127.0.0.1:{http_port}

[SPARQL]
ResultSetMaxRows = 100000
; Debian's default. After many updates (publish's batches and MOVE) Virtuoso 7 may estimate these
; few-thousand-triple queries at 400 to 9,600,000 s and refuse them ("The estimated execution time
; … exceeds the limit of 400 (sec)"; openlink/virtuoso-opensource#229, #1395): the publish tests
; use a server of their own (``scratch_virtuoso``). Raising it to 0 (no check) let one query hang
; the server instead.
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
DeferInferenceRulesInit = 0
"""


class VirtuosoServer:
    """``virtuoso-t`` in the foreground on 127.0.0.1 with its own temporary database."""

    user = "dba"

    def __init__(self) -> None:
        self.directory: Path | None = None
        self.sql_port = 0
        self.http_port = 0
        self.password = "dba"  # Virtuoso's initial one; replaced by a random one at start
        self._process: subprocess.Popen[bytes] | None = None
        self.started_in: float | None = None

    # -- addresses ---------------------------------------------------------------------------------
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/sparql"

    @property
    def update_url(self) -> str:
        """The same anonymous endpoint: updates work there after ``GRANT SPARQL_UPDATE``."""
        return f"{self.base}/sparql"

    @property
    def auth_url(self) -> str:
        """Query and update as ``dba``; HTTP Digest only (Basic gets 401)."""
        return f"{self.base}/sparql-auth"

    @property
    def graph_store_url(self) -> str:
        """SPARQL 1.1 Graph Store HTTP Protocol, anonymous (``?graph-uri=`` or ``?graph=``)."""
        return f"{self.base}/sparql-graph-crud"

    @property
    def graph_store_auth_url(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    @property
    def log(self) -> str:
        if self.directory is None:
            return ""
        path = self.directory / "virtuoso.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # -- life cycle --------------------------------------------------------------------------------
    def start(self, timeout: float = 60.0) -> VirtuosoServer:
        exe, isql = virtuoso_executable(), isql_executable()
        if not exe or not isql:
            raise VirtuosoError(INSTALL_HINT)
        began = time.monotonic()
        for attempt in range(2):  # a free port may be taken between probing and binding
            self.directory = Path(tempfile.mkdtemp(prefix="asan-kg-virtuoso-"))
            (self.directory / "www").mkdir()
            self.sql_port, self.http_port = _free_port(), _free_port()
            while self.http_port == self.sql_port:
                self.http_port = _free_port()
            ini = self.directory / "virtuoso.ini"
            ini.write_text(_ini(self.directory, self.sql_port, self.http_port), encoding="utf-8")
            self._process = subprocess.Popen(
                [exe, "+foreground", "+configfile", str(ini)],
                cwd=self.directory,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            try:
                self._wait_until_answering(began + timeout)
                break
            except VirtuosoError:
                log = self.log
                self.stop()
                if attempt or "address already in use" not in log.lower():
                    raise
        try:
            self._configure()
        except BaseException:
            self.stop()
            raise
        self.started_in = time.monotonic() - began
        return self

    def _wait_until_answering(self, deadline: float) -> None:
        assert self._process is not None
        url = self.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise VirtuosoError(f"virtuoso-t exited at start: {self.log.strip()[-600:]}")
            try:
                with urllib.request.urlopen(request, timeout=2) as answer:
                    if answer.status == 200 and b"boolean" in answer.read():
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise VirtuosoError(f"Virtuoso did not answer on {self.query_url} in time: {self.log.strip()[-600:]}")

    def _configure(self) -> None:
        new_password = "asan" + secrets.token_hex(10)  # letters and digits: SET PASSWORD takes no quotes
        self.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
        self.isql(f"SET PASSWORD {self.password} {new_password};")
        self.password = new_password

    def isql(self, sql: str, timeout: float = 60.0) -> str:
        """Run SQL statements as ``dba`` over the ISQL port; raises on an error."""
        isql = isql_executable()
        if not isql:
            raise VirtuosoError(INSTALL_HINT)
        deadline = time.monotonic() + timeout
        while True:
            done = subprocess.run(
                [isql, f"127.0.0.1:{self.sql_port}", self.user, self.password, f"exec={sql}"],
                capture_output=True,
                text=True,
                stdin=subprocess.DEVNULL,
                timeout=timeout,
            )
            out = done.stdout + done.stderr
            if done.returncode == 0 and "*** Error" not in out:
                return out
            # the SQL port may come up a moment after HTTP
            if "Connect failed" in out and time.monotonic() < deadline:
                time.sleep(0.2)
                continue
            raise VirtuosoError(f"isql failed ({done.returncode}) on {sql!r}: {out.strip()[-600:]}")

    def put_graph(self, graph: str, data: bytes, content_type: str = "text/turtle") -> int:
        """Replace ``graph`` with ``data`` by Graph Store Protocol PUT; the HTTP status (201 or 200)."""
        url = self.graph_store_url + "?" + urllib.parse.urlencode({"graph-uri": graph})
        request = urllib.request.Request(url, data=data, method="PUT", headers={"Content-Type": content_type})
        with urllib.request.urlopen(request, timeout=120) as answer:
            return int(answer.status)

    def stop(self, timeout: float = 20.0) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> VirtuosoServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def require_virtuoso() -> None:
    """Skip where Virtuoso is missing; under CI (CI=true) fail instead."""
    if virtuoso_executable() and isql_executable():
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(INSTALL_HINT + " — CI must have it (.ci/run installs it)")
    pytest.skip(INSTALL_HINT)


@pytest.fixture(scope="session")
def virtuoso() -> Iterator[VirtuosoServer]:
    """A running Virtuoso (empty apart from its system graphs), shared by the session."""
    require_virtuoso()
    with VirtuosoServer() as server:
        yield server


@pytest.fixture(scope="module")
def scratch_virtuoso() -> Iterator[VirtuosoServer]:
    """A Virtuoso of a test module's own, for tests that load and replace graphs many times."""
    require_virtuoso()
    with VirtuosoServer() as server:
        yield server
