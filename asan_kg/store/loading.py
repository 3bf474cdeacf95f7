"""Parse Turtle files with errors a person can act on: which file, which line, what to do.

Only regular files are read: a FIFO, a device or a folder named ``x.ttl`` is reported, never
opened (a FIFO would hang the run); a data folder without any Turtle file is refused by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph

from asan_kg.core.errors import InputError
from asan_kg.core.files import ensure_regular


@dataclass(frozen=True)
class ParseProblem:
    """One file that does not parse."""

    path: Path
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        if self.column:
            where += f":{self.column}"
        return f"{where}: {self.message}"


class LoadError(InputError):
    """Raised when input files cannot be read or parsed; carries every problem found."""

    def __init__(self, problems: list[ParseProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def details(self) -> list[str]:
        return [str(p) for p in self.problems]


def check_syntax(path: Path) -> ParseProblem | None:
    """Parse ``path`` as Turtle with Oxigraph's strict parser; return the first problem, if any."""
    problem = not_regular(path)
    if problem is not None:
        return problem
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ParseProblem(path, None, None, f"cannot read the file ({exc.strerror}); check the path")
    return check_text(path, data)


def check_text(path: Path, data: bytes) -> ParseProblem | None:
    """``check_syntax`` of the bytes ``data`` read from ``path``."""
    if data.startswith(b"\xef\xbb\xbf"):
        return ParseProblem(
            path, 1, 1, "the file starts with a byte order mark; save it as UTF-8 without BOM"
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return ParseProblem(path, line, None, "not UTF-8 text; save the file as UTF-8")
    try:
        for _ in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
            pass
    except SyntaxError as exc:
        detail = str(exc.msg) if getattr(exc, "msg", None) else str(exc)
        return ParseProblem(path, exc.lineno, exc.offset, f"Turtle syntax error: {detail}")
    return None


def check_all(paths: Iterable[Path]) -> list[ParseProblem]:
    """Syntax problems of every file (not only the first), so one run reports them all."""
    return [p for p in (check_syntax(path) for path in paths) if p is not None]


# Below this size a file is loaded in one transaction (``Store.load``): ``bulk_load`` has a fixed
# cost per call, which the 30 small files of the ontology and the Asan graph pay 30 times
# (measured: the 21 ontology files took 1.1-2.1 s bulk-loaded into an on-disk store against
# 0.2-0.3 s loaded; in memory 18-44 ms against 11-20 ms). Above it ``bulk_load`` keeps memory low.
BULK_MIN_BYTES = 1_000_000

_LOAD_ERRORS = (SyntaxError, OSError, UnicodeDecodeError, ValueError)


def load_into(store: pyoxigraph.Store, files: Sequence[Path]) -> None:
    """Parse each file once into ``store`` (in memory or on disk), relative IRIs resolved against
    the file's own URI; on a failure, ``LoadError`` lists every broken file, not only the first."""
    for path in files:
        try:
            _load_one(store, path, path.stat().st_size, path=str(path))
        except _LOAD_ERRORS as exc:
            problems = check_all(files)
            if not problems:
                raise
            raise LoadError(problems) from exc


def load_texts_into(store: pyoxigraph.Store, texts: Sequence[tuple[Path, bytes]]) -> None:
    """``load_into`` of files already read (``texts``: each file and its bytes), so that what is
    loaded is exactly what the caller read, and may send elsewhere (``remote.inputs``)."""
    for path, data in texts:
        try:
            _load_one(store, path, len(data), input=data)
        except _LOAD_ERRORS as exc:
            problems = [p for p in (check_text(path, data) for path, data in texts) if p is not None]
            if not problems:
                raise
            raise LoadError(problems) from exc


def _load_one(store: pyoxigraph.Store, file: Path, size: int, **source: Any) -> None:
    """One file into ``store``, from its path or its bytes (``source``), by one rule either way:
    the loader for its size, relative IRIs against the file's own URI (a publish that sends the
    files relies on both ways reading them alike)."""
    load = store.bulk_load if size >= BULK_MIN_BYTES else store.load
    load(**source, format=pyoxigraph.RdfFormat.TURTLE, base_iri=file.resolve().as_uri())


def not_regular(path: Path) -> ParseProblem | None:
    """A problem when ``path`` is not a regular file one can read (FIFO, folder, broken link)."""
    try:
        ensure_regular(path, "Turtle file")
    except InputError as exc:
        return ParseProblem(path, None, None, str(exc).removeprefix(f"{path}: "))
    return None


def data_files(directory: Path) -> list[Path]:
    """The Turtle files of a data folder, sorted; ``LoadError`` when the folder is missing, holds
    no Turtle file, or holds something named ``*.ttl`` that is not a regular file."""
    if not directory.is_dir():
        raise LoadError(
            [
                ParseProblem(
                    directory, None, None, "no such data directory; pass --data with a folder of .ttl files"
                )
            ]
        )
    files = sorted(directory.rglob("*.ttl"))
    problems = [p for p in (not_regular(path) for path in files) if p is not None]
    if problems:
        raise LoadError(problems)
    if not files:
        raise LoadError(
            [
                ParseProblem(
                    directory,
                    None,
                    None,
                    "the data directory holds no .ttl file; pass --data with a folder of .ttl files",
                )
            ]
        )
    return files


def input_files(paths: Iterable[Path]) -> list[Path]:
    """``paths`` after checking that each is a regular file (``LoadError`` lists those that are not)."""
    paths = list(paths)
    problems = [p for p in (not_regular(path) for path in paths) if p is not None]
    if problems:
        raise LoadError(problems)
    return paths
