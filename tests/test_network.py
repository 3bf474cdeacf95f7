"""The partnership network and its metrics."""

from __future__ import annotations

import json
from dataclasses import asdict

import networkx as nx
import pytest
from typer.testing import CliRunner

from asan_kg.analysis import network
from asan_kg.cli import app
from asan_kg.sparql import querying
from asan_kg.store.embedded import KnowledgeGraph


def test_the_network_holds_typed_labelled_nodes_from_the_queries(kg: KnowledgeGraph) -> None:
    graph = network.build(kg, "ko")
    kinds = {graph.nodes[v]["kind"] for v in graph}
    assert kinds == {"city", "organization", "person", "partnership", "activity"}
    partnerships = [v for v in graph if graph.nodes[v]["kind"] == "partnership"]
    assert len(partnerships) == 13
    assert graph.nodes["https://w3id.org/asan-kg/id/place/rongcheng"]["label"] == "영성시"
    assert graph.nodes["https://w3id.org/asan-kg/id/place/wuppertal"]["kind"] == "city"  # a third party


def test_the_shared_trade_mission_is_the_broker_between_dongguan_and_weifang(kg: KnowledgeGraph) -> None:
    brokers = {b.node.rsplit("/", 1)[-1]: b for b in network.brokers(network.build(kg))}
    mission = brokers["2014-04-03-dongguan-weifang-trade-mission"]
    assert "Asan–Weifang friendship-city partnership" in mission.partnerships_split
    assert "Asan–Dongguan sister-city partnership" in mission.partnerships_split


def test_centrality_is_exact_on_a_small_graph_and_asan_is_central(kg: KnowledgeGraph) -> None:
    result = network.metrics(network.build(kg), top=5)
    assert result.betweenness_exact and result.components == 1
    assert {s.node.rsplit("/", 1)[-1] for s in result.top[:3]} >= {"asan", "asan-city-government"}


def test_network_metrics_command_with_ego_network() -> None:
    result = CliRunner().invoke(app, ["network-metrics", "--focus", "place:weifang", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    members = doc["ego"]["https://w3id.org/asan-kg/id/place/weifang"]
    assert "Trade mission to Dongguan and Weifang" in members
    assert doc["partner_shares"][0]["label"] == "Dongguan"
    bad = CliRunner().invoke(app, ["network-metrics", "--focus", "place:atlantis"])
    assert bad.exit_code == 2


def test_sampled_betweenness_on_sparse_matrices_is_what_networkx_estimates(kg: KnowledgeGraph) -> None:
    from asan_kg.analysis import paths

    graph = network.build(kg)
    ours = paths.sampled_betweenness(graph, 16, seed=7)
    theirs = nx.betweenness_centrality(graph, k=16, seed=7)
    assert ours.keys() == theirs.keys()
    assert all(abs(ours[v] - theirs[v]) < 1e-12 for v in graph), "sampled betweenness differs"
    assert max(ours.values()) > 0


def test_a_large_network_is_measured_from_the_query_rows_with_the_numbers_networkx_gives(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # above EXACT_BETWEENNESS_MAX the rows go to sparse matrices without a networkx graph;
    # lowered here so the Asan graph takes that path and can be compared with networkx's
    monkeypatch.setattr(network, "EXACT_BETWEENNESS_MAX", 10)
    for lang in ("en", "ko"):
        rows = network.metrics(network.load(kg, lang))
        graph = network.metrics(network.build(kg, lang))
        assert asdict(rows) == asdict(graph)
        assert not rows.betweenness_exact and rows.notes[0].code == "sampled"
    mission = next(b for b in rows.brokers if b.node.endswith("2014-04-03-dongguan-weifang-trade-mission"))
    korean = querying.labels(kg, "ko")
    for tie in ("asan-dongguan", "asan-weifang"):  # named in Korean, read only for the brokers
        assert korean[f"https://w3id.org/asan-kg/id/partnership/{tie}"] in mission.partnerships_split


def test_labels_are_read_for_the_named_nodes_only_and_equal_the_labels_query(kg: KnowledgeGraph) -> None:
    net = network.load(kg, "ko")
    every = querying.labels(kg, "ko")
    named = [*net.nodes[:5], "https://w3id.org/asan-kg/id/place/rongcheng"]
    assert network.node_labels(kg, named, "ko") == {v: every[v] for v in named if v in every}
    assert net.labels_of(named)["https://w3id.org/asan-kg/id/place/rongcheng"] == "영성시"


def test_the_network_rows_come_in_source_relation_target_order(kg: KnowledgeGraph) -> None:
    rows = network.edges(kg)
    assert rows == sorted(rows) and len(rows) == len(set(rows))
    assert len(rows) == len(querying.run(kg, "network-edges"))


def test_the_pieces_a_node_leaves_are_those_a_walk_without_it_finds() -> None:
    from asan_kg.analysis import paths

    for seed in range(5):  # trees with a few extra edges: many cut points, some cycles
        graph = nx.random_labeled_tree(120, seed=seed)
        graph.add_edges_from(nx.gnm_random_graph(120, 15, seed=seed).edges())
        graph.add_nodes_from([500, 501])  # an isolated node and a second component
        graph.add_edge(501, 502)
        nodes = list(graph.nodes())
        pieces = paths.Pieces.of_graph(graph)
        assert set(pieces.articulation_points()) == set(nx.articulation_points(graph))
        members = nodes[::3]
        for node in nodes:
            rest = graph.subgraph(v for v in graph if v != node)
            expected = {
                frozenset(m for m in members if m in piece)
                for piece in nx.connected_components(rest)
                if set(graph.neighbors(node)) & piece
            } - {frozenset()}
            got = {frozenset(group) for group in pieces.groups_without(node, members)}
            assert got == expected, node
