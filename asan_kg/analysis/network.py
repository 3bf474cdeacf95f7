"""The partnership network (networkx), built from query results, and its metrics.

Nodes are typed (city, organization, person, partnership, activity) and labelled; edges come
from the ``network-edges`` saved query, not from converting every triple (``network_model``
reads its rows into node and edge lists). The same graph feeds the interactive view.
Betweenness is exact up to ``EXACT_BETWEENNESS_MAX`` nodes and sampled (seeded, k pivots) above
it, on sparse matrices (``asan_kg.analysis.paths``); the result says which. A ``Network`` above
that size is measured straight from its lists (``network_scale``), with the same numbers and
labels read only for the nodes the answer names. Brokers check at most
``BROKER_CANDIDATES_MAX`` articulation points, and say so.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from asan_kg.analysis.network_model import (
    BROKER_CANDIDATES_MAX,
    EXACT_BETWEENNESS_MAX,
    PATH_METRICS_MAX,
    SAMPLE_PIVOTS,
    Broker,
    Metrics,
    Network,
    NodeScore,
    Note,
    edges,
    home_city,
    load,
    node_labels,
)
from asan_kg.sparql.querying import Store

__all__ = [
    "BROKER_CANDIDATES_MAX",
    "EXACT_BETWEENNESS_MAX",
    "PATH_METRICS_MAX",
    "SAMPLE_PIVOTS",
    "Broker",
    "Metrics",
    "Network",
    "NodeScore",
    "Note",
    "brokers",
    "build",
    "edges",
    "ego",
    "home_city",
    "load",
    "metrics",
    "node_labels",
]


def build(store: Store, lang: str = "en") -> nx.Graph:
    """The typed, labelled network of the graph."""
    return load(store, lang).graph()


def metrics(graph: nx.Graph | Network, top: int = 15, home: str | None = None, seed: int = 42) -> Metrics:
    """Degree and betweenness centrality, brokers and components of ``graph``. A ``Network``
    above ``EXACT_BETWEENNESS_MAX`` nodes is measured on sparse matrices built from its rows
    (``network_scale``), with the numbers networkx gives; below, as a networkx graph."""
    if isinstance(graph, Network):
        if len(graph.nodes) > EXACT_BETWEENNESS_MAX:
            from asan_kg.analysis import network_scale  # scipy: only for large graphs

            return network_scale.metrics(graph, top, home, seed)
        graph = graph.graph()
    n = graph.number_of_nodes()
    if n == 0:
        return Metrics(0, 0, 0, True, [], [])
    exact = n <= EXACT_BETWEENNESS_MAX
    notes: list[Note] = []
    if n > PATH_METRICS_MAX:
        between = dict.fromkeys(graph, 0.0)
        notes.append(Note("skipped", {"n": n, "limit": PATH_METRICS_MAX}))
    else:
        if exact:
            between = nx.betweenness_centrality(graph, seed=seed)
        else:
            from asan_kg.analysis import paths  # scipy: only for large graphs (start-up time)

            between = paths.sampled_betweenness(graph, min(SAMPLE_PIVOTS, n), seed=seed)
            notes.append(Note("sampled", {"sources": min(SAMPLE_PIVOTS, n)}))
    degree = nx.degree_centrality(graph)
    scores = [
        NodeScore(
            v,
            graph.nodes[v]["label"],
            graph.nodes[v]["kind"],
            graph.degree(v),
            round(degree[v], 4),
            round(between[v], 4),
        )
        for v in graph.nodes
    ]
    scores.sort(key=lambda s: (-s.betweenness, -s.degree, s.node))
    found, all_checked = _brokers(graph, home) if n <= PATH_METRICS_MAX else ([], False)
    return Metrics(
        n,
        graph.number_of_edges(),
        nx.number_connected_components(graph),
        exact,
        scores[:top],
        found,
        brokers_exact=all_checked,
        notes=notes,
    )


def brokers(graph: nx.Graph, home: str | None = None) -> list[Broker]:
    """Nodes other than the home city and its own bodies whose removal splits partnerships apart."""
    return _brokers(graph, home)[0]


def _brokers(graph: nx.Graph, home: str | None) -> tuple[list[Broker], bool]:
    """The brokers, and whether every articulation point was checked (at most 50 are).

    Every partnership touches the home city, so the home side is left out first: what remains
    shows who else ties our partnerships together (a partner city, a shared trade mission, a
    person). A broker is an articulation point there whose removal leaves the partnerships
    that were connected through it in two or more separate components.
    """
    home = home or graph.graph.get("home", "")
    home_side = (
        {home} | {v for v in graph.neighbors(home) if graph.nodes[v]["kind"] == "organization"}
        if home in graph
        else set()
    )
    points, degree, split = _candidates(graph, home_side)
    out = []
    all_checked = len(points) <= BROKER_CANDIDATES_MAX
    if not all_checked:  # each check walks a component: keep the best-connected
        points = sorted(points, key=lambda v: (-degree(v), v))[:BROKER_CANDIDATES_MAX]
    for node in points:
        groups = [sorted(graph.nodes[v]["label"] for v in group) for group in split(node)]
        groups = [g for g in groups if g]
        if len(groups) >= 2:
            out.append(
                Broker(
                    node,
                    graph.nodes[node]["label"],
                    graph.nodes[node]["kind"],
                    sorted(label for g in groups for label in g),
                )
            )
    out.sort(key=lambda b: (-len(b.partnerships_split), b.node))
    return out, all_checked


Split = Callable[[str], list[list[str]]]


def _candidates(graph: nx.Graph, home_side: set[str]) -> tuple[list[str], Callable[[str], int], Split]:
    """Outside ``home_side``: its articulation points (sorted), the degree there, and node ->
    the partnerships grouped by the piece they fall in once the node is removed. A plain BFS on
    small graphs; sparse matrices (scipy) and an iterative Tarjan on large ones."""
    partnerships = [v for v in graph if graph.nodes[v]["kind"] == "partnership" and v not in home_side]
    if graph.number_of_nodes() <= EXACT_BETWEENNESS_MAX:
        rest = nx.Graph(graph.subgraph(v for v in graph if v not in home_side))
        wanted = set(partnerships)

        def split(node: str) -> list[list[str]]:
            return [[v for v in piece if v in wanted] for piece in _pieces_without(rest, node)]

        return sorted(nx.articulation_points(rest)), rest.degree, split
    from asan_kg.analysis import paths

    pieces = paths.Pieces.of_graph(graph, drop=home_side)
    points = sorted(str(v) for v in pieces.articulation_points())
    return points, pieces.degree, lambda node: pieces.groups_without(node, partnerships)  # type: ignore[return-value]


def _pieces_without(graph: nx.Graph, node: str) -> list[set[str]]:
    """The components ``node``'s neighbours fall into once ``node`` is removed (plain BFS)."""
    adjacency = graph.adj
    seen: set[str] = {node}
    pieces = []
    for start in adjacency[node]:
        if start in seen:
            continue
        piece, frontier = {start}, [start]
        seen.add(start)
        while frontier:
            current = frontier.pop()
            for nxt in adjacency[current]:
                if nxt not in seen:
                    seen.add(nxt)
                    piece.add(nxt)
                    frontier.append(nxt)
        pieces.append(piece)
    return pieces


def ego(graph: nx.Graph, center: str, radius: int = 2) -> nx.Graph:
    """The ego network of ``center`` (a node IRI) within ``radius`` hops."""
    if center not in graph:
        raise KeyError(center)
    return nx.ego_graph(graph, center, radius=radius)
