"""The cyclic garbage collector paused while many acyclic containers are built.

Why: a result table's rows and a verdict's JSON mapping hold no reference cycle, yet each new
container counts towards the collector's next pass, and at scale its passes scan everything alive
again and again (measured at 5M triples, warm: 0.45 of the 0.7 s building the verdicts' JSON
mappings). Paused, the passes are deferred to the next allocation after the pause, never
skipped: memory is freed by reference counting as before, and a cycle made meanwhile is found by
that next pass.

May import nothing from asan_kg.
"""

from __future__ import annotations

import gc
import threading
from types import TracebackType


class _Paused:
    """``with paused:``: no collection inside the block; the collector as it was afterwards (it
    stays off if the program had turned it off). Pauses may overlap (threads, nesting): the
    last one out restores it. One shared instance, so overlapping pauses know of each other."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._was_enabled = False

    def __enter__(self) -> None:
        with self._lock:
            if self._holders == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._holders += 1

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        with self._lock:
            self._holders -= 1
            if self._holders == 0 and self._was_enabled:
                gc.enable()


paused = _Paused()
