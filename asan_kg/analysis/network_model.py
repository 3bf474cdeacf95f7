"""The partnership network as the saved query gives it: node and edge lists (``Network``), the
labels of the nodes a measure names, and the measures' result types. ``network`` builds the
networkx graph and measures it; ``network_scale`` measures large networks from these lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from asan_kg.sparql import querying
from asan_kg.sparql.querying import ResultTable, Store

EXACT_BETWEENNESS_MAX = 2000
PATH_METRICS_MAX = 1_000_000
SAMPLE_PIVOTS = 64
BROKER_CANDIDATES_MAX = 50


Row = tuple[str, str, str, str, str]  # source, relation, target, source type, target type


def edges(store: Store, activities: Sequence[str] | None = None) -> list[Row]:
    """The ``network-edges`` rows, ordered by source, relation and target (the query leaves the
    order to us: sorting its rows costs the engine more than the query itself). With
    ``activities``, those of the activities named only: ``network-ties`` and
    ``network-activity-edges`` for them (the two parts of ``network-edges``)."""
    if activities is None:
        tables = [querying.run(store, "network-edges")]
    else:
        tables = [querying.run(store, "network-ties")]
        named = sorted(set(activities))
        if all(querying.writable_iri(a) for a in named):
            tables += querying.run_for(store, "network-activity-edges", "source", named, inside=True)
        else:  # a blank node cannot be named in a query: every activity's edges, the named kept
            keep = set(named)
            every = querying.run(store, "network-activity-edges")
            tables.append(ResultTable(every.variables, [r for r in every.rows if str(r[0]) in keep]))
    rows: list[Row] = []
    for table in tables:
        at = [
            table.variables.index(c) for c in ("source", "relation", "target", "source_type", "target_type")
        ]
        rows += [tuple(str(r[i]) for i in at) for r in table.values()]  # type: ignore[misc]
    rows.sort()
    return rows


@dataclass
class Network:
    """The network as node and edge lists, straight from the query rows, without networkx:
    nodes in the order they first appear (as ``build`` adds them), their kinds, and edges as
    index pairs with their relation. Labels are read for the nodes a measure names only."""

    store: Store
    lang: str
    home: str
    nodes: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    pairs: list[tuple[int, int]] = field(default_factory=list)
    relations: list[str] = field(default_factory=list)

    def labels_of(self, nodes: Iterable[str]) -> dict[str, str]:
        """Node -> label (its IRI's last part where it has none), for ``nodes`` only."""
        wanted = sorted(set(nodes))
        found = node_labels(self.store, wanted, self.lang)
        return {v: found.get(v, v.rsplit("/", 1)[-1]) for v in wanted}

    def graph(self, labels: dict[str, str] | None = None) -> nx.Graph:
        """The typed, labelled networkx graph (every node's label: ``labels`` where the caller
        already read the saved query ``labels`` in this language)."""
        labels = querying.labels(self.store, self.lang) if labels is None else labels
        graph = nx.Graph()
        for node, kind in zip(self.nodes, self.kinds, strict=True):
            graph.add_node(node, kind=kind, label=labels.get(node, node.rsplit("/", 1)[-1]))
        for (a, b), relation in zip(self.pairs, self.relations, strict=True):
            graph.add_edge(self.nodes[a], self.nodes[b], relation=relation)
        graph.graph["home"] = self.home
        return graph


def load(store: Store, lang: str = "en", activities: Sequence[str] | None = None) -> Network:
    """The network of the graph from one query (and the home city), without labels; with
    ``activities``, with those activities only (what a page of one period draws)."""
    net = Network(store, lang, home_city(store, lang))
    index: dict[str, int] = {}
    for source, relation, target, source_type, target_type in edges(store, activities):
        for node, kind in ((source, source_type), (target, target_type)):
            if node not in index:
                index[node] = len(net.nodes)
                net.nodes.append(node)
                net.kinds.append(kind)
        net.pairs.append((index[source], index[target]))
        net.relations.append(relation)
    return net


def home_city(store: Store, lang: str = "en") -> str:
    rows = querying.run(store, "home-and-sources", lang=lang).text_records()
    homes = [r for r in rows if r["kind"] == "home"]
    return str(homes[0]["node"]) if homes else ""


def node_labels(store: Store, nodes: list[str], lang: str = "en") -> dict[str, str]:
    """The saved query ``labels`` for ``nodes`` only (``querying.labels`` with a VALUES list)."""
    return querying.labels(store, lang, nodes)


@dataclass(frozen=True)
class Note:
    """A limit the measures ran into (``sampled``, ``skipped``), with its numbers."""

    code: str
    values: dict[str, int]


@dataclass
class NodeScore:
    node: str
    label: str
    kind: str
    degree: int
    degree_centrality: float
    betweenness: float


@dataclass
class Broker:
    node: str
    label: str
    kind: str
    partnerships_split: list[str]


@dataclass
class Metrics:
    nodes: int
    edges: int
    components: int
    betweenness_exact: bool
    top: list[NodeScore]
    brokers: list[Broker]
    brokers_exact: bool = True
    ego: dict[str, list[str]] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
