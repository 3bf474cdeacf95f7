"""Network metrics at scale: from the query rows (``network.Network``) to sparse matrices, with
no networkx graph in between, and labels read only for the nodes the answer names.

The numbers are those ``network.metrics`` gives on the networkx graph of the same rows: the
same node order (hence the same sampled pivots), the same sampled betweenness
(``paths.sampled_betweenness_of``), degrees as networkx counts them (a self-loop counts twice),
the same articulation points, candidates and pieces for the brokers.
"""

from __future__ import annotations

import heapq

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from asan_kg.analysis import paths
from asan_kg.analysis.network_model import (
    BROKER_CANDIDATES_MAX,
    PATH_METRICS_MAX,
    SAMPLE_PIVOTS,
    Broker,
    Metrics,
    Network,
    NodeScore,
    Note,
)


def metrics(net: Network, top: int = 15, home: str | None = None, seed: int = 42) -> Metrics:
    """``network.metrics`` of a network above ``EXACT_BETWEENNESS_MAX`` nodes."""
    n = len(net.nodes)
    matrix = paths.pairs_matrix(n, net.pairs)
    loops = np.zeros(n, dtype=np.int64)
    for a, b in net.pairs:
        if a == b:
            loops[a] = 2  # networkx counts a self-loop twice in a node's degree
    degree = (np.diff(matrix.indptr) + loops).tolist()
    notes: list[Note] = []
    if n > PATH_METRICS_MAX:
        between = [0.0] * n
        notes.append(Note("skipped", {"n": n, "limit": PATH_METRICS_MAX}))
    else:
        k = min(SAMPLE_PIVOTS, n)
        between = [round(float(x), 4) for x in paths.sampled_betweenness_of(net.nodes, matrix, k, seed)]
        notes.append(Note("sampled", {"sources": k}))
    scale = 1.0 / (n - 1.0)  # as networkx.degree_centrality
    best = heapq.nsmallest(top, range(n), key=lambda i: (-between[i], -degree[i], net.nodes[i]))
    split, all_checked = _splits(net, matrix, home) if n <= PATH_METRICS_MAX else ({}, False)
    named = [net.nodes[i] for i in best] + list(split)
    labels = net.labels_of(named + [p for groups in split.values() for g in groups for p in g])
    scores = [
        NodeScore(
            net.nodes[i],
            labels[net.nodes[i]],
            net.kinds[i],
            degree[i],
            round(degree[i] * scale, 4),
            between[i],
        )
        for i in best
    ]
    kinds = dict(zip(net.nodes, net.kinds, strict=True))
    brokers = [
        Broker(v, labels[v], kinds[v], sorted(labels[p] for g in groups for p in g))
        for v, groups in split.items()
    ]
    brokers.sort(key=lambda b: (-len(b.partnerships_split), b.node))
    edges = len({(a, b) if a <= b else (b, a) for a, b in net.pairs})
    components = int(connected_components(matrix, directed=False)[0])
    return Metrics(n, edges, components, False, scores, brokers, brokers_exact=all_checked, notes=notes)


Splits = dict[str, list[list[str]]]  # broker -> the partnerships in each piece it leaves


def _splits(net: Network, matrix: sparse.csr_matrix, home: str | None) -> tuple[Splits, bool]:
    """Broker -> the partnerships it splits, grouped by piece (``network._brokers`` on the
    rows): articulation points outside the home side, at most ``BROKER_CANDIDATES_MAX``."""
    home = home or net.home
    index = {v: i for i, v in enumerate(net.nodes)}
    home_side = {home} if home in index else set()
    if home in index:
        h = index[home]
        for a, b in net.pairs:
            if h in (a, b) and net.kinds[b if a == h else a] == "organization":
                home_side.add(net.nodes[b if a == h else a])
    keep = np.array([v not in home_side for v in net.nodes], dtype=bool)
    kept = [v for v in net.nodes if v not in home_side]
    pieces = paths.Pieces(kept, matrix[keep][:, keep])
    kinds = dict(zip(net.nodes, net.kinds, strict=True))
    partnerships = [v for v in kept if kinds[v] == "partnership"]
    points = sorted(str(v) for v in pieces.articulation_points())
    all_checked = len(points) <= BROKER_CANDIDATES_MAX
    if not all_checked:
        points = sorted(points, key=lambda v: (-pieces.degree(v), v))[:BROKER_CANDIDATES_MAX]
    out: Splits = {}
    for node in points:
        groups = [g for g in pieces.groups_without(node, partnerships) if g]
        if len(groups) >= 2:
            out[node] = groups  # type: ignore[assignment]
    return out, all_checked
