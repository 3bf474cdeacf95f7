"""asan-kg: a knowledge graph of a city's international partnerships."""

__version__ = "0.1.0"
