"""``python -m asan_kg``: the same command line as ``asan-kg``."""

from asan_kg.cli import main

main()
