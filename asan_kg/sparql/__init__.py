"""Asking the graph: the saved-query catalog (``catalog``), typed BASIL parameters bound by a
``VALUES`` block (``params``), running a query on any ``Store`` (``querying``), the per-run
memo (``memo``) and result formats (``formats``: CSV, TSV, JSON, Markdown).

May import: ``asan_kg.store``, ``asan_kg.vocab``, ``asan_kg.core``.
"""
