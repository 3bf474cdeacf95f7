"""At national scale the analyses let the engine aggregate: they read the activities only for the
window they show and labels only for what they show, and write JSON without deep copies, with
answers exactly as before."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from asan_kg.analysis import concentration, dormancy
from asan_kg.core.text import json_text
from asan_kg.sparql import catalog, querying
from asan_kg.store.embedded import KnowledgeGraph
from asan_kg.store.table import ResultTable

D = dt.date


class Recorder:
    """A store that keeps every query it is asked with the table it answered."""

    def __init__(self, inner: KnowledgeGraph) -> None:
        self.inner = inner
        self.asked: list[tuple[str, ResultTable]] = []

    def select(self, query: str) -> ResultTable:
        table = self.inner.select(query)
        self.asked.append((query, table))
        return table

    def answers(self, name: str) -> list[ResultTable]:
        summary = catalog.find(name).text.splitlines()[0]
        return [table for query, table in self.asked if query.splitlines()[0] == summary]


def test_dormancy_lists_only_the_activities_inside_the_window_it_shows(kg: KnowledgeGraph) -> None:
    store = Recorder(kg)
    report = dormancy.assess(store, as_of=D(2014, 12, 31), window_months=12)
    shown = {(v.partnership, i.iri, i.start) for v in report.verdicts for i in v.itemized}
    assert shown, "the window holds exchanges (Dongguan's of 2014)"
    assert all(start <= "2014-12-31" for _, _, start in shown)
    window = {"from": "2014-01-01", "to": "2014-12-31"}
    overlapping = querying.run(kg, "activity-dates", window).records()
    nested = {n.partnership for v in report.verdicts for n in v.includes}
    expected = {
        (str(r["partnership"]), str(r["activity"]), str(r["start"]))
        for r in overlapping
        if str(r["partnership"]) not in nested
    }
    assert shown == expected  # listed by the window aggregate itself: no query of their own
    assert not store.answers("activity-dates")
    everything = querying.run(kg, "activity-dates").records()
    assert len(overlapping) < len(everything)  # the 2012-2013 exchanges are counted, not listed


def test_dormancy_reads_the_labels_of_the_exchanges_it_shows_in_its_window_aggregate(
    kg: KnowledgeGraph,
) -> None:
    """Each tie's last exchange and the exchanges listed in the window carry their labels in the
    language, read by the window aggregate itself: no look-up query of their own."""
    store = Recorder(kg)
    report = dormancy.assess(store, as_of=D(2014, 12, 31), window_months=12, lang="ko")
    assert len(store.asked) == len({q for q, _ in store.asked})  # nothing asked twice
    assert not store.answers("labels") and not store.answers("activity-dates")
    rows = querying.run(kg, "activity-dates", lang="ko").records()
    labels = {str(r["activity"]): str(r["activity_label"]) for r in rows}
    last: dict[str, tuple[str, str]] = {}
    for r in rows:
        if str(r["start"]) <= "2014-12-31":
            found = (str(r["start"]), str(r["activity"]))
            last[str(r["partnership"])] = max(last.get(str(r["partnership"]), found), found)
    by_iri = {v.partnership: v for v in report.verdicts}
    shown = [(p, a) for p, (_, a) in last.items() if p in by_iri]
    assert shown and all(by_iri[p].last_activity_label == labels[a] for p, a in shown)
    assert any(" " in labels[a] for _, a in shown)  # Korean labels with spaces come back whole
    listed = [i for v in report.verdicts for i in v.itemized]
    assert listed and all(i.label == labels[i.iri] for i in listed)


def test_dormancy_counts_what_totals_itemize_only_where_a_total_overlaps_its_windows(
    kg: KnowledgeGraph,
) -> None:
    """The source's city totals cover 2012-2014: a verdict as of 2030 rests on none of them."""
    late = Recorder(kg)
    dormancy.assess(late, as_of=D(2030, 12, 31), window_months=12)
    assert not late.answers("reported-itemized")
    store = Recorder(kg)
    report = dormancy.assess(store, as_of=D(2014, 12, 31))
    (counted,) = store.answers("reported-itemized")
    assert counted.rows and any(r.itemized_inside for v in report.verdicts for r in v.reported)


def test_concentration_reads_the_labels_of_what_it_shows_only(kg: KnowledgeGraph) -> None:
    store = Recorder(kg)
    result = concentration.analyse(store, "country")
    labelled = {str(r[0]) for table in store.answers("labels") for r in table.rows}
    shown = {g.key for g in result.exchanges.groups} | {
        p.key for g in result.exchanges.groups for p in g.detail
    }
    shown |= {g.key for g in result.partnerships.groups} | {p.key for p in result.exchanges.partial}
    assert labelled <= shown
    assert len(labelled) < len(querying.labels(kg, "en"))
    assert {g.label for g in result.exchanges.groups} >= {"China", "Kenya"}


def test_labels_of_some_nodes_are_those_all_labels_give(kg: KnowledgeGraph) -> None:
    every = querying.labels(kg, "ko")
    some = [*sorted(every)[::7], "https://w3id.org/asan-kg/id/place/no-such-place"]
    assert querying.labels(kg, "ko", some) == {n: every[n] for n in some if n in every}
    assert querying.labels(kg, "ko", []) == {}


def test_a_verdicts_json_has_every_field_of_the_verdict_in_order(kg: KnowledgeGraph) -> None:
    for v in dormancy.assess(kg, as_of=D(2014, 12, 31)).verdicts:
        expected = dataclasses.asdict(v) | {"agrees_with_source": v.agrees_with_source}
        assert list(v.as_dict().items()) == list(expected.items())


def test_a_concentrations_json_has_every_field_of_its_distributions(kg: KnowledgeGraph) -> None:
    for by in concentration.DIMENSIONS:
        result = concentration.analyse(kg, by)
        for dist in (result.exchanges, result.partnerships):
            assert dist.as_dict() == dataclasses.asdict(dist)
            assert json.dumps(dist.as_dict()) == json.dumps(dataclasses.asdict(dist))


def test_json_text_is_the_standard_indented_json() -> None:
    values: list[Any] = [
        {"a": [], "b": {}, "c": [1.5, -0.0, 1e300, float("nan"), float("inf"), 10**30, True, None]},
        {1: "x", 2.5: "y", None: 3, False: 4, '\u2028\x7f\x01"\\': "\u202e\x85 아산"},
        (1, (2, [])),
        [[[{}]]],
        "",
        0,
    ]
    for value in values:
        text = json.dumps(value, ensure_ascii=False, indent=2)
        assert (
            json_text(value)
            .replace("\\u2028", "\u2028")
            .replace("\\u007f", "\x7f")
            .replace("\\u202e", "\u202e")
            .replace("\\u0085", "\x85")
            == text + "\n"
        )
