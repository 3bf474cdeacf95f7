"""The ``asan-kg`` command line: ``build`` (the main job) and the command modules it gathers.

May import: every package of ``asan_kg``; nothing imports it (``asan_kg.desk``, the web
application beside it, neither).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from asan_kg.cli import analysis as cli_analysis
from asan_kg.cli import data as cli_data
from asan_kg.cli import desk as cli_desk
from asan_kg.cli import health as cli_health
from asan_kg.cli import queries as cli_queries
from asan_kg.cli import records as cli_records
from asan_kg.cli import remote as cli_remote
from asan_kg.cli import twins as cli_twins
from asan_kg.cli import views as cli_views
from asan_kg.cli.common import EXIT_FINDINGS, Session, app, console, with_session
from asan_kg.render.i18n import t

__all__ = [
    "app",
    "cli_analysis",
    "cli_data",
    "cli_desk",
    "cli_health",
    "cli_queries",
    "cli_records",
    "cli_remote",
    "cli_twins",
    "cli_views",
    "main",
]


@app.command("build", epilog="Example:  ASAN_KG_LANG=ko asan-kg build --out out")
@with_session(remote=False, analysis=True)
def build_cmd(
    session: Session,
    out: Annotated[
        Path, typer.Option("--out", help="Folder for report.html, report.md, network.html.")
    ] = Path("out"),
) -> None:
    """The main job: validate the graph, print what it holds, which partnerships are dormant and
    where the exchange is concentrated, and write the report and the network page to --out."""
    from asan_kg.analysis.results import Results
    from asan_kg.render import report

    language = session.lang
    console_out = console()
    validation = cli_data.run_validation(session.data, [], language, session.engine)
    cli_data.print_report(validation, language, console_out)
    if not validation.conforms:
        raise typer.Exit(EXIT_FINDINGS)
    results = Results(session.store, language)
    cli_data.print_summary(results.store, language, console_out)
    cli_analysis.print_dormancy(results.dormancy(), language, console_out)
    cli_analysis.print_concentration(
        results.concentration("country"),
        cli_analysis.asserted_shares(results.store, language),
        language,
        console_out,
    )
    for path in report.write(results, out, language):
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
