"""Commands for public twin-town data: import it, cross-check our graph with it, suggest partners."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer

from asan_kg.cli.common import (
    OutOpt,
    Session,
    app,
    console,
    emit,
    fail,
    rich_table,
    with_session,
)

TwinsOpt = Annotated[
    list[Path], typer.Option("--twins", help="A twin-town graph written by import-twins; repeatable.")
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table or json.")]


def _twin_stores(paths: list[Path], lang: str) -> list[Any]:
    from asan_kg.core.files import ensure_regular
    from asan_kg.store.embedded import KnowledgeGraph

    stores = []
    for path in paths:
        ensure_regular(path, "twin-town graph (--twins)")
        kg = KnowledgeGraph()
        kg.add_files([path])
        stores.append(kg)
    return stores


@app.command(
    "import-twins",
    epilog="Example:  asan-kg import-twins ../shared/data/twin-towns/wikipedia-twin-towns.csv "
    "--out twins-wikipedia.ttl",
)
def import_twins_cmd(
    path: Annotated[
        Path, typer.Argument(help="A public twin-town data set (.csv or .tsv); layout read from its header.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Turtle file to write; <out>.unresolved.tsv beside it.")],
    force: Annotated[bool, typer.Option("--force", help="Replace --out if it exists.")] = False,
) -> None:
    """Import a twin-town data set: cities, countries and twinnings, with a report of unresolved names."""
    from asan_kg.ingest.twins_turtle import import_twins

    result = import_twins(path, out, force=force)
    summary = result.imported.summary()
    console().print(
        f"{path.name}: "
        + ", ".join(f"{k} {v}" for k, v in summary.items())
        + f"; {result.seconds:.2f} s, peak memory {result.peak_mb:.0f} MB",
        highlight=False,
    )
    console().print(f"wrote {result.out} and {result.report}", highlight=False)


@app.command(
    "crosscheck", epilog="Example:  asan-kg crosscheck --twins twins-wikipedia.ttl --twins twins-wikidata.ttl"
)
@with_session(remote=False)
def crosscheck_cmd(
    session: Session,
    twins: TwinsOpt,
    fmt: FormatOpt = "table",
    out: OutOpt = None,
) -> None:
    """Our partnerships against public lists.

    Findings: agrees, missing_in_public, missing_in_ours, name_differs, not_covered (the source
    lists neither city's twins, so its silence proves nothing)."""
    from asan_kg.analysis.crosscheck import crosscheck

    language = session.lang
    findings = crosscheck(session.store, _twin_stores(twins, language))
    if fmt == "json":
        emit(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2) + "\n", out)
        return
    if fmt != "table":
        fail("--format must be table or json")
    console().print(
        rich_table(
            ["home", "partner", "source", "finding", "names in source"],
            [[f.home, f.partner, f.source, f.finding, f.names_in_source] for f in findings],
        )
    )


@app.command(
    "suggest",
    epilog="Example:  asan-kg suggest --twins twins-wikipedia.ttl --region south-eastern-asia --top 5",
)
@with_session(remote=False)
def suggest_cmd(
    session: Session,
    twins: TwinsOpt,
    region: Annotated[
        str | None, typer.Option("--region", help="UN M49 sub-region, e.g. south-eastern-asia.")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many candidates.")] = 10,
    evaluate: Annotated[
        bool, typer.Option("--evaluate", help="Also hide known twinnings and report precision@k.")
    ] = False,
    fmt: FormatOpt = "table",
    out: OutOpt = None,
) -> None:
    """Candidate partner cities ranked by link prediction (Adamic–Adar), each with its reasons."""
    from asan_kg.analysis import suggest as suggest_mod

    language = session.lang
    ours, sources = session.store, _twin_stores(twins, language)
    results = suggest_mod.suggest(ours, sources, region, top)
    evaluation = None
    if evaluate:
        graph, _home, _partners = suggest_mod.build_graph(ours, sources)
        evaluation = suggest_mod.evaluate(graph, k=top)
    if fmt == "json":
        from asan_kg.render.wording import suggestion_reasons

        doc: Any = [asdict(s) | {"why": suggestion_reasons(s, language)} for s in results]
        if evaluation is not None:
            doc = {"suggestions": doc, "evaluation": asdict(evaluation)}
        emit(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", out)
        return
    if fmt != "table":
        fail("--format must be table or json")
    from asan_kg.render.wording import suggestion_reasons

    console().print(
        rich_table(
            ["city", "country", "region", "score", "why"],
            [
                [s.city, s.country, s.region, f"{s.score:.3f}", suggestion_reasons(s, language)]
                for s in results
            ],
        )
    )
    if evaluation is not None:
        console().print(
            f"precision@{evaluation.k}: Adamic–Adar {evaluation.precision_adamic_adar}, baseline "
            f"(degree) {evaluation.precision_baseline}; hit rate {evaluation.hit_rate_adamic_adar} vs "
            f"{evaluation.hit_rate_baseline} over {evaluation.hidden} hidden twinnings",
            highlight=False,
        )
