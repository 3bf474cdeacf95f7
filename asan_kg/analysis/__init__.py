"""What the graph says: the evidence of exchange reconciled (``evidence``), dormancy verdicts
(``dormancy``), concentration (``concentration``), the network and its metrics (``network``),
cross-checks against public data (``crosscheck``) and partner suggestions (``suggest``).

Analysis reads query results through the ``Store`` protocol and never walks an rdflib graph.
May import: ``asan_kg.ingest`` and everything below it; not rdflib's graphs, not pyoxigraph.
"""
