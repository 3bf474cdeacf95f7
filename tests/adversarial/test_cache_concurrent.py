"""The on-disk store cache when another process holds it: opened read-only, never a RocksDB
lock error; two commands on one cached store both answer."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest

from asan_kg.store.cache import open_store

pytestmark = pytest.mark.adversarial

HOLD = "import pyoxigraph, sys, time; s = pyoxigraph.Store(sys.argv[1]); print('held', flush=True); time.sleep(float(sys.argv[2]))"


def _store(path: Path) -> None:
    store = pyoxigraph.Store(str(path))
    store.add(
        pyoxigraph.Quad(
            pyoxigraph.NamedNode("http://e/a"), pyoxigraph.NamedNode("http://e/b"), pyoxigraph.Literal("c")
        )
    )
    store.flush()
    del store


@pytest.mark.parametrize("holders", [1, 2], ids=["cache-held-by-one", "cache-opened-twice"])
def test_a_store_held_by_another_process_opens_read_only(tmp_path: Path, holders: int) -> None:
    path = tmp_path / "store"
    _store(path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), "10"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        stores = [open_store(path) for _ in range(holders)]
        assert all(len(s) == 1 for s in stores)
    finally:
        holder.kill()
        holder.wait()


def test_cache_unlocked_store_opens_writable(tmp_path: Path) -> None:
    path = tmp_path / "store"
    _store(path)
    store = open_store(path)
    store.add(
        pyoxigraph.Quad(
            pyoxigraph.NamedNode("http://e/x"), pyoxigraph.NamedNode("http://e/y"), pyoxigraph.Literal("z")
        )
    )
    assert len(store) == 2


def test_cache_two_commands_on_one_cached_store(tmp_path: Path) -> None:
    """The second command starts while the first holds the cached store open."""
    import os

    env = {**os.environ, "ASAN_KG_LANG": "en", "ASAN_KG_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "import sys, time; from asan_kg.store.embedded import KnowledgeGraph;"
        "kg = KnowledgeGraph.load(cache=True); print(len(kg), flush=True); time.sleep(8)"
    )
    first = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert first.stdout is not None and int(first.stdout.readline()) > 1000
        started = time.perf_counter()
        second = subprocess.run(
            [sys.executable, "-c", code.replace("time.sleep(8)", "pass")],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert second.returncode == 0, second.stderr
        assert "lock" not in second.stderr.casefold() and "Traceback" not in second.stderr
        assert time.perf_counter() - started < 60
    finally:
        first.kill()
        first.wait()
