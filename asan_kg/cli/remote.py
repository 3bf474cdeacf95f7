"""Commands for shared servers: publish the graph to one, or serve it locally."""

from __future__ import annotations

import getpass
import sys
from typing import Annotated

import typer

from asan_kg.cli.common import (
    DataOpt,
    EngineOpt,
    LangOpt,
    RemoteTimeoutOpt,
    Session,
    app,
    console,
    lang_of,
    load,
    with_session,
)
from asan_kg.render.i18n import t

BatchOpt = Annotated[
    int,
    typer.Option(
        "--batch-size",
        min=100,
        help="Triples per SPARQL Update request (Virtuoso 7 takes at most 1426 per INSERT DATA).",
    ),
]
GraphStoreOpt = Annotated[
    str | None,
    typer.Option(
        "--graph-store",
        envvar="ASAN_KG_GRAPH_STORE",
        help="The server's SPARQL Graph Store Protocol URL (Oxigraph …/store, Virtuoso "
        "…/sparql-graph-crud): on Oxigraph 0.5.10+ one atomic PUT replaces --graph; elsewhere it "
        "loads the staging graph instead of update batches. Default 'auto': found on an Oxigraph "
        "server; 'none': update batches only.",
    ),
]


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
    graph_store: GraphStoreOpt = None,
    batch_size: BatchOpt = 1000,
    prompt_password: Annotated[
        bool, typer.Option("--prompt-password", help="Ask for the password (else $ASAN_KG_SPARQL_PASSWORD).")
    ] = False,
    timeout: RemoteTimeoutOpt = 60.0,
    lang: LangOpt = "",
    data: DataOpt = None,
    engine: EngineOpt = "oxigraph",
) -> None:
    """Load ontology and data into one named graph of a server; it ends exactly old or exactly new.

    On Oxigraph 0.5.10 or later, one PUT to its Graph Store replaces --graph in one transaction;
    elsewhere the triples are staged in a graph of their own, counted, then moved onto --graph in
    one step (by SPARQL Update batches unless --graph-store is given). Either way the result is
    counted; updates are sent once, and after a failure the message says what --graph holds, as
    read back. From 1 MB of input, a first publish sends the input files while it loads them, and
    a repeat of unchanged input loads nothing (kept in the cache; off: ASAN_KG_NO_CACHE=1).
    Credentials come from $ASAN_KG_SPARQL_USER and $ASAN_KG_SPARQL_PASSWORD (or --prompt-password),
    the update token of asan-kg serve from $ASAN_KG_SPARQL_TOKEN, never from the command line.
    """
    from asan_kg.remote.kept import publish_source
    from asan_kg.remote.publish import AUTO, check_graph_iri, publish_graph

    language = lang_of(lang)
    check_graph_iri(graph)
    # In memory: the on-disk store dumps 1M triples in 11-13 s, against 3.3 s to load them and
    # 1.1 s to dump them in memory (side by side, busy machine); unchanged input: no load (kept).
    kg = load(data, engine, language, in_memory=True)
    password = getpass.getpass("SPARQL password: ") if prompt_password else None
    result = publish_graph(
        publish_source(kg),
        endpoint,
        graph,
        update_endpoint=update_endpoint,
        graph_store=graph_store or AUTO,
        batch_size=batch_size,
        timeout=timeout,
        password=password,
    )
    console().print(
        t(
            "published",
            language,
            n=result.triples,
            graph=result.graph,
            batches=result.batches,
            s=f"{result.seconds:.2f}",
        ),
        highlight=False,
    )


@app.command("serve", epilog="Examples:  asan-kg serve   ·   asan-kg serve --port 7979 --writable")
@with_session(remote=False)
def serve_cmd(
    session: Session,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port on 127.0.0.1.")] = 7878,
    writable: Annotated[bool, typer.Option("--writable", help="Also accept SPARQL updates.")] = False,
) -> None:
    """Serve the graph on a local Oxigraph SPARQL server on 127.0.0.1, read-only by default.

    Prints the query and update URLs (and, with --writable, the update token that publish reads
    from $ASAN_KG_SPARQL_TOKEN); requests from web pages of another origin are refused. Ctrl-C,
    SIGTERM or SIGHUP stop the server and remove its files."""
    from asan_kg.remote.publish import ntriples_of
    from asan_kg.remote.serve import SharedServer, serve_until_stopped

    language = session.lang
    kg = session.store
    ntriples = ntriples_of(kg).data.decode("utf-8")
    out = console()

    def announce(server: SharedServer) -> None:
        out.print(t("serving", language, n=len(kg), query=server.query_url), highlight=False)
        if server.token:
            out.print(t("serving_update", language, update=server.update_url), highlight=False)
            from asan_kg.remote.urls import TOKEN_HEADER

            out.print(t("serving_token", language, header=TOKEN_HEADER, token=server.token))
        else:
            out.print(t("serving_read_only", language, update=server.update_url), highlight=False)
        sys.stdout.flush()

    serve_until_stopped(SharedServer(port, writable=writable, ntriples=ntriples), announce)
    out.print(t("stopping", language), highlight=False)
