"""The ``asan-kg`` command line (typer + rich)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from asan_kg import catalog, resources
from asan_kg.canonical import atomic_write_text, canonical_file_text
from asan_kg.i18n import SUMMARY_LABELS, Lang, default_lang, t
from asan_kg.loading import LoadError
from asan_kg.namespaces import compact
from asan_kg.store import Engine, KnowledgeGraph
from asan_kg.validation import ValidationReport, validate

app = typer.Typer(
    help="asan-kg: a knowledge graph of a city's international partnerships (Asan City, Korea).",
    no_args_is_help=True,
    add_completion=False,
)

EXIT_INVALID = 1
EXIT_INPUT = 2

DataOpt = Annotated[
    Path | None,
    typer.Option("--data", help="Folder of .ttl data files (default: the bundled Asan graph)."),
]
LangOpt = Annotated[str, typer.Option("--lang", help="ko or en (default: $ASAN_KG_LANG or ko).")]
EngineOpt = Annotated[str, typer.Option("--engine", help="oxigraph (default) or rdflib.")]


def _console() -> Console:
    """Standard output; lines are not wrapped, so logs and mails keep one message per line."""
    return Console(soft_wrap=True)


def _lang(value: str | None) -> Lang:
    if value in (None, ""):
        return default_lang()
    if value not in ("ko", "en"):
        _fail(f"--lang must be ko or en, not {value!r}", EXIT_INPUT)
    return value  # type: ignore[return-value]


def _engine(value: str) -> Engine:
    if value not in ("oxigraph", "rdflib"):
        _fail(f"--engine must be oxigraph or rdflib, not {value!r}", EXIT_INPUT)
    return value  # type: ignore[return-value]


def _fail(message: str, code: int) -> None:
    Console(stderr=True, soft_wrap=True).print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _report_load_error(error: LoadError, lang: Lang) -> None:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    err.print(f"[bold red]{t('parse_failed', lang)}[/]")
    for problem in error.problems:
        err.print(f"  {problem}", markup=False)
    raise typer.Exit(EXIT_INPUT)


def _print_report(report: ValidationReport, lang: Lang, console: Console) -> None:
    """One block per violation, readable in a terminal, a log file or a mail alike."""
    if report.conforms:
        console.print(t("valid", lang, files=len(report.files), triples=report.triples), style="green")
        return
    console.print(
        t("invalid", lang, n=len(report.violations), files=len(report.files), triples=report.triples),
        style="bold red",
    )
    for v in report.violations:
        console.print(f"✗ {v.label(lang)}  ({compact(v.focus)})", style="bold", markup=False)
        if v.property:
            console.print(f"    {v.property}" + (f" = {v.value}" if v.value else ""), markup=False)
        console.print(f"    {v.message(lang)}  [{v.rule}]", markup=False)


def _run_validation(data: Path | None, extra: list[Path], lang: Lang, engine: Engine) -> ValidationReport:
    try:
        return validate(data, extra_files=extra, engine=engine)
    except LoadError as error:
        _report_load_error(error, lang)
        raise  # unreachable: _report_load_error exits


@app.command("validate")
def validate_cmd(
    data: DataOpt = None,
    extra: Annotated[
        list[Path] | None, typer.Option("--extra", help="More .ttl files to check with the data.")
    ] = None,
    lang: LangOpt = "",
    engine: EngineOpt = "oxigraph",
) -> None:
    """Check every TTL file, the SHACL shapes and the *-violation queries. Writes nothing.

    Exit 0 when valid, 1 when the data violates a shape or check, 2 when a file does not parse.
    """
    language = _lang(lang)
    report = _run_validation(data, list(extra or []), language, _engine(engine))
    _print_report(report, language, _console())
    raise typer.Exit(0 if report.conforms else EXIT_INVALID)


def _print_summary(kg: KnowledgeGraph, lang: Lang, console: Console) -> None:
    query = catalog.load_query(resources.queries_dir() / "graph-summary.rq")
    row = kg.select(query.text).dicts()[0]
    table = Table(title=t("summary_title", lang))
    table.add_column("")
    table.add_column("#", justify="right")
    for key, value in row.items():
        table.add_row(SUMMARY_LABELS.get(key, {}).get(lang, key), str(value))
    console.print(table)


@app.command("build")
def build_cmd(data: DataOpt = None, lang: LangOpt = "", engine: EngineOpt = "oxigraph") -> None:
    """The main job: load and validate the graph, then print what it holds."""
    language = _lang(lang)
    console = _console()
    report = _run_validation(data, [], language, _engine(engine))
    _print_report(report, language, console)
    if not report.conforms:
        raise typer.Exit(EXIT_INVALID)
    _print_summary(KnowledgeGraph.load(data, engine=_engine(engine)), language, console)


@app.command("summary")
def summary_cmd(data: DataOpt = None, lang: LangOpt = "", engine: EngineOpt = "oxigraph") -> None:
    """Print how much the graph holds."""
    language = _lang(lang)
    try:
        kg = KnowledgeGraph.load(data, engine=_engine(engine))
    except LoadError as error:
        _report_load_error(error, language)
    _print_summary(kg, language, _console())


@app.command("fmt")
def fmt_cmd(
    files: Annotated[
        list[Path] | None, typer.Argument(help="TTL files (default: every file of graph_data/).")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only report files not in canonical form; exit 1.")
    ] = False,
    lang: LangOpt = "",
) -> None:
    """Rewrite data files in canonical (sorted, deterministic) Turtle so diffs stay reviewable."""
    language = _lang(lang)
    paths = list(files or resources.data_files())
    from asan_kg.loading import check_all

    problems = check_all(paths)
    if problems:
        _report_load_error(LoadError(problems), language)
    console = _console()
    stale = []
    for path in paths:
        text = canonical_file_text(path)
        if path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                atomic_write_text(path, text)
                console.print(t("fmt_changed", language, path=path), highlight=False)
            else:
                console.print(t("fmt_needed", language, path=path), highlight=False)
    if check and stale:
        raise typer.Exit(EXIT_INVALID)
    if not stale:
        console.print(t("fmt_ok", language, n=len(paths)))


def main() -> None:
    """Console-script entry point; UTF-8 output whatever the terminal's locale."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    app()


if __name__ == "__main__":
    main()
