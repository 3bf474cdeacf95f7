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

from asan_kg.analysis.evidence import Date, Window
from asan_kg.analysis.results import Results, Store
from asan_kg.render import layout, wording
from asan_kg.render.i18n import Lang, t
from asan_kg.vocab.namespaces import local_name
from asan_kg.vocab.terms import CITY_KINDS

LAYERS = ("orgs", "people", "activities")
MAX_NODES = 1500
STATUS_COLORS = {
    "active": "#2e7d32",
    "low": "#ef6c00",
    "new": "#1565c0",
    "dormant": "#9e9e9e",
    "unknown": "#b0bec5",
}
KIND_DASHES: dict[str, bool | list[int]] = {
    "sister-city": False,
    "friendship-city": [10, 5],
    "organization-agreement": [2, 5],
    "mou": [2, 5],
    "cooperation-agreement": [6, 3, 2, 3],
}
REGION_COLORS = {
    "eastern-asia": "#d32f2f",
    "south-eastern-asia": "#f57c00",
    "southern-asia": "#fbc02d",
    "central-asia": "#8d6e63",
    "western-asia": "#6d4c41",
    "eastern-europe": "#7b1fa2",
    "western-europe": "#512da8",
    "northern-europe": "#303f9f",
    "southern-europe": "#1976d2",
    "northern-america": "#0288d1",
    "latin-america-caribbean": "#00796b",
    "south-america": "#00796b",
    "central-america": "#009688",
    "caribbean": "#26a69a",
    "eastern-africa": "#388e3c",
    "western-africa": "#689f38",
    "middle-africa": "#827717",
    "southern-africa": "#9e9d24",
    "northern-africa": "#afb42b",
    "australia-new-zealand": "#5d4037",
    "melanesia": "#795548",
    "micronesia": "#795548",
    "polynesia": "#795548",
}
HOME_COLOR = "#263238"
ORG_COLOR = "#eceff1"
PERSON_COLOR = "#6a1b9a"
OTHER_COLOR = "#607d8b"


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
    home = home or results.home[0]
    period = results.period(start, end, window_months)
    graph = results.network
    labels = results.labels
    report = results.dormancy(period)
    verdicts = {v.partnership: v for v in report.verdicts}
    city_counts = {
        g.key: g.count for g in results.concentration("city", period.start, period.end).exchanges.groups
    }
    regions = {
        str(r["city"]): str(r["region"]) for r in results.rows("key-places") if r["region"] is not None
    }
    focus_fields: dict[str, list[str]] = {}
    for row in results.rows("partnership-keys"):
        if row["field"] is not None:
            focus_fields.setdefault(str(row["partnership"]), []).append(labels.get(str(row["field"]), ""))
    dates = {a.iri: a for a in results.activities}

    view = nx.MultiGraph()

    def add_node(node: str, **attrs: Any) -> None:
        if node not in view:
            view.add_node(node, **attrs)

    def org_node(org: str) -> None:
        add_node(
            org, kind="organization", label=graph.nodes[org]["label"], color=ORG_COLOR, size=12, shape="box"
        )

    def city_node(city: str) -> None:
        count = city_counts.get(city, 0.0)
        region = regions.get(city, "")
        is_home = city == home
        add_node(
            city,
            kind="city",
            label=graph.nodes[city]["label"] if city in graph else labels.get(city, city),
            color=HOME_COLOR if is_home else REGION_COLORS.get(local_name(region), OTHER_COLOR),
            region=labels.get(region, ""),
            exchanges=round(count, 2),
            size=30 if is_home else 10 + 4 * math.sqrt(count),
            shape="star" if is_home else "dot",
        )

    layers = set(include)
    partnerships = [v for v in graph if graph.nodes[v]["kind"] == "partnership"]
    for p in sorted(partnerships):
        verdict = verdicts.get(p)
        if verdict is None:
            continue
        places = sorted(n for n in graph.neighbors(p) if graph.edges[p, n]["relation"] == "place")
        parties = sorted(n for n in graph.neighbors(p) if graph.edges[p, n]["relation"] == "party")
        partner_city = verdict.partner
        home_city = next((c for c in places if c != partner_city), home)
        city_node(home_city)
        city_node(partner_city)
        a, b = home_city, partner_city
        if verdict.kind not in CITY_KINDS and "orgs" in layers and len(parties) == 2:
            a, b = parties
            for org in parties:
                org_node(org)
        status_label = t("status_" + verdict.status, lang)
        tooltip = "\n".join(
            [
                verdict.partnership_label,
                f"{t('v_kind', lang)}: {verdict.kind_label}",
                f"{t('v_signed', lang)}: {verdict.signed_on or '—'}",
                f"{t('v_fields', lang)}: {', '.join(sorted(focus_fields.get(p, []))) or '—'}",
                f"{t('v_last', lang)}: {verdict.last_activity or '—'}",
                f"{t('v_status', lang)}: {wording.status_text(verdict, lang)}",
                *wording.evidence_lines(verdict, report, lang),
            ]
        )
        view.add_edge(
            a,
            b,
            key=p,
            id=p,
            kind=verdict.kind,
            kind_label=verdict.kind_label,
            status=verdict.status,
            status_label=status_label,
            title=tooltip,
            exchanges=verdict.itemized_in_window + sum(r.unitemized for r in verdict.reported),
            relation="partnership",
        )

    if "orgs" in layers:
        for org in sorted(v for v in graph if graph.nodes[v]["kind"] == "organization"):
            for city in sorted(
                n for n in graph.neighbors(org) if graph.edges[org, n]["relation"] == "governs"
            ):
                if city in view:
                    org_node(org)
                    view.add_edge(
                        org, city, key=f"{org}|{city}", id=f"{org}|governs|{city}", relation="governs"
                    )

    acts_in_period = sorted(
        a
        for a in graph
        if graph.nodes[a]["kind"] == "activity"
        and a in dates
        and period.overlaps(dates[a].start, dates[a].end)
    )
    for act in acts_in_period:
        served_cities = sorted({verdicts[p].partner for p in graph.neighbors(act) if p in verdicts})
        third = sorted(n for n in graph.neighbors(act) if graph.edges[act, n]["relation"] == "third-party")
        participants = sorted(
            n for n in graph.neighbors(act) if graph.edges[act, n]["relation"] == "participant"
        )
        if "activities" in layers:
            info = dates[act]
            add_node(
                act,
                kind="activity",
                label=f"{info.start} {graph.nodes[act]['label']}",
                color="#90a4ae",
                size=7,
                shape="diamond",
                title=f"{graph.nodes[act]['label']}\n{info.start} – {info.end}",
            )
            anchors = [act]
            for city in served_cities + third:
                city_node(city)
                view.add_edge(
                    act,
                    city,
                    key=f"{act}|{city}",
                    id=f"{act}|{city}",
                    relation="third-party" if city in third else "serves",
                )
        else:
            anchors = served_cities
            for city in third:  # e.g. Wuppertal at the youth camp: drawn even without activities
                city_node(city)
                for partner in served_cities:
                    view.add_edge(
                        city,
                        partner,
                        key=f"{act}|{city}",
                        id=f"{act}|{city}|{partner}",
                        relation="third-party",
                        title=graph.nodes[act]["label"],
                    )
        for who in participants:
            kind = graph.nodes[who]["kind"]
            if (kind == "person" and "people" in layers) or (kind == "organization" and "orgs" in layers):
                add_node(
                    who,
                    kind=kind,
                    label=graph.nodes[who]["label"],
                    color=PERSON_COLOR if kind == "person" else ORG_COLOR,
                    size=8 if kind == "person" else 12,
                    shape="dot" if kind == "person" else "box",
                )
                for anchor in anchors:
                    if anchor != who and not view.has_edge(who, anchor):
                        view.add_edge(
                            who,
                            anchor,
                            key=f"{who}|{anchor}",
                            id=f"{who}|took-part|{anchor}",
                            relation="participant",
                        )
    if "people" in layers:
        for person in sorted(v for v in graph if graph.nodes[v]["kind"] == "person"):
            for org in sorted(graph.neighbors(person)):
                if person in view and org in view and not view.has_edge(person, org):
                    view.add_edge(
                        person, org, key=f"{person}|{org}", id=f"{person}|member|{org}", relation="member"
                    )

    notes: list[str] = []
    if focus is not None:
        if focus not in view:
            raise KeyError(focus)
        keep = {focus}
        frontier = {focus}
        for _ in range(2):
            frontier = {n for f in frontier if f != home or f == focus for n in view.neighbors(f)} - keep
            keep |= frontier
        view = view.subgraph(keep).copy()
        notes.append(t("note_focus", lang, label=view.nodes[focus]["label"]))
    view = layout.reduce(view, max_nodes, lang, notes, home)
    positions = layout.positions(view, home)
    return _to_view(view, positions, period, lang, notes, results.home[1])


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
            (view.nodes[v].get("region", ""), view.nodes[v]["color"])
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
