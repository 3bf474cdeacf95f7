"""What every ``asan-kg`` command shares: the typer app with its one error handler, the options,
and safe output (no markup, no control characters from the data reach the terminal)."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from asan_kg.core.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_REMOTE, AsanKgError
from asan_kg.core.files import atomic_write_text
from asan_kg.core.text import printable
from asan_kg.render.i18n import Lang, default_lang, t
from asan_kg.store.embedded import Engine, KnowledgeGraph
from asan_kg.store.loading import LoadError
from asan_kg.store.values import parse_date

__all__ = ["EXIT_FINDINGS", "EXIT_INPUT", "EXIT_REMOTE", "Session", "with_session"]

_CHOSEN: dict[str, Lang] = {}


def report_error(error: AsanKgError) -> None:
    """The one place a failure is shown: ``error:`` and its sentence, then one line per problem."""
    lang = _CHOSEN.get("lang") or default_lang()
    err = Console(stderr=True, soft_wrap=True, highlight=False, markup=False)
    if isinstance(error, LoadError):
        err.print(Text(t("parse_failed", lang), style="bold red"))
        lines = error.details()
    else:
        err.print(Text.assemble(("error: ", "bold red"), printable(error.message)))
        lines = error.details()
    for line in lines:
        err.print("  " + printable(line))


class _Commands(TyperGroup):
    """Runs a command; an ``AsanKgError`` becomes its message on stderr and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        from asan_kg.core.deadline import disarm

        try:
            return super().invoke(ctx)
        except AsanKgError as error:
            report_error(error)
            raise typer.Exit(error.exit_code) from None
        finally:
            disarm()  # the command is over: its --timeout must not fire later


app = typer.Typer(
    cls=_Commands,
    help="asan-kg: a knowledge graph of a city's international partnerships.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help="Folder of .ttl data files (default: the packaged graph)."),
]
LangOpt = Annotated[
    str,
    typer.Option("--lang", help="Labels in ko or en (default: $ASAN_KG_LANG, else the locale's, else en)."),
]
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
    float | None,
    typer.Option(
        "--timeout",
        envvar="ASAN_KG_TIMEOUT",
        min=0.01,
        help="Seconds: each request to an --endpoint (default 60); for local files, the whole command.",
    ),
]
REMOTE_TIMEOUT = 60.0
RemoteTimeoutOpt = Annotated[
    float,
    typer.Option(
        "--timeout", envvar="ASAN_KG_TIMEOUT", min=0.1, help="Seconds for each request to the server."
    ),
]
OutOpt = Annotated[
    Path | None, typer.Option("--out", help="Write to this file (atomically) instead of stdout.")
]


class SafeConsole:
    """Standard output for people: markup off (``[draft]`` and ``[/notes]`` in a label print as
    they are) and control characters stripped from every string, so a label cannot move the
    cursor, clear the screen or retitle the window. Rich renderables (tables) are built from
    ``Text`` cells that were cleaned the same way (``rich_table``)."""

    def __init__(self, stderr: bool = False) -> None:
        width = None if sys.stdout.isatty() else 140
        self.rich = Console(stderr=stderr, soft_wrap=True, width=width, markup=False, highlight=False)

    def print(self, *objects: Any, **options: Any) -> None:
        options.pop("markup", None)
        options.pop("highlight", None)
        cleaned = [printable(o) if isinstance(o, str) else o for o in objects]
        self.rich.print(*cleaned, **options)


def console() -> SafeConsole:
    """Standard output; lines are not wrapped, so logs and mails keep one message per line."""
    return SafeConsole()


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    raise AsanKgError(message, exit_code=code)


def lang_of(value: str | None) -> Lang:
    if value in (None, ""):
        _CHOSEN["lang"] = default_lang()
        return _CHOSEN["lang"]
    if value not in ("ko", "en"):
        fail(f"--lang must be ko or en, not {value!r}")
    _CHOSEN["lang"] = value  # type: ignore[assignment]
    return value  # type: ignore[return-value]


def engine_of(value: str) -> Engine:
    if value not in ("oxigraph", "rdflib"):
        fail(f"--engine must be oxigraph or rdflib, not {value!r}")
    return value  # type: ignore[return-value]


def date_of(value: str | None, option: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return parse_date(str(value))
    except ValueError:
        fail(f"{option} must be a date written YYYY-MM-DD, not {value!r}")


def remote(endpoint: str, graph: str | None, timeout: float, update_endpoint: str | None = None) -> Any:
    from asan_kg.remote.endpoint import EndpointConfig, RemoteStore

    config = EndpointConfig.from_env(
        endpoint,
        graph=graph,
        update_url=update_endpoint,
        read_timeout=timeout,
        connect_timeout=min(10.0, timeout),
    )
    return RemoteStore(config)


def load(
    data: Path | None,
    engine: str,
    lang: Lang,
    endpoint: str | None = None,
    graph: str | None = None,
    timeout: float | None = REMOTE_TIMEOUT,
    in_memory: bool = False,
) -> Any:
    """The store every read command works on: the embedded graph, or a remote endpoint.
    Input errors exit 2 with file and line; endpoint errors exit 3 with one sentence.
    ``in_memory``: never the on-disk store, the graph in memory behind the results cache
    (``KnowledgeGraph.for_analysis``, see ``with_session``)."""
    if endpoint:
        if data is not None:
            fail("--data and --endpoint exclude each other: read local files or a server, not both")
        return remote(endpoint, graph, REMOTE_TIMEOUT if timeout is None else timeout)
    if graph:
        fail("--graph names a graph on a server; use it with --endpoint")
    if in_memory:
        return KnowledgeGraph.for_analysis(data, engine=engine_of(engine))
    return KnowledgeGraph.load(data, engine=engine_of(engine))


def emit(text: str, out: Path | None) -> None:
    """Print ``text`` or write it atomically (UTF-8) to ``out``."""
    if out is None:
        sys.stdout.write(printable(text) if sys.stdout.isatty() else text)
        sys.stdout.flush()
    else:
        atomic_write_text(out, text)


def rich_table(columns: list[str], rows: list[list[str]], title: str | None = None) -> Table:
    """A table whose every cell is plain text: markup and control characters in labels are shown
    harmlessly (``Text``), never interpreted."""
    table = Table(title=Text(printable(title)) if title else None, show_lines=False)
    for column in columns:
        table.add_column(Text(printable(column)), overflow="fold")
    for row in rows:
        table.add_row(*(Text(printable(str(cell))) for cell in row))
    return table


@dataclass
class Session:
    """What the store options of a command resolve to: the language now, the store on first use
    (so a command can refuse bad options before it loads anything)."""

    lang: Lang
    data: Path | None = None
    engine: str = "oxigraph"
    endpoint: str | None = None
    graph: str | None = None
    timeout: float | None = None
    in_memory: bool = False
    _store: Any = field(default=None, repr=False)

    @property
    def store(self) -> Any:
        """The embedded graph or the remote endpoint, loaded once (``load``)."""
        if self._store is None:
            timeout = REMOTE_TIMEOUT if self.timeout is None else self.timeout
            self._store = load(
                self.data, self.engine, self.lang, self.endpoint, self.graph, timeout, self.in_memory
            )
        return self._store


def _option(name: str, annotation: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


_LOCAL_OPTIONS = (
    _option("data", DataOpt, None),
    _option("lang", LangOpt, ""),
    _option("engine", EngineOpt, "oxigraph"),
)
_REMOTE_OPTIONS = (
    _option("endpoint", EndpointOpt, None),
    _option("graph", GraphOpt, None),
    _option("timeout", TimeoutOpt, None),
)

Command = Callable[..., Any]


def _local_deadline(session: Session) -> None:
    """``--timeout`` given for a command on local files (not a server): a deadline for the whole
    command, since the embedded engine cannot be interrupted mid-query (``core.deadline``)."""
    if session.endpoint is None and session.timeout is not None:
        from asan_kg.core.deadline import arm

        arm(session.timeout)


def with_session(*, remote: bool = True, analysis: bool = False) -> Callable[[Command], Command]:
    """Give a command the store options, declared once: ``--data --lang --engine`` and, with
    ``remote``, ``--endpoint --graph --timeout``. The command takes a ``session: Session``
    parameter instead; typer sees the options where that parameter stands (``__signature__``).
    ``analysis``: the command's queries run 4-10 times faster on a graph loaded in memory than
    on the on-disk store, even counting the load; a second run on unchanged input reads their
    answers from the results cache instead (``KnowledgeGraph.for_analysis``)::

        @app.command("summary")
        @with_session()
        def summary_cmd(session: Session) -> None:
            print_summary(session.store, session.lang, console())
    """
    options = _LOCAL_OPTIONS + (_REMOTE_OPTIONS if remote else ())
    names = [p.name for p in options]

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command, eval_str=True)
        own = list(signature.parameters.values())
        where = [p.name for p in own].index("session")
        clash = set(names) & set(signature.parameters)
        if clash:
            raise TypeError(f"{command.__name__} declares store options itself: {sorted(clash)}")
        keyword = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own]
        parameters = [*keyword[:where], *options, *keyword[where + 1 :]]

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            chosen = {name: kwargs.pop(name) for name in names if name in kwargs}
            session = Session(lang_of(chosen.pop("lang", "")), **chosen, in_memory=analysis)
            _local_deadline(session)
            try:
                return command(*args, session=session, **kwargs)
            finally:
                from asan_kg.core.deadline import disarm

                disarm()

        run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return run

    return decorate
