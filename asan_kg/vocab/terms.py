"""Codes shared by every layer: the partnership kinds that make a city-level tie."""

from __future__ import annotations

# Local names of the partnership-kinds scheme (ontology/vocabularies/partnership-kinds.ttl)
# whose ties are between two cities, not between two organizations.
CITY_KINDS = frozenset({"sister-city", "friendship-city"})
