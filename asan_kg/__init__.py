"""asan-kg: a knowledge graph of a city's international partnerships.

For notebooks::

    from asan_kg import KnowledgeGraph, dormancy, concentration, network, run_query
    kg = KnowledgeGraph.load()
    report = dormancy.assess(kg, window_months=24)
    table = run_query(kg, "partners", lang="ko")

Names are imported on first use, so the command line starts fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "KnowledgeGraph": ("asan_kg.store", "KnowledgeGraph"),
    "ResultTable": ("asan_kg.store", "ResultTable"),
    "run_query": ("asan_kg.querying", "run"),
    "validate": ("asan_kg.validation", "validate"),
    "dormancy": ("asan_kg.dormancy", None),
    "concentration": ("asan_kg.concentration", None),
    "network": ("asan_kg.network", None),
    "catalog": ("asan_kg.catalog", None),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'asan_kg' has no attribute {name!r}")
    module, attr = _LAZY[name]
    loaded = importlib.import_module(module)
    return loaded if attr is None else getattr(loaded, attr)
