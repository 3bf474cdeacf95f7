"""The desk: a local web application over the graph (``asan-kg desk``).

A top layer like ``asan_kg.cli``: it calls the lower layers (analysis, render, sparql, ingest,
checks) and presents their results as pages, forms and downloads.
"""
