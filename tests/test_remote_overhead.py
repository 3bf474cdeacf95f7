"""What a request to a server costs on the client: no thread started per request (one shared
watchdog keeps every deadline), and a deadline still cuts off a server that never answers."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest

from asan_kg.remote.endpoint import EndpointConfig, EndpointError, RemoteStore
from tests.remote_helpers import FakeEndpoint

TSV = b"?x\n1\n"


def _answer(handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, str, bytes]:
    return 200, "text/tab-separated-values", TSV


def test_many_queries_start_no_thread_each(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str] = []
    real_start = threading.Thread.start

    def counting_start(self: threading.Thread) -> None:
        started.append(self.name)
        real_start(self)

    with FakeEndpoint(_answer) as fake:
        remote = RemoteStore(EndpointConfig(fake.url))
        remote.select("SELECT ?x {}")  # the shared watchdog may start here, once
        monkeypatch.setattr(threading.Thread, "start", counting_start)
        for _ in range(20):
            assert remote.select("SELECT ?x {}").values() == [(1,)]
    client_threads = [name for name in started if "process_request_thread" not in name]  # not the fake's
    assert client_threads == [], client_threads


def test_the_shared_watchdog_still_ends_a_request_at_its_deadline() -> None:
    def hang(handler: BaseHTTPRequestHandler, body: bytes) -> tuple[int, str, bytes]:
        time.sleep(3)
        return 200, "text/tab-separated-values", TSV

    with FakeEndpoint(hang) as fake:
        remote = RemoteStore(EndpointConfig(fake.url, timeout=0.5, retries=0))
        started = time.monotonic()
        with pytest.raises(EndpointError) as failed:
            remote.select("SELECT ?x {}")
        assert time.monotonic() - started < 2.5
        assert failed.value.kind == "timeout"
