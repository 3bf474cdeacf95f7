"""Compare SPARQL JSON results of the saved queries between the embedded store and another server.

Used by the Virtuoso and grlc tests (and their notes). Everything goes through the ``asan-kg``
command line and plain files, not through the package's modules, so this keeps working while the
package is reorganised.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
GRAPH = "https://w3id.org/asan-kg/graph/asan"
XSD = "http://www.w3.org/2001/XMLSchema#"
#: Values for required parameters (the same as tests/test_queries.py's REQUIRED).
REQUIRED = {"partner-activities": {"partner": "place:dongguan"}, "search-labels": {"text": "dongguan"}}


def asan_kg() -> str:
    """The ``asan-kg`` command of this Python's environment."""
    exe = Path(sys.executable).parent / "asan-kg"
    return str(exe) if exe.exists() else "asan-kg"


def saved_query_files() -> list[Path]:
    """The saved queries ``asan-kg queries`` lists: queries/*.rq and queries/analysis/*.rq."""
    return sorted(QUERIES.glob("*.rq")) + sorted((QUERIES / "analysis").glob("*.rq"))


def saved_query_names() -> list[str]:
    return [p.stem for p in saved_query_files()]


def query_text(name: str) -> str:
    for path in saved_query_files():
        if path.stem == name:
            return path.read_text(encoding="utf-8")
    raise KeyError(name)


def is_ordered(name: str) -> bool:
    """Row order is part of the answer where the query says ORDER BY (GROUP_CONCAT aside)."""
    text = query_text(name)
    return "ORDER BY" in text and "GROUP_CONCAT" not in text


def run_cli(name: str, params: dict[str, str] | None = None, *extra: str) -> dict[str, Any]:
    """``asan-kg query NAME -p k=v … --format json [extra]`` as a parsed SPARQL JSON document."""
    params = REQUIRED.get(name, {}) if params is None else params
    cmd = [asan_kg(), "query", name, "--format", "json", "--lang", "en", *extra]
    for key, value in params.items():
        cmd += ["-p", f"{key}={value}"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASAN_KG_")}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd)} exited {done.returncode}: {(done.stderr or done.stdout).strip()}"
        )
    doc: dict[str, Any] = json.loads(done.stdout)
    return doc


@cache
def embedded(name: str) -> str:
    """The embedded store's answer (JSON text, cached: the data does not change during a run)."""
    return json.dumps(run_cli(name))


def embedded_doc(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(embedded(name))
    return doc


def remote_doc(name: str, endpoint: str, graph: str = GRAPH) -> dict[str, Any]:
    return run_cli(name, None, "--endpoint", endpoint, "--graph", graph)


def http_json(url: str, timeout: float = 60.0, accept: str = "application/json") -> tuple[int, str, str]:
    """GET ``url``: (status, content type, body text), also for 4xx/5xx answers."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return (
                answer.status,
                answer.headers.get("Content-Type", ""),
                answer.read().decode("utf-8", "replace"),
            )
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode("utf-8", "replace")


# -- comparison ------------------------------------------------------------------------------------
Cell = tuple[str, str, str, str] | None  # kind, value, datatype, language


def cell(term: dict[str, Any] | None) -> Cell:
    """A result term in a comparable form; 'typed-literal' (SPARQL 1.0 JSON) counts as 'literal',
    xsd:string as no datatype, GROUP_CONCAT parts ('; ') sorted since their order is the engine's."""
    if term is None:
        return None
    kind = term.get("type", "")
    kind = "literal" if kind == "typed-literal" else kind
    value = str(term.get("value", ""))
    if kind == "literal" and "; " in value:
        value = "; ".join(sorted(value.split("; ")))
    datatype = term.get("datatype", "")
    if datatype == XSD + "string":
        datatype = ""
    return (kind, value, datatype, term.get("xml:lang", ""))


def rows(doc: dict[str, Any]) -> tuple[list[str], list[tuple[Cell, ...]]]:
    variables = [str(v) for v in doc.get("head", {}).get("vars", [])]
    out = [tuple(cell(b.get(v)) for v in variables) for b in doc.get("results", {}).get("bindings", [])]
    return variables, out


@dataclass
class Difference:
    query: str
    what: str

    def __str__(self) -> str:
        return f"{self.query}: {self.what}"


def _show(c: Cell) -> str:
    if c is None:
        return "unbound"
    kind, value, datatype, lang = c
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    text = json.dumps(value, ensure_ascii=False)
    if lang:
        return f"{text}@{lang}"
    return f"{text}^^{datatype.replace(XSD, 'xsd:')}" if datatype else text


def compare(
    name: str, expected: dict[str, Any], actual: dict[str, Any], ordered: bool | None = None
) -> list[Difference]:
    """Every way ``actual`` differs from ``expected``: variables, row count, per-column term
    differences (kind, datatype, language, value), row order."""
    ordered = is_ordered(name) if ordered is None else ordered
    ev, er = rows(expected)
    av, ar = rows(actual)
    out: list[Difference] = []
    if ev != av:
        out.append(Difference(name, f"variables {av} instead of {ev}"))
        return out
    if len(er) != len(ar):
        out.append(Difference(name, f"{len(ar)} rows instead of {len(er)}"))
    if sorted(er, key=repr) == sorted(ar, key=repr):
        if ordered and er != ar:
            out.append(Difference(name, "same rows in another order (the query has ORDER BY)"))
        return out
    # Same rows modulo a per-column mapping? Describe column by column on the sorted rows.
    es, as_ = sorted(er, key=repr), sorted(ar, key=repr)
    if len(es) == len(as_):
        for i, var in enumerate(ev):
            pairs = {(_show(a[i]), _show(b[i])) for a, b in zip(es, as_, strict=True) if a[i] != b[i]}
            if pairs:
                sample = sorted(pairs)[:3]
                more = f" (+{len(pairs) - 3} more)" if len(pairs) > 3 else ""
                out.append(
                    Difference(
                        name,
                        f"?{var}: " + "; ".join(f"{b} instead of {a}" for a, b in sample) + more,
                    )
                )
        if not out:
            out.append(Difference(name, "rows differ (after sorting)"))
        return out
    missing = [r for r in er if r not in ar][:2]
    extra = [r for r in ar if r not in er][:2]
    out.append(
        Difference(
            name,
            "missing rows "
            + ", ".join("(" + ", ".join(map(_show, r)) + ")" for r in missing)
            + "; extra rows "
            + ", ".join("(" + ", ".join(map(_show, r)) + ")" for r in extra),
        )
    )
    return out


def summarise(differences: Iterable[Difference]) -> str:
    return "\n".join(str(d) for d in differences)


def base_params(name: str) -> dict[str, str]:
    """The parameters the saved query gets from its ``#+ defaults:`` plus the REQUIRED values."""
    text = query_text(name)
    params: dict[str, str] = {}
    in_defaults = False
    for line in text.splitlines():
        if not line.startswith("#+"):
            break
        body = line[2:].rstrip()
        if re.match(r"\s*defaults:\s*$", body):
            in_defaults = True
            continue
        if in_defaults:
            m = re.match(r"\s+-\s+([A-Za-z0-9_]+):\s*\"?([^\"]*)\"?\s*$", body)
            if m:
                params[m.group(1)] = m.group(2)
                continue
            in_defaults = False
    params.update(REQUIRED.get(name, {}))
    return params
