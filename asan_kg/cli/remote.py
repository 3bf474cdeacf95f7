"""Commands for shared servers: publish the graph to one, or serve it locally."""

from __future__ import annotations

import getpass
import os
import time
from typing import Annotated

import typer

from asan_kg.cli.common import (
    EXIT_REMOTE,
    DataOpt,
    EngineOpt,
    LangOpt,
    TimeoutOpt,
    app,
    console,
    fail,
    lang_of,
    load,
)
from asan_kg.render.i18n import t


@app.command(
    "publish",
    epilog="Example:  asan-kg publish --endpoint http://127.0.0.1:7878/query --update-endpoint "
    "http://127.0.0.1:7878/update --graph https://w3id.org/asan-kg/graph/asan",
)
def publish_cmd(
    endpoint: Annotated[str, typer.Option("--endpoint", envvar="ASAN_KG_ENDPOINT", help="SPARQL query URL.")],
    graph: Annotated[
        str, typer.Option("--graph", help="The named graph to replace (required; nothing else is touched).")
    ],
    update_endpoint: Annotated[
        str | None,
        typer.Option("--update-endpoint", envvar="ASAN_KG_UPDATE_ENDPOINT", help="SPARQL update URL."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=100, help="Triples per INSERT DATA request.")
    ] = 5000,
    prompt_password: Annotated[
        bool, typer.Option("--prompt-password", help="Ask for the password (else $ASAN_KG_SPARQL_PASSWORD).")
    ] = False,
    timeout: TimeoutOpt = 60.0,
    lang: LangOpt = "",
    data: DataOpt = None,
    engine: EngineOpt = "oxigraph",
) -> None:
    """Load ontology and data into one named graph of a server, all or nothing, and verify the count.

    The triples are staged in a graph of their own, counted, then moved onto --graph in one step;
    a failure before that leaves --graph as it was. Credentials come from $ASAN_KG_SPARQL_USER and
    $ASAN_KG_SPARQL_PASSWORD (or --prompt-password), never from the command line.
    """
    from asan_kg.remote.endpoint import EndpointConfig, EndpointError, RemoteStore
    from asan_kg.remote.publish import publish

    language = lang_of(lang)
    if update_endpoint is None:
        if endpoint.rstrip("/").endswith("/query"):
            update_endpoint = endpoint.rstrip("/")[: -len("/query")] + "/update"
        else:
            fail("give --update-endpoint (the server's SPARQL update URL)")
    kg = load(data, engine, language)
    password = os.environ.get("ASAN_KG_SPARQL_PASSWORD")
    if prompt_password:
        password = getpass.getpass("SPARQL password: ")
    try:
        config = EndpointConfig(
            endpoint,
            update_url=update_endpoint,
            user=os.environ.get("ASAN_KG_SPARQL_USER"),
            password=password,
            read_timeout=timeout,
            connect_timeout=min(10.0, timeout),
        )
        started = time.perf_counter()
        result = publish(kg.triples(), RemoteStore(config), graph, batch_size)
    except EndpointError as exc:
        if exc.kind == "config":
            fail(str(exc))
        fail(str(exc) + " — the target graph was left as it was", EXIT_REMOTE)
    console().print(
        t(
            "published",
            language,
            n=result.triples,
            graph=result.graph,
            batches=result.batches,
            s=f"{time.perf_counter() - started:.2f}",
        ),
        highlight=False,
    )


@app.command("serve", epilog="Examples:  asan-kg serve   ·   asan-kg serve --port 7979 --writable")
def serve_cmd(
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port on 127.0.0.1.")] = 7878,
    writable: Annotated[bool, typer.Option("--writable", help="Also accept SPARQL updates.")] = False,
    lang: LangOpt = "",
    data: DataOpt = None,
    engine: EngineOpt = "oxigraph",
) -> None:
    """Serve the graph on a local Oxigraph SPARQL server on 127.0.0.1, read-only by default.

    Prints the query and update URLs; Ctrl-C stops the server and removes its files."""
    from asan_kg.remote.serve import OxigraphServer, ServerError

    language = lang_of(lang)
    kg = load(data, engine, language)
    ntriples = "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in kg.triples())
    server = OxigraphServer(port, read_only=not writable, ntriples=ntriples)
    try:
        server.start()
    except ServerError as exc:
        fail(str(exc))
    out = console()
    out.print(t("serving", language, n=len(kg), query=server.query_url), highlight=False)
    if writable:
        out.print(t("serving_update", language, update=server.update_url), highlight=False)
    else:
        out.print(t("serving_read_only", language, update=server.update_url), highlight=False)
    try:
        while server.running:
            time.sleep(0.5)
    except KeyboardInterrupt:
        out.print(t("stopping", language), highlight=False)
    finally:
        server.stop()
