"""What every ``asan-kg`` command shares: the typer app, options, errors, output."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from asan_kg.render.i18n import Lang, default_lang, t
from asan_kg.store.canonical import atomic_write_text
from asan_kg.store.embedded import Engine, KnowledgeGraph, ResultTable
from asan_kg.store.loading import LoadError

app = typer.Typer(
    help="asan-kg: a knowledge graph of a city's international partnerships (Asan City, Korea).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

EXIT_FINDINGS = 1
EXIT_INPUT = 2

DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help="Folder of .ttl data files (default: the packaged Asan graph)."),
]
LangOpt = Annotated[str, typer.Option("--lang", help="Labels in ko or en (default: $ASAN_KG_LANG, else en).")]
EngineOpt = Annotated[str, typer.Option("--engine", help="Embedded engine: oxigraph (default) or rdflib.")]
EndpointOpt = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        envvar="ASAN_KG_ENDPOINT",
        help="SPARQL query URL of a shared server (instead of --data).",
    ),
]
GraphOpt = Annotated[
    str | None,
    typer.Option(
        "--graph",
        envvar="ASAN_KG_GRAPH",
        help="Named graph to read on --endpoint (sent as default-graph-uri).",
    ),
]
TimeoutOpt = Annotated[
    float,
    typer.Option("--timeout", envvar="ASAN_KG_TIMEOUT", min=0.1, help="Seconds to wait for the endpoint."),
]
OutOpt = Annotated[
    Path | None, typer.Option("--out", help="Write to this file (atomically) instead of stdout.")
]


def console() -> Console:
    """Standard output; lines are not wrapped, so logs and mails keep one message per line."""
    return Console(soft_wrap=True, width=None if sys.stdout.isatty() else 140)


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    Console(stderr=True, soft_wrap=True).print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def lang_of(value: str | None) -> Lang:
    if value in (None, ""):
        return default_lang()
    if value not in ("ko", "en"):
        fail(f"--lang must be ko or en, not {value!r}")
    return value  # type: ignore[return-value]


def engine_of(value: str) -> Engine:
    if value not in ("oxigraph", "rdflib"):
        fail(f"--engine must be oxigraph or rdflib, not {value!r}")
    return value  # type: ignore[return-value]


def date_of(value: str | None, option: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        fail(f"{option} must be a date written YYYY-MM-DD, not {value!r}")


def report_load_error(error: LoadError, lang: Lang) -> NoReturn:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    err.print(f"[bold red]{t('parse_failed', lang)}[/]")
    for problem in error.problems:
        err.print(f"  {problem}", markup=False)
    raise typer.Exit(EXIT_INPUT)


EXIT_REMOTE = 3


def remote_failure(message: str) -> NoReturn:
    """An endpoint failure, shown as one clear sentence (no traceback), exit code 3."""
    fail(message, EXIT_REMOTE)


class CliRemote:
    """The remote store as the commands see it: endpoint errors become clean CLI failures."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def _call(self, name: str, query: str) -> Any:
        from asan_kg.remote.endpoint import EndpointError

        try:
            return getattr(self.inner, name)(query)
        except EndpointError as exc:
            remote_failure(str(exc))

    def select(self, query: str) -> ResultTable:
        return self._call("select", query)  # type: ignore[no-any-return]

    def ask(self, query: str) -> bool:
        return bool(self._call("ask", query))

    def construct(self, query: str) -> Any:
        return self._call("construct", query)


def remote(endpoint: str, graph: str | None, timeout: float, update_endpoint: str | None = None) -> Any:
    from asan_kg.remote.endpoint import EndpointConfig, EndpointError, RemoteStore

    try:
        config = EndpointConfig.from_env(
            endpoint,
            graph=graph,
            update_url=update_endpoint,
            read_timeout=timeout,
            connect_timeout=min(10.0, timeout),
        )
        return RemoteStore(config)
    except EndpointError as exc:
        fail(str(exc))


def load(
    data: Path | None,
    engine: str,
    lang: Lang,
    endpoint: str | None = None,
    graph: str | None = None,
    timeout: float = 60.0,
) -> Any:
    """The store every read command works on: the embedded graph, or a remote endpoint.
    Input errors exit 2 with file and line; endpoint errors exit 3 with one sentence."""
    if endpoint:
        if data is not None:
            fail("--data and --endpoint exclude each other: read local files or a server, not both")
        return CliRemote(remote(endpoint, graph, timeout))
    if graph:
        fail("--graph names a graph on a server; use it with --endpoint")
    try:
        return KnowledgeGraph.load(data, engine=engine_of(engine))
    except LoadError as error:
        report_load_error(error, lang)


def emit(text: str, out: Path | None) -> None:
    """Print ``text`` or write it atomically (UTF-8) to ``out``."""
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write_text(out, text)


def rich_table(columns: list[str], rows: list[list[str]], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table
