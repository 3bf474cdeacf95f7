"""What every ``asan-kg`` command shares: the typer app, options, errors, output."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from asan_kg.canonical import atomic_write_text
from asan_kg.i18n import Lang, default_lang, t
from asan_kg.loading import LoadError
from asan_kg.store import Engine, KnowledgeGraph

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


def load(data: Path | None, engine: str, lang: Lang) -> KnowledgeGraph:
    """The store every read command works on; input errors exit 2 with file and line."""
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
