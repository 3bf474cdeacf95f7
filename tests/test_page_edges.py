"""A network page draws the activities of its period only, so it reads only theirs: the edges
``network.edges`` gives for some activities (``network-ties`` and ``network-activity-edges``
for them) are those of ``network-edges`` without the other activities', and the page drawn
from them is the page drawn from the whole network."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from asan_kg.analysis import network, results
from asan_kg.analysis.evidence import Window
from asan_kg.render import html_network
from asan_kg.render.view import build_view
from asan_kg.sparql import querying
from asan_kg.store.embedded import KnowledgeGraph
from asan_kg.store.values import to_date

DATES = """PREFIX akg: <https://w3id.org/asan-kg/def#>
PREFIX schema: <https://schema.org/>
SELECT ?a ?start ?end WHERE { ?a a akg:Exchange ; schema:startDate ?start ; schema:endDate ?end }"""

PERIOD = Window(dt.date(2015, 1, 1), dt.date(2017, 12, 31))


def _overlapping(kg: KnowledgeGraph, period: Window) -> set[str]:
    out = set()
    for a, start, end in querying.select(kg, DATES).rows:
        s, e = to_date(start), to_date(end)
        if s is not None and e is not None and s <= period.end and e >= period.start:
            out.add(str(a))
    return out


def test_the_edges_of_some_activities_are_the_networks_without_the_others(kg: KnowledgeGraph) -> None:
    every = network.edges(kg)
    inside = _overlapping(kg, PERIOD)
    some = network.edges(kg, sorted(inside))
    assert some == [r for r in every if r[3] != "activity" or r[0] in inside]
    activities = {r[0] for r in every if r[3] == "activity"}
    assert activities & inside and activities - inside  # the period keeps some, drops some


@pytest.mark.parametrize("include", [("orgs", "people", "activities"), ("orgs", "people"), ()])
def test_a_page_drawn_from_its_periods_edges_is_the_page_of_the_whole_network(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch, include: tuple[str, ...]
) -> None:
    asked: list[Window] = []
    real = results.Results.network_of

    def spy(self: results.Results, period: Window) -> Any:
        asked.append(period)
        return real(self, period)

    monkeypatch.setattr(results.Results, "network_of", spy)
    page = html_network.render(build_view(kg, include=include, start=PERIOD.start, end=PERIOD.end))
    assert asked == [PERIOD]
    monkeypatch.setattr(results.Results, "network_of", lambda self, _period: self.network_unlabelled)
    whole = build_view(kg, include=include, start=PERIOD.start, end=PERIOD.end)
    assert html_network.render(whole) == page


def test_the_two_parts_of_the_network_edges_are_the_network_edges(kg: KnowledgeGraph) -> None:
    parts = [*querying.run(kg, "network-ties").values(), *querying.run(kg, "network-activity-edges").values()]
    assert sorted(parts, key=repr) == sorted(querying.run(kg, "network-edges").values(), key=repr)


def test_the_activity_edges_with_the_block_in_each_branch_are_those_with_it_outside(
    kg: KnowledgeGraph,
) -> None:
    some = sorted(_overlapping(kg, PERIOD))

    def rows(inside: bool) -> list[tuple[object, ...]]:
        tables = querying.run_for(kg, "network-activity-edges", "source", some, inside=inside)
        return sorted((r for table in tables for r in table.values()), key=repr)

    outside = rows(False)
    assert outside and rows(True) == outside
