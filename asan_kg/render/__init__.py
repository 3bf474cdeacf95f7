"""What people read: the report (``report``, Markdown and HTML), the interactive network page
(``view``, ``layout``, ``html_network``), SVG charts (``svg``), the Korean and English text
(``i18n``) and the page templates (``templates/``).

May import: ``asan_kg.analysis`` (its results), ``asan_kg.vocab``, ``asan_kg.core``; not
``asan_kg.store``, ``asan_kg.sparql`` or ``asan_kg.remote``.
"""
