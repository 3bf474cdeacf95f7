"""Checking the data: SHACL shapes plus the ``*-violation`` queries (``validation``), reported
per focus node in Korean or English.

May import: ``asan_kg.sparql``, ``asan_kg.store``, ``asan_kg.vocab``, ``asan_kg.core``, pySHACL.
"""
