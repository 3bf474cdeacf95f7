"""Pausing the garbage collector while big answers are built never leaves it off, nor turns it
on for a program that turned it off."""

from __future__ import annotations

import gc
import threading

import pytest

from asan_kg.analysis import dormancy
from asan_kg.core.collector import paused
from asan_kg.store.table import NativeTable


def test_the_collector_is_back_on_after_a_pause_even_one_that_failed() -> None:
    assert gc.isenabled()
    with paused:
        assert not gc.isenabled()
        with paused:
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused:
        raise RuntimeError("a failed conversion")
    assert gc.isenabled()


def test_a_program_that_turned_the_collector_off_keeps_it_off() -> None:
    gc.disable()
    try:
        with paused:
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_pauses_overlapping_in_threads_leave_the_collector_on() -> None:
    inside, release = threading.Barrier(4), threading.Event()

    def convert() -> None:
        with paused:
            inside.wait()
            release.wait()

    threads = [threading.Thread(target=convert) for _ in range(3)]
    for thread in threads:
        thread.start()
    inside.wait()
    assert not gc.isenabled()
    release.set()
    for thread in threads:
        thread.join()
    assert gc.isenabled()


def test_converting_a_table_and_shaping_verdicts_leave_the_collector_on() -> None:
    table = NativeTable(["x"], [(None,), (None,)], lambda t: t, lambda t: t)
    assert table.values() == [(None,), (None,)]
    assert dormancy.as_dicts([]) == []
    assert gc.isenabled()
