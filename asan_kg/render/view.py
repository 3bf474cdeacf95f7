"""The network view: what the interactive page draws, built from query results and analysis.

Cities are nodes (colour by world region, size by exchanges in the period); partnerships are
edges between the two cities — or between the two organizations for organization-level
agreements when organizations are shown — with width by exchanges, dash pattern by kind and
colour by status (dormant ones grey, dashed and labelled). Organizations, persons and activities
are optional layers. Positions are computed here with a seeded layout, so the page needs no
physics simulation and two runs give the same file. A graph too large to read is reduced
(layers dropped, then small cities merged per country), and the page says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from markupsafe import Markup

from asan_kg.analysis.evidence import Date, Window
from asan_kg.analysis.results import Results, Store
from asan_kg.render import layout
from asan_kg.render.i18n import Lang, t
from asan_kg.render.palette import (
    HOME_COLOR,
    KIND_DASHES,
    ORG_COLOR,
    PERSON_COLOR,
    STATUS_COLORS,
)
from asan_kg.render.projection import Projection, ego

LAYERS = ("orgs", "people", "activities")
MAX_NODES = 1500
MAX_TIMELINES = 300


@dataclass
class View:
    title: str
    period: Window
    as_of: Date
    lang: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    legend: dict[str, list[tuple[str, str, str]]]  # section -> (key, label, colour or dash)
    notes: list[str] = field(default_factory=list)
    statuses: list[tuple[str, str]] = field(default_factory=list)
    kinds: list[tuple[str, str]] = field(default_factory=list)
    timelines: dict[str, Markup] = field(default_factory=dict)  # partnership edge id -> inline SVG


def build_view(
    source: Results | Store,
    *,
    lang: Lang = "en",
    start: Date | None = None,
    end: Date | None = None,
    window_months: int = 24,
    include: tuple[str, ...] = ("orgs", "people"),
    focus: str | None = None,
    max_nodes: int = MAX_NODES,
    home: str | None = None,
) -> View:
    """Everything the page draws, for ``include`` layers over the period [start, end]."""
    unknown = set(include) - set(LAYERS)
    if unknown:
        raise ValueError(f"--include takes {', '.join(LAYERS)}; unknown: {', '.join(sorted(unknown))}")
    results = Results.of(source, lang)
    period = results.period(start, end, window_months)
    builder = Projection(results, period, home or results.home[0], set(include))
    builder.partnerships()
    if "orgs" in builder.layers:
        builder.governing_bodies()
    builder.activities()
    if "people" in builder.layers:
        builder.memberships()
    view, notes = builder.view, []
    if focus is not None:
        view = ego(view, focus, builder.home)
        builder.label_drawn(view)
        notes.append(t("note_focus", lang, label=view.nodes[focus]["label"]))
    view = layout.reduce(view, max_nodes, lang, notes, builder.home)
    # health decorates the drawn ties only (their tooltips and timelines); where they are most
    # ties, one read of all costs less than their VALUES blocks (measured at 100k: 935 of 1,052)
    ties = frozenset(d["id"] for _a, _b, d in view.edges(data=True) if d["relation"] == "partnership")
    some = ties if 2 * len(ties) < len(builder.ties) else None
    builder.assess_health(some)
    builder.label_drawn(view)
    builder.titles(view, some)  # and the verdicts on the drawn ties, likewise
    positions = layout.positions(view, builder.home, notes, lang)
    drawn = _to_view(view, positions, period, lang, notes, results.home[1])
    drawn.timelines = _timelines(builder, drawn, lang)
    return drawn


def _timelines(builder: Projection, drawn: View, lang: Lang) -> dict[str, Markup]:
    """One timeline per drawn partnership, shown in the page's details panel when it is clicked;
    above ``MAX_TIMELINES`` ties the page would grow too large, and none are included."""
    from asan_kg.render import timeline

    ids = [e["id"] for e in drawn.edges if e["relation"] == "partnership"]
    if len(ids) > MAX_TIMELINES:
        return {}
    out = {}
    for n, edge_id in enumerate(ids):
        try:
            tie = builder.tie(edge_id)
        except KeyError:
            continue
        out[edge_id] = timeline.timeline(builder.health, lang, [tie], width=560, ids=f"tl{n}")
    return out


def _node(v: str, d: dict[str, Any], position: tuple[float, float], lang: Lang) -> dict[str, Any]:
    title = d.get("title") or "\n".join(
        filter(
            None,
            [
                d["label"],
                d.get("region", ""),
                f"{t('v_exchanges', lang)}: {d['exchanges']:g}" if "exchanges" in d else "",
            ],
        )
    )
    node = {
        "id": v,
        "label": d["label"],
        "group": d["kind"],
        "color": d["color"],
        "size": round(d["size"], 1),
        "shape": d["shape"],
        "x": position[0],
        "y": position[1],
        "title": title,
    }
    if d["shape"] == "box":
        node["color"] = {"background": ORG_COLOR, "border": "#90a4ae"}
    elif d["kind"] == "person":
        node["color"] = {"background": "#ffffff", "border": PERSON_COLOR}
        node["borderWidth"] = 2
    return node


def _edge(a: str, b: str, key: str, d: dict[str, Any]) -> dict[str, Any]:
    edge: dict[str, Any] = {"id": d.get("id", key), "from": a, "to": b, "relation": d["relation"]}
    if d["relation"] == "partnership":
        dormant = d["status"] == "dormant"
        edge |= {
            "kind": d["kind"],
            "status": d["status"],
            "title": d["title"],
            "color": STATUS_COLORS[d["status"]],
            "width": round(1 + 2 * math.sqrt(d["exchanges"]), 2),
            "dashes": [3, 9] if dormant else KIND_DASHES.get(d["kind"], False),
            "label": d["status_label"] if dormant else "",
        }
    else:
        edge |= {"color": "#cfd8dc", "width": 1, "title": d.get("title", d["relation"])}
    return edge


def _legend(
    view: nx.MultiGraph, edges: list[dict[str, Any]], lang: Lang
) -> tuple[dict[str, list[tuple[str, str, str]]], list[tuple[str, str]], list[tuple[str, str]]]:
    kinds = sorted(
        {
            (e["kind"], view.edges[e["from"], e["to"], e["id"]]["kind_label"])
            for e in edges
            if e["relation"] == "partnership" and (e["from"], e["to"], e["id"]) in view.edges
        }
    )
    statuses = [(s, t("status_" + s, lang)) for s in ("active", "low", "new", "dormant")]
    regions = sorted(
        {
            # the home city keeps its own colour: its legend entry is its name, not its region
            (
                view.nodes[v]["label"] if view.nodes[v]["color"] == HOME_COLOR else view.nodes[v]["region"],
                view.nodes[v]["color"],
            )
            for v in view
            if view.nodes[v]["kind"] == "city" and view.nodes[v].get("region")
        }
    )
    legend = {
        "regions": [(r, r, c) for r, c in regions],
        "statuses": [(s, label, STATUS_COLORS[s]) for s, label in statuses],
        "kinds": [(k, label, str(KIND_DASHES.get(k, False))) for k, label in kinds],
    }
    return legend, statuses, kinds


def _to_view(
    view: nx.MultiGraph,
    positions: dict[str, tuple[float, float]],
    period: Window,
    lang: Lang,
    notes: list[str],
    home_label: str = "",
) -> View:
    nodes = [_node(v, view.nodes[v], positions.get(v, (0.0, 0.0)), lang) for v in sorted(view.nodes)]
    ordered = sorted(view.edges(keys=True, data=True), key=lambda e: (str(e[2]), e[0], e[1]))
    edges = [_edge(a, b, key, d) for a, b, key, d in ordered]
    legend, statuses, kinds = _legend(view, edges, lang)
    title = t("view_title", lang, home=home_label, start=period.start, end=period.end, as_of=period.end)
    return View(title, period, period.end, lang, nodes, edges, legend, notes, statuses, kinds)
