"""A national graph's network page reads the dormancy verdicts of the ties it draws only: where
the ties go needs their partner and kind (``kept_ties``), and only a drawn edge shows a status,
a width and a tooltip. What it draws stays what assessing every tie would draw."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from asan_kg.analysis import dormancy, results
from asan_kg.render import html_network
from asan_kg.render.i18n import Lang
from asan_kg.render.view import build_view
from asan_kg.store.embedded import KnowledgeGraph

WEIFANG = "https://w3id.org/asan-kg/id/place/weifang"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_verdicts_on_some_partnerships_are_their_verdicts_in_the_whole_report(
    kg: KnowledgeGraph, lang: str
) -> None:
    window = results.Results(kg, lang).period(None, None, 24)
    whole = dormancy.assess_window(kg, window, lang=lang)
    nesting = [v.partnership for v in whole.verdicts if v.includes]
    some = frozenset([v.partnership for v in whole.verdicts][::3] + nesting[:1])
    part = dormancy.assess_window(kg, window, lang=lang, partnerships=some)
    expected = [dataclasses.asdict(v) for v in whole.verdicts if v.partnership in some]
    assert nesting and 1 < len(some) < len(whole.verdicts)
    assert [dataclasses.asdict(v) for v in part.verdicts] == expected
    assert (part.as_of, part.window, part.covered) == (whole.as_of, whole.window, whole.covered)


def test_the_ties_with_a_verdict_of_their_own_are_known_without_assessing_them(kg: KnowledgeGraph) -> None:
    whole = dormancy.assess_window(kg, results.Results(kg).period(None, None, 24))
    kept = dormancy.kept_ties(kg)
    nested = {n.partnership for v in whole.verdicts for n in v.includes}
    assert nested and not nested & {tie.iri for tie in kept}
    assert sorted(tie.iri for tie in kept) == sorted(v.partnership for v in whole.verdicts)
    by_iri = {v.partnership: v for v in whole.verdicts}
    assert all(
        (t.partner, t.kind, t.kind_label)
        == (by_iri[t.iri].partner, by_iri[t.iri].kind, by_iri[t.iri].kind_label)
        for t in kept
    )


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_page_reads_the_verdicts_of_its_drawn_ties_only_and_draws_the_same(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch, lang: Lang
) -> None:
    asked: list[frozenset[str] | None] = []
    real = results.Results.dormancy

    def spy(self: results.Results, window: Any = None, partnerships: Any = None, **options: Any) -> Any:
        asked.append(partnerships)
        return real(self, window, partnerships, **options)

    monkeypatch.setattr(results.Results, "dormancy", spy)
    every = build_view(kg, lang=lang, include=())  # most ties drawn: one read of every verdict
    one = build_view(kg, lang=lang, include=(), focus=WEIFANG)
    drawn = {e["id"] for e in one.edges if e["relation"] == "partnership"}
    assert asked == [None, frozenset(drawn)] and 0 < len(drawn) < len(every.edges) / 2
    monkeypatch.setattr(results.Results, "dormancy", lambda self, window=None, _some=None: real(self, window))
    assert html_network.render(build_view(kg, lang=lang, include=(), focus=WEIFANG)) == html_network.render(
        one
    )
