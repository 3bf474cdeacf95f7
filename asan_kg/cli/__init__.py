"""The ``asan-kg`` command line: ``build`` (the main job) and the command modules it gathers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from asan_kg.cli import analysis as cli_analysis
from asan_kg.cli import data as cli_data
from asan_kg.cli import desk as cli_desk  # noqa: F401  (registers the desk command)
from asan_kg.cli import queries as cli_queries
from asan_kg.cli import records as cli_records
from asan_kg.cli import remote as cli_remote
from asan_kg.cli import twins as cli_twins
from asan_kg.cli import views as cli_views
from asan_kg.cli.common import EXIT_FINDINGS, DataOpt, EngineOpt, LangOpt, app, console, lang_of, load
from asan_kg.render.i18n import t

__all__ = [
    "app",
    "cli_analysis",
    "cli_data",
    "cli_queries",
    "cli_records",
    "cli_remote",
    "cli_twins",
    "cli_views",
    "main",
]


@app.command("build", epilog="Example:  ASAN_KG_LANG=ko asan-kg build --out out")
def build_cmd(
    data: DataOpt = None,
    lang: LangOpt = "",
    engine: EngineOpt = "oxigraph",
    out: Annotated[
        Path, typer.Option("--out", help="Folder for report.html, report.md, network.html.")
    ] = Path("out"),
) -> None:
    """The main job: validate the graph, print what it holds, which partnerships are dormant and
    where the exchange is concentrated, and write the report and the network page to --out."""
    from asan_kg.analysis import concentration, dormancy
    from asan_kg.render import report

    language = lang_of(lang)
    console_out = console()
    validation = cli_data.run_validation(data, [], language, engine)
    cli_data.print_report(validation, language, console_out)
    if not validation.conforms:
        raise typer.Exit(EXIT_FINDINGS)
    store = load(data, engine, language)
    cli_data.print_summary(store, language, console_out)
    cli_analysis.print_dormancy(dormancy.assess(store, lang=language), language, console_out)
    result = concentration.analyse(store, "country", lang=language)
    cli_analysis.print_concentration(
        result, cli_analysis.asserted_shares(store, language), language, console_out
    )
    for path in report.write(store, out, language):
        console_out.print(t("wrote_file", language, path=path), highlight=False)


def main() -> None:
    """Console-script entry point; UTF-8 output whatever the terminal's locale."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    app()


if __name__ == "__main__":
    main()
