"""Files we write and read: atomically, with normal permissions, never half-written, and only
regular files read, so a FIFO or a device named ``x.ttl`` cannot hang a run.

May import nothing from asan_kg but ``core.errors``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from asan_kg.core.errors import InputError

NEW_FILE_MODE = 0o644
_PENDING: set[str] = set()  # temporary files of atomic writes in progress (see discard_pending)


def discard_pending() -> None:
    """Remove the temporary files of writes still in progress: a process that must end now
    (``core.deadline``) leaves neither a half-written target nor a stray temporary file."""
    for tmp in list(_PENDING):
        Path(tmp).unlink(missing_ok=True)


def _target(path: Path) -> Path:
    """Where a write lands: a symlink's target (the link stays a link), else the path itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _mode_for(target: Path) -> int:
    """The mode a replaced file keeps; a new file gets 0644 less the umask's extra bits."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return NEW_FILE_MODE & ~umask | (NEW_FILE_MODE & 0o600)


@contextlib.contextmanager
def atomic_writer(path: Path, mode: str = "w") -> Iterator[IO[str] | IO[bytes]]:
    """Yield a handle on a temporary file beside ``path``; on success it replaces ``path`` in one
    rename with the old file's mode (0644 for a new one), on failure it disappears."""
    target = _target(Path(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    file_mode = _mode_for(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    _PENDING.add(tmp)
    try:
        os.fchmod(fd, file_mode)
        if "b" in mode:
            handle: IO[str] | IO[bytes] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        _PENDING.discard(tmp)


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text to ``path`` atomically (see ``atomic_writer``)."""
    with atomic_writer(path) as handle:
        handle.write(text)  # type: ignore[call-overload]


def atomic_write_with(path: Path, write: Callable[[Path], None]) -> None:
    """Let a library write a file by name (openpyxl), into a temporary sibling, then rename."""
    target = _target(Path(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    file_mode = _mode_for(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=target.suffix)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, file_mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def ensure_regular(path: Path, what: str = "file") -> None:
    """Refuse anything but a regular file (or a symlink to one), naming it, before reading."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what}; check the path") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the {what} ({exc.strerror}); check the path") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file; give a {what} saved on disk")


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``.<name>.lock`` beside ``path`` (created 0644 and left there):
    two processes writing the same file take turns, so each can re-read it under the lock."""
    target = _target(Path(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = target.parent / f".{target.name}.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, NEW_FILE_MODE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def fingerprint(path: Path) -> str | None:
    """A SHA-256 of the file's bytes, or None when there is no file: to notice that another
    process replaced it meanwhile."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
