"""Benchmark the saved-query suite and the analyses: embedded Oxigraph vs a local Oxigraph server.

    python benchmarks/remote_queries.py [--repeat 7]

Starts the `oxigraph` package's server on a free loopback port, publishes the Asan graph into a
named graph, and times each saved query (median of --repeat runs) both ways. A benchmark, not a
test; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from asan_queries import REQUIRED, median_ms

from asan_kg.analysis import concentration, dormancy
from asan_kg.remote.endpoint import EndpointConfig, RemoteStore
from asan_kg.remote.publish import ntriples_of, publish
from asan_kg.remote.serve import OxigraphServer
from asan_kg.sparql import catalog, querying
from asan_kg.store.embedded import KnowledgeGraph

GRAPH = "https://w3id.org/asan-kg/graph/asan"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    local = KnowledgeGraph.load()
    with OxigraphServer(in_memory=True) as server:
        started = time.perf_counter()
        publish(
            ntriples_of(local),
            RemoteStore(EndpointConfig(server.query_url, update_url=server.update_url)),
            GRAPH,
            graph_store="auto",
        )
        print(f"publish {len(local)} triples: {(time.perf_counter() - started) * 1000:.0f} ms")
        remote = RemoteStore(EndpointConfig(server.query_url, graph=GRAPH))
        rows = []
        for q in catalog.saved_queries():
            p = REQUIRED.get(q.name, {})
            rows.append(
                (
                    f"query {q.name}",
                    median_ms(lambda q=q, p=p: querying.run(local, q, p), args.repeat),  # type: ignore[misc]
                    median_ms(lambda q=q, p=p: querying.run(remote, q, p), args.repeat),  # type: ignore[misc]
                )
            )
        rows.append(
            (
                "analysis dormancy",
                median_ms(lambda: dormancy.assess(local), args.repeat),
                median_ms(lambda: dormancy.assess(remote), args.repeat),
            )
        )
        rows.append(
            (
                "analysis concentration",
                median_ms(lambda: concentration.analyse(local, "country"), args.repeat),
                median_ms(lambda: concentration.analyse(remote, "country"), args.repeat),
            )
        )
    width = max(len(r[0]) for r in rows)
    print(f"{'operation':<{width}}  {'embedded ms':>11}  {'remote ms':>9}")
    for name, a, b in rows:
        print(f"{name:<{width}}  {a:>11.1f}  {b:>9.1f}")
    print(
        f"{'suite total (saved queries)':<{width}}  {sum(r[1] for r in rows[:-2]):>11.1f}  "
        f"{sum(r[2] for r in rows[:-2]):>9.1f}"
    )


if __name__ == "__main__":
    main()
