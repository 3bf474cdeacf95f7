"""Commands for the saved-query catalog: list them, run one by name or from a file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from asan_kg.cli.common import (
    REMOTE_TIMEOUT,
    DataOpt,
    EndpointOpt,
    EngineOpt,
    GraphOpt,
    LangOpt,
    OutOpt,
    TimeoutOpt,
    app,
    console,
    emit,
    fail,
    lang_of,
    load,
    rich_table,
)
from asan_kg.core.errors import AsanKgError
from asan_kg.sparql import catalog, formats, querying
from asan_kg.sparql.catalog import CatalogError, SavedQuery, load_query
from asan_kg.sparql.forms import classify
from asan_kg.sparql.params import ParameterError, hidden
from asan_kg.store.embedded import KnowledgeGraph

FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help="table, csv, tsv, json (W3C SPARQL results) or md.")
]


def _params(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            fail(f"--param takes name=value, not {pair!r}")
        name, value = pair.split("=", 1)
        out[name.strip()] = value
    return out


def _prepared(name: str | None, file: Path | None, pairs: list[str], language: str) -> tuple[SavedQuery, str]:
    """The saved (or ad-hoc) query and its text with the parameters bound."""
    if (name is None) == (file is None):
        fail("give a saved query name or --file FILE.rq (one of the two)")
    try:
        saved: SavedQuery = load_query(file) if file is not None else catalog.find(str(name))
    except (CatalogError, OSError) as exc:
        fail(str(exc))
    try:
        return saved, querying.prepare(saved, _params(pairs), language)
    except ParameterError as exc:
        fail(str(exc))


def out_json(store: object) -> bool:
    """Whether ``store`` writes SELECT answers as JSON itself (the embedded Oxigraph engine)."""
    return isinstance(store, KnowledgeGraph) and store.engine == "oxigraph"


def _answer(store: Any, form: str, text: str, saved: SavedQuery, out: Path | None, fmt: str) -> Any:
    """Run a query of ``form``: ASK and CONSTRUCT/DESCRIBE answers are written here (None is
    returned), a SELECT answer is returned as its table, or as its JSON text where the embedded
    engine writes it (the same text as ``formats.to_json``; CSV and TSV stay ours: the engine's
    CSV is not formula-safe and its TSV writes numbers bare)."""
    try:
        if form == "ASK":
            emit(("true" if store.ask(text) else "false") + "\n", out)
            return None
        if form in ("CONSTRUCT", "DESCRIBE"):
            from asan_kg.store.canonical import canonical_turtle

            emit(canonical_turtle(store.construct(text)), out)
            return None
        if fmt == "json" and out_json(store):
            return formats.engine_json(store.select_json(text), hidden(text))
        return querying.select(store, text)
    except (typer.Exit, AsanKgError):
        raise
    except Exception as exc:  # an evaluation error of the local engine: the user's input
        fail(f"{saved.path}: the query failed: {exc}")


def _update(
    text: str, source: str, endpoint: str | None, update_endpoint: str | None, allow: bool, timeout: float
) -> None:
    """Send an ad-hoc update where the user allowed it (``remote.updates``: imported only here)."""
    from asan_kg.remote.updates import send_update

    shown = send_update(
        text,
        source=source,
        endpoint=endpoint,
        update_endpoint=update_endpoint,
        allow_update=allow,
        timeout=timeout,
    )
    console().print(f"update sent to {shown}", highlight=False)


@app.command("queries", epilog="Example:  asan-kg queries --format md")
def queries_cmd(fmt: FormatOpt = "table", out: OutOpt = None) -> None:
    """List the saved queries: name, summary, parameters and their defaults."""
    rows = []
    for q in catalog.saved_queries():
        params = ", ".join(
            p.describe() + (f" = {q.defaults[p.name]}" if p.name in q.defaults else "") for p in q.params
        )
        rows.append([q.name, q.summary, params, ", ".join(q.tags)])
    columns = ["name", "summary", "parameters", "tags"]
    if fmt == "table" and out is None:
        console().print(rich_table(columns, rows))
        return
    if fmt not in ("md", "csv", "tsv", "json", "table"):
        fail(f"--format must be one of {', '.join(formats.FORMATS)}")
    if fmt == "json":
        import json

        emit(
            json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, indent=2)
            + "\n",
            out,
        )
    else:
        emit(formats.plain_table(columns, rows, "md" if fmt == "table" else fmt), out)


@app.command(
    "query",
    epilog=(
        "Examples:  asan-kg query partners --lang ko   ·   "
        "asan-kg query partner-activities -p partner=place:dongguan -p from=2014-01-01 --format csv   ·   "
        "asan-kg query --file my.rq --format json"
    ),
)
def query_cmd(
    name: Annotated[str | None, typer.Argument(help="Saved query name (see: asan-kg queries).")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Run an ad-hoc .rq file instead.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value; repeatable.")] = None,
    fmt: FormatOpt = "table",
    lang: LangOpt = "",
    data: DataOpt = None,
    engine: EngineOpt = "oxigraph",
    endpoint: EndpointOpt = None,
    graph: GraphOpt = None,
    timeout: TimeoutOpt = None,
    out: OutOpt = None,
    allow_update: Annotated[
        bool, typer.Option("--allow-update", help="Let an ad-hoc file update the server.")
    ] = False,
    update_endpoint: Annotated[
        str | None,
        typer.Option("--update-endpoint", envvar="ASAN_KG_UPDATE_ENDPOINT", help="SPARQL update URL."),
    ] = None,
) -> None:
    """Run a saved query by name (or an ad-hoc file) with typed parameters. Read-only unless
    --allow-update is given for an update file sent to --update-endpoint."""
    language = lang_of(lang)
    if fmt not in formats.FORMATS:
        fail(f"--format must be one of {', '.join(formats.FORMATS)}, not {fmt!r}")
    if endpoint is None and timeout is not None:  # on local files: a deadline for the whole run
        from asan_kg.core.deadline import arm

        arm(timeout)
    timeout = REMOTE_TIMEOUT if timeout is None else timeout
    saved, text = _prepared(name, file, list(param or []), language)
    form = classify(text, str(saved.path))
    if form == "UPDATE":
        _update(text, str(saved.path), endpoint, update_endpoint, allow_update, timeout)
        return
    table = _answer(load(data, engine, language, endpoint, graph, timeout), form, text, saved, out, fmt)
    if table is None:
        return
    if isinstance(table, str):
        emit(table, out)
        return
    if fmt == "table" and out is None:
        console().print(
            rich_table(
                table.variables,
                formats.display_rows(table),
                title=saved.summary or saved.name,
            )
        )
        return
    emit(formats.render(table, "md" if fmt == "table" else fmt), out)
