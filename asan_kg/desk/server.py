"""Run the desk: bind a free port on loopback (unless told otherwise), print the address, open
the browser, serve until Ctrl-C."""

from __future__ import annotations

import socket
import threading
import webbrowser
from collections.abc import Callable

from asan_kg.desk.state import Desk, DeskConfig

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def origins(host: str, port: int) -> set[str]:
    """The origins the desk's own pages have (POSTs from anywhere else are refused)."""
    name = f"[{host}]" if ":" in host else host
    found = {f"http://{name}:{port}"}
    if host in LOOPBACK:
        found |= {f"http://127.0.0.1:{port}", f"http://localhost:{port}"}
    return found


def serve(
    config: DeskConfig,
    host: str = "127.0.0.1",
    port: int = 0,
    open_browser: bool = True,
    say: Callable[[str], None] = print,
) -> None:
    """Load the data, then serve the desk on ``host:port`` (0: a free port) until interrupted."""
    import uvicorn

    from asan_kg.desk.app import create_app

    sock = bind(host, port)
    port = int(sock.getsockname()[1])
    config.origins = origins(host, port)
    desk = Desk(config)
    desk.store()  # data errors surface here, before the address is printed
    app = create_app(desk)
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, lifespan="off")
    )
    say(url)
    if open_browser:
        threading.Timer(0.3, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
