"""The base of everything: the error hierarchy with its exit codes (``errors``), atomic file
writes (``files``), terminal-safe text (``text``), Markdown table cells (``markdown``) and where
the ontology, data and saved queries live (``resources``).

May import: the standard library only; nothing else from ``asan_kg``.
"""
