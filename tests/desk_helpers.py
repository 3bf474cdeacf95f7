"""The desk on a real loopback port for the tests: uvicorn in a thread, and plain HTTP requests."""

from __future__ import annotations

import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from asan_kg.core import resources
from asan_kg.desk.app import create_app
from asan_kg.desk.server import bind, origins
from asan_kg.desk.state import Desk, DeskConfig
from asan_kg.sparql.querying import Store


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Running:
    url: str  # http://127.0.0.1:PORT
    desk: Desk

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        return request(self.url + path, headers=headers)

    def post(self, path: str, fields: dict[str, str] | list[tuple[str, str]], **headers: str) -> Answer:
        body = urllib.parse.urlencode(fields).encode()
        base = {"Content-Type": "application/x-www-form-urlencoded"}
        return request(self.url + path, body, {**base, **headers})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def request(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> Answer:
    opener = urllib.request.build_opener(_NoRedirect)
    req = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data else "GET")
    try:
        with opener.open(req, timeout=60) as response:
            return Answer(response.status, dict(response.headers.items()), response.read())
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, dict(exc.headers.items()), exc.read())


def copy_data(target: Path) -> Path:
    """A private copy of the packaged graph, for tests that write records."""
    shutil.copytree(resources.data_dir(), target)
    return target


@contextmanager
def running_desk(config: DeskConfig, store: Store | None = None) -> Iterator[Running]:
    """The desk served by uvicorn on a free 127.0.0.1 port, stopped on leaving the block."""
    import uvicorn

    sock = bind("127.0.0.1", 0)
    port = int(sock.getsockname()[1])
    config.origins = origins("127.0.0.1", port)
    desk = Desk(config, store)
    desk.store()
    server = uvicorn.Server(
        uvicorn.Config(create_app(desk), log_level="warning", access_log=False, lifespan="off")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield Running(f"http://127.0.0.1:{port}", desk)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
