"""asan-kg: a knowledge graph of a city's international partnerships.

For notebooks::

    from asan_kg import KnowledgeGraph, run_query
    from asan_kg.analysis import dormancy
    from asan_kg.analysis import concentration
    from asan_kg.analysis import network
    kg = KnowledgeGraph.load()
    report = dormancy.assess(kg, window_months=24)
    table = run_query(kg, "partners", lang="ko")

Names are imported on first use, so the command line starts fast.

Packages, one per layer, each importing only those below it (checked by ``lint-imports``):
``core`` → ``vocab`` → ``store`` → ``sparql`` → ``checks`` → ``remote`` → ``ingest`` →
``analysis`` → ``render`` → ``cli`` (and ``desk``, the web application, beside ``cli``).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "KnowledgeGraph": ("asan_kg.store.embedded", "KnowledgeGraph"),
    "ResultTable": ("asan_kg.store.table", "ResultTable"),
    "Store": ("asan_kg.store.table", "Store"),
    "memoized": ("asan_kg.sparql.memo", "memoized"),
    "run_query": ("asan_kg.sparql.querying", "run"),
    "validate": ("asan_kg.checks.validation", "validate"),
    "dormancy": ("asan_kg.analysis.dormancy", None),
    "concentration": ("asan_kg.analysis.concentration", None),
    "network": ("asan_kg.analysis.network", None),
    "catalog": ("asan_kg.sparql.catalog", None),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'asan_kg' has no attribute {name!r}")
    module, attr = _LAZY[name]
    loaded = importlib.import_module(module)
    return loaded if attr is None else getattr(loaded, attr)
