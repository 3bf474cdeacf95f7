"""The vocabulary: every prefix as plain text (``prefixes``, no rdflib, for the query path),
rdflib namespaces of our IRIs (``namespaces``), the generated ``AKG`` namespace of our ontology
terms (``akg``, written by ``tools/gen_namespace.py``; a test keeps it fresh), and reference
tables (``data/m49-countries.tsv``).

May import: ``asan_kg.core``, rdflib's namespace classes.
"""
