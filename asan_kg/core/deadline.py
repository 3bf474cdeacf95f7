"""A deadline for a whole command on the embedded store: the engine cannot be interrupted in
the middle of a query (a cartesian product in an ad-hoc query could run for hours), so a
watchdog ends the process when the deadline passes — after removing any temporary file an
atomic write had open, so nothing is half-written — with one sentence and a non-zero exit.

May import nothing from asan_kg but ``core``.
"""

from __future__ import annotations

import os
import sys
import threading

from asan_kg.core.errors import EXIT_INPUT
from asan_kg.core.files import discard_pending

_ARMED: list[threading.Timer] = []


def disarm() -> None:
    """Cancel every deadline armed so far: the command has finished (or, under a test runner
    calling commands in-process, must not end the runner's process later)."""
    while _ARMED:
        _ARMED.pop().cancel()


def arm(seconds: float, what: str = "--timeout") -> threading.Timer:
    """End the process ``seconds`` from now unless ``disarm`` is called first."""

    def expire() -> None:
        discard_pending()
        sys.stderr.write(
            f"error: the command did not finish within {what} {seconds:g} s; "
            "narrow the query or the data, or give a longer --timeout\n"
        )
        sys.stderr.flush()
        os._exit(EXIT_INPUT)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    _ARMED.append(timer)
    timer.start()
    return timer
