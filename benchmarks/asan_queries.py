"""Benchmark on the Asan graph: every saved query, each analysis, and CLI start-up.

Run:  .venv/bin/python benchmarks/asan_queries.py [--repeat 7] [--json FILE]

Prints one table of medians (milliseconds) for both embedded engines side by side. This is a
benchmark, not a test: its numbers go in the closing notes, not in assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from asan_kg.analysis import concentration, dormancy, network
from asan_kg.sparql import catalog, querying
from asan_kg.store.embedded import ENGINES, Engine, KnowledgeGraph

REQUIRED = {"partner-activities": {"partner": "place:dongguan"}, "search-labels": {"text": "dongguan"}}


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up (first-query compilation, caches)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cli_ms(args: list[str], repeat: int) -> float:
    """Wall time of the console script, bytecode written as on a user's machine (``run.py``)."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    exe = str(Path(sys.executable).parent / "asan-kg")
    return median_ms(lambda: subprocess.run([exe, *args], capture_output=True, check=True), repeat)


def measure_engine(engine: Engine, repeat: int) -> dict[str, float]:
    """Median milliseconds of loading, every saved query and each analysis on one engine."""
    out = {"load (ontology + data + rules)": median_ms(lambda: KnowledgeGraph.load(engine=engine), repeat)}
    kg = KnowledgeGraph.load(engine=engine)
    for q in catalog.saved_queries():
        params = REQUIRED.get(q.name, {})
        out[f"query {q.name}"] = median_ms(lambda q=q, p=params: querying.run(kg, q, p, "en"), repeat)  # type: ignore[misc]
    out["analysis dormancy"] = median_ms(lambda: dormancy.assess(kg), repeat)
    out["analysis concentration --by country"] = median_ms(
        lambda: concentration.analyse(kg, "country"), repeat
    )
    out["analysis network build + metrics"] = median_ms(lambda: network.metrics(network.build(kg)), repeat)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    per_engine = {engine: measure_engine(engine, args.repeat) for engine in ENGINES}
    rows = {name: {e: per_engine[e][name] for e in ENGINES} for name in per_engine["oxigraph"]}
    cli = {
        "cli asan-kg --help": cli_ms(["--help"], args.repeat),
        "cli asan-kg dormant": cli_ms(["dormant"], args.repeat),
        "cli asan-kg concentration": cli_ms(["concentration"], args.repeat),
        "cli asan-kg health": cli_ms(["health"], args.repeat),
        "cli asan-kg query partners": cli_ms(["query", "partners"], args.repeat),
        "cli asan-kg query partners -f csv": cli_ms(["query", "partners", "-f", "csv"], args.repeat),
        "cli asan-kg validate": cli_ms(["validate"], max(3, args.repeat // 2)),
    }
    width = max(len(k) for k in [*rows, *cli])
    print(f"{'operation':<{width}}  {'oxigraph ms':>12}  {'rdflib ms':>10}  {'rdflib/ox':>9}")
    for name, by_engine in rows.items():
        ox, rd = by_engine["oxigraph"], by_engine["rdflib"]
        print(f"{name:<{width}}  {ox:>12.1f}  {rd:>10.1f}  {rd / ox:>9.1f}")
    for name, ms in cli.items():
        print(f"{name:<{width}}  {ms:>12.1f}  (wall, start-up included)")
    if args.json:
        args.json.write_text(json.dumps({"engines": rows, "cli": cli}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
