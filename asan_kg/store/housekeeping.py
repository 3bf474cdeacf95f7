"""What the cache folder holds, and removing it: ``asan-kg cache``.

Four kinds of entry live under ``$ASAN_KG_CACHE_DIR`` (default ``~/.cache/asan-kg``), each a
pure function of its key, so removing one loses nothing: the next command that needs it builds
it again (at 1M triples a store costs 6 s, a kept dump a publish's load). Nothing removes them
by itself, and at national scale they add up (1M: 151 MB per store, 150 MB per kept dump):

* ``stores``: on-disk Oxigraph stores, one folder per input content key (``cache``);
* ``answers``: SELECT answers of the results cache, one file each (``answers``);
* ``dumps``: publish's kept N-Triples dumps (folders) and kept tails (files) (``dumps``);
* ``forms``: the remembered form of a query text (``sparql.forms``).

An entry's age is the time it was last written. An entry is removed by renaming it out of
sight first, then deleting it, so a reader sees it whole or not at all; a folder being built
(``.building-*``) belongs to a running command and is left alone. Nothing else in the folder is
touched (e.g. the tests' grlc environment).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from asan_kg.store.cache import cache_root

KINDS = ("stores", "answers", "dumps", "forms")


@dataclass(frozen=True)
class Kind:
    """One kind of entry: how many, how many bytes, and when the newest and oldest were written."""

    name: str
    folder: Path
    entries: int
    size: int
    newest: float | None
    oldest: float | None


def base() -> Path:
    """The cache folder: ``$ASAN_KG_CACHE_DIR``, else the user's cache folder's ``asan-kg``."""
    return cache_root().parent


def entries(kind: str) -> Iterator[Path]:
    """The entries of one kind: the answers' files are one level down (sharded by key)."""
    folder = base() / kind
    tops = [p for p in _listed(folder) if not p.name.startswith(".")]
    if kind != "answers":
        yield from tops
        return
    for shard in tops:
        yield from (p for p in _listed(shard) if not p.name.startswith("."))


def _listed(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir()) if folder.is_dir() and not folder.is_symlink() else []
    except OSError:
        return []


def _size(path: Path) -> int:
    """Bytes under ``path`` (a file or a folder; symbolic links are not followed)."""
    try:
        if not path.is_dir() or path.is_symlink():
            return path.lstat().st_size
        return sum((Path(top) / name).lstat().st_size for top, _, names in os.walk(path) for name in names)
    except OSError:
        return 0


def _written(path: Path) -> float:
    with contextlib.suppress(OSError):
        return path.lstat().st_mtime
    return 0.0


def inventory() -> list[Kind]:
    """Each kind of entry with its count, size and the times its newest and oldest were written."""
    out = []
    for name in KINDS:
        found = list(entries(name))
        times = [_written(p) for p in found]
        out.append(
            Kind(
                name,
                base() / name,
                len(found),
                sum(_size(p) for p in found),
                max(times) if times else None,
                min(times) if times else None,
            )
        )
    return out


def remove(older_than_days: float | None = None) -> tuple[int, int]:
    """Remove every entry (or those written more than ``older_than_days`` days ago); the number
    of entries and bytes removed."""
    cutoff = None if older_than_days is None else time.time() - older_than_days * 86400
    count = size = 0
    _sweep_removals()
    for name in KINDS:
        for path in list(entries(name)):
            if cutoff is not None and _written(path) > cutoff:
                continue
            bytes_ = _size(path)
            if _discard(path):
                count, size = count + 1, size + bytes_
    return count, size


def _sweep_removals() -> None:
    """Finish the removals a killed run left half-done (already out of sight)."""
    for name in KINDS:
        folder = base() / name
        for top in [folder, *_listed(folder)] if name == "answers" else [folder]:
            for left in top.glob(".removing-*") if top.is_dir() else []:
                _delete(left)


def _delete(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()


def _discard(path: Path) -> bool:
    """Rename ``path`` out of sight beside itself, then delete it; False where it cannot be."""
    hidden = path.with_name(f".removing-{uuid.uuid4().hex[:12]}")
    try:
        path.rename(hidden)
    except OSError:
        return False
    _delete(hidden)
    return True
