"""``asan-kg desk``: the local web application (see ``asan_kg.desk``)."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from asan_kg.cli.common import DataOpt, EndpointOpt, EngineOpt, GraphOpt, app, console, engine_of, fail


@app.command(
    "desk",
    epilog="Examples:  asan-kg desk  ·  asan-kg desk --data graph_data --lang ko  ·  "
    "asan-kg desk --endpoint http://127.0.0.1:7878/query --graph https://w3id.org/asan-kg/graph/asan",
)
def desk_cmd(
    data: DataOpt = None,
    lang: Annotated[
        str, typer.Option("--lang", help="ko or en (default: Korean where the system locale is Korean).")
    ] = "",
    engine: EngineOpt = "oxigraph",
    endpoint: EndpointOpt = None,
    graph: GraphOpt = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds a request may take before it is stopped.")
    ] = 30.0,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (default: loopback only).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port (default: a free one).")] = 0,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Do not open a browser.")] = False,
    read_only: Annotated[bool, typer.Option("--read-only", help="Turn record entry off.")] = False,
    user: Annotated[
        str, typer.Option("--user", help="Name recorded with each entry (default: the login name).")
    ] = "",
) -> None:
    """Open the desk: partnerships with their status and evidence, a page per partnership, the saved
    queries as forms with downloads, record entry checked against the shapes, the network and the
    report — on 127.0.0.1, in the browser. Ctrl-C stops it."""
    from asan_kg.desk.i18n import default_lang
    from asan_kg.desk.server import LOOPBACK, serve
    from asan_kg.desk.state import DeskConfig

    if lang not in ("", "ko", "en"):
        fail(f"--lang must be ko or en, not {lang!r}")
    if endpoint and data is not None:
        fail("--data and --endpoint exclude each other: read local files or a server, not both")
    if graph and not endpoint:
        fail("--graph names a graph on a server; use it with --endpoint")
    config = DeskConfig(
        data=data,
        endpoint=endpoint,
        graph=graph,
        engine=engine_of(engine),
        lang=default_lang(lang or None),
        read_only=read_only,
        timeout=timeout,
        user=user or getpass.getuser(),
    )
    out = console()
    if host not in LOOPBACK:
        out.print(f"warning: listening on {host}: anyone who can reach it can read the data", highlight=False)
    try:
        serve(config, host, port, not no_browser, say=lambda url: out.print(f"asan-kg desk: {url}"))
    except OSError as exc:
        fail(f"cannot listen on {host}:{port} ({exc.strerror})")
    except KeyboardInterrupt:
        pass
