"""The saved-query catalog: one ``.rq`` file per question, with grlc-style ``#+`` headers.

Headers are YAML after ``#+ `` (``summary``, ``tags``, ``defaults``, ``enumerate``, …), the
same format grlc reads, so the ``queries/`` folder can also be served by grlc.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from asan_kg import resources


class CatalogError(Exception):
    """A saved query file that cannot be read (bad header, unknown name)."""


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    text: str
    header: dict[str, Any] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        return str(self.header.get("summary", ""))

    @property
    def tags(self) -> list[str]:
        return [str(t) for t in self.header.get("tags", []) or []]

    def message(self, lang: str) -> str:
        return str(self.header.get(f"message_{lang}", self.header.get("message_en", self.summary)))


def parse_header(path: Path, text: str) -> dict[str, Any]:
    lines = [
        line[3:] if line.startswith("#+ ") else line[2:]
        for line in text.splitlines()
        if line.startswith("#+")
    ]
    if not lines:
        return {}
    try:
        data = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as exc:
        raise CatalogError(
            f"{path}: the '#+' header is not valid YAML ({exc}); fix the header lines"
        ) from exc
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: the '#+' header must be 'key: value' lines")
    return data


def load_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    return SavedQuery(path.stem, path, text, parse_header(path, text))


def checks(directory: Path | None = None) -> list[SavedQuery]:
    """The ``*-violation.rq`` checks: each returns rows only when the data is wrong."""
    return [load_query(p) for p in sorted((directory or resources.checks_dir()).glob("*-violation.rq"))]
