"""The remote column of the national benchmark: the same work over HTTP on a local Oxigraph server.

Starts ``oxigraph serve`` on a free 127.0.0.1 port (``asan_kg.remote.serve.OxigraphServer``),
times the server's own bulk loads of the graph as N-Triples (``oxigraph load`` into a fresh
folder, and a Graph Store HTTP POST of the file), times ``asan-kg publish`` twice (wall, and the
publish step as it reports itself: on this server one transactional Graph Store ``PUT`` onto the
target), then each saved query, dormancy and concentration through ``RemoteStore`` and
``asan-kg dormant --endpoint`` (wall). Loopback only; the server is stopped in a ``finally``
block.

The two publishes: the **first** with an empty cache folder (``ASAN_KG_CACHE_DIR``), into the
empty target graph — start-up, asan-kg's own load of the data in memory, the dump streamed (and
kept); then a **repeat** of unchanged input with the same cache folder, replacing the graph the
first one wrote — start-up, the input's content key, the kept dump checked and streamed, no load
(``asan_kg.store.dumps``). The repeat's server-side work includes dropping the old graph in the
same transaction, which the bulk loads (into an empty graph) do not.

The server keeps its data in memory, like the embedded column it is compared with, so the
ratio measures HTTP and the client. ``ASAN_KG_BENCH_SERVER=disk`` starts it on a RocksDB
folder instead (``--location``): Oxigraph's on-disk storage is itself several times slower
than its in-memory one on these queries (measured in one process at 100k: 17.7 s against
4.1 s for the saved-query suite), and its ``MOVE`` of a million triples (the staging path of
servers older than Oxigraph 0.5.10) takes minutes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from asan_kg.analysis import concentration, dormancy
from asan_kg.remote.endpoint import EndpointConfig, RemoteStore
from asan_kg.remote.serve import OxigraphServer, oxigraph_executable
from asan_kg.store.embedded import KnowledgeGraph

GRAPH = "https://w3id.org/asan-kg/graph/bench"
BULK_GRAPH = "urn:asan-kg:bench:bulk"

Timer = Callable[[Callable[[], object], int], float]


def _post(url: str, path: Path, method: str = "POST") -> None:
    with path.open("rb") as body:
        request = urllib.request.Request(
            url,
            data=body if method == "POST" else None,
            method=method,
            headers={"Content-Type": "application/n-triples", "Content-Length": str(path.stat().st_size)}
            if method == "POST"
            else {},
        )
        with urllib.request.urlopen(request, timeout=3600) as response:
            response.read()


def _bulk_loads(server: OxigraphServer, dump: Path, out: dict[str, Any]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="asan-kg-bench-load-"))
    try:
        started = time.perf_counter()
        subprocess.run(
            [oxigraph_executable(), "load", "--location", str(folder / "db"), "--file", str(dump)],
            check=True,
            capture_output=True,
        )
        out["oxigraph load (CLI, fresh folder)"] = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    store_url = f"{server.base}/store?graph={urllib.parse.quote(BULK_GRAPH, safe='')}"
    started = time.perf_counter()
    _post(store_url, dump)
    out["Graph Store HTTP POST"] = time.perf_counter() - started
    _post(store_url, dump, "DELETE")


def _publish_once(server: OxigraphServer, exe: str, data: Path, cache: Path) -> tuple[float, float | None]:
    """Wall seconds of one ``asan-kg publish`` and the step's seconds as it reports them."""
    started = time.perf_counter()
    done = subprocess.run(
        [
            *(exe, "publish", "--data", str(data), "--endpoint", server.query_url),
            *("--update-endpoint", server.update_url, "--graph", GRAPH, "--timeout", "3600", "--lang", "en"),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "ASAN_KG_CACHE_DIR": str(cache)},
    )
    wall = time.perf_counter() - started
    said = re.search(r"([0-9.]+) s\)", done.stdout)
    return wall, float(said.group(1)) if said else None


def _publish(server: OxigraphServer, exe: str, data: Path, out: dict[str, Any]) -> None:
    """The first publish (empty cache folder, empty target) and a repeat of unchanged input."""
    with tempfile.TemporaryDirectory(prefix="asan-kg-bench-publish-") as cache:
        first = _publish_once(server, exe, data, Path(cache))
        kept = Path(cache) / "dumps"  # nothing below 1 MB
        out["publish kept"] = (
            "the kept tail: the files sent again with it, no load"
            if any(kept.glob("*.tail.json"))
            else "the kept dump, no load"
            if any(kept.glob("*/meta.json"))
            else "input below 1 MB: loaded again"
        )
        repeat = _publish_once(server, exe, data, Path(cache))
    out["asan-kg publish (wall)"], out["publish step (as reported)"] = first
    out["asan-kg publish, repeat (wall)"], out["publish step, repeat (as reported)"] = repeat


def measure(
    kg: KnowledgeGraph, data: Path, queries: dict[str, str], repeat: int, timer: Timer
) -> dict[str, Any]:
    """Seconds per operation over HTTP, keyed like the embedded rows (``query NAME``, ...)."""
    out: dict[str, Any] = {}
    exe = str(Path(sys.executable).parent / "asan-kg")
    work = Path(tempfile.mkdtemp(prefix="asan-kg-bench-remote-"))
    server = OxigraphServer(in_memory=os.environ.get("ASAN_KG_BENCH_SERVER", "memory") != "disk")
    try:
        dump = work / "graph.nt"
        kg.dump_ntriples(dump)
        server.start(timeout=120)
        _bulk_loads(server, dump, out)
        _publish(server, exe, data, out)
        remote = RemoteStore(EndpointConfig(server.query_url, graph=GRAPH, timeout=3600))
        for name, text in queries.items():
            out[f"query {name}"] = timer(lambda t=text: remote.select(t), repeat)  # type: ignore[misc]
        out["dormancy"] = timer(lambda: dormancy.assess(remote), repeat)
        out["concentration"] = timer(lambda: concentration.analyse(remote, "country"), repeat)
        out["cli dormant"] = timer(
            lambda: subprocess.run(
                [exe, "dormant", "--endpoint", server.query_url, "--graph", GRAPH, "--format", "json"],
                capture_output=True,
                check=True,
            ),
            repeat,
        )
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    return out
