"""``asan-kg health`` (indicators per tie), ``asan-kg review`` (dossiers for ties that need a
review), ``asan-kg import-reviews`` and ``asan-kg review-template`` (decisions as data)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Annotated

import typer

from asan_kg.cli.common import (
    EXIT_FINDINGS,
    LangOpt,
    OutOpt,
    Session,
    app,
    console,
    date_of,
    emit,
    fail,
    lang_of,
    rich_table,
    with_session,
)
from asan_kg.render.i18n import LANGS, Lang, t

AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Date YYYY-MM-DD (default: the end of the record).")
]
WindowOpt = Annotated[
    int, typer.Option("--window-months", min=1, max=600, help="Recent window (trend, dormancy).")
]


def _table_rows(report: object, lang: Lang) -> tuple[list[str], list[list[str]]]:
    from asan_kg.analysis.health import INDICATORS, HealthReport
    from asan_kg.render.wording import GRADE_MARK, fmt

    assert isinstance(report, HealthReport)
    columns = [t("hl_h_tie", lang)] + [t("hl_ind_" + c, lang) for c in INDICATORS]
    rows = [
        [tie.label] + [f"{fmt(tie.indicators[c])} {GRADE_MARK[tie.indicators[c].grade]}" for c in INDICATORS]
        for tie in report.ties
    ]
    return columns, rows


@app.command(
    "health",
    epilog="Examples:  asan-kg health  ·  asan-kg health -f ttl --out health.ttl  ·  asan-kg health -f json",
)
@with_session(analysis=True)
def health_cmd(
    session: Session,
    as_of: AsOfOpt = None,
    window_months: WindowOpt = 24,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, md, json, csv or ttl (RDF Data Cube).")
    ] = "table",
    out: OutOpt = None,
) -> None:
    """Health indicators per partnership — recency, intensity, regularity, longest gap, trend,
    reciprocity, breadth, depth, civic reach, single-actor dependence — each with its evidence."""
    language = session.lang
    if fmt not in ("table", "md", "json", "csv", "ttl"):
        fail("--format takes table, md, json, csv or ttl")
    from asan_kg.analysis import health
    from asan_kg.sparql.formats import plain_table

    store = session.store
    report = health.assess(store, date_of(as_of, "--as-of"), window_months, language)
    if fmt in ("ttl", "json", "csv"):
        from asan_kg.render import health_cube  # builds rdflib terms: imported only here
    if fmt == "ttl":
        emit(health_cube.cube(report).serialize(format="turtle"), out)
    elif fmt == "json":
        emit(json.dumps(health_cube.rows(report), ensure_ascii=False, indent=2) + "\n", out)
    elif fmt == "csv":
        emit(_csv(health_cube.rows(report)), out)
    elif fmt == "table" and out is None:
        columns, rows = _table_rows(report, language)
        console().print(rich_table(columns, rows, t("hl_title", language) + f" ({report.as_of})"))
        end = report.coverage.end if report.coverage else report.as_of
        console().print(t("hl_intro", language, as_of=report.as_of, end=end))
    else:
        emit(plain_table(*_table_rows(report, language), "md"), out)


def _csv(rows: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    columns = ["partnership", "partnership_label", "indicator", "value", "unit", "grade", "reason", "note"]
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*columns, "observed_from", "observed_to", "rests_on"])
    for row in rows:
        rests = " ".join(str(x) for x in row["rests_on"])  # type: ignore[attr-defined]
        writer.writerow(
            [
                *("" if row[c] is None else row[c] for c in columns),
                row["observed_from"],
                row["observed_to"],
                rests,
            ]
        )
    return buffer.getvalue()


@app.command(
    "review",
    epilog="Examples:  asan-kg review --out reviews  ·  asan-kg review --as-of 2014-12-31 --all --out r",
)
@with_session(analysis=True)
def review_cmd(
    session: Session,
    as_of: AsOfOpt = None,
    window_months: WindowOpt = 24,
    threshold: Annotated[
        float, typer.Option("--threshold", min=0, help="Exchanges a year below which 'low'.")
    ] = 1.0,
    every: Annotated[
        bool, typer.Option("--all", help="A dossier for every tie, not only those that need one.")
    ] = False,
    out: Annotated[Path, typer.Option("--out", help="Folder for the dossiers (.html and .md).")] = Path(
        "reviews"
    ),
) -> None:
    """Write a review dossier (HTML and Markdown, Korean then English) for each tie that is
    dormant, low, or past its review date: timeline, indicators with evidence, the report's own
    words, past decisions and an empty decision form."""
    language = session.lang
    store = session.store
    paths = write_dossiers(store, out, date_of(as_of, "--as-of"), window_months, threshold, not every)
    printer = console()
    if not paths:
        printer.print(t("rv_none_needed", language, as_of=as_of or "—"))
    for path in paths:
        printer.print(str(path))
    printer.print(t("rv_wrote", language, n=len(paths) // 2, path=out))


def write_dossiers(
    store: object,
    out: Path,
    as_of: object = None,
    window_months: int = 24,
    threshold: float = 1.0,
    only_needed: bool = True,
) -> list[Path]:
    """Compute the dossiers in both languages and write ``<tie>.html`` and ``<tie>.md`` atomically."""
    from asan_kg.analysis import reviews
    from asan_kg.core.files import atomic_write_text
    from asan_kg.render import health_view

    found = {
        lang: reviews.dossiers(store, as_of, window_months, threshold, lang, only_needed)  # type: ignore[arg-type]
        for lang in LANGS
    }
    paths = []
    for i, dossier in enumerate(found["ko"][1]):
        by_lang = {lang: found[lang][1][i] for lang in LANGS}
        reports = {lang: found[lang][0] for lang in LANGS}
        name = dossier.tie.partnership.rsplit("/", 1)[-1]
        for suffix, text in (
            (".html", health_view.dossier_html(by_lang, reports, threshold)),
            (".md", health_view.dossier_markdown(by_lang, reports, threshold)),
        ):
            atomic_write_text(out / (name + suffix), text)
            paths.append(out / (name + suffix))
    return paths


@app.command("review-template", epilog="Example:  asan-kg review-template --out records --lang ko")
def review_template_cmd(
    out: Annotated[Path, typer.Option("--out", help="Folder for reviews.csv.")] = Path("records"),
    lang: LangOpt = "",
) -> None:
    """A blank reviews sheet (CSV, headers in Korean or English) for recording review decisions."""
    from asan_kg.ingest import reviews

    path = out / "reviews.csv"
    reviews.write_template(path, lang_of(lang))
    console().print(str(path))


@app.command(
    "import-reviews",
    epilog="Example:  asan-kg import-reviews records/reviews.csv --into graph_data/reviews-2015.ttl",
)
@with_session(remote=False)
def import_reviews_cmd(
    session: Session,
    file: Annotated[
        Path, typer.Argument(help="A filled-in reviews sheet: .csv, or .xlsx with a 'reviews' sheet.")
    ],
    into: Annotated[Path, typer.Option("--into", help="Turtle file to write (atomically).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row; write nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace --into if it exists.")] = False,
) -> None:
    """Turn review rows into RDF with provenance to file and row, checked against the shapes
    together with the data it extends; nothing is written unless every row is valid."""
    from asan_kg.ingest.reviews_import import import_reviews

    language = session.lang
    outcome = import_reviews(file, into, session.store, session.data, dry_run=dry_run, force=force)
    printer = console()
    for problem in outcome.problems:
        printer.print(f"✗ {problem}")
    for v in outcome.violations:
        printer.print(f"✗ {v.label(language)} ({v.focus}) {v.property or ''}: {v.message(language)}")
    if outcome.problems or outcome.violations:
        printer.print(t("rv_nothing_written", language))
        raise typer.Exit(EXIT_FINDINGS)
    printer.print(t("rv_imported", language, n=outcome.imported, path=into if outcome.written else "—"))
