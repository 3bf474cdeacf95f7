"""The benchmark's reference line for dormancy answers what `asan-kg dormant` answers: one
query on the raw engine that yields every value the verdicts show or rest on, so the ratio to it
compares the same work (benchmarks/reference.py)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from asan_kg.analysis import dormancy
from asan_kg.store.embedded import KnowledgeGraph
from tests.conftest import ROOT

# benchmarks/ is a folder of scripts, not a package: its module is loaded from its path.
_SPEC = importlib.util.spec_from_file_location("reference", ROOT / "benchmarks" / "reference.py")
assert _SPEC is not None and _SPEC.loader is not None
reference: Any = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(reference)

SECOND_CITY = ROOT / "tests" / "fixtures" / "second-city" / "data"


def _reference_rows(kg: KnowledgeGraph, report: dormancy.DormancyReport) -> list[dict[str, Any]]:
    windows = reference.counted_windows(report.as_of, report.covered, report.window_months)
    text = reference.dormancy_answer(report.as_of, windows, "en")
    solutions = kg.oxigraph.query(text)
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    return [
        {n: (None if s[n] is None else s[n].value) for n in names}
        for s in solutions  # type: ignore[union-attr]
    ]


def _split(text: str | None) -> list[tuple[str, str, str]]:
    """(start, IRI, label) of each "date IRI .encoded-label" item."""
    words = (text or "").split()
    return [(words[i], words[i + 1], unquote(words[i + 2][1:])) for i in range(0, len(words), 3)]


def _expected(row: dict[str, Any]) -> dict[str, Any]:
    last = _split(row["last"])
    return {
        "label": row["label"] or row["partnership"],
        "partner_label": row["partner_label"] or row["partner"],
        "signed_on": row["signed_on"],
        "last": (last[0][0], last[0][2] or last[0][1]) if last else (None, None),
        "itemized": sorted((iri, label or iri, start) for start, iri, label in _split(row["items"])),
    }


def _shown(v: dormancy.Verdict) -> dict[str, Any]:
    return {
        "label": v.partnership_label,
        "partner_label": v.partner_label,
        "signed_on": v.signed_on,
        "last": (v.last_activity, v.last_activity_label),
        "itemized": sorted((i.iri, i.label, i.start) for i in v.itemized),
    }


@pytest.mark.parametrize(
    ("data", "as_of"),
    [(None, dt.date(2014, 12, 31)), (None, None), (SECOND_CITY, None)],
    ids=["asan-2014", "asan-default", "second-city"],
)
def test_the_reference_query_yields_what_each_verdict_shows(data: Path | None, as_of: dt.date | None) -> None:
    kg = KnowledgeGraph.load(data, cache=False)
    report = dormancy.assess(kg, as_of=as_of)
    rows = _reference_rows(kg, report)
    ties = {r["partnership"]: _expected(r) for r in rows if r["partnership"]}
    assert report.verdicts and {v.partnership for v in report.verdicts} <= set(ties)
    for v in report.verdicts:
        assert _shown(v) == ties[v.partnership], v.partnership
        assert v.itemized_in_window == int(
            next(r["window0"] for r in rows if r["partnership"] == v.partnership) or 0
        )
    nested = {n.partnership for v in report.verdicts for n in v.includes}
    assert set(ties) == {v.partnership for v in report.verdicts} | nested
    totals = {(r["total_city"], r["total_from"], r["total_to"]): r for r in rows if r["total_city"]}
    for v in report.verdicts:
        for used in v.reported:
            row = totals[(v.partner, used.start, used.end)]
            assert (int(row["total_count"]), int(row["total_itemized"] or 0)) == (
                used.count,
                used.itemized_inside,
            )
    asserted = sorted((r["asserted_of"], r["state"].rsplit("/", 1)[-1]) for r in rows if r["asserted_of"])
    assert asserted == sorted((v.partnership, a.state) for v in report.verdicts for a in v.assertions)


def _rows(kg: KnowledgeGraph, text: str) -> list[dict[str, Any]]:
    solutions = kg.oxigraph.query(text)
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    return [{n: (None if s[n] is None else s[n].value) for n in names} for s in solutions]  # type: ignore[union-attr]


def _by_country(
    rows: list[dict[str, Any]], start: str, end: str
) -> tuple[dict[str, int], dict[str, int], set[Any]]:
    """Exchanges per country (itemized outside whole-inside totals, plus those totals), city
    partnerships per country and the totals only partly inside the period, from the rows."""
    exchanges: dict[str, int] = {}
    partial = set()
    for r in rows:
        country = r["country"] or ""
        if r["itemized"] is not None:
            exchanges[country] = exchanges.get(country, 0) + int(r["itemized"])
        elif r["total"] is not None and start <= r["total_from"] and r["total_to"] <= end:
            exchanges[country] = exchanges.get(country, 0) + int(r["total"])
        elif r["total"] is not None:
            partial.add((r["city"], int(r["total"]), r["total_from"], r["total_to"]))
    partnerships = {r["p_country"]: int(r["partnerships"]) for r in rows if r["p_country"]}
    return {k: n for k, n in exchanges.items() if n}, partnerships, partial


@pytest.mark.parametrize("data", [None, SECOND_CITY], ids=["asan", "second-city"])
def test_the_concentration_reference_counts_what_the_analysis_counts(data: Path | None) -> None:
    from asan_kg.analysis import concentration
    from asan_kg.vocab.prefixes import PREFIXES
    from asan_kg.vocab.terms import CITY_KINDS

    kg = KnowledgeGraph.load(data, cache=False)
    shares = concentration.analyse(kg, "country")
    kinds = [PREFIXES["kind"] + k for k in sorted(CITY_KINDS)]
    text = reference.concentration_answer(shares.from_, shares.to, kinds, "en")
    start, end = shares.from_.isoformat(), shares.to.isoformat()
    exchanges, partnerships, partial = _by_country(_rows(kg, text), start, end)
    assert exchanges and exchanges == {g.key: g.count for g in shares.exchanges.groups}
    assert partnerships == {g.key: g.count for g in shares.partnerships.groups}
    assert partial == {(p.key, p.reported, *p.periods[0]) for p in shares.exchanges.partial}
