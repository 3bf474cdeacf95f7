"""Commands for spreadsheet records: template, import, export."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from asan_kg.cli.common import (
    EXIT_FINDINGS,
    DataOpt,
    EndpointOpt,
    EngineOpt,
    GraphOpt,
    LangOpt,
    TimeoutOpt,
    app,
    console,
    fail,
    lang_of,
    load,
)


@app.command("template", epilog="Example:  asan-kg template --out records --lang ko")
def template_cmd(
    out: Annotated[Path, typer.Option("--out", help="Folder for the blank templates.")] = Path("records"),
    lang: LangOpt = "",
) -> None:
    """Write blank templates: agreements.csv, activities.csv and records.xlsx (headers in --lang)."""
    from asan_kg.ingest import records_template as tpl

    language = lang_of(lang)
    tpl.write_csv(out / "agreements.csv", "agreements", [], language)
    tpl.write_csv(out / "activities.csv", "activities", [], language)
    tpl.write_xlsx(out / "records.xlsx", {"agreements": [], "activities": []}, language)
    console().print(f"{out}/agreements.csv, {out}/activities.csv, {out}/records.xlsx", highlight=False)


@app.command(
    "import",
    epilog="Examples:  asan-kg import records.xlsx --into graph_data/records-2015.ttl --dry-run  ·  "
    "asan-kg import agreements.csv activities.csv --into new.ttl",
)
def import_cmd(
    files: Annotated[list[Path], typer.Argument(help="Filled-in templates: .xlsx or .csv files.")],
    into: Annotated[Path, typer.Option("--into", help="Turtle file to write (atomically).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row; write nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace --into if it exists.")] = False,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Write the valid rows, and the bad ones to <into>.rejects.csv."),
    ] = False,
    lang: LangOpt = "",
    data: DataOpt = None,
    engine: EngineOpt = "oxigraph",
) -> None:
    """Turn spreadsheet rows into validated RDF with provenance to file and row.

    Every bad row is reported with row, column and reason; nothing is written unless every row is
    valid (or --skip-invalid). The result is also checked against the shapes with the data it extends.
    """
    import csv
    import io

    from asan_kg.checks.validation import validate
    from asan_kg.core.files import atomic_write_text
    from asan_kg.ingest import records
    from asan_kg.ingest.records_template import TemplateError, read
    from asan_kg.store.canonical import canonical_turtle

    language = lang_of(lang)
    if into.exists() and not force and not dry_run:
        fail(f"{into} exists; pass --force to replace it (or choose another --into)")
    store = load(data, engine, language)
    ref = records.Reference.of(store)
    sheets: dict[str, list[records.Row]] = {}
    try:
        for path in files:
            for sheet, rows in read(path).items():
                sheets.setdefault(sheet, []).extend(rows)
    except TemplateError as exc:
        fail(str(exc))
    importer = records.import_rows(sheets, ref, files[0])
    out = console()
    for problem in importer.problems:
        out.print(f"✗ {problem}", markup=False, highlight=False)
    ok = {s: len(v) for s, v in importer.rows_ok.items()}
    out.print(
        f"agreements: {ok['agreements']} valid, activities: {ok['activities']} valid, "
        f"problems: {len(importer.problems)}",
        highlight=False,
    )
    if importer.problems and not skip_invalid:
        out.print("nothing written", highlight=False)
        raise typer.Exit(EXIT_FINDINGS)
    text = canonical_turtle(
        importer.graph, f"# Imported by asan-kg from {', '.join(p.name for p in files)}.\n\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / into.name
        candidate.write_text(text, encoding="utf-8")
        report = validate(data, extra_files=[candidate])
    if not report.conforms:
        for v in report.violations:
            out.print(
                f"✗ {v.label(language)} ({v.focus}) {v.property or ''}: {v.message(language)}",
                markup=False,
                highlight=False,
            )
        out.print("the imported rows break the graph's shapes: nothing written", highlight=False)
        raise typer.Exit(EXIT_FINDINGS)
    if dry_run:
        out.print("dry run: nothing written", highlight=False)
        raise typer.Exit(EXIT_FINDINGS if importer.problems else 0)
    atomic_write_text(into, text)
    if importer.problems:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["file", "sheet", "row", "column", "reason"])
        for p in importer.problems:
            writer.writerow([p.file, p.sheet, p.row, p.column, p.reason])
        atomic_write_text(into.with_suffix(".rejects.csv"), "\ufeff" + buffer.getvalue())
    out.print(f"wrote {into}", highlight=False)


@app.command(
    "export", epilog="Examples:  asan-kg export --out records  ·  asan-kg export --out records --xlsx"
)
def export_cmd(
    out: Annotated[Path, typer.Option("--out", help="Folder for agreements.csv and activities.csv.")] = Path(
        "records"
    ),
    xlsx: Annotated[bool, typer.Option("--xlsx", help="Also write records.xlsx.")] = False,
    lang: LangOpt = "",
    data: DataOpt = None,
    engine: EngineOpt = "oxigraph",
    endpoint: EndpointOpt = None,
    graph: GraphOpt = None,
    timeout: TimeoutOpt = 60.0,
) -> None:
    """Write the graph's agreements and activities to the spreadsheet template."""
    from asan_kg.ingest import records_template as tpl
    from asan_kg.ingest.records_export import export_rows

    language = lang_of(lang)
    rows = export_rows(load(data, engine, language, endpoint, graph, timeout))
    tpl.write_csv(out / "agreements.csv", "agreements", rows["agreements"], language)
    tpl.write_csv(out / "activities.csv", "activities", rows["activities"], language)
    if xlsx:
        tpl.write_xlsx(out / "records.xlsx", rows, language)
    console().print(
        f"{len(rows['agreements'])} agreements, {len(rows['activities'])} activities → {out}", highlight=False
    )
