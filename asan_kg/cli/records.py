"""Commands for spreadsheet records: template, import, export (the work is in ``asan_kg.ingest``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from asan_kg.cli.common import (
    EXIT_FINDINGS,
    LangOpt,
    Session,
    app,
    console,
    engine_of,
    lang_of,
    with_session,
)

ForceOpt = Annotated[bool, typer.Option("--force", help="Replace files that exist in --out.")]


@app.command("template", epilog="Example:  asan-kg template --out records --lang ko")
def template_cmd(
    out: Annotated[Path, typer.Option("--out", help="Folder for the blank templates.")] = Path("records"),
    lang: LangOpt = "",
    force: ForceOpt = False,
) -> None:
    """Write blank templates: agreements.csv, activities.csv and records.xlsx (headers in --lang).

    Files that exist (perhaps filled in) are replaced only with --force."""
    from asan_kg.ingest import records_template as tpl

    language = lang_of(lang)
    targets = [out / "agreements.csv", out / "activities.csv", out / "records.xlsx"]
    tpl.refuse_existing(targets, force)
    tpl.write_csv(targets[0], "agreements", [], language)
    tpl.write_csv(targets[1], "activities", [], language)
    tpl.write_xlsx(targets[2], {"agreements": [], "activities": []}, language)
    console().print(", ".join(str(t) for t in targets), highlight=False)


@app.command(
    "import",
    epilog="Examples:  asan-kg import records.xlsx --into graph_data/records-2015.ttl --dry-run  ·  "
    "asan-kg import agreements.csv activities.csv --into new.ttl",
)
@with_session(remote=False)
def import_cmd(
    session: Session,
    files: Annotated[list[Path], typer.Argument(help="Filled-in templates: .xlsx or .csv files.")],
    into: Annotated[Path, typer.Option("--into", help="Turtle file to write (atomically).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row; write nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace --into if it exists.")] = False,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Write the valid rows, and the bad ones to <into>.rejects.csv."),
    ] = False,
) -> None:
    """Turn spreadsheet rows into validated RDF with provenance to file and row.

    Every bad row is reported with file, row, column and reason; nothing is written unless every
    row is valid (or --skip-invalid). The result is also checked against the shapes with the data
    it extends.
    """
    from asan_kg.ingest.records_import import import_records

    language = session.lang
    outcome = import_records(
        files,
        into,
        data=session.data,
        engine=engine_of(session.engine),
        dry_run=dry_run,
        force=force,
        skip_invalid=skip_invalid,
    )
    out = console()
    for problem in outcome.problems:
        out.print(f"✗ {problem}")
    out.print(
        f"agreements: {outcome.valid['agreements']} valid, activities: {outcome.valid['activities']} valid, "
        f"problems: {len(outcome.problems)}"
    )
    if outcome.status == "problems":
        out.print("nothing written")
        raise typer.Exit(EXIT_FINDINGS)
    if outcome.status == "violations":
        for v in outcome.violations:
            out.print(f"✗ {v.label(language)} ({v.focus}) {v.property or ''}: {v.message(language)}")
        out.print("the imported rows break the graph's shapes: nothing written")
        raise typer.Exit(EXIT_FINDINGS)
    if outcome.status == "dry-run":
        out.print("dry run: nothing written")
        raise typer.Exit(EXIT_FINDINGS if outcome.problems else 0)
    out.print(f"wrote {into}" + (f" and {outcome.rejects}" if outcome.rejects else ""))


@app.command(
    "export", epilog="Examples:  asan-kg export --out records  ·  asan-kg export --out records --xlsx"
)
@with_session()
def export_cmd(
    session: Session,
    out: Annotated[Path, typer.Option("--out", help="Folder for agreements.csv and activities.csv.")] = Path(
        "records"
    ),
    xlsx: Annotated[bool, typer.Option("--xlsx", help="Also write records.xlsx.")] = False,
    force: ForceOpt = False,
) -> None:
    """Write the graph's agreements and activities to the spreadsheet template.

    Files that exist (perhaps filled in) are replaced only with --force."""
    from asan_kg.ingest import records_template as tpl
    from asan_kg.ingest.records_export import export_rows

    language = session.lang
    targets = [out / "agreements.csv", out / "activities.csv", *([out / "records.xlsx"] if xlsx else [])]
    tpl.refuse_existing(targets, force)
    rows = export_rows(session.store)
    tpl.write_csv(targets[0], "agreements", rows["agreements"], language)
    tpl.write_csv(targets[1], "activities", rows["activities"], language)
    if xlsx:
        tpl.write_xlsx(targets[2], rows, language)
    console().print(
        f"{len(rows['agreements'])} agreements, {len(rows['activities'])} activities → {out}", highlight=False
    )
