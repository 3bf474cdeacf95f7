"""Shared pieces of the network adversarial cases (remote, publish, serve, query forms): faulty
loopback servers, the real console script, and the checks every CLI case makes."""

from __future__ import annotations

import concurrent.futures
import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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
    "CliCase",
    "Outcome",
    "RawServer",
    "Run",
    "answer",
    "assert_one_sentence",
    "check",
    "digest",
    "drop",
    "hang",
    "huge",
    "proxy",
    "redirect",
    "run_cli",
    "run_concurrently",
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


@dataclass
class CliCase:
    """One CLI run against faulty loopback servers. ``build`` starts the servers (on ``stack``)
    and returns the endpoint URL and the servers to inspect afterwards."""

    id: str
    build: Callable[[contextlib.ExitStack[Any]], tuple[str, list[RawServer]]]
    args: Callable[[str], list[str]]
    code: int
    needles: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    secret: str | None = None  # must never be printed
    seen: tuple[int | None, ...] = ()  # requests each server received (None: any)
    max_seconds: float = 15.0


@dataclass
class Outcome:
    run: Run
    servers: list[RawServer]


def run_concurrently(cases: list[CliCase], workers: int = 6, timeout: float = 40.0) -> dict[str, Outcome]:
    """Run every case's console script at once (``workers`` at a time), servers kept up meanwhile,
    so the suite stays fast while each case is still a real subprocess."""
    results: dict[str, Outcome] = {}
    with contextlib.ExitStack() as stack:
        prepared = [(case, *case.build(stack)) for case in cases]

        def one(item: tuple[CliCase, str, list[RawServer]]) -> tuple[str, Outcome]:
            case, url, servers = item
            return case.id, Outcome(run_cli(*case.args(url), env=case.env, timeout=timeout), servers)

        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            results.update(pool.map(one, prepared))
    return results


def check(case: CliCase, outcome: Outcome) -> None:
    """The assertions every CLI case makes."""
    run = outcome.run
    if case.code == 0:
        assert run.code == 0 and "Traceback" not in run.stderr, run.output
    else:
        assert_one_sentence(run, case.code, *case.needles)
    if case.secret:
        assert case.secret not in run.output
    for server, expected in zip(outcome.servers, case.seen, strict=False):
        if expected is not None:
            assert len(server.seen) == expected, (case.id, [s.path for s in server.seen])
    assert run.seconds < case.max_seconds, run.seconds
