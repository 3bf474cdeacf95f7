"""Run saved or ad-hoc queries with typed parameters against any store that offers ``select``.

``Store`` (the protocol) and ``ResultTable`` live in ``asan_kg.store.table`` and are re-exported
here, where analysis has always imported them.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from asan_kg.sparql import catalog, outer
from asan_kg.sparql.catalog import SavedQuery
from asan_kg.sparql.params import Node, bind, hidden, params_of, resolve
from asan_kg.store.table import ResultTable, Store

__all__ = ["Call", "ResultTable", "Store", "labels", "parallel", "prepare", "run", "run_all", "select"]


def prepare(
    query: SavedQuery, params: dict[str, str] | None = None, lang: str | None = None, project: bool = True
) -> str:
    """The query text with its parameters checked and bound (``--lang`` fills ``?__lang``);
    ``project`` as in ``params.bind``."""
    given = dict(params or {})
    declared = {p.name for p in params_of(query.text)}
    if lang and "lang" in declared and "lang" not in given:
        given["lang"] = lang
    bindings: dict[str, Node | None] = resolve(params_of(query.text), given, query.defaults)
    return bind(query.text, bindings, project)


def run(
    store: Store, query: SavedQuery | str, params: dict[str, str] | None = None, lang: str | None = None
) -> ResultTable:
    """Run a saved query (or its name) with parameters; returns the result table."""
    saved = catalog.find(query) if isinstance(query, str) else query
    return select(store, prepare(saved, params, lang, projects_parameters(store)))


Call = tuple[str, dict[str, str] | None, str | None]  # a saved query's name, parameters, language


def run_all(store: Store, calls: Sequence[Call]) -> list[ResultTable]:
    """Several saved queries, answered in order: at once in threads where the store can
    (``parallel_selects = True``: embedded Oxigraph releases the GIL while it evaluates, so on
    two cores the dormancy inputs at 1M triples take 0.54 s instead of 1.1), else one after
    another. Rows are still converted by the caller, in its thread."""
    return parallel(store, [functools.partial(run, store, *call) for call in calls])


T = TypeVar("T")


def parallel(store: Store, jobs: Sequence[Callable[[], T]]) -> list[T]:
    """Each job's result, in order: the jobs run in threads where ``store`` answers concurrent
    selects (``run_all``), else one after another; the first error is raised."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2 or not getattr(store, "parallel_selects", False):
        return [job() for job in jobs]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="asan-kg-query") as pool:
        return list(pool.map(lambda job: job(), jobs))


def projects_parameters(store: Store) -> bool:
    """Whether bound parameters are also projected for ``store`` (``params.bind``): yes unless it
    says it needs not (``projects_parameters = False``: the embedded Oxigraph engine)."""
    return bool(getattr(store, "projects_parameters", True))


def select(store: Store, text: str) -> ResultTable:
    """The answer of a prepared SELECT, without the parameter columns its binding projected."""
    return store.select(text).without(hidden(text))


def labels(store: Store, lang: str | None = None, nodes: Iterable[str] | None = None) -> dict[str, str]:
    """Node IRI → its label in ``lang`` (English, then any, where it has none): the saved query
    ``labels``, read once per store and language when the store is memoized. With ``nodes``,
    only theirs (``run_for``): an analysis that shows 90 groups need not read every label of a
    national graph."""
    wanted = None if nodes is None else sorted({n for n in nodes if n})
    if wanted is None or not all(writable_iri(n) for n in wanted):
        return {str(node): str(label) for node, label in run(store, "labels", lang=lang).values()}
    out: dict[str, str] = {}
    texts = _with_values(
        prepare(catalog.find("labels"), None, lang, projects_parameters(store)), "node", wanted
    )
    for table in parallel(store, [functools.partial(select, store, text) for text in texts]):  # at once
        out.update((str(node), str(label)) for node, label in table.values())
    return out


def run_for(
    store: Store,
    query: SavedQuery | str,
    variable: str,
    iris: Sequence[str],
    params: dict[str, str] | None = None,
    lang: str | None = None,
    inside: bool = False,
) -> Iterator[ResultTable]:
    """A saved query for the IRIs ``iris`` of ``?variable`` only: a VALUES block at the top of
    the outer WHERE, ``VALUES_CHUNK`` IRIs a request, so the engine reads what concerns them only.
    The caller checks ``writable_iri`` (a blank node cannot be named in a query).

    ``inside`` repeats the block at the top of each OPTIONAL group and UNION branch of the outer
    WHERE that names ``?variable`` (``outer.inner_groups``): Oxigraph evaluates such a group over
    the whole graph before joining it (an OPTIONAL of three patterns or more: 0.3 s a query at a
    million triples for a page's 15 ties, against 3 ms). The answer is the same: every row the
    outer block lets through binds ``?variable`` to a listed IRI, so the rows the inner block
    removes could join none of them."""
    saved = catalog.find(query) if isinstance(query, str) else query
    text = prepare(saved, params, lang, projects_parameters(store))
    for one in _with_values(text, variable, iris, inside):
        yield select(store, one)


def _with_values(text: str, variable: str, iris: Sequence[str], inside: bool = False) -> list[str]:
    """``text`` with a VALUES block of ``?variable`` (``run_for``), one text per ``VALUES_CHUNK``
    IRIs."""
    cuts = sorted([outer.scan(text).where_open, *(outer.inner_groups(text, variable) if inside else [])])
    parts = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    chunks = (iris[i : i + VALUES_CHUNK] for i in range(0, len(iris), VALUES_CHUNK))
    return [
        f"\n  VALUES ?{variable} {{ {' '.join(f'<{n}>' for n in chunk)} }}".join(parts) for chunk in chunks
    ]


def writable_iri(text: str) -> bool:
    """Whether ``text`` is an absolute IRI that can be written between < and > in a query."""
    return _IRI.fullmatch(text) is not None


_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*")
VALUES_CHUNK = 500
