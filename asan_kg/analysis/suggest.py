"""Candidate partner cities, by link prediction on the world's twin-town network plus our own.

The graph joins every resolved pair of the public data sets with our city partnerships (cities
keyed by normalised name and country). A candidate is a city two steps from the home city —
twinned with one of our partners, or with a city our partners are twinned with — scored by the
Adamic–Adar index (common neighbours, the rarer the better), and explained in words. The
ranking is evaluated honestly: hide a sample of known twinnings, predict them back, and compare
precision@k with a baseline that ranks the same candidates by how many twins they already have.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from asan_kg.analysis.crosscheck import TwinSet, our_twinnings
from asan_kg.core.text import fold as normalise
from asan_kg.sparql.querying import Store
from asan_kg.vocab.terms import canonical_country, country_info

Key = tuple[str, str]


@dataclass
class Suggestion:
    city: str
    country: str
    region: str
    score: float
    common_partners: list[str]  # our partners it is twinned with
    home_country: str
    partners_in_home_country: int  # other cities of our country it is twinned with
    twins: int  # its twins in all


def build_graph(ours: Store, sources: Sequence[Store]) -> tuple[nx.Graph, Key | None, set[Key]]:
    """The joint twin-town graph; the home city's key; our partners' keys."""
    graph = nx.Graph()

    def key(name: str, country: str) -> Key:
        return normalise(name), normalise(canonical_country(country))

    def add(k: Key, name: str, country: str) -> None:
        if k not in graph:
            info = country_info(country)
            graph.add_node(
                k, name=name, country=canonical_country(country), region=info.region if info else ""
            )

    for store in sources:
        twin = TwinSet.read(store)
        for pair in twin.pairs:
            a, b = sorted(pair)
            ca, cb = twin.cities[a], twin.cities[b]
            if ca["key"][1] in ("", "?") or cb["key"][1] in ("", "?"):
                continue  # an unresolved name has no country: not a node we can rank
            for city in (ca, cb):
                add(city["key"], city["name"], city["key"][1])
            graph.add_edge(ca["key"], cb["key"])
    home: Key | None = None
    partners: set[Key] = set()
    for p in our_twinnings(ours):
        h = key(_english(p["home_names"]), p["home_country"])
        q = key(_english(p["partner_names"]), p["partner_country"])
        add(h, _english(p["home_names"]), p["home_country"])
        add(q, _english(p["partner_names"]), p["partner_country"])
        graph.add_edge(h, q)
        home = h
        partners.add(q)
    return graph, home, partners


def _english(names: list[str]) -> str:
    return next((n for n in names if n.isascii()), names[0])


def adamic_adar(graph: nx.Graph, u: Key, v: Key) -> tuple[float, list[Key]]:
    common = sorted(set(graph[u]) & set(graph[v]))
    return sum(1 / math.log(graph.degree(w)) for w in common if graph.degree(w) > 1), common


def candidates(graph: nx.Graph, home: Key) -> set[Key]:
    near = {w for n in graph[home] for w in graph[n]}
    return near - set(graph[home]) - {home}


def suggest(
    ours: Store, sources: Sequence[Store], region: str | None = None, top: int = 10
) -> list[Suggestion]:
    graph, home, partners = build_graph(ours, sources)
    if home is None:
        return []
    out = []
    for c in candidates(graph, home):
        data = graph.nodes[c]
        if region and data["region"] != region:
            continue
        score, common = adamic_adar(graph, home, c)
        if score <= 0:
            continue
        ours_common = [graph.nodes[w]["name"] for w in common if w in partners]
        home_country = graph.nodes[home]["country"]
        compatriots = [w for w in graph[c] if graph.nodes[w]["country"] == home_country and w != home]
        out.append(
            Suggestion(
                data["name"],
                data["country"],
                data["region"] or "unknown",
                round(score, 4),
                sorted(ours_common),
                home_country,
                len(compatriots),
                graph.degree(c),
            )
        )
    out.sort(key=lambda s: (-s.score, s.city, s.country))
    return out[:top]


@dataclass
class Evaluation:
    hidden: int
    k: int
    precision_adamic_adar: float
    precision_baseline: float
    hit_rate_adamic_adar: float
    hit_rate_baseline: float


def evaluate(graph: nx.Graph, k: int = 10, sample: int = 300, seed: int = 7) -> Evaluation:
    """Hide ``sample`` known twinnings and predict each back for one of its cities.

    For a hidden pair (u, v) the candidates are u's two-step neighbours in the graph without
    the pair; precision@k is the share of top-k lists holding v divided by k (one hidden target
    per list), the hit rate the share of lists that hold it. Baseline: the same candidates ranked
    by degree (preferential attachment).
    """
    rng = random.Random(seed)
    edges = sorted((a, b) for a, b in graph.edges if graph.degree(a) > 2 and graph.degree(b) > 2)
    chosen = rng.sample(edges, min(sample, len(edges)))
    hits_aa = hits_pa = 0
    for u, v in chosen:
        graph.remove_edge(u, v)
        pool = candidates(graph, u)
        aa = sorted(pool, key=lambda c: (-adamic_adar(graph, u, c)[0], c))[:k]
        pa = sorted(pool, key=lambda c: (-graph.degree(c), c))[:k]
        hits_aa += v in aa
        hits_pa += v in pa
        graph.add_edge(u, v)
    n = max(len(chosen), 1)
    return Evaluation(
        len(chosen),
        k,
        round(hits_aa / n / k, 4),
        round(hits_pa / n / k, 4),
        round(hits_aa / n, 4),
        round(hits_pa / n, 4),
    )
