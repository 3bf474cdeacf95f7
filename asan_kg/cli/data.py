"""Commands on the data itself: validate, summary, fmt (``build`` is in ``asan_kg.cli``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from asan_kg.cli.common import (
    EXIT_FINDINGS,
    LangOpt,
    SafeConsole,
    Session,
    app,
    console,
    engine_of,
    fail,
    lang_of,
    rich_table,
    with_session,
)
from asan_kg.core import resources
from asan_kg.core.files import atomic_write_text
from asan_kg.render.i18n import SUMMARY_LABELS, Lang, t
from asan_kg.sparql import catalog, querying
from asan_kg.store.loading import LoadError, check_all
from asan_kg.store.table import Store
from asan_kg.vocab.prefixes import compact

if TYPE_CHECKING:  # imported lazily at run time: pySHACL is slow to import
    from asan_kg.checks.validation import ValidationReport


def print_report(report: ValidationReport, lang: Lang, out: SafeConsole) -> None:
    """One block per violation, readable in a terminal, a log file or a mail alike."""
    if report.conforms:
        out.print(t("valid", lang, files=len(report.files), triples=report.triples), style="green")
        return
    out.print(
        t("invalid", lang, n=len(report.violations), files=len(report.files), triples=report.triples),
        style="bold red",
    )
    for v in report.violations:
        out.print(f"✗ {v.label(lang)}  ({compact(v.focus)})", style="bold", markup=False)
        if v.property:
            out.print(f"    {v.property}" + (f" = {v.value}" if v.value else ""), markup=False)
        out.print(f"    {v.message(lang)}  [{v.rule}]", markup=False)


def run_validation(data: Path | None, extra: list[Path], lang: Lang, engine: str) -> ValidationReport:
    from asan_kg.checks.validation import validate

    return validate(data, extra_files=extra, engine=engine_of(engine))


def print_summary(kg: Store, lang: Lang, out: SafeConsole) -> None:
    row = querying.run(kg, catalog.find("graph-summary")).text_records()[0]
    homes = [r for r in querying.run(kg, "home-and-sources", lang=lang).text_records() if r["kind"] == "home"]
    home = str(homes[0]["label"] or homes[0]["node"]) if homes else ""
    table = Table(title=t("summary_title", lang, home=home))
    table.add_column("")
    table.add_column("#", justify="right")
    for key, value in row.items():
        table.add_row(SUMMARY_LABELS.get(key, {}).get(lang, key), str(value))
    out.print(table)


@app.command(
    "validate", epilog="Examples:  asan-kg validate   ·   asan-kg validate --extra new.ttl --lang ko"
)
@with_session(remote=False)
def validate_cmd(
    session: Session,
    extra: Annotated[
        list[Path] | None, typer.Option("--extra", help="More .ttl files to check with the data.")
    ] = None,
) -> None:
    """Check every TTL file, the SHACL shapes and the *-violation queries. Writes nothing.

    Exit 0 when valid, 1 when the data violates a shape or check, 2 when a file does not parse.
    """
    report = run_validation(session.data, list(extra or []), session.lang, session.engine)
    print_report(report, session.lang, console())
    raise typer.Exit(0 if report.conforms else EXIT_FINDINGS)


@app.command("summary", epilog="Example:  asan-kg summary --lang ko")
@with_session()
def summary_cmd(session: Session) -> None:
    """Print how much the graph holds: partners, agreements, activities, organizations, persons."""
    print_summary(session.store, session.lang, console())


@app.command("fmt", epilog="Examples:  asan-kg fmt   ·   asan-kg fmt --check")
def fmt_cmd(
    files: Annotated[
        list[Path] | None, typer.Argument(help="TTL files (default: every file of graph_data/).")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only report files not in canonical form; exit 1.")
    ] = False,
    lang: LangOpt = "",
) -> None:
    """Rewrite data files in canonical (sorted, deterministic) Turtle so diffs stay reviewable.

    A file is replaced only when its canonical form parses back to the same graph; comments below
    the top of a file and relative IRIs are refused (file and line), never silently dropped.
    Mode and symlinks are kept."""
    from asan_kg.store.canonical import format_text

    language = lang_of(lang)
    paths = list(files or resources.data_files())
    problems = check_all(paths)
    if problems:
        raise LoadError(problems)
    out = console()
    stale = []
    texts = {path: path.read_text(encoding="utf-8") for path in paths}
    # every file is checked before any is rewritten: a refusal leaves all of them as they were
    canonical = {path: format_text(path, text) for path, text in texts.items()}
    for path in paths:
        text = canonical[path]
        if texts[path] != text:
            stale.append(path)
            if check:
                out.print(t("fmt_needed", language, path=path), highlight=False)
            else:
                atomic_write_text(path, text)
                out.print(t("fmt_changed", language, path=path), highlight=False)
    if check and stale:
        raise typer.Exit(EXIT_FINDINGS)
    if not stale:
        out.print(t("fmt_ok", language, n=len(paths)))


@app.command(
    "cache", epilog="Examples:  asan-kg cache   ·   asan-kg cache --older-than 30   ·   asan-kg cache --clear"
)
def cache_cmd(
    clear: Annotated[bool, typer.Option("--clear", help="Remove every entry.")] = False,
    older_than: Annotated[
        float | None,
        typer.Option("--older-than", min=0, help="Remove the entries written more than DAYS days ago."),
    ] = None,
    lang: LangOpt = "",
) -> None:
    """Show what the cache folder holds (on-disk stores, query answers, publish dumps, query
    forms) and remove all of it or its old part; nothing is lost: an entry is built again when a
    command needs it."""
    from asan_kg.store import housekeeping

    language = lang_of(lang)
    if clear and older_than is not None:
        fail("--clear and --older-than exclude each other: give one (--clear removes every entry)")
    out = console()
    if clear or older_than is not None:
        count, size = housekeeping.remove(older_than)
        out.print(t("cache_removed", language, n=count, mb=f"{size / 1e6:.1f}"))
    kinds = housekeeping.inventory()
    rows = [
        [
            t("cache_" + k.name, language),
            str(k.entries),
            f"{k.size / 1e6:.1f}",
            _when(k.newest),
            _when(k.oldest),
        ]
        for k in kinds
    ]
    columns = [
        t(key, language)
        for key in ("cache_kind", "cache_entries", "cache_size", "cache_newest", "cache_oldest")
    ]
    out.print(rich_table(columns, rows, t("cache_title", language, folder=housekeeping.base())))
    out.print(t("cache_total", language, mb=f"{sum(k.size for k in kinds) / 1e6:.1f}"))


def _when(stamp: float | None) -> str:
    import datetime as dt

    return "—" if stamp is None else dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")
