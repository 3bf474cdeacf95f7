"""The ``asan-kg`` command line: ``build`` (the main job) and the command modules it gathers."""

from __future__ import annotations

import sys

import typer

from asan_kg import cli_analysis, cli_data, cli_queries
from asan_kg.cli_common import EXIT_FINDINGS, DataOpt, EngineOpt, LangOpt, app, console, lang_of, load

__all__ = ["app", "cli_analysis", "cli_data", "cli_queries", "main"]


@app.command("build", epilog="Example:  ASAN_KG_LANG=ko asan-kg build")
def build_cmd(data: DataOpt = None, lang: LangOpt = "", engine: EngineOpt = "oxigraph") -> None:
    """The main job: validate the graph, then report what it holds, which partnerships are
    dormant and where the exchange is concentrated."""
    from asan_kg import concentration, dormancy

    language = lang_of(lang)
    out = console()
    report = cli_data.run_validation(data, [], language, engine)
    cli_data.print_report(report, language, out)
    if not report.conforms:
        raise typer.Exit(EXIT_FINDINGS)
    store = load(data, engine, language)
    cli_data.print_summary(store, language, out)
    cli_analysis.print_dormancy(dormancy.assess(store, lang=language), language, out)
    result = concentration.analyse(store, "country", lang=language)
    cli_analysis.print_concentration(result, cli_analysis.asserted_shares(store, language), language, out)


def main() -> None:
    """Console-script entry point; UTF-8 output whatever the terminal's locale."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    app()


if __name__ == "__main__":
    main()
