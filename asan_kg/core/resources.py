"""Where the ontology, data and saved queries live: a checkout or an installed wheel.

The wheel ships ``ontology/``, ``graph_data/`` and ``queries/`` under ``asan_kg/_resources``
(see ``pyproject.toml``); in a checkout or an editable install they sit beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _root() -> Path:
    bundled = _PACKAGE / "_resources"
    if (bundled / "ontology").is_dir():
        return bundled
    return _PACKAGE.parent


def package_dir() -> Path:
    """The installed ``asan_kg`` package folder."""
    return _PACKAGE


def ontology_dir() -> Path:
    return _root() / "ontology"


def data_dir() -> Path:
    return _root() / "graph_data"


def queries_dir() -> Path:
    return _root() / "queries"


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def rules_dir() -> Path:
    return ontology_dir() / "rules"


def checks_dir() -> Path:
    return queries_dir() / "checks"


def ontology_files() -> list[Path]:
    """The ontology proper: every concern file and vocabulary, not shapes, rules or alignments."""
    root = ontology_dir()
    return sorted(
        p
        for p in root.rglob("*.ttl")
        if p.name != "shapes.ttl" and not {"alignments", "examples"} & set(p.relative_to(root).parts)
    )


def data_files(directory: Path | None = None) -> list[Path]:
    """Every Turtle file of a data directory (default: the bundled graph), sorted."""
    return sorted((directory or data_dir()).rglob("*.ttl"))
