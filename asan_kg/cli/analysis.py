"""Analysis commands: dormant, concentration, network-metrics."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer

from asan_kg.cli.common import (
    EXIT_FINDINGS,
    OutOpt,
    SafeConsole,
    Session,
    app,
    console,
    date_of,
    emit,
    fail,
    rich_table,
    with_session,
)
from asan_kg.core.text import json_text
from asan_kg.render.i18n import Lang, t
from asan_kg.sparql import querying
from asan_kg.sparql.formats import plain_table
from asan_kg.sparql.params import parse_iri
from asan_kg.sparql.querying import Store
from asan_kg.vocab.prefixes import compact

if TYPE_CHECKING:  # analysis modules (networkx) are imported when a command runs
    from asan_kg.analysis import concentration, dormancy, network

AnalysisFormat = Annotated[str, typer.Option("--format", "-f", help="table, json, csv or md.")]
FORMATS = ("table", "json", "csv", "md")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")


# ---- dormant ----------------------------------------------------------------------------------


def dormancy_rows(report: dormancy.DormancyReport, lang: Lang) -> tuple[list[str], list[list[str]]]:
    """One row per tie: status with its grade, whole counts, the other windows, the source's word."""
    from asan_kg.render import wording

    keys = ("h_status", "h_partnership", "h_last", "h_itemized", "h_reported", "h_windows", "h_asserted")
    rows = []
    for v in report.verdicts:
        rows.append(
            [
                wording.status_text(v, lang),
                v.partnership_label,
                v.last_activity or "—",
                str(v.itemized_in_window),
                "; ".join(f"{r.count} ({r.start[:4]}–{r.end[:4]})" for r in v.reported) or "—",
                " / ".join(
                    t("status_" + v.sensitivity[m], lang) for m in ("12", "24", "36") if m in v.sensitivity
                ),
                wording.asserted_cell(v, lang),
            ]
        )
    return [t(k, lang) for k in keys], rows


def print_dormancy(report: dormancy.DormancyReport, lang: Lang, out: SafeConsole) -> None:
    from asan_kg.render import wording

    title = t(
        "dormancy_title",
        lang,
        as_of=report.as_of,
        start=report.window.start,
        months=report.window_months,
        threshold=report.threshold_per_year,
    )
    columns, rows = dormancy_rows(report, lang)
    out.print(rich_table(columns, rows, title=title))
    for v in report.verdicts:
        out.print(f"• {v.partnership_label} [{wording.status_text(v, lang)}]")
        for line in wording.evidence_lines(v, report, lang):
            out.print(f"    {line}")


@app.command(
    "dormant",
    epilog="Examples:  asan-kg dormant  ·  asan-kg dormant --as-of 2014-12-31 --window-months 24 -f json",
)
@with_session(analysis=True)
def dormant_cmd(
    session: Session,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date YYYY-MM-DD (default: the end of the records).")
    ] = None,
    window_months: Annotated[
        int, typer.Option("--window-months", min=1, max=600, help="Window length.")
    ] = 24,
    threshold: Annotated[
        float, typer.Option("--threshold", min=0, help="Exchanges a year below which 'low'.")
    ] = 1.0,
    fail_on: Annotated[
        str | None, typer.Option("--fail-on", help="Exit 1 if any partnership is dormant (or low).")
    ] = None,
    fmt: AnalysisFormat = "table",
    out: OutOpt = None,
) -> None:
    """Which partnerships have gone quiet: active, low, dormant or new, with the evidence for each."""
    language = session.lang
    _check_format(fmt)
    if fail_on not in (None, "dormant", "low"):
        fail("--fail-on takes dormant or low")
    from asan_kg.analysis import dormancy

    report = dormancy.assess(
        session.store,
        date_of(as_of, "--as-of"),
        window_months,
        threshold,
        language,
    )
    if fmt == "json":
        emit(json_text(dormancy.as_dicts(report.verdicts)), out)
    elif fmt == "table" and out is None:
        print_dormancy(report, language, console())
    else:
        emit(plain_table(*dormancy_rows(report, language), "md" if fmt == "table" else fmt), out)
    flagged = {"dormant": {"dormant"}, "low": {"dormant", "low"}}.get(fail_on or "", set())
    if any(v.status in flagged for v in report.verdicts):
        raise typer.Exit(EXIT_FINDINGS)


# ---- concentration --------------------------------------------------------------------------


def asserted_shares(store: Store, lang: Lang) -> dict[str, list[tuple[str, float]]]:
    shares: dict[str, list[tuple[str, float]]] = {}
    for row in querying.run(store, "asserted-shares", lang=lang).text_records():
        shares.setdefault(str(row["subject"]), []).append(
            (str(row["finding_label"]), float(str(row["share"])))
        )
    return shares


def concentration_rows(
    result: concentration.Concentration, lang: Lang = "en"
) -> tuple[list[str], list[list[str]]]:
    from asan_kg.render.wording import basis_text

    codes = ["key", "label", "count", "share", "basis"]
    columns = codes if lang == "en" else [t("col_" + c, lang) for c in codes]
    rows = [
        [compact(g.key), g.label, str(g.count), f"{g.share:.1%}", basis_text(g.basis, lang)]
        for g in result.exchanges.groups
    ]
    return columns, rows


@app.command(
    "concentration",
    epilog="Examples:  asan-kg concentration --by country  ·  asan-kg concentration --by field --format json",
)
@with_session(analysis=True)
def concentration_cmd(
    session: Session,
    by: Annotated[str, typer.Option("--by", help="country, region, city, field or type.")] = "country",
    from_: Annotated[str | None, typer.Option("--from", help="Start date YYYY-MM-DD.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="End date YYYY-MM-DD.")] = None,
    fmt: AnalysisFormat = "table",
    out: OutOpt = None,
) -> None:
    """Where the exchange is concentrated: counts, shares, HHI, effective number.

    Over exchanges (reported totals where the source gives them, else itemized) and over partnerships.
    """
    from asan_kg.analysis import concentration

    language = session.lang
    _check_format(fmt)
    store = session.store
    result = concentration.analyse(store, by, date_of(from_, "--from"), date_of(to, "--to"), language)
    claims = asserted_shares(store, language)
    if fmt == "json":
        doc = result.as_dict()
        doc["asserted_by_source"] = [
            {"key": g.key, "finding": label, "asserted_share": share, "computed_share": g.share}
            for g in result.exchanges.groups
            for label, share in claims.get(g.key, [])
        ]
        emit(json_text(doc), out)
        return
    if fmt != "table" or out is not None:
        emit(plain_table(*concentration_rows(result, language), "md" if fmt == "table" else fmt), out)
        return
    print_concentration(result, claims, language, console())


def print_concentration(
    result: concentration.Concentration,
    claims: dict[str, list[tuple[str, float]]],
    lang: Lang,
    out: SafeConsole,
) -> None:
    from asan_kg.render.wording import distribution_basis, partial_lines

    columns, rows = concentration_rows(result, lang)
    out.print(
        rich_table(
            columns,
            rows,
            title=t("conc_title", lang, by=t("dim_" + result.by, lang), start=result.from_, end=result.to),
        )
    )
    for name, dist in (("exchanges", result.exchanges), ("partnerships", result.partnerships)):
        out.print(
            t(
                "conc_indices",
                lang,
                what=t("w_" + name, lang),
                total=dist.total,
                hhi=dist.hhi,
                eff=dist.effective_number,
                top=f"{dist.top_share:.1%}",
            ),
            highlight=False,
        )
        out.print(f"  {distribution_basis(dist, lang)}")
    for line in partial_lines(result.exchanges, lang):
        out.print(line)
    for g in result.exchanges.groups:
        for label, share in claims.get(g.key, []):
            out.print(
                t("conc_claim", lang, label=label, asserted=f"{share:.0%}", computed=f"{g.share:.1%}"),
                highlight=False,
            )


# ---- network metrics ------------------------------------------------------------------------


@app.command(
    "network-metrics",
    epilog="Examples:  asan-kg network-metrics   ·   asan-kg network-metrics --focus place:weifang",
)
@with_session(analysis=True)
def network_metrics_cmd(
    session: Session,
    focus: Annotated[
        str | None, typer.Option("--focus", help="A node (IRI or prefix:name): print its ego network.")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many central nodes to list.")] = 15,
    fmt: AnalysisFormat = "table",
    out: OutOpt = None,
) -> None:
    """Degree and betweenness centrality, brokers, and each partner's share of all exchange."""
    from asan_kg.analysis import concentration, network

    language = session.lang
    _check_format(fmt)
    store = session.store
    net = network.load(store, language)
    result = network.metrics(net, top)
    shares = concentration.analyse(store, "city", lang=language).exchanges.groups
    if focus:
        try:
            center = parse_iri(focus, "--focus").value
            net_graph = net.graph()
            result.ego = {center: sorted(net_graph.nodes[v]["label"] for v in network.ego(net_graph, center))}
        except (ValueError, KeyError):
            fail(f"--focus {focus!r} is not a node of the network; try a partner city such as place:weifang")
    if fmt == "json":
        doc = asdict(result) | {"partner_shares": [g.as_dict() for g in shares]}
        emit(json_text(doc), out)
        return
    columns, rows = _metrics_rows(result)
    if fmt != "table" or out is not None:
        emit(plain_table(columns, rows, "md" if fmt == "table" else fmt), out)
        return
    print_network_metrics(result, shares, language, console())


def _metrics_rows(result: network.Metrics, lang: Lang | None = None) -> tuple[list[str], list[list[str]]]:
    """Rows of the central nodes; with ``lang`` headers and kinds in words (a table for people),
    else codes (CSV and TSV for programs)."""
    codes = ["node", "kind", "degree", "degree_centrality", "betweenness"]
    columns = codes if lang is None else [t("col_" + c, lang) for c in codes]
    rows = [
        [
            s.label,
            s.kind if lang is None else t("node_" + s.kind, lang),
            str(s.degree),
            f"{s.degree_centrality:.3f}",
            f"{s.betweenness:.3f}",
        ]
        for s in result.top
    ]
    return columns, rows


def print_network_metrics(
    result: network.Metrics, shares: list[concentration.Group], language: Lang, con: SafeConsole
) -> None:
    from asan_kg.render.wording import basis_text, metrics_notes

    how = t("exact" if result.betweenness_exact else "sampled", language)
    summary = {"nodes": result.nodes, "edges": result.edges, "comps": result.components, "how": how}
    con.print(t("net_summary", language, **summary))
    con.print(rich_table(*_metrics_rows(result, language)))
    for note in metrics_notes(result, language):
        con.print(note)
    for b in result.brokers:
        which = "; ".join(b.partnerships_split)
        con.print(t("broker", language, label=b.label, kind=b.kind, n=len(b.partnerships_split), which=which))
    con.print(
        rich_table(
            [t("col_" + c, language) for c in ("partner", "count", "share", "basis")],
            [[g.label, str(g.count), f"{g.share:.1%}", basis_text(g.basis, language)] for g in shares],
            title=t("shares_title", language),
        )
    )
    for center, members in result.ego.items():
        con.print(t("ego", language, center=center, n=len(members)))
        for m in members:
            con.print(f"  · {m}")
