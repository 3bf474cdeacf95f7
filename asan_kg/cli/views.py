"""Commands that write pages: the interactive network and the report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from asan_kg.cli.common import (
    Session,
    app,
    console,
    date_of,
    emit,
    fail,
    with_session,
)
from asan_kg.render.i18n import t
from asan_kg.sparql.params import parse_iri

# ---- network view and report ------------------------------------------------------------------

IncludeOpt = Annotated[
    str,
    typer.Option(
        "--include", help="Layers to draw: any of orgs,people,activities (comma-separated; '' for none)."
    ),
]


def _include(value: str) -> tuple[str, ...]:
    from asan_kg.render.view import LAYERS

    layers = tuple(sorted({part.strip() for part in value.split(",") if part.strip()}))
    unknown = set(layers) - set(LAYERS)
    if unknown:
        fail(f"--include takes {', '.join(LAYERS)}; unknown: {', '.join(sorted(unknown))}")
    return layers


@app.command(
    "network",
    epilog="Examples:  asan-kg network --out network.html --lang ko  ·  "
    "asan-kg network --focus place:dongguan --include orgs,people,activities",
)
@with_session(analysis=True)
def network_cmd(
    session: Session,
    out: Annotated[Path, typer.Option("--out", help="HTML file to write (atomically).")] = Path(
        "network.html"
    ),
    focus: Annotated[
        str | None, typer.Option("--focus", help="Draw one partner's ego network (place:…).")
    ] = None,
    from_: Annotated[str | None, typer.Option("--from", help="Period start YYYY-MM-DD.")] = None,
    to: Annotated[
        str | None,
        typer.Option("--to", help="Period end / as-of YYYY-MM-DD (default: the end of the records)."),
    ] = None,
    window_months: Annotated[
        int, typer.Option("--window-months", min=1, help="Period length without --from.")
    ] = 24,
    include: IncludeOpt = "orgs,people",
    max_nodes: Annotated[
        int, typer.Option("--max-nodes", min=10, help="Reduce larger graphs to this size.")
    ] = 1500,
) -> None:
    """Write the interactive partnership network: one self-contained HTML page that works offline."""
    from asan_kg.render import html_network
    from asan_kg.render.view import build_view

    language = session.lang
    layers = _include(include)
    store = session.store
    center = None
    if focus:
        try:
            center = parse_iri(focus, "--focus").value
        except ValueError as exc:
            fail(str(exc))
    try:
        view = build_view(
            store,
            lang=language,
            start=date_of(from_, "--from"),
            end=date_of(to, "--to"),
            window_months=window_months,
            include=layers,
            focus=center,
            max_nodes=max_nodes,
        )
    except KeyError:
        fail(f"--focus {focus!r} is not drawn in this view; try a partner city such as place:weifang")
    except ValueError as exc:
        fail(str(exc))
    emit(html_network.render(view), out)
    console().print(
        t("wrote", language, path=out, nodes=len(view.nodes), edges=len(view.edges)), highlight=False
    )


@app.command("report", epilog="Example:  asan-kg report --out out --lang ko")
@with_session(analysis=True)
def report_cmd(
    session: Session,
    out: Annotated[
        Path, typer.Option("--out", help="Folder for report.html, report.md and network.html.")
    ] = Path("out"),
    include: IncludeOpt = "orgs,people",
) -> None:
    """Write the report (HTML and Markdown) and the network page, offline and print-friendly."""
    from asan_kg.render import report

    language = session.lang
    store = session.store
    for path in report.write(store, out, language, _include(include)):
        console().print(t("wrote_file", language, path=path), highlight=False)
