"""Kept dumps: the N-Triples that ``publish`` sent, kept under the input's content key, so that a
second publish of unchanged input sends them again without loading the graph.

Why: at 1M triples the whole ``asan-kg publish`` command took 6.1 s against the server's own bulk
load of 2.5 s, and 2.7 s of it was our own load of the data in memory (ontology, data, rules)
before the first byte was sent. The dump is the graph that load would produce (only the labels
of blank nodes differ from one load to the next), so where the key (``cache.content_key``:
asan-kg's and pyoxigraph's versions, every input file's name and bytes, the rules and the
store-building code) is unchanged it can be sent as it is.

Layout: ``$ASAN_KG_CACHE_DIR/dumps/<key>/graph.nt`` and, beside it, ``meta.json`` with the
dump's byte length, its SHA-256 and its triple count (the count publish checks on the server
after the upload, known without loading). The folder is written under a temporary name while the
dump streams (``Keeper``) and renamed into place only once the dump is complete and its line
count is the store's size, so a failed or cancelled dump leaves nothing (a killed process leaves
its private folder, which the next keeper sweeps once it is an hour old). The file is not fsynced:
a dump damaged by a crash is caught instead by ``find``, which checks the length and the hash
before the dump is used (0.1 s at 1M: SHA-256 runs at about 1.8 GB/s here) and removes a damaged
one. ``ASAN_KG_NO_CACHE=1`` turns it off (the caller decides, as for the results cache).
Nothing removes the dumps of older inputs (150 MB at 1M triples), as for the stores and answers.

Where ``publish`` sent the input files themselves (``remote.inputs``), what it keeps is smaller:
the *tail* of that body, the triples the rules derived (N-Triples, 3 MB at 1M), with the graph's
triple count, in one file written atomically (``<key>.tail.json``); with unchanged input files
(the key, checked again on the bytes sent) the files and the tail are the whole graph again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from asan_kg.core.files import atomic_write_text
from asan_kg.store.cache import cache_root

#: How a kept dump is laid out; another value in ``meta.json`` is not read.
DUMPS_FORMAT = 1
NAME, META = "graph.nt", "meta.json"
#: A keeper's private folder unchanged this long belongs to a process that was killed.
STALE_SECONDS = 3600.0
_BLOCK = 1 << 20


def dumps_root() -> Path:
    """Beside the stores: ``$ASAN_KG_CACHE_DIR/dumps`` (else the user's cache folder)."""
    return cache_root().parent / "dumps"


@dataclass(frozen=True)
class KeptDump:
    """A complete dump whose length and hash were checked when it was found."""

    path: Path
    size: int
    sha256: str
    triples: int


def file_digest(path: Path) -> tuple[int, str]:
    """The length and SHA-256 of a file, read in blocks."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def _meta(folder: Path) -> KeptDump | None:
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        if meta.get("format") != DUMPS_FORMAT:
            return None
        return KeptDump(folder / NAME, int(meta["bytes"]), str(meta["sha256"]), int(meta["triples"]))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def find(key: str) -> KeptDump | None:
    """The kept dump for ``key`` if there is one and it is intact (its length and SHA-256 are the
    ones recorded beside it); a damaged or incomplete one is removed, so the next publish keeps a
    good one again."""
    folder = dumps_root() / key
    if not folder.is_dir():
        return None
    kept = _meta(folder)
    try:
        intact = kept is not None and file_digest(kept.path) == (kept.size, kept.sha256)
    except OSError:
        intact = False
    if intact:
        return kept
    shutil.rmtree(folder, ignore_errors=True)
    return None


def discard(kept: KeptDump) -> None:
    """Remove a kept dump found damaged after it was checked (the next publish keeps one again)."""
    shutil.rmtree(kept.path.parent, ignore_errors=True)


def sweep(root: Path, older_than: float = STALE_SECONDS) -> None:
    """Remove the private folders of keepers that ended without cleaning up (a process killed
    by SIGTERM or SIGKILL leaves up to a whole dump there), once nothing in them changed for
    ``older_than`` seconds. A live keeper whose folder is removed only fails to commit: its
    open file goes on, the rename of its folder fails, nothing is kept."""
    now = time.time()
    for folder in root.glob(".building-*"):
        try:
            changed = max([folder.stat().st_mtime, *(p.stat().st_mtime for p in folder.iterdir())])
        except OSError:
            continue
        if now - changed > older_than:
            shutil.rmtree(folder, ignore_errors=True)


class Keeper:
    """Writes one dump to a private folder as it streams; ``commit`` renames it into place under
    its key, ``abort`` removes it. A write that fails (a full disk) stops the keeping, never the
    dump."""

    def __init__(self, key: str, triples: int) -> None:
        self.key = key
        self.triples = triples
        self.root = dumps_root()
        self.root.mkdir(parents=True, exist_ok=True)
        sweep(self.root)
        self.folder: Path | None = Path(tempfile.mkdtemp(prefix=".building-", dir=self.root))
        self._handle: IO[bytes] | None = (self.folder / NAME).open("wb")
        self._digest = hashlib.sha256()
        self.size = 0
        self.lines = 0

    @classmethod
    def start(cls, key: str, triples: int) -> Keeper | None:
        """A keeper of a dump of ``triples`` triples, or None where the cache folder cannot be
        written (publish goes on)."""
        try:
            return cls(key, triples)
        except OSError:
            return None

    def write(self, chunk: bytes) -> None:
        if self._handle is None:
            return
        try:
            self._handle.write(chunk)
        except OSError:
            self.abort()
            return
        self._digest.update(chunk)
        self.size += len(chunk)
        self.lines += chunk.count(b"\n")

    def commit(self) -> bool:
        """Keep the dump if it is whole (one line per triple); True when it was put in place."""
        handle, folder, triples = self._handle, self.folder, self.triples
        if handle is None or folder is None or self.lines != triples:
            self.abort()
            return False
        try:
            handle.close()
            self._handle = None
            meta = {"format": DUMPS_FORMAT, "bytes": self.size, "sha256": self._digest.hexdigest()}
            (folder / META).write_text(json.dumps({**meta, "triples": triples}) + "\n", encoding="utf-8")
            for path in (folder / NAME, folder / META):
                path.chmod(0o644)
            folder.chmod(0o755)
            folder.rename(self.root / self.key)  # fails where another process kept it first
        except OSError:
            self.abort()
            return False
        self.folder = None
        return True

    def abort(self) -> None:
        """Remove what was written; nothing is kept."""
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


@dataclass(frozen=True)
class Tail:
    """The derived triples a publish of the input files ended its body with, and the graph's count."""

    derived: bytes
    triples: int


def _tail_path(key: str) -> Path:
    return dumps_root() / f"{key}.tail.json"


def keep_tail(key: str, tail: Tail) -> None:
    """Keep ``tail`` under ``key`` (atomically, 0644; nothing where the folder cannot be written)."""
    text = tail.derived.decode("utf-8")
    meta = {
        "format": DUMPS_FORMAT,
        "triples": tail.triples,
        "sha256": hashlib.sha256(tail.derived).hexdigest(),
    }
    with contextlib.suppress(OSError):
        atomic_write_text(_tail_path(key), json.dumps({**meta, "derived": text}, ensure_ascii=False))


def find_tail(key: str) -> Tail | None:
    """The tail kept under ``key``, if it is whole (its SHA-256 the recorded one); a damaged one
    is removed."""
    path = _tail_path(key)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        derived = str(doc["derived"]).encode("utf-8")
        if doc.get("format") == DUMPS_FORMAT and hashlib.sha256(derived).hexdigest() == doc["sha256"]:
            return Tail(derived, int(doc["triples"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass
    with contextlib.suppress(OSError):
        path.unlink()
    return None
