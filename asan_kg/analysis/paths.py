"""Shortest-path measures for large networks on sparse matrices (scipy), not node by node.

* ``sampled_betweenness``: Brandes' betweenness from ``k`` seeded pivot sources, run for a batch
  of sources at once (one sparse matrix product per BFS level and batch). It picks the same
  pivots and rescales like ``networkx.betweenness_centrality(G, k=k, seed=seed)``, so it gives
  the same estimate, at a fraction of the time.
* ``Pieces``: the components a node's removal splits a graph into, read off one depth-first
  walk (Tarjan's low points and subtree ranges) for every node checked.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Hashable, Sequence

import networkx as nx
import numpy as np
from scipy import sparse

BATCH_CELLS = 8_000_000  # nodes x sources per batch: bounds memory (a few float arrays of it)


def adjacency(graph: nx.Graph, nodes: Sequence[Hashable]) -> sparse.csr_matrix:
    """The symmetric 0/1 adjacency matrix of ``graph`` over ``nodes`` (edges to other nodes and
    self-loops dropped)."""
    index = {v: i for i, v in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in graph.edges() if a in index and b in index]
    return pairs_matrix(len(nodes), pairs)


def pairs_matrix(n: int, pairs: Sequence[tuple[int, int]]) -> sparse.csr_matrix:
    """The symmetric 0/1 adjacency matrix of ``n`` nodes from index pairs (self-loops and
    repeated pairs dropped): the network's query rows go straight here, without networkx."""
    pairs = [p for p in pairs if p[0] != p[1]]
    rows = np.fromiter((p[0] for p in pairs), dtype=np.int64, count=len(pairs))
    cols = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
    ones = np.ones(2 * len(pairs))
    matrix = sparse.csr_matrix(
        (ones, (np.concatenate([rows, cols]), np.concatenate([cols, rows]))), shape=(n, n)
    )
    matrix.data[:] = 1.0  # parallel edges summed: back to 0/1
    return matrix


def _dependencies(matrix: sparse.csr_matrix, sources: np.ndarray) -> np.ndarray:
    """Sum over ``sources`` of each node's dependency (Brandes), sources excluded."""
    n, k = matrix.shape[0], len(sources)
    cols = np.arange(k)
    dist = np.full((n, k), -1, dtype=np.int32)
    sigma = np.zeros((n, k))
    dist[sources, cols] = 0
    sigma[sources, cols] = 1.0
    frontier = sigma.copy()
    flat_dist, flat_sigma = dist.ravel(), sigma.ravel()
    depth = 0
    while True:  # one BFS level for every source at once; only the cells reached are touched
        reach = (matrix @ frontier).ravel()
        new = np.flatnonzero(reach > 0)
        new = new[flat_dist[new] < 0]
        if not len(new):
            break
        depth += 1
        flat_dist[new] = depth
        flat_sigma[new] = reach[new]
        frontier = np.zeros((n, k))
        frontier.ravel()[new] = reach[new]
    # Back from the deepest level, touching only each level's cells (the same arithmetic, cell
    # by cell, as whole-array masks: the numbers do not change, the time does).
    delta, coef = np.zeros(n * k), np.zeros((n, k))
    flat_coef = coef.ravel()
    at = np.flatnonzero(flat_dist == depth)
    for level in range(depth, 0, -1):
        flat_coef[at] = (1.0 + delta[at]) * (1.0 / flat_sigma[at])
        below = np.flatnonzero(flat_dist == level - 1)
        delta[below] += flat_sigma[below] * (matrix @ coef).ravel()[below]
        flat_coef[at] = 0.0
        at = below
    return np.where(dist > 0, delta.reshape(n, k), 0.0).sum(axis=1)  # type: ignore[no-any-return]


def sampled_betweenness(graph: nx.Graph, k: int, seed: int = 42) -> dict[Hashable, float]:
    """Normalized betweenness estimated from ``k`` pivots, as networkx estimates it."""
    nodes = list(graph.nodes())
    if len(nodes) < 3 or k < 2:
        return nx.betweenness_centrality(graph, k=k, seed=seed)  # type: ignore[no-any-return]
    values = sampled_betweenness_of(nodes, adjacency(graph, nodes), k, seed)
    return {v: float(values[i]) for i, v in enumerate(nodes)}


def sampled_betweenness_of(
    nodes: Sequence[Hashable], matrix: sparse.csr_matrix, k: int, seed: int = 42
) -> np.ndarray:
    """``sampled_betweenness`` on an adjacency matrix over ``nodes`` (in the graph's node order,
    which decides the pivots), at least 3 nodes and 2 pivots."""
    n = len(nodes)
    pivots = random.Random(seed).sample(list(nodes), k)
    index = {v: i for i, v in enumerate(nodes)}
    chosen = np.array([index[v] for v in pivots], dtype=np.int64)
    batch = max(1, BATCH_CELLS // max(n, 1))
    total = np.zeros(n)
    for lo in range(0, k, batch):
        total += _dependencies(matrix, chosen[lo : lo + batch])
    scale = np.full(n, 1.0 / (k * (n - 2)))
    scale[chosen] = 1.0 / ((k - 1) * (n - 2))
    return total * scale  # type: ignore[no-any-return]


Tree = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


class Pieces:
    """The pieces a node's removal splits a graph into, each node's removal one sparse pass."""

    def __init__(self, nodes: Sequence[Hashable], matrix: sparse.csr_matrix) -> None:
        self.nodes = list(nodes)
        self.index = {v: i for i, v in enumerate(self.nodes)}
        self.matrix = matrix.tocsr()
        self._members: Sequence[Hashable] | None = None
        self._tree: Tree | None = None
        self._positions = np.zeros(0, dtype=np.int64)

    @classmethod
    def of_graph(cls, graph: nx.Graph, drop: Collection[Hashable] = ()) -> Pieces:
        """The pieces of ``graph`` without the nodes ``drop``."""
        nodes = [v for v in graph.nodes() if v not in drop]
        return cls(nodes, adjacency(graph, nodes))

    def degree(self, node: Hashable) -> int:
        i = self.index[node]
        return int(self.matrix.indptr[i + 1] - self.matrix.indptr[i])

    def articulation_points(self) -> list[Hashable]:
        """Nodes whose removal disconnects their component (iterative Tarjan, no recursion)."""
        disc, low, _fin, parent, root = self._walk()
        found: set[int] = set()
        children = np.bincount(parent[parent >= 0], minlength=len(self.nodes))
        for v in np.flatnonzero(parent >= 0).tolist():
            p = int(parent[v])
            if root[p] != p and low[v] >= disc[p]:
                found.add(p)
        roots = np.flatnonzero(root == np.arange(len(self.nodes)))
        found.update(v for v in roots.tolist() if children[v] > 1)
        return [self.nodes[i] for i in sorted(found)]

    def _walk(self) -> Tree:
        """One depth-first walk (Tarjan's): each node's discovery time, low point, the time its
        subtree ends (the subtree is the discovery times [disc, fin)), tree parent (-1 at a root)
        and root (its component). Computed once; every broker check reads it."""
        if self._tree is not None:
            return self._tree
        indptr, indices = self.matrix.indptr.tolist(), self.matrix.indices.tolist()
        n = len(self.nodes)
        disc, low, fin, parent, root_of = [-1] * n, [0] * n, [0] * n, [-1] * n, [0] * n
        clock = 0
        for root in range(n):
            if disc[root] >= 0:
                continue
            disc[root] = low[root] = clock
            root_of[root] = root
            clock += 1
            stack = [(root, -1, indptr[root])]
            while stack:
                v, up, i = stack[-1]
                if i < indptr[v + 1]:
                    stack[-1] = (v, up, i + 1)
                    w = indices[i]
                    if disc[w] < 0:
                        disc[w] = low[w] = clock
                        parent[w], root_of[w] = v, root
                        clock += 1
                        stack.append((w, v, indptr[w]))
                    elif w != up:
                        low[v] = min(low[v], disc[w])
                    continue
                stack.pop()
                fin[v] = clock
                if up >= 0:
                    low[up] = min(low[up], low[v])
        arrays = [np.array(x, dtype=np.int64) for x in (disc, low, fin, parent, root_of)]
        self._tree = (arrays[0], arrays[1], arrays[2], arrays[3], arrays[4])
        return self._tree

    def groups_without(self, node: Hashable, members: Sequence[Hashable]) -> list[list[Hashable]]:
        """``members`` grouped by the component they fall into once ``node`` is removed, only
        components that one of ``node``'s neighbours is in (as a walk from each neighbour finds).

        Read off the depth-first tree: a child's subtree is a piece of its own when no back
        edge climbs above the node (or the node is a root); the rest of the component is one."""
        disc, low, fin, parent, root = self._walk()
        i = self.index[node]
        if members is not self._members:  # the same members for every node: index them once
            self._members = members
            self._positions = np.array([self.index[m] for m in members], dtype=np.int64)
        positions = self._positions
        inside = np.flatnonzero((root[positions] == root[i]) & (positions != i))
        at = disc[positions[inside]]
        piece = np.full(len(inside), -1, dtype=np.int64)
        for c in np.flatnonzero(parent == i).tolist():
            if root[i] == i or low[c] >= disc[i]:
                piece[(at >= disc[c]) & (at < fin[c])] = c
        if len(np.unique(piece)) < 2:  # nothing split: skip the grouping
            return [[members[j] for j in inside.tolist()]] if len(inside) else []
        groups: dict[int, list[Hashable]] = {}
        for j, key in zip(inside.tolist(), piece.tolist(), strict=True):
            groups.setdefault(key, []).append(members[j])
        return list(groups.values())
