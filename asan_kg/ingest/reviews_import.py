"""Review decisions in, as one function a Python user can call: read the sheet, convert each row
with provenance to file and row, check the result against the shapes together with the data it
extends, and write it atomically only when every row and every shape passes."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from asan_kg.checks.validation import Violation, validate
from asan_kg.core.errors import InputError
from asan_kg.core.files import atomic_write_text
from asan_kg.ingest import reviews
from asan_kg.sparql.querying import Store
from asan_kg.store.canonical import canonical_turtle


@dataclass
class ReviewImport:
    into: Path
    imported: int = 0
    problems: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    written: bool = False


def import_reviews(
    file: Path, into: Path, store: Store, data: Path | None, *, dry_run: bool = False, force: bool = False
) -> ReviewImport:
    """Import a filled-in reviews sheet into ``into``; nothing is written unless all is valid."""
    if into.exists() and not force and not dry_run:
        raise InputError(f"{into} exists; pass --force to replace it (or choose another --into)")
    converted = reviews.convert(reviews.read(file), store, file)
    outcome = ReviewImport(into, len(converted.reviews), list(map(str, converted.problems)))
    if outcome.problems:
        return outcome
    text = canonical_turtle(converted.graph, f"# Imported by asan-kg from {file.name}.\n\n")
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / into.name
        candidate.write_text(text, encoding="utf-8")
        outcome.violations = validate(data, extra_files=[candidate]).violations
    if not outcome.violations and not dry_run:
        atomic_write_text(into, text)
        outcome.written = True
    return outcome
