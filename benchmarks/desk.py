"""The desk at scale: start ``asan-kg desk`` on 127.0.0.1 with a data folder, time its first page
and a saved-query page through HTTP, and stop it (in a ``finally`` block, whatever happens).

    measure(data) -> {operation: (seconds or None, note)}

Bounded in time: start-up and every request get at most ``limit`` seconds (the desk's own
``--timeout`` is set to the same, so a slow page is measured, not cut at the desk's default 30 s);
a page that fails or times out is reported with ``None`` and the reason. A benchmark, not a test.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PAGES = (
    ("desk: first page (/, status of every partnership)", "/"),
    ("desk: saved-query form (timeline)", "/queries/timeline"),
    ("desk: saved-query result (timeline, run)", "/queries/timeline?run=1"),
    ("desk: saved-query form with a drop-down (partner-activities)", "/queries/partner-activities"),
)
Measured = dict[str, tuple[float | None, str]]


def _address(process: subprocess.Popen[bytes], deadline: float) -> str:
    """The URL the desk prints once its data is loaded (``asan-kg desk: http://…/``)."""
    assert process.stdout is not None
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.perf_counter()))
        if not ready:
            break
        line = process.stdout.readline().decode("utf-8", "replace")
        if not line:
            break
        if "http://" in line:
            return line[line.index("http://") :].strip()
    raise TimeoutError("the desk printed no address in time")


def _get(url: str, limit: float) -> tuple[float | None, str]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=limit) as response:
            body = response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        return None, f"failed after {time.perf_counter() - started:.1f} s: {exc}"
    return time.perf_counter() - started, f"{len(body) / 1e6:.2f} MB of HTML"


def measure(data: Path, limit: float = 300.0) -> Measured:
    """Start the desk on ``data`` (the store as the environment leaves it: the benchmark's rows
    before this one have built it), time the pages in ``PAGES`` in order, stop the desk."""
    exe = str(Path(sys.executable).parent / "asan-kg")
    command = [exe, "desk", "--data", str(data), "--no-browser", "--read-only", "--lang", "en"]
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--timeout", str(limit)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ASAN_KG_LANG": "en"},
    )
    try:
        base = _address(process, started + limit).rstrip("/")
        out: Measured = {"desk: start (data loaded, address printed)": (time.perf_counter() - started, "")}
        for name, path in PAGES:
            out[name] = _get(base + path, limit)
        return out
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


if __name__ == "__main__":
    for operation, (seconds, note) in measure(Path(sys.argv[1])).items():
        print(f"{operation:65s} {'—' if seconds is None else f'{seconds:.3f} s':>10}  {note}")
