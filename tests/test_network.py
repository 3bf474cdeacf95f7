"""The partnership network and its metrics."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from asan_kg.analysis import network
from asan_kg.cli import app
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
