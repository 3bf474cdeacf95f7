"""The desk's state for one run: its configuration, the store it reads, a per-run token, and a
cache of computed pages that lives until the data changes.

The embedded store is reloaded when a data file changes on disk (or after the desk writes a
record); a remote endpoint is re-read after ``REMOTE_TTL`` seconds.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from asan_kg.core import resources
from asan_kg.render.i18n import Lang
from asan_kg.sparql.querying import Store
from asan_kg.store.embedded import Engine, KnowledgeGraph

T = TypeVar("T")
RECORDS_FILE = "desk-records.ttl"
REMOTE_TTL = 60.0


@dataclass
class DeskConfig:
    data: Path | None = None
    endpoint: str | None = None
    graph: str | None = None
    engine: Engine = "oxigraph"
    lang: Lang = "en"
    read_only: bool = False
    timeout: float = 30.0
    user: str = ""
    origins: set[str] = field(default_factory=set)


class Desk:
    """What every request shares. ``store()`` is safe to call from worker threads."""

    def __init__(self, config: DeskConfig, store: Store | None = None) -> None:
        self.config = config
        self.token = secrets.token_urlsafe(32)
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()
        self._store: Store | None = store
        self._fingerprint: object = self._current_fingerprint() if store is not None else None
        self.version = 0
        self._cache: dict[tuple[Any, ...], Any] = {}

    # -- where the data is -------------------------------------------------------------------
    @property
    def remote(self) -> bool:
        return bool(self.config.endpoint)

    @property
    def writable(self) -> bool:
        return not self.remote and not self.config.read_only

    def data_dir(self) -> Path:
        return self.config.data or resources.data_dir()

    def records_file(self) -> Path:
        """The records file the desk writes, in the data folder (read back with the rest)."""
        return self.data_dir() / RECORDS_FILE

    def origin_allowed(self, origin: str) -> bool:
        return origin.rstrip("/") in self.config.origins

    # -- the store -----------------------------------------------------------------------------
    def _current_fingerprint(self) -> object:
        if self.remote:
            return int(time.monotonic() // REMOTE_TTL)
        fingerprint = []
        for path in resources.data_files(self.config.data):
            try:
                info = path.stat()
            except FileNotFoundError:
                continue
            fingerprint.append((str(path), info.st_mtime_ns, info.st_size))
        return tuple(fingerprint)

    def _load(self) -> Store:
        if self.config.endpoint:
            from asan_kg.remote.endpoint import EndpointConfig, RemoteStore

            remote = EndpointConfig.from_env(
                self.config.endpoint,
                graph=self.config.graph,
                read_timeout=self.config.timeout,
                connect_timeout=min(10.0, self.config.timeout),
            )
            return RemoteStore(remote)
        # In memory, not the on-disk store: the desk loads once and then answers many pages, and
        # queries on the on-disk store run 2.5-6 x slower (the store only saves the start-up).
        return KnowledgeGraph.load(self.config.data, engine=self.config.engine, cache=False)

    def store(self) -> Store:
        """The current store: reloaded first when the data changed since the last load."""
        with self._lock:
            fingerprint = self._current_fingerprint()
            if self._store is None or fingerprint != self._fingerprint:
                store = self._store if (self.remote and self._store is not None) else self._load()
                self._store, self._fingerprint = store, fingerprint
                self.version += 1
                self._cache.clear()
            return self._store

    def reload(self) -> None:
        """Forget the store and everything computed from it (after the desk wrote a record)."""
        with self._lock:
            self._fingerprint = None
        self.store()

    def cached(self, key: tuple[Any, ...], build: Callable[[Store], T]) -> T:
        """``build(store)``, computed once per data version and ``key``."""
        store = self.store()
        full = (self.version, *key)
        if full not in self._cache:
            value = build(store)
            with self._lock:
                self._cache[full] = value
        return self._cache[full]  # type: ignore[no-any-return]
