"""The saved-query catalog: one ``.rq`` file per question, with grlc-style ``#+`` headers.

Headers are YAML after ``#+ `` (``summary``, ``tags``, ``defaults``, ``enumerate``, …), the
same format grlc reads, so the ``queries/`` folder can also be served by grlc. A catalogue query's
header is parsed on first use: a command that runs five saved queries does not parse all fifty
headers (about 40 ms at start-up); ``load_query`` (a file given by hand) still checks it at once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asan_kg.core import resources
from asan_kg.core.errors import InputError
from asan_kg.sparql.params import Param, params_of


class CatalogError(InputError):
    """A saved query file that cannot be read (bad header, unknown name)."""


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    text: str

    @functools.cached_property
    def header(self) -> dict[str, Any]:
        """The ``#+`` header as YAML (``CatalogError`` when it is not)."""
        return parse_header(self.path, self.text)

    @property
    def summary(self) -> str:
        return str(self.header.get("summary", ""))

    @property
    def tags(self) -> list[str]:
        return [str(t) for t in self.header.get("tags", []) or []]

    @property
    def params(self) -> list[Param]:
        return params_of(self.text)

    @property
    def defaults(self) -> dict[str, str]:
        """grlc ``defaults``: a list of one-key mappings (``- lang: en``) or one mapping."""
        raw = self.header.get("defaults") or []
        items = raw if isinstance(raw, list) else [raw]
        merged: dict[str, str] = {}
        for item in items:
            if isinstance(item, dict):
                merged.update({str(k): str(v) for k, v in item.items()})
        return merged

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
    import yaml  # only where a header is read: most commands read a few of them, or none

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
    """A query file given by hand, its header checked now (a bad one is refused before running)."""
    query = _read(path)
    _ = query.header
    return query


def _read(path: Path) -> SavedQuery:
    return SavedQuery(path.stem, path, path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=8)
def _saved(root: Path) -> tuple[SavedQuery, ...]:
    paths = sorted(root.glob("*.rq")) + sorted((root / "analysis").glob("*.rq"))
    return tuple(_read(p) for p in paths)


def saved_queries(directory: Path | None = None) -> list[SavedQuery]:
    """Every saved question: ``queries/*.rq`` and ``queries/analysis/*.rq`` (not the checks)."""
    return list(_saved(directory or resources.queries_dir()))


@functools.lru_cache(maxsize=8)
def _by_name(root: Path) -> dict[str, SavedQuery]:
    return {q.name: q for q in _saved(root)}


def find(name: str, directory: Path | None = None) -> SavedQuery:
    """The saved query called ``name`` (file name without ``.rq``)."""
    queries = _by_name(directory or resources.queries_dir())
    if name not in queries:
        close = [n for n in sorted(queries) if name in n or n in name]
        hint = f"; did you mean {', '.join(close)}?" if close else "; run 'asan-kg queries' to list them"
        raise CatalogError(f"no saved query named '{name}'{hint}")
    return queries[name]


def checks(directory: Path | None = None) -> list[SavedQuery]:
    """The ``*-violation.rq`` checks: each returns rows only when the data is wrong."""
    return [load_query(p) for p in sorted((directory or resources.checks_dir()).glob("*-violation.rq"))]
