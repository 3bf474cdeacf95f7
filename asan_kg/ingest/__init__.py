"""Data coming in and going out: spreadsheet records to RDF and back (``records*``) and public
twin-town data sets as RDF (``twins``).

May import: ``asan_kg.remote`` and everything below it. Today ``records`` and
``records_reference`` also read two facts from ``asan_kg.analysis`` (an exception recorded in
``[tool.importlinter]``).
"""
