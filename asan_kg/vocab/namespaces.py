"""The rdflib ``Namespace`` objects of our own IRIs, for code that builds rdflib graphs (ingest,
the Data Cube writer, the desk). Their IRIs, and every prefix as plain text, are in
``prefixes``: code that only needs the text imports that and not rdflib.
"""

from __future__ import annotations

from rdflib import Namespace

from asan_kg.vocab import prefixes

ID = Namespace(prefixes.ID)
VOCAB = Namespace(prefixes.VOCAB)
SDMXD = Namespace(prefixes.SDMXD)
WD = Namespace(prefixes.WD)
