"""A persistent on-disk Oxigraph store per content of the input files, so a second run of any
command on unchanged data opens the store instead of parsing again.

The key is a SHA-256 over asan-kg's version and every input file's name and bytes; a changed
file means a new key, so a stale store is never used. A store is built in a temporary folder
(bulk load, derivation rules, optimize) and renamed into place only when complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal, Protocol, TypeVar

import pyoxigraph

from asan_kg import __version__
from asan_kg.store.loading import LoadError, check_all


class Loaded(Protocol):
    """What a factory makes of a store: a graph that knows its files and derives rules."""

    files: list[Path]

    def apply_rules(self) -> int: ...


K = TypeVar("K", bound=Loaded)


def cache_root() -> Path:
    base = os.environ.get("ASAN_KG_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "asan-kg"
    )
    return Path(base) / "stores"


def content_key(files: Sequence[Path], derive: bool) -> str:
    digest = hashlib.sha256(f"asan-kg {__version__} derive={derive}\n".encode())
    for path in files:
        digest.update(path.name.encode() + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:32]


def open_store(target: Path) -> pyoxigraph.Store:
    """Open a finished store; when another process holds its lock (RocksDB allows one writer),
    open it read-only instead: a cached store is never written after it is built."""
    try:
        return pyoxigraph.Store(str(target))
    except OSError as exc:
        if "lock" not in str(exc).casefold():
            raise
    return pyoxigraph.Store.read_only(str(target))


_OPEN: dict[Path, pyoxigraph.Store] = {}  # one handle per store and process (RocksDB locks it)


def open_cached(
    make: Callable[[Literal["oxigraph"], pyoxigraph.Store], K], files: Sequence[Path], derive: bool
) -> K:
    root = cache_root()
    target = root / content_key(files, derive)
    if target in _OPEN:
        kg = make("oxigraph", _OPEN[target])
        kg.files = list(files)
        return kg
    if not (target / "READY").exists():
        root.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
        try:
            store = pyoxigraph.Store(str(building / "store"))
            for path in files:
                try:
                    store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
                except (SyntaxError, OSError, ValueError) as exc:
                    raise LoadError(check_all(files)) from exc
            kg = make("oxigraph", store)
            if derive:
                kg.apply_rules()
            store.optimize()
            store.flush()
            del kg, store
            (building / "store" / "READY").touch()
            with contextlib.suppress(OSError):  # another process finished first: use its store
                (building / "store").rename(target)
        finally:
            shutil.rmtree(building, ignore_errors=True)
    _OPEN[target] = open_store(target)
    kg = make("oxigraph", _OPEN[target])
    kg.files = list(files)
    return kg
