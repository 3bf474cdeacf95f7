"""Holding the graph: the embedded store (``embedded.KnowledgeGraph``, Oxigraph or rdflib), what
every store answers with (``table.ResultTable``, the ``table.Store`` protocol), the one term and
date conversion (``terms``), loading with line-accurate errors (``loading``), the on-disk cache
(``cache``) and canonical Turtle (``canonical``).

May import: ``asan_kg.core``, ``asan_kg.vocab``, rdflib, pyoxigraph.
"""
