"""Shared pieces of the network adversarial cases (remote, publish, serve, query forms): faulty
loopback servers, the real console script, and the checks every CLI case makes."""

from __future__ import annotations

import re

from tests.remote_helpers import (
    ASAN_KG,
    EMPTY_RESULTS,
    RawServer,
    Run,
    answer,
    digest,
    drop,
    hang,
    huge,
    proxy,
    redirect,
    run_cli,
    trickle,
)

__all__ = [
    "ASAN_KG",
    "EMPTY_RESULTS",
    "RawServer",
    "Run",
    "answer",
    "assert_one_sentence",
    "digest",
    "drop",
    "hang",
    "huge",
    "proxy",
    "redirect",
    "run_cli",
    "trickle",
]


def assert_one_sentence(run: Run, code: int, *needles: str) -> None:
    """Exit ``code``; stderr is one ``error:`` line holding every needle; no traceback anywhere."""
    assert run.code == code, run.output
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), run.stderr
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", run.stderr), repr(run.stderr)
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
