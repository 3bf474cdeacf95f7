"""The whole spreadsheet import, callable from Python: read the filled-in templates, turn every
valid row into RDF, check the result against the shapes with the data it extends, and write it
(and, with ``skip_invalid``, the rejected rows) atomically under a lock on the target.

    outcome = import_records([Path("records.xlsx")], Path("graph_data/records-2015.ttl"))

Nothing is written unless every row is valid (or ``skip_invalid``) and the shapes hold.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from asan_kg.core.errors import InputError
from asan_kg.core.files import atomic_write_text, file_lock, fingerprint
from asan_kg.core.text import printable
from asan_kg.ingest.records import Importer, Problem
from asan_kg.ingest.records_reference import Reference
from asan_kg.ingest.records_sheets import import_parts
from asan_kg.ingest.records_template import SheetRows, csv_text, read_sheets
from asan_kg.store.canonical import canonical_turtle
from asan_kg.store.embedded import Engine, KnowledgeGraph

if TYPE_CHECKING:  # pySHACL is slow to import: only when shapes are checked
    from asan_kg.checks.validation import Violation


@dataclass
class ImportOutcome:
    """What an import found and did; ``status`` is ok, problems, violations or dry-run."""

    into: Path
    problems: list[Problem]
    valid: dict[str, int]
    status: str = "ok"
    violations: list[Violation] = field(default_factory=list)
    rejects: Path | None = None

    @property
    def written(self) -> bool:
        return self.status == "ok"


def read_all(files: Sequence[Path], into: Path) -> list[SheetRows]:
    parts: list[SheetRows] = []
    for path in files:
        if path.exists() and into.exists() and path.resolve() == into.resolve():
            raise InputError(f"{into}: --into names one of the files being imported; choose another file")
        parts.extend(read_sheets(path))
    if not any(part.rows for part in parts):
        names = ", ".join(str(p) for p in files)
        raise InputError(f"{names}: no rows to import below the header row; fill in the template first")
    return parts


def _header(files: Sequence[Path]) -> str:
    names = ", ".join(" ".join(printable(p.name).split()) for p in files)
    return f"# Imported by asan-kg from {names}.\n\n"


def _rejects_text(problems: list[Problem]) -> str:
    rows = [["file", "sheet", "row", "column", "reason"]]
    rows += [[p.file, p.sheet, str(p.row), p.column, p.reason] for p in problems]
    return csv_text(rows)


def _shape_violations(data: Path | None, engine: Engine, into: Path, text: str) -> list[Violation]:
    from asan_kg.checks.validation import validate

    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / into.name
        candidate.write_text(text, encoding="utf-8")
        return validate(data, extra_files=[candidate], engine=engine).violations


def _write(outcome: ImportOutcome, text: str, force: bool, before: str | None) -> None:
    """Write under the lock, after checking that nobody replaced the target meanwhile."""
    into = outcome.into
    with file_lock(into):
        if fingerprint(into) != before:
            raise InputError(f"{into} changed while this import ran (another import?); run it again")
        if into.exists() and not force:
            raise InputError(f"{into} exists; pass --force to replace it (or choose another --into)")
        atomic_write_text(into, text)
        if outcome.problems:
            outcome.rejects = into.with_suffix(".rejects.csv")
            atomic_write_text(outcome.rejects, _rejects_text(outcome.problems))


def import_records(
    files: Sequence[Path],
    into: Path,
    *,
    data: Path | None = None,
    engine: Engine = "oxigraph",
    dry_run: bool = False,
    force: bool = False,
    skip_invalid: bool = False,
) -> ImportOutcome:
    """Import filled-in templates into ``into`` (see the module's description)."""
    if into.exists() and not force and not dry_run:
        raise InputError(f"{into} exists; pass --force to replace it (or choose another --into)")
    before = fingerprint(into) if into.exists() else None
    parts = read_all(files, into)
    store = KnowledgeGraph.load(data, engine=engine)
    imp = import_parts(Importer(Reference.of(store), parts), parts)
    valid = {sheet: len(rows) for sheet, rows in imp.rows_ok.items()}
    outcome = ImportOutcome(into, imp.problems, valid)
    if imp.problems and not skip_invalid:
        outcome.status = "problems"
        return outcome
    text = canonical_turtle(imp.graph, _header(files))
    outcome.violations = _shape_violations(data, engine, into, text)
    if outcome.violations:
        outcome.status = "violations"
    elif dry_run:
        outcome.status = "dry-run"
    else:
        _write(outcome, text, force, before)
    return outcome
