"""The graph on a server: a SPARQL 1.1 endpoint behind the ``Store`` interface (``endpoint``),
publishing into a named graph all or nothing (``publish``; what it sends: ``kept``, ``inputs``,
``dump``) and a local Oxigraph server (``serve``).

May import: ``asan_kg.checks`` and everything below it (``sparql``, ``store``, ``vocab``,
``core``).
"""
