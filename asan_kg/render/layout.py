"""Making a large view readable: reduction (drop layers, merge small cities) and positions.

Positions are computed here, seeded, so the page needs no physics and two runs give the same
file: a spring layout up to ``SPRING_MAX`` nodes, above it a linear grouped layout (the page
says so in its notes).
"""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx

from asan_kg.render.i18n import Lang, t


def ordered_subgraph(view: nx.MultiGraph, keep: set[str]) -> nx.MultiGraph:
    """The subgraph on ``keep``, nodes and edges in ``view``'s order. networkx's ``subgraph``
    iterates the kept set itself when it is under half the graph, in an order that changes
    with Python's string hashing, and with it which end of an edge the page calls ``from``."""
    out = nx.MultiGraph()
    out.add_nodes_from((v, dict(view.nodes[v])) for v in view if v in keep)
    out.add_edges_from(
        (a, b, key, dict(data))
        for a, b, key, data in view.edges(keys=True, data=True)
        if a in keep and b in keep
    )
    return out


def reduce(view: nx.MultiGraph, max_nodes: int, lang: Lang, notes: list[str], home: str) -> nx.MultiGraph:
    """Drop layers, then merge the smallest cities per region, until the graph is readable."""
    total = left = view.number_of_nodes()
    kinds = Counter(data["kind"] for _v, data in view.nodes(data=True))
    dropped = set()
    for kind in ("activity", "person", "organization"):
        if left <= max_nodes:
            break
        left -= kinds[kind]
        dropped.add(kind)
        notes.append(t("note_dropped", lang, kind=kind, n=total, max=max_nodes))
    if dropped:  # one copy of the graph, not one per layer dropped
        view = ordered_subgraph(view, {v for v, data in view.nodes(data=True) if data["kind"] not in dropped})
    if left <= max_nodes:
        return view
    cities = sorted((v for v in view if v != home), key=lambda v: (-view.nodes[v].get("exchanges", 0), v))
    keep = set(cities[: max_nodes - 60]) | {home}
    merged = ordered_subgraph(view, keep)
    links: dict[str, set[str]] = {}
    for city in cities[max_nodes - 60 :]:
        region = view.nodes[city].get("region") or "?"
        bucket = f"merged:{region}"
        if bucket not in merged:
            merged.add_node(
                bucket,
                kind="city",
                label="",
                color=view.nodes[city]["color"],
                size=10,
                shape="square",
                exchanges=0.0,
                region=region,
                members=0,
            )
        merged.nodes[bucket]["members"] += 1
        merged.nodes[bucket]["exchanges"] += view.nodes[city].get("exchanges", 0)
        links.setdefault(bucket, set()).update(n for n in view.neighbors(city) if n in keep and n in view)
    for bucket in [v for v in merged if str(v).startswith("merged:")]:
        data = merged.nodes[bucket]
        data["label"] = t("merged_label", lang, n=data["members"], region=data["region"])
        data["size"] = 10 + 4 * math.sqrt(data["exchanges"])
        for neighbor in sorted(links.get(bucket, set())):
            merged.add_edge(
                neighbor, bucket, key=f"{bucket}|{neighbor}", id=f"{bucket}|{neighbor}", relation="merged"
            )
    notes.append(t("note_merged", lang, n=len(cities) - (max_nodes - 60)))
    return merged


SPRING_MAX = 600


def positions(
    view: nx.MultiGraph, home: str, notes: list[str] | None = None, lang: Lang = "en"
) -> dict[str, tuple[float, float]]:
    """Seeded spring layout on a simple graph, scaled to pixels; the home city in the middle.

    Above ``SPRING_MAX`` nodes a force layout costs seconds (measured: 1,456 nodes, 25
    iterations, 6-10 s on a busy 2-core machine; it grows with the square of the nodes), so
    cities go on a circle grouped by region and every other node next to the cities it is tied
    to (deterministic, linear), and ``notes`` say so.
    """
    simple = nx.Graph(view)
    n = simple.number_of_nodes()
    if n == 0:
        return {}
    if n > SPRING_MAX:
        if notes is not None:
            notes.append(t("note_fast_layout", lang, n=n, max=SPRING_MAX))
        return _grouped_layout(simple, home)
    fixed = [home] if home in simple else None
    pos = nx.spring_layout(
        simple,
        seed=7,
        iterations=50,
        k=1.4 / math.sqrt(n),
        pos={home: (0.0, 0.0)} if fixed else None,
        fixed=fixed,
    )
    scale = 90 * math.sqrt(n)
    return {v: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for v, (x, y) in pos.items()}


def _grouped_layout(graph: nx.Graph, home: str) -> dict[str, tuple[float, float]]:
    import zlib

    cities = sorted(
        (v for v in graph if graph.nodes[v]["kind"] == "city" and v != home),
        key=lambda v: (graph.nodes[v].get("region", ""), graph.nodes[v]["label"], v),
    )
    radius = 40.0 * max(len(cities), 1) / (2 * math.pi) + 200
    pos: dict[str, tuple[float, float]] = {home: (0.0, 0.0)} if home in graph else {}
    for i, city in enumerate(cities):
        angle = 2 * math.pi * i / max(len(cities), 1)
        pos[city] = (radius * math.cos(angle), radius * math.sin(angle))
    for v in sorted(graph):
        if v in pos:
            continue
        anchors = [pos[u] for u in graph.neighbors(v) if u in pos and u != home]
        h = zlib.crc32(v.encode("utf-8"))
        angle, dist = (h % 3600) / 3600 * 2 * math.pi, 30 + (h >> 12) % 120
        if anchors:
            x = sum(a[0] for a in anchors) / len(anchors) * 1.15
            y = sum(a[1] for a in anchors) / len(anchors) * 1.15
        else:
            x, y = radius * 1.4 * math.cos(angle), radius * 1.4 * math.sin(angle)
        pos[v] = (x + dist * math.cos(angle), y + dist * math.sin(angle))
    return {v: (round(x, 1), round(y, 1)) for v, (x, y) in pos.items()}
