"""Shared by the adversarial file, sheet, fmt, Turtle, twin-town and cache cases: run the real
console script, and check what every user-visible case must hold (exit code, a message naming
the place at fault, no traceback, inputs unchanged, outputs complete or absent, mode 0644)."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

CLI = Path(sys.executable).parent / "asan-kg"
ACTIVITY_HEADER = (
    "id,agreement ids (; between),title (English),title (Korean),activity types (; between),"
    "direction,start date (YYYY-MM-DD),end date (YYYY-MM-DD),statistics field,persons"
)
AGREEMENT_HEADER = (
    "id,kind,signed on (YYYY-MM-DD),signing activity id,focus fields (; between),home city (English),"
    "home city (Korean),home country (ISO 3166),partner city (English),partner city (Korean),"
    "partner country (ISO 3166)"
)
GOOD_ACTIVITY = "ok1,asan-dongguan,Visit,방문,delegation-visit,inbound,2015-05-01,2015-05-02,economy,4"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run(*args: str | Path, cwd: Path, timeout: float = 60, env: dict[str, str] | None = None) -> Run:
    """The installed ``asan-kg`` as a user runs it, English messages, a private cache folder."""
    environment = {
        **os.environ,
        "ASAN_KG_LANG": "en",
        "ASAN_KG_CACHE_DIR": str(cwd / ".cache"),
        **(env or {}),
    }
    done = subprocess.run(
        [str(CLI), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=timeout,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def digest(paths: list[Path]) -> dict[str, str]:
    """A hash of each regular file (what must not change)."""
    out = {}
    for path in paths:
        if path.is_file():
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def check(result: Run, code: int, *needles: str) -> None:
    """Exit code, every needle in the output, and never a traceback."""
    assert result.code == code, result.text
    for needle in needles:
        assert needle in result.text, (needle, result.text)
    assert "Traceback" not in result.err, result.err


def new_files_are_0644(folder: Path, before: set[Path]) -> None:
    """Files created by the run (not left-over temporaries) are complete and mode 0644."""
    for path in folder.rglob("*"):
        if path in before or path.is_symlink() or not path.is_file() or ".cache" in path.parts:
            continue
        assert not path.name.endswith(".tmp"), f"temporary file left behind: {path}"
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, (path, oct(path.stat().st_mode))


def files_in(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], title: str = "activities") -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    book.save(path)
