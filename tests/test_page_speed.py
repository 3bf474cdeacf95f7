"""A national graph's network page reads only what it draws: the health and the labels of the
partnerships and nodes left after reduction, and a fast layout above ``layout.SPRING_MAX``
nodes (said in the page's notes). What it draws stays what reading everything would draw."""

from __future__ import annotations

import dataclasses
from typing import Any

import networkx as nx
import pytest

from asan_kg.analysis import health, network, results
from asan_kg.render import html_network, layout, projection, view
from asan_kg.render.i18n import Lang, t
from asan_kg.render.view import build_view
from asan_kg.store.embedded import KnowledgeGraph


def test_the_health_of_some_partnerships_is_their_health_in_the_whole_report(kg: KnowledgeGraph) -> None:
    whole = health.assess(kg, lang="ko")
    some = [tie.partnership for tie in whole.ties][::3]
    part = health.assess(kg, lang="ko", partnerships=some)
    assert len(some) > 1 and [tie.partnership for tie in part.ties] == some
    assert [dataclasses.asdict(tie) for tie in part.ties] == [dataclasses.asdict(whole.tie(p)) for p in some]
    assert (part.as_of, part.coverage) == (whole.as_of, whole.coverage)


WEIFANG = "https://w3id.org/asan-kg/id/place/weifang"


@pytest.mark.parametrize("max_timelines", [300, 0])
def test_a_page_reads_the_health_of_its_drawn_ties_only_and_draws_the_same(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch, max_timelines: int
) -> None:
    # with timelines (their legend names every tie's fields) and without (tooltips only)
    monkeypatch.setattr(view, "MAX_TIMELINES", max_timelines)
    asked: list[frozenset[str] | None] = []
    real = results.Results.health

    def spy(self: results.Results, as_of: Any = None, partnerships: frozenset[str] | None = None) -> Any:
        asked.append(partnerships)
        return real(self, as_of, partnerships)

    monkeypatch.setattr(results.Results, "health", spy)
    every = build_view(kg, include=())  # most ties drawn: one read of every tie costs less
    one = build_view(kg, include=(), focus=WEIFANG)
    drawn = {e["id"] for e in one.edges if e["relation"] == "partnership"}
    assert asked == [None, frozenset(drawn)] and 0 < len(drawn) < len(every.edges) / 2
    assert bool(one.timelines) == (len(drawn) <= max_timelines)
    everything = projection.Projection.assess_health
    monkeypatch.setattr(projection.Projection, "assess_health", lambda self, _some: everything(self, None))
    assert html_network.render(build_view(kg, include=(), focus=WEIFANG)) == html_network.render(one)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_timelines_legend_of_some_ties_names_the_fields_of_every_tie(
    kg: KnowledgeGraph, lang: str
) -> None:
    whole = health.assess(kg, lang=lang)
    seen: dict[str, str] = {}
    for tie in whole.ties:
        for e in tie.exchanges:
            if e.field:
                seen.setdefault(e.field, e.field_label)
    some = health.assess(kg, lang=lang, partnerships=[whole.ties[0].partnership])
    assert seen and some.fields == seen and whole.fields is None


def test_a_page_reads_the_labels_of_the_nodes_it_draws_only(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = results.Results(kg, "ko").labels
    asked: list[str] = []
    real = network.node_labels

    def spy(store: Any, nodes: list[str], lang: str = "en") -> dict[str, str]:
        asked.extend(nodes)
        return real(store, nodes, lang)

    monkeypatch.setattr(network, "node_labels", spy)
    page = build_view(kg, lang="ko", include=("orgs", "people"), max_nodes=12)
    drawn = {n["id"] for n in page.nodes if not n["id"].startswith("merged:")}
    assert drawn <= set(asked) and len(set(asked)) < len(every)
    assert all(n["label"] == every[n["id"]] for n in page.nodes if n["id"] in every)


def _star(n: int) -> nx.MultiGraph:
    graph = nx.MultiGraph()
    graph.add_node("home", kind="city", label="Home", region="")
    for i in range(1, n):
        graph.add_node(f"c{i:04d}", kind="city", label=f"City {i}", region=f"r{i % 5}")
        graph.add_edge("home", f"c{i:04d}", key=str(i))
    return graph


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_page_above_the_spring_layouts_size_uses_a_faster_layout_and_says_so(lang: Lang) -> None:
    notes: list[str] = []
    small = layout.positions(_star(layout.SPRING_MAX), "home", notes, lang)
    assert not notes and len(small) == layout.SPRING_MAX
    large = _star(layout.SPRING_MAX + 1)
    pos = layout.positions(large, "home", notes, lang)
    assert notes == [t("note_fast_layout", lang, n=layout.SPRING_MAX + 1, max=layout.SPRING_MAX)]
    assert pos == layout.positions(large, "home") and len(set(pos.values())) == len(pos)
